/** The organization as step 5 sees it, in a few lines (see organizationLines). */
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { tone } from '../../ui/theme.js';
import type { AccountModel } from '../../core/model.js';
import { organizationLines } from './organization-context.js';

export function OrganizationSummary({ model }: { model: AccountModel }) {
	return (
		<Box flexDirection="column">
			{organizationLines(model).map((line, i) => (
				<Text key={i} wrap="truncate-end" {...(line.token ? tone(line.token) : {})}>
					{line.text}
				</Text>
			))}
		</Box>
	);
}
