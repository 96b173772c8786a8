/** The step list run together in a short terminal: every step's number, title and state, wrapped at whole steps. */
import { describe, expect, it } from 'vitest';
import { compactStepLines, stepListRows, type StepListEntry } from '../../source/ui/StepList.js';

const titles = ['Inventory', 'Access Analyzer', 'Scope policies', 'Permission boundaries', 'MFA and credentials', 'Monitoring'];
const entries = (statuses: StepListEntry['status'][]): StepListEntry[] => titles.map((title, i) => ({ number: i + 1, title, status: statuses[i] ?? {} }));
const text = (lines: ReturnType<typeof compactStepLines>) => lines.map((line) => line.map((item) => `${item.separated ? ' · ' : ''}${item.name} ${item.status}`).join(''));

describe('compactStepLines', () => {
	it('marks the current step, says what was applied and a phase, and never cuts a step across lines', () => {
		const steps = entries([{ findings: 37, selected: 0, applied: 0 }, { phase: 'loading' }, {}, { findings: 52, selected: 24, applied: 3, phase: 'failed' }, { findings: 11, selected: 6, applied: 0 }, { findings: 0, selected: 0, applied: 26 }]);
		const lines = text(compactStepLines(steps, 4, 80));
		expect(lines).toEqual([
			'1 Inventory 37 · 2 Access Analyzer … · 3 Scope policies –',
			'› 4 Permission boundaries 52 (3 applied, failed) · 5 MFA and credentials 11',
			'6 Monitoring 0 (26 applied)',
		]);
		expect(stepListRows(steps, 4, { columns: 80, rows: 24 })).toBe(3);
	});

	it('fits a wide terminal on one line, and a tall one keeps a line a step', () => {
		const steps = entries([{ findings: 37 }, {}, {}, {}, {}, { findings: 15 }]);
		expect(text(compactStepLines(steps, 6, 140))).toEqual(['1 Inventory 37 · 2 Access Analyzer – · 3 Scope policies – · 4 Permission boundaries – · 5 MFA and credentials – · › 6 Monitoring 15']);
		expect(stepListRows(steps, 6, { columns: 140, rows: 29 })).toBe(1);
		expect(stepListRows(steps, 6, { columns: 140, rows: 30 })).toBe(6);
	});
});
