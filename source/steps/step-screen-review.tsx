/**
 * The reviewing state of the generic step screen: the step's findings (most severe first)
 * and the actions it proposes, with selection, excluded principals and what was not checked.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Box } from 'ink';
import { Text } from '../ui/Text.js';
import { accountNotEvaluated } from '../core/account-not-evaluated.js';
import type { Finding } from '../core/finding.js';
import { severityRank } from '../core/finding-catalogue.js';
import type { StepPlan } from '../core/step-plan.js';
import { ActionsList } from '../ui/ActionsList.js';
import { FindingsList } from '../ui/FindingsList.js';
import { shortResource } from '../ui/finding-subject.js';
import { ScrollText, type StyledLine } from '../ui/ScrollText.js';
import { keyLabel } from '../ui/key-bindings.js';
import { keyPriority } from '../ui/KeyDispatcher.js';
import { muted, strong, tone } from '../ui/theme.js';
import { useKeyLayer } from '../ui/use-key-layer.js';
import { useTerminalSize } from '../ui/use-terminal-size.js';
import { wrapLines } from '../ui/wrap-lines.js';
import { useWholeLines, WholeLines } from '../ui/WholeLines.js';
import type { StepMachineContext, StepMachineEvent } from '../wizard/step-machine-types.js';
import type { WizardStep } from './registry.js';

export const notBuiltMessage = "This step's checks are not built yet: nothing is proposed.";

/** Every finding the screen shows: the step's own, then those of other steps it remediates. */
export function findingsOfPlan(plan: StepPlan | null): Finding[] {
	if (!plan) return [];
	return [...plan.findings, ...(plan.addresses ?? [])].sort(
		(a, b) => severityRank(a.severity) - severityRank(b.severity) || (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0),
	);
}

export interface ReviewViewProps {
	step: WizardStep;
	context: StepMachineContext;
	findings: readonly Finding[];
	height: number;
	isActive: boolean;
	send: (event: StepMachineEvent) => void;
	/** When given, Enter on the findings pane opens these lines for the finding under the cursor. */
	detail?: (finding: Finding) => StyledLine[];
	/** The step's finding count when `findings` folds several into one row (step 4: a row per principal), so the title matches the step list. */
	total?: number;
	/** The step's own lines under the title (not counted in `height`). */
	header?: ReactNode;
}

export function ReviewView({ step, context, findings, height, isActive, send, detail, total, header }: ReviewViewProps) {
	const plan = context.plan!;
	const [pane, setPane] = useState<'findings' | 'actions'>(plan.actions.length > 0 ? 'actions' : 'findings');
	const [opened, setOpened] = useState<Finding | undefined>();
	const { columns } = useTerminalSize();
	const [notice, setNotice] = useState<string | undefined>();
	const selected = useMemo(() => new Set(context.selected), [context.selected]);
	const blocked = useMemo(() => new Map(context.blocked.map((b) => [b.index, b.reason])), [context.blocked]);
	const selectable = plan.actions.length - context.blocked.length;

	// What the account read could not see comes first: its reason names the permission to grant.
	const unread = context.model ? accountNotEvaluated(context.model, [step.number]) : [];
	const reasons = [...new Set([...unread, ...plan.notEvaluated].map((n) => n.reason))];
	const notes = step.built ? reasons.map((reason) => `Not checked: ${reason}`) : [notBuiltMessage];
	const excluded = plan.excluded.map((e) => `Excluded ${shortResource(e.arn)}: ${e.reason}`);
	const allNotes: StyledLine[] = [...notes, ...excluded].map((text) => ({ text }));
	/** The notes in full (!): every "Not checked" and every exclusion, wrapped. */
	const notesOpen = useWholeLines({ isActive, available: allNotes.length > 0, priority: keyPriority.screen });

	useKeyLayer(
		({ command }) => {
			if (opened) {
				if (command !== 'back' && command !== 'cancel') return false;
				setOpened(undefined);
				return true;
			}
			if (command === 'switchPane') {
				setPane((p) => (p === 'findings' ? 'actions' : 'findings'));
				return true;
			}
			if (command === 'selectAll') {
				send(context.selected.length >= selectable ? { type: 'SELECT_NONE' } : { type: 'SELECT_ALL' });
				return true;
			}
			if (command === 'preview' || command === 'next') {
				if (context.selected.length === 0) {
					setNotice(plan.actions.length === 0 ? 'There is nothing to preview in this step.' : `Select at least one action (${keyLabel('toggle')}) to preview.`);
				} else {
					send({ type: 'PREVIEW' });
				}
				return true;
			}
			return false;
		},
		{ isActive: isActive && !notesOpen, priority: keyPriority.screen },
	);

	// In a short terminal the lists matter more than every note.
	const roomy = height >= 18;
	// Very short (80x24, with a step panel below or a status above): the lists keep their rows first; ! shows the notes.
	const tight = height < 16;
	const shownNotes = tight ? [] : notes.slice(0, roomy ? 2 : 1);
	const shownExcluded = tight ? [] : excluded.slice(0, roomy ? 2 : 1);
	const hiddenExcluded = excluded.length - shownExcluded.length;
	const fixed = 1 + shownNotes.length + 2 + 2 + shownExcluded.length + (hiddenExcluded > 0 ? 1 : 0) + 1 + (notice ? 1 : 0);
	const avail = Math.max(2, height - fixed);
	const actionShare = roomy ? Math.ceil(avail / 2) : Math.floor(avail / 3);
	const actionRows = Math.max(1, Math.min(Math.max(plan.actions.length, 1), actionShare));
	const findingRows = Math.max(1, avail - actionRows);

	if (notesOpen) {
		return <WholeLines title={`Step ${step.number} · ${step.title}: notes`} lines={allNotes} height={height} isActive={isActive} backTo="the findings" />;
	}
	if (opened && detail) {
		return (
			<Box flexDirection="column">
				{/* The lines, their "lines x–y of n" line and the keys back fill `height`. */}
				<ScrollText lines={wrapLines(detail(opened), Math.max(20, columns - 1))} height={Math.max(3, height - 2)} isActive={isActive} />
				<Text {...muted()}>
					{keyLabel('back')} or {keyLabel('cancel')} back to the findings · ↑↓ scroll
				</Text>
			</Box>
		);
	}
	return (
		<Box flexDirection="column">
			<Text {...strong()}>
				Step {step.number} · {step.title}
			</Text>
			{header}
			{shownNotes.map((note) => (
				<Text key={note} wrap="truncate-end" {...(step.built ? muted() : tone('status.warning'))}>
					{note}
				</Text>
			))}
			<Text {...(pane === 'findings' ? tone('focus.title', { bold: true }) : strong())}>Findings ({total !== undefined && total !== findings.length ? `${total} in ${findings.length} rows` : findings.length})</Text>
			<FindingsList findings={findings} height={findingRows} isActive={isActive && pane === 'findings'} {...(detail ? { onOpen: setOpened } : {})} />
			<Text {...(pane === 'actions' ? tone('focus.title', { bold: true }) : strong())}>
				Proposed actions: {context.selected.length} of {plan.actions.length} selected
			</Text>
			<ActionsList
				actions={plan.actions}
				selected={selected}
				blocked={blocked}
				lockout={context.lockout}
				height={actionRows}
				isActive={isActive && pane === 'actions'}
				onToggle={(index) => {
					setNotice(undefined);
					send({ type: 'TOGGLE', index });
				}}
				emptyText={step.built ? 'Nothing to change in this step.' : 'Nothing is proposed.'}
			/>
			{shownExcluded.map((line) => (
				<Text key={line} wrap="truncate-end" {...muted()}>
					{line}
				</Text>
			))}
			{hiddenExcluded > 0 ? <Text {...muted()}>{shownExcluded.length > 0 ? `…and ${hiddenExcluded} more excluded` : `${hiddenExcluded} excluded from the proposal`}</Text> : null}
			{notice ? <Text {...tone('status.warning')}>{notice}</Text> : null}
			<Text wrap="truncate-end" {...muted()}>
				{allNotes.length > 0 ? `${keyLabel('notes')} notes (${allNotes.length}) · ` : ''}
				{keyLabel('toggle')} select · {keyLabel('selectAll')} all/none · {keyLabel('switchPane')} findings/actions{detail ? ` · ${keyLabel('next')} on a finding: its paths` : ''} · {keyLabel('preview')} preview · {keyLabel('help')} help
			</Text>
		</Box>
	);
}
