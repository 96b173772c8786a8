/**
 * The organization as step 5 sees it, in a few lines (see organizationLines): the account's
 * path with the SCPs on each level, and, when there is room, the whole OU tree.
 */
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { tone } from '../../ui/theme.js';
import type { AccountModel } from '../../core/model.js';
import { accountPathLine, organizationLines, organizationTree, type ContextLine } from './organization-context.js';

/** The lines shown: the organization, the account's path, and the tree when `room` allows it. */
export function organizationSummaryLines(model: AccountModel, room: number): ContextLine[] {
	const path = accountPathLine(model);
	const lines = [...organizationLines(model), ...(path ? [path] : [])];
	const tree = organizationTree(model);
	return tree.length > 0 && tree.length <= room ? [...lines, ...tree] : lines;
}

export function OrganizationSummary({ lines }: { lines: ContextLine[] }) {
	return (
		<Box flexDirection="column">
			{lines.map((line, i) => (
				<Text key={i} wrap="truncate-end" {...(line.token ? tone(line.token) : {})}>
					{line.text}
				</Text>
			))}
		</Box>
	);
}
