/**
 * The states of a batch before and while it runs, for the main batch and its rollback
 * alike: preview → confirm → applying (spinner) → verifying (spinner).
 */
import { Box } from 'ink';
import wrapAnsi from 'wrap-ansi';
import { Text } from '../ui/Text.js';
import type { Finding } from '../core/finding.js';
import type { AccountModel } from '../core/model.js';
import { modelAfterActions } from '../core/model-after-action.js';
import { ActionPreview } from '../ui/ActionPreview.js';
import { Busy } from '../ui/Busy.js';
import { ConfirmPrompt } from '../ui/ConfirmPrompt.js';
import { keyLabel } from '../ui/key-bindings.js';
import { keyPriority } from '../ui/KeyDispatcher.js';
import { muted, strong, tone } from '../ui/theme.js';
import { useKeyLayer } from '../ui/use-key-layer.js';
import { useTerminalSize } from '../ui/use-terminal-size.js';
import type { BatchRun, RollbackRun, StepMachineContext, StepMachineEvent } from '../wizard/step-machine-types.js';
import { PreviewValidation, previewKeys, validationLine } from './preview-validation.js';
import { plural } from '../core/plural.js';

type Send = (event: StepMachineEvent) => void;


/** The rows a line takes once Ink wraps it at the terminal's width. */
const rowsOf = (text: string, columns: number) => wrapAnsi(text, Math.max(1, columns), { hard: true, trim: false }).split('\n').length;

export interface PreviewViewProps {
	run: BatchRun | RollbackRun;
	rollback: boolean;
	context: StepMachineContext;
	findings: readonly Finding[];
	height: number;
	isActive: boolean;
	readOnly: boolean;
	send: Send;
}

/** A rollback is previewed against the account as the batch it undoes left it. */
function previewModel(context: StepMachineContext, rollback: boolean): AccountModel | undefined {
	if (!context.model) return undefined;
	if (!rollback) return context.model;
	return modelAfterActions(context.model, (context.batch?.report?.applied ?? []).map((a) => a.action));
}

export function PreviewView({ run, rollback, context, findings, height, isActive, readOnly, send }: PreviewViewProps) {
	const { columns } = useTerminalSize();
	useKeyLayer(
		(event) => {
			const { command } = event;
			if (command === 'next' && !readOnly) send({ type: 'NEXT' });
			else if (command === 'back' || command === 'cancel') send({ type: 'BACK' });
			else if (!rollback && run.validation?.unavailable !== undefined && previewKeys.match(event) === 'local') send({ type: 'VALIDATE_LOCALLY' });
			else return false;
			return true;
		},
		{ isActive, priority: keyPriority.screen, keys: previewKeys },
	);
	const cannotUndo = 'cannotUndo' in run ? run.cannotUndo : [];
	const title = rollback
		? `Roll back: ${plural(run.actions.length, 'change')} that undo what was applied, last first. Nothing has been changed yet.`
		: `Preview: ${plural(run.actions.length, 'change')} to account ${context.accountId}. Nothing has been changed yet.`;
	const gate = rollback ? null : run.validation;
	// The policy gate (as apply --plan's): confirming waits for it and is refused while it refuses the batch.
	const gated = !rollback && (gate === null || gate.blocking.length > 0 || gate.unavailable !== undefined);
	const line = rollback ? null : validationLine(gate);
	// The lines above the actions wrap, never cut (they say what confirming does): count the rows each takes.
	const blastLine = run.confirmation.level === 'typed-account-id' ? `High blast radius, you will type the account ID: ${run.confirmation.reasons.join('; ')}` : null;
	// Three named at most, so a long batch still leaves the actions room.
	const cannotUndoLine = cannotUndo.length > 0 ? `Cannot be undone, stays as it is: ${cannotUndo.slice(0, 3).map((a) => a.action.summary).join('; ')}${cannotUndo.length > 3 ? `; and ${cannotUndo.length - 3} more` : ''}` : null;
	const rows = (text: string | null | undefined) => (text ? rowsOf(text, columns) : 0);
	const risks = run.confirmation.lockoutRisks;
	const lockoutLine = risks.length > 0 ? `Lock-out risk, asked about on its own before anything is applied: ${risks.join('; ')}` : null;
	const extra = rows(title) - 1 + rows(lockoutLine) + rows(blastLine) + rows(cannotUndoLine) + (readOnly ? 1 : 0) + rows(line?.text);
	return (
		<Box flexDirection="column">
			<Text {...strong()}>{title}</Text>
			{lockoutLine ? <Text {...tone('status.error', { bold: true })}>{lockoutLine}</Text> : null}
			{blastLine ? <Text {...tone('status.warning')}>{blastLine}</Text> : null}
			{cannotUndoLine ? <Text {...tone('status.warning')}>{cannotUndoLine}</Text> : null}
			{rollback ? null : <PreviewValidation gate={run.validation} />}
			<ActionPreview
				actions={run.actions}
				findings={findings}
				model={previewModel(context, rollback)}
				rollback={rollback}
				height={Math.max(3, height - 3 - extra)}
				isActive={isActive}
			/>
			{readOnly ? <Text {...tone('mode.snapshot')}>SNAPSHOT is read-only: this preview cannot be applied.</Text> : null}
			<Text {...muted()}>
				{readOnly || gated ? '' : `${keyLabel('next')} confirm · `}
				{gate?.unavailable !== undefined ? `${previewKeys.hint('local')} · ` : ''}
				{keyLabel('back')} back · ↑↓ PgUp PgDn scroll
			</Text>
		</Box>
	);
}

export interface ConfirmViewProps {
	run: BatchRun | RollbackRun;
	rollback: boolean;
	context: StepMachineContext;
	isActive: boolean;
	send: Send;
}

export function ConfirmView({ run, rollback, context, isActive, send }: ConfirmViewProps) {
	return (
		<Box flexDirection="column">
			<Text {...strong()}>
				{rollback ? 'Confirm the rollback' : 'Confirm'}: {plural(run.actions.length, 'change')}, step {context.step}
			</Text>
			<ConfirmPrompt
				accountId={context.accountId ?? ''}
				actionCount={run.actions.length}
				level={run.confirmation.level}
				lockoutRisks={run.confirmation.lockoutRisks}
				typedReasons={run.confirmation.reasons}
				irreversibleCount={run.confirmation.irreversible.length}
				verb={rollback ? 'roll back' : 'apply'}
				isActive={isActive}
				onSubmit={({ reason, typedAccountId }) =>
					send({ type: 'CONFIRM', reason, ...(typedAccountId ? { typedAccountId } : {}), ...(run.confirmation.lockoutRisks.length > 0 ? { overrideLockout: true } : {}) })
				}
				onCancel={() => send({ type: 'CANCEL' })}
			/>
			{context.confirmRejection ? <Text {...tone('status.error')}>Not applied: {context.confirmRejection}.</Text> : null}
		</Box>
	);
}

export function ApplyingView({ run, rollback, isActive, send }: { run: BatchRun; rollback: boolean; isActive: boolean; send: Send }) {
	useKeyLayer(
		({ command }) => {
			if (command !== 'cancel') return false;
			send({ type: 'CANCEL' });
			return true;
		},
		{ isActive, priority: keyPriority.screen },
	);
	const last = run.progress.at(-1);
	const total = last?.total ?? run.actions.length;
	const current = last ? (last.phase === 'applied' ? Math.min(last.index + 2, total) : last.index + 1) : 1;
	const action = last && last.phase !== 'applied' ? last.action : run.pending[current - 1 - run.pendingStart] ?? last?.action;
	return (
		<Box flexDirection="column">
			<Busy label={`${rollback ? 'Rolling back' : 'Applying'} ${current} of ${total}: ${action?.summary ?? ''}`} />
			<Text {...muted()}>{keyLabel('cancel')} stops after the current change; what was applied can then be rolled back.</Text>
		</Box>
	);
}

export function VerifyingView({ rollback }: { rollback: boolean }) {
	return (
		<Busy
			label={`Verifying${rollback ? ' the rollback' : ''}: re-reading each changed resource (IAM is eventually consistent, this can take a few seconds)…`}
		/>
	);
}
