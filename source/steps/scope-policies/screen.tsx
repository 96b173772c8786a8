/**
 * Step 3's own screen: the policies with findings, each with what would be proposed and
 * why not when nothing is. The operator adds evidence and choices to the policy under the
 * cursor — l reads last-accessed data, e picks resource ARNs, m toggles the MFA template,
 * i adds source IP ranges, t a time window, v validates the proposal through the gateway —
 * and p previews the marked (or current) policies' changes as one batch, run by the generic
 * screen's preview, confirmation, executor and rollback. The proposals themselves come from
 * the pure plan (analyseScope), re-run on every change of evidence or choice.
 */
import { useEffect, useState } from 'react';
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { useSelector } from '@xstate/react';
import { commandHint, hints, keyLabel } from '../../ui/key-bindings.js';
import { keyPriority } from '../../ui/KeyDispatcher.js';
import { ScrollList } from '../../ui/ScrollList.js';
import type { StyledLine } from '../../ui/ScrollText.js';
import { muted, strong, tone } from '../../ui/theme.js';
import { useKeyLayer } from '../../ui/use-key-layer.js';
import { useWholeLines, WholeLines } from '../../ui/WholeLines.js';
import { CustomBatchView, useCustomBatch } from '../step-screen-custom-batch.js';
import { StepScreen, stateName, type StepScreenProps } from '../step-screen.js';
import { useStepServices } from '../step-services.js';
import type { PolicyScope } from './plan.js';
import { candidateArns, knownResources, scopableStatements } from './resource-choices.js';
import { scopeKeys } from './scope-keys.js';
import { ScopeDetail, scopeDetailLines, scopeDetailRows, scopeDetailTitle, wholeDetail } from './ScopeDetail.js';
import { ScopePrompt, answerPrompt, promptRows, type ScopePromptKind } from './ScopePrompt.js';
import { useScopeEvidence } from './use-scope-evidence.js';

function status(scope: PolicyScope): { mark: string; token: 'status.ok' | 'status.warning' | 'status.muted' } {
	if (scope.actions.length > 0) return { mark: '✓', token: 'status.ok' };
	if (scope.blocked) return { mark: '–', token: 'status.muted' };
	return { mark: '·', token: 'status.muted' };
}

export function ScopePoliciesScreen(props: StepScreenProps) {
	const { step, actor, height, isActive, readOnly, log } = props;
	const snapshot = useSelector(actor, (s) => s);
	const state = stateName(snapshot);
	const { model, planContext } = snapshot.context;
	const { gateway } = useStepServices();
	const batch = useCustomBatch(actor);
	const evidence = useScopeEvidence(model, gateway, planContext);
	const { inputs, analysis, busy, notice, setNotice, setChoices } = evidence;
	const [cursor, setCursor] = useState<PolicyScope | undefined>();
	// The marks live in the step's machine: the step list counts them, and they survive moving to another step and back.
	const marks = snapshot.context.marked;
	const marked = new Set(marks ?? []);
	const setMarked = (keys: Set<string>) => actor.send({ type: 'MARK', keys: [...keys] });
	useEffect(() => {
		if (marks === null) actor.send({ type: 'MARK', keys: [] });
	}, [actor, marks]);
	const [prompt, setPrompt] = useState<ScopePromptKind | undefined>();
	const [text, setText] = useState('');

	const scopes = analysis?.scopes ?? [];
	const current = scopes.find((s) => s.source.key === cursor?.source.key) ?? scopes[0];
	const catalogue = planContext.catalogue;
	const reviewing = state === 'reviewing' && !batch.batch && analysis !== undefined;

	const startBatch = (ready: PolicyScope[]) => {
		const keys = new Set(ready.map((s) => s.source.key));
		batch.start(
			ready.flatMap((s) => s.actions),
			{
				findings: ready.flatMap((s) => s.findings),
				// Marking a policy (or previewing the one under the cursor) chooses its change on purpose: a lock-out
				// risk (a policy the operator has) is selected, and the confirmation asks about it on its own.
				overrideLockout: true,
				// The applied documents replace the ones the choices were made on.
				onApplied: () => {
					setMarked(new Set());
					evidence.clearChoices(keys);
				},
			},
		);
	};

	/** The marked (or current) policies' changes, validated through the gateway first, as one batch. */
	const preview = () => {
		const chosenKeys = marked.size > 0 ? [...marked] : current ? [current.source.key] : [];
		const ready = scopes.filter((s) => chosenKeys.includes(s.source.key) && s.actions.length > 0);
		if (ready.length === 0) {
			setNotice({ text: current?.blocked ? `Nothing to apply for ${current.source.name}: ${current.blocked}` : 'Nothing to apply: add evidence or choices first.', token: 'status.warning' });
			return;
		}
		evidence.validateThenPreview(ready, chosenKeys, startBatch);
	};

	/** e: ARNs for the next statement on Resource "*" (again: the first, starting from what was chosen). */
	const askArns = (scope: PolicyScope) => {
		const statements = catalogue ? scopableStatements(catalogue, scope.source.document) : [];
		if (statements.length === 0) {
			setNotice({ text: `${scope.source.name} has no statement on Resource "*" whose actions take specific resources.`, token: 'status.warning' });
			return;
		}
		const key = scope.source.key;
		const done = new Set(Object.keys(inputs.choices?.[key]?.resources ?? {}).map(Number));
		const target = statements.find((s) => !done.has(s.index)) ?? statements[0]!;
		setText((inputs.choices?.[key]?.resources?.[target.index] ?? []).join(', '));
		setPrompt({ kind: 'arns', statement: target.index, label: `${target.label} (${target.actions.slice(0, 4).join(', ')}${target.actions.length > 4 ? ', …' : ''})`, candidates: model ? candidateArns(catalogue!, knownResources(model), target.actions) : [] });
	};

	const idle = reviewing && !prompt && !busy;
	/** ! shows what the screen cuts: the notes and the detail of the policy under the cursor, whole. */
	const whole = useWholeLines({ isActive: isActive && idle, priority: keyPriority.screen });
	useKeyLayer(
		(event) => {
			const { command } = event;
			if (!current) return false;
			const key = current.source.key;
			if (command === 'preview' || command === 'next') {
				preview();
				return true;
			}
			if (command === 'toggle') {
				const next = new Set(actor.getSnapshot().context.marked ?? []);
				if (next.has(key)) next.delete(key);
				else next.add(key);
				setMarked(next);
				return true;
			}
			if (command) return false;
			switch (scopeKeys.match(event)) {
				case 'mfa':
					setChoices(key, (c) => ({ ...c, mfa: !(c.mfa ?? current.proposal?.changes.some((line) => line.includes('MFA')) ?? false) }));
					return true;
				case 'sourceIp':
					setText('');
					setPrompt({ kind: 'ip' });
					return true;
				case 'timeWindow':
					setText('');
					setPrompt({ kind: 'time' });
					return true;
				case 'resourceArns':
					askArns(current);
					return true;
				case 'lastAccessed':
					evidence.readUsage(current);
					return true;
				case 'validate':
					evidence.validate(current);
					return true;
				case 'clearChoices':
					evidence.clearChoices(new Set([key]));
					return true;
				default:
					return false;
			}
		},
		{ isActive: isActive && idle && !whole, priority: keyPriority.screen, keys: scopeKeys },
	);

	if (batch.batch) return <CustomBatchView step={step} control={batch} height={height} isActive={isActive} readOnly={readOnly} log={log} />;
	if (!reviewing) return <StepScreen {...props} />;

	const submit = (value: string) => {
		if (!current || !prompt) return;
		const { update, problem } = answerPrompt(prompt, value);
		if (update) setChoices(current.source.key, update);
		if (problem) setNotice({ text: problem, token: 'status.warning' });
		setPrompt(undefined);
	};

	const ready = scopes.filter((s) => s.actions.length > 0).length;
	const notes = analysis!.plan.notEvaluated.filter((n) => n.findingIds.length > 0);
	// The detail (or the prompt, whose question names the policy's statement) takes the rows it needs; the list gets the rest.
	// In a short terminal (80×24) the detail is compact and the prompt numbers fewer ARNs.
	const compact = height < 16;
	const choices = current ? inputs.choices?.[current.source.key] : undefined;
	// Above: the title, the summary, the notes; below the list: its "rows x–y of n" line, the busy line, the notice and the hints.
	const fixedRows = 4 + notes.length + (busy ? 1 : 0) + (notice ? 1 : 0);
	const maxCandidates = Math.max(0, height - fixedRows - 3 - promptRows({ kind: 'ip' }) - 1);
	const belowRows = prompt ? promptRows(prompt, maxCandidates) : current ? scopeDetailRows(current, choices, compact) : 0;
	const listRows = Math.max(3, height - fixedRows - belowRows);
	const summary = `Findings (${analysis!.plan.findings.length}) in ${scopes.length} policies · ${ready} with a change ready · ${marked.size} selected · ✓ ready, – not proposed, · nothing to do`;
	const wholeLines: StyledLine[] = [
		{ text: summary },
		...notes.map((n): StyledLine => ({ text: `Not checked: ${n.reason}` })),
		...(current ? [{ text: '' }, scopeDetailTitle(current), ...scopeDetailLines(current, choices, wholeDetail)] : []),
	];
	return (
		<Box flexDirection="column">
			{whole ? <WholeLines title={`Step ${step.number} · ${step.title}: notes${current ? ` and ${current.source.name}` : ''}, whole`} lines={wholeLines} height={height} isActive={isActive} backTo="the policies" /> : null}
			{/* Hidden, not unmounted, while the whole lines are open: the list keeps its cursor. */}
			<Box flexDirection="column" display={whole ? 'none' : 'flex'}>
				<Text {...strong()}>
					Step {step.number} · {step.title}
				</Text>
				<Text wrap="truncate-end" {...muted()}>
					{summary}
				</Text>
				{notes.map((n) => (
					<Text key={n.area} wrap="truncate-end" {...muted()}>
						Not checked: {n.reason}
					</Text>
				))}
				<ScrollList
					items={scopes}
					height={listRows}
					isActive={isActive && idle && !whole}
					isSelected={(s) => marked.has(s.source.key)}
					onCursorChange={(s) => setCursor(s)}
					renderRow={(s) => {
						const mark = status(s);
						return (
							<Text>
								<Text {...tone(mark.token)}>{mark.mark} </Text>
								{s.source.name} <Text {...muted()}>({s.source.kind}) {[...new Set(s.findings.map((f) => f.id.replace('POLICY_', '')))].join(' ')}</Text>
							</Text>
						);
					}}
					emptyText="No policy has a step-3 finding."
				/>
				{current && !prompt ? <ScopeDetail scope={current} choices={choices} compact={compact} /> : null}
				{prompt ? <ScopePrompt prompt={prompt} value={text} onChange={setText} onSubmit={submit} onLeave={() => setPrompt(undefined)} isActive={isActive} maxCandidates={maxCandidates} /> : null}
				{busy ? <Text {...tone('status.info')}>{busy}…</Text> : null}
				{notice ? (
					<Text wrap="truncate-end" {...tone(notice.token)}>
						{notice.text}
					</Text>
				) : null}
				<Text wrap="truncate-end" {...muted()}>
					{hints(
						`${keyLabel('notes')} whole lines`,
						commandHint('toggle', 'select'),
						commandHint('preview', 'preview'),
						...(['lastAccessed', 'resourceArns', 'mfa', 'sourceIp', 'timeWindow', 'validate', 'clearChoices'] as const).map((a) => scopeKeys.hint(a)),
						commandHint('help', 'help'),
					)}
				</Text>
			</Box>
		</Box>
	);
}
