/** A coloured unified diff (from diff-lines.ts), scrolling when taller than `height`. */
import type { DiffLine, DiffLineKind } from './diff-lines.js';
import { ScrollText, type StyledLine } from './ScrollText.js';
import type { ColourToken } from './theme.js';

const tokens: Record<DiffLineKind, ColourToken | undefined> = {
	header: 'diff.header',
	hunk: 'diff.hunk',
	added: 'diff.added',
	removed: 'diff.removed',
	context: undefined,
	note: 'status.muted',
};

export function diffStyledLines(lines: readonly DiffLine[], indent = ''): StyledLine[] {
	return lines.map((line) => ({ text: indent + line.text, token: tokens[line.kind] }));
}

export function DiffView({ lines, height = lines.length, isActive = true }: { lines: readonly DiffLine[]; height?: number; isActive?: boolean }) {
	return <ScrollText lines={diffStyledLines(lines)} height={height} isActive={isActive} />;
}
