/**
 * The tab bar of step 5's sections: one line, the current one highlighted, then the keys
 * that move between them, named as keys ("[ ] sections"): a bare "[ ]" reads as a checkbox.
 * When the whole line does not fit the width, the long titles take their short form first.
 */
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { keyLabel } from '../../ui/key-bindings.js';
import { muted, tone } from '../../ui/theme.js';
import { useTerminalSize } from '../../ui/use-terminal-size.js';
import { step5Sections, type Step5Section } from './step5-sections.js';

const separator = ' │ ';

/** The titles to show at this width: the full ones if the bar and its hint fit, else the short ones. */
export function sectionTitles(columns: number, hint: string): string[] {
	const full = step5Sections.map((s) => s.title);
	const width = (titles: string[]) => titles.join(separator).length + hint.length;
	return width(full) <= columns ? full : step5Sections.map((s) => s.short ?? s.title);
}

export function SectionTabs({ current }: { current: Step5Section }) {
	const { columns } = useTerminalSize();
	const hint = `  ${keyLabel('prevSection')} ${keyLabel('nextSection')} sections`;
	const titles = sectionTitles(columns, hint);
	return (
		<Box>
			<Text wrap="truncate-end">
				{step5Sections.map((s, i) => (
					<Text key={s.id}>
						{i > 0 ? <Text {...muted()}>{separator}</Text> : null}
						{s.id === current ? <Text {...tone('focus.title', { bold: true })}>{titles[i]}</Text> : <Text {...muted()}>{titles[i]}</Text>}
					</Text>
				))}
				<Text {...muted()}>{hint}</Text>
			</Text>
		</Box>
	);
}
