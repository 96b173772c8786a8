/**
 * Step 5's MFA guardrail section: the organization (the account's path, SCPs at each
 * level), the guardrail iam-wizard proposes (the RequireMFA SCP on the test OU, or the
 * force-MFA IAM policy), and its impact — who would be denied, how they sign in and when
 * they last did, blockers first — beside what the seed's SCP as written would deny.
 * p previews the guardrail's batch (the same preview, confirmation and undo as any plan).
 */
import { useMemo } from 'react';
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { keyLabel } from '../../ui/key-bindings.js';
import { keyPriority } from '../../ui/KeyDispatcher.js';
import { ScrollList } from '../../ui/ScrollList.js';
import { muted, tone } from '../../ui/theme.js';
import { useKeyLayer } from '../../ui/use-key-layer.js';
import { guardrailRows, guardrailSummary } from './guardrail-lines.js';
import { planGuardrail } from './guardrail-plan.js';
import { OrganizationSummary } from './OrganizationSummary.js';
import type { Step5PaneProps } from './pane-props.js';

export function GuardrailPane({ model, plan, planContext, height, isActive, readOnly, batch }: Step5PaneProps) {
	const guardrail = useMemo(() => planGuardrail(model, planContext), [model, planContext]);
	const rows = useMemo(() => guardrailRows(guardrail), [guardrail]);
	const summary = guardrailSummary(guardrail);

	useKeyLayer(
		({ command }) => {
			if (command !== 'preview' || guardrail.actions.length === 0) return false;
			const findings = plan.findings.filter((f) => f.id === 'MFA_NOT_ENFORCED');
			batch.start(guardrail.actions, { findings });
			return true;
		},
		{ isActive, priority: keyPriority.pane },
	);

	// The organization line, the summary, the list's overflow line, the footer.
	const fixed = 1 + summary.length + 1 + 1;
	return (
		<Box flexDirection="column">
			<OrganizationSummary model={model} />
			{summary.map((line) => (
				<Text key={line.text} wrap="truncate-end" {...(line.token ? tone(line.token) : {})}>
					{line.text}
				</Text>
			))}
			<ScrollList
				items={rows}
				height={Math.max(2, height - fixed)}
				isActive={isActive}
				renderRow={(row) => <Text {...(row.token ? tone(row.token) : {})}>{row.text}</Text>}
				emptyText="Nobody would be denied."
			/>
			<Text wrap="truncate-end" {...muted()}>
				{guardrail.actions.length > 0 ? `${keyLabel('preview')} preview the guardrail (${guardrail.actions.length} change${guardrail.actions.length === 1 ? '' : 's'})${readOnly ? ', preview only' : ''}` : 'Nothing to apply here.'} · {keyLabel('prevSection')} {keyLabel('nextSection')} sections
			</Text>
		</Box>
	);
}
