/**
 * A batch's outcome as sections of lines (step 6's TestEventPattern proofs, the findings gone,
 * those remaining…; a failed batch's changes applied; a rollback's changes not yet visible or
 * not undone), cut to the rows the screen has left: each list gives up its last lines
 * (the longest first) for a "…n more" line that says ! shows them all. Pure.
 */
import type { StyledLine } from './ScrollText.js';

export interface OutcomeSection {
	/** Always shown, when there is one. */
	heading?: StyledLine;
	items: readonly StyledLine[];
	/** Items at most even when there is room; the rest are counted. */
	limit: number;
	/** The line that counts the items cut: "…and 3 more". */
	more: (hidden: number) => string;
}

const rowsOf = (section: OutcomeSection, shown: number) => (section.heading ? 1 : 0) + shown + (shown < section.items.length ? 1 : 0);

/** The sections' lines in `rows` rows or fewer (headings and "more" lines kept), and whether anything was cut. */
export function fitSections(sections: readonly OutcomeSection[], rows: number): { lines: StyledLine[]; cut: boolean } {
	const shown = sections.map((s) => Math.min(s.items.length, s.limit));
	const total = () => sections.reduce((sum, s, i) => sum + rowsOf(s, shown[i]!), 0);
	while (total() > rows) {
		// The list showing the most gives up a line (its "more" line takes one row once, on its first cut).
		const widest = shown.reduce((best, n, i) => (n > shown[best]! ? i : best), 0);
		if (shown[widest]! === 0) break;
		shown[widest] = shown[widest]! - 1;
	}
	const lines = sections.flatMap((s, i) => {
		const n = shown[i]!;
		const hidden = s.items.length - n;
		return [...(s.heading ? [s.heading] : []), ...s.items.slice(0, n), ...(hidden > 0 ? [{ text: ` ${s.more(hidden)} · ! shows all`, token: 'status.muted' as const }] : [])];
	});
	return { lines, cut: sections.some((s, i) => shown[i]! < s.items.length) };
}

/** Every line of the sections, nothing cut (what ! shows). */
export function allSectionLines(sections: readonly OutcomeSection[]): StyledLine[] {
	return sections.flatMap((s) => [...(s.heading ? [s.heading] : []), ...s.items]);
}
