/** Step 5's root user section: the console checklist (next: attestations and the centralized-root path). */
import { Box, Text } from 'ink';
import { strong } from '../../ui/theme.js';
import type { Step5PaneProps } from './pane-props.js';

export function RootUserPane(_props: Step5PaneProps) {
	return (
		<Box flexDirection="column">
			<Text {...strong()}>Root user</Text>
		</Box>
	);
}
