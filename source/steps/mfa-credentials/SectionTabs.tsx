/** The tab bar of step 5's sections: one line, the current one highlighted. */
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { keyLabel } from '../../ui/key-bindings.js';
import { muted, tone } from '../../ui/theme.js';
import { step5Sections, type Step5Section } from './step5-sections.js';

export function SectionTabs({ current }: { current: Step5Section }) {
	return (
		<Box>
			<Text wrap="truncate-end">
				{step5Sections.map((s, i) => (
					<Text key={s.id}>
						{i > 0 ? <Text {...muted()}> │ </Text> : null}
						{s.id === current ? <Text {...tone('focus.title', { bold: true })}>{s.title}</Text> : <Text {...muted()}>{s.title}</Text>}
					</Text>
				))}
				<Text {...muted()}>
					{'  '}
					{keyLabel('prevSection')} {keyLabel('nextSection')}
				</Text>
			</Text>
		</Box>
	);
}
