/** Step 5's password policy section: today's policy against the CIS values (next: the diff and its batch). */
import { Box, Text } from 'ink';
import { strong } from '../../ui/theme.js';
import type { Step5PaneProps } from './pane-props.js';

export function PasswordPolicyPane({ model }: Step5PaneProps) {
	const current = model.passwordPolicy;
	return (
		<Box flexDirection="column">
			<Text {...strong()}>Account password policy</Text>
			<Text>{current === undefined ? 'Not read.' : current === null ? 'None: AWS defaults apply.' : JSON.stringify(current)}</Text>
		</Box>
	);
}
