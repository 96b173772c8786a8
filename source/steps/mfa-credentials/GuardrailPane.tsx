/** Step 5's MFA guardrail section: the organization as read, and (next) the RequireMFA SCP with its impact. */
import { Box, Text } from 'ink';
import { strong } from '../../ui/theme.js';
import { OrganizationSummary } from './OrganizationSummary.js';
import type { Step5PaneProps } from './pane-props.js';

export function GuardrailPane({ model }: Step5PaneProps) {
	return (
		<Box flexDirection="column">
			<Text {...strong()}>Organization</Text>
			<OrganizationSummary model={model} />
		</Box>
	);
}
