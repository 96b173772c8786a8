/**
 * The last gate before a batch is applied: a reason or ticket ID (once per batch), then a
 * separate yes for each lock-out risk, then y/N — or, for a high-blast-radius batch, the
 * account ID typed out. It only reports: onSubmit with what was entered, or onCancel.
 */
import { useState } from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';
import { keyLabel, yesNoKeys } from './key-bindings.js';
import { keyPriority } from './KeyDispatcher.js';
import { TextField } from './TextField.js';
import { muted, strong, tone } from './theme.js';
import { useKeyLayer } from './use-key-layer.js';

export type ConfirmationLevel = 'yes-no' | 'typed-account-id';

export interface ConfirmResult {
	reason: string;
	typedAccountId?: string;
}

export interface ConfirmPromptProps {
	accountId: string;
	actionCount: number;
	level: ConfirmationLevel;
	/** One sentence per action that could cut the caller's own access; each is confirmed on its own. */
	lockoutRisks?: readonly string[];
	/** Why the account ID is typed (the confirmation's reasons: an SCP on an OU, a key deleted for good…). */
	typedReasons?: readonly string[];
	/** How many of the actions cannot be undone. */
	irreversibleCount?: number;
	/** "apply" or "roll back". */
	verb?: string;
	onSubmit: (result: ConfirmResult) => void;
	onCancel: () => void;
	isActive?: boolean;
}

type Phase = { name: 'reason' } | { name: 'lockout'; index: number } | { name: 'confirm' };

export function ConfirmPrompt(props: ConfirmPromptProps) {
	const { accountId, actionCount, level, lockoutRisks = [], typedReasons = [], irreversibleCount = 0, verb = 'apply', onSubmit, onCancel, isActive = true } = props;
	const [phase, setPhase] = useState<Phase>({ name: 'reason' });
	const [reason, setReason] = useState('');
	const [typed, setTyped] = useState('');
	const [problem, setProblem] = useState<string | undefined>();
	const changes = `${actionCount} change${actionCount === 1 ? '' : 's'}`;

	const afterReason = (): Phase => (lockoutRisks.length > 0 ? { name: 'lockout', index: 0 } : { name: 'confirm' });
	const yesNoActive = isActive && (phase.name === 'lockout' || (phase.name === 'confirm' && level === 'yes-no'));

	useKeyLayer(
		(event) => {
			const answer = yesNoKeys.match(event);
			const { command } = event;
			if (answer === 'yes') {
				if (phase.name === 'lockout') setPhase(phase.index + 1 < lockoutRisks.length ? { name: 'lockout', index: phase.index + 1 } : { name: 'confirm' });
				else onSubmit({ reason: reason.trim() });
				return true;
			}
			if (answer === 'no' || command === 'next' || command === 'cancel') {
				onCancel();
				return true;
			}
			return false;
		},
		{ isActive: yesNoActive, priority: keyPriority.prompt, keys: yesNoKeys },
	);

	return (
		<Box flexDirection="column">
			<Text>
				Reason or ticket ID (written to the change log):{' '}
				{phase.name === 'reason' ? (
					<TextField
						value={reason}
						onChange={(value) => {
							setReason(value);
							setProblem(undefined);
						}}
						onSubmit={(value) => {
							if (value.trim() === '') setProblem('A reason or ticket ID is required (Esc cancels).');
							else setPhase(afterReason());
						}}
						onLeave={onCancel}
						isActive={isActive}
						placeholder="e.g. SEC-1234 rotate keys"
					/>
				) : (
					reason.trim()
				)}
			</Text>
			{phase.name === 'lockout' ? (
				<Box flexDirection="column">
					<Text {...tone('status.error', { bold: true })}>Lock-out risk: {lockoutRisks[phase.index]}</Text>
					<Text>Go on despite this risk? [y/N]</Text>
				</Box>
			) : null}
			{phase.name === 'confirm' && level === 'yes-no' ? (
				<Text {...strong()}>
					{verb === 'apply' ? 'Apply' : 'Roll back'} {changes} to account {accountId}? [y/N]
				</Text>
			) : null}
			{phase.name === 'confirm' && level === 'typed-account-id' ? (
				<Box flexDirection="column">
					{/* Its own reasons: a generic "many principals" sentence misdescribed one key deleted for good. */}
					<Text {...tone('status.warning', { bold: true })}>{typedReasons.length > 0 ? `${typedReasons.join('; ')}.` : 'This batch asks for the account ID typed out.'}</Text>
					<Text>
						Type the account ID {accountId} to {verb} {changes}:{' '}
						<TextField
							value={typed}
							onChange={(value) => {
								setTyped(value);
								setProblem(undefined);
							}}
							onSubmit={(value) => {
								if (value.trim() === accountId) onSubmit({ reason: reason.trim(), typedAccountId: value.trim() });
								else setProblem(`That is not ${accountId}. Type it exactly, or press Esc to cancel.`);
							}}
							onLeave={onCancel}
							isActive={isActive}
						/>
					</Text>
				</Box>
			) : null}
			{irreversibleCount > 0 && phase.name !== 'reason' ? (
				<Text {...tone('status.warning')}>
					{irreversibleCount} of these changes cannot be undone.
				</Text>
			) : null}
			{problem ? <Text {...tone('status.error')}>{problem}</Text> : null}
			<Text {...muted()}>{phase.name === 'confirm' && level === 'yes-no' ? `${yesNoKeys.label('yes')} ${verb === 'apply' ? 'applies' : 'rolls back'}; ${yesNoKeys.label('no')}, ${keyLabel('next')} or ${keyLabel('cancel')} cancels: nothing is ${verb === 'apply' ? 'applied' : 'rolled back'}.` : `${keyLabel('cancel')} cancels: nothing is ${verb === 'apply' ? 'applied' : 'rolled back'}.`}</Text>
		</Box>
	);
}
