/**
 * Step 5's password policy section: today's account password policy beside the CIS values,
 * field by field; p previews setting it (undo restores today's policy, or deletes the
 * policy when there was none).
 */
import { useMemo } from 'react';
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { keyLabel } from '../../ui/key-bindings.js';
import { keyPriority } from '../../ui/KeyDispatcher.js';
import { muted, strong, tone } from '../../ui/theme.js';
import { useKeyLayer } from '../../ui/use-key-layer.js';
import type { Step5PaneProps } from './pane-props.js';
import { passwordPolicyDiff, targetPasswordPolicy } from './password-policy-plan.js';

const show = (value: unknown) => (value === undefined ? 'unset' : String(value));

export function PasswordPolicyPane({ model, plan, height, isActive, readOnly, batch }: Step5PaneProps) {
	const current = model.passwordPolicy;
	const action = plan.actions.find((a) => a.kind === 'iam:UpdateAccountPasswordPolicy');
	const target = useMemo(() => targetPasswordPolicy(current), [current]);
	const changes = useMemo(() => passwordPolicyDiff(current, target), [current, target]);

	useKeyLayer(
		({ command }) => {
			if (command !== 'preview' || !action) return false;
			batch.start([action], { findings: (plan.addresses ?? []).filter((f) => f.id === 'PASSWORD_POLICY_WEAK') });
			return true;
		},
		{ isActive, priority: keyPriority.pane },
	);

	if (current === undefined) return <Text {...tone('status.warning')}>The account password policy could not be read (iam:GetAccountPasswordPolicy): nothing is proposed.</Text>;
	const rows = changes.slice(0, Math.max(1, height - 4));
	return (
		<Box flexDirection="column">
			<Text {...strong()}>Account password policy {current === null ? '(none today: AWS defaults apply)' : ''}</Text>
			{action ? (
				rows.map((c) => (
					<Text key={c.field} wrap="truncate-end">
						{'  '}
						{c.field}: <Text {...tone('diff.removed')}>{show(c.from)}</Text> → <Text {...tone('diff.added')}>{show(c.to)}</Text>
					</Text>
				))
			) : (
				<Text {...tone('status.ok')}>It meets the CIS values (minimum length 14, reuse prevention 24): nothing to change.</Text>
			)}
			<Text wrap="truncate-end" {...muted()}>
				{action ? `${keyLabel('preview')} preview setting it${readOnly ? ' (preview only)' : ''} · undo restores today's policy${current === null ? ' (deletes it: there is none today)' : ''}` : ''}
			</Text>
		</Box>
	);
}
