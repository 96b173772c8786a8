/**
 * Every screen of the wizard on the demo account fits the smallest terminal it accepts
 * (80×24): a frame taller than the terminal scrolls its first lines away, the header and the
 * step's title with them. Each step's review, step 5's sections, the previews and the panes
 * a key opens are drawn and measured.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxGateway, type SandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import type { Action } from '../../source/core/actions.js';
import { GatewayError } from '../../source/core/gateway-error.js';
import { minimumTerminal } from '../../source/ui/terminal-guard.js';
import { cleanupInk, ENTER, TAB, type RenderedInk } from '../helpers/render-ink.js';
import { confirmWithAccountId, confirmWithReason } from '../helpers/confirm-batch.js';
import { App } from '../../source/app.js';
import { defaultThresholds } from '../../source/core/settings.js';
import { wizardSteps } from '../../source/steps/registry.js';
import { MemoryAuditSink } from '../helpers/memory-audit-sink.js';
import { renderInk } from '../helpers/render-ink.js';
import { noWait, renderSandboxWizard, wizardNow } from '../helpers/render-wizard.js';
import { theCatalogue } from '../steps/scope-policies/scope-fixtures.js';

afterEach(cleanupInk);

const lineCount = (frame: string) => frame.replace(/\n+$/, '').split('\n').length;

/** Step, what shows once it is read, the keys pressed (each waited for by what it opens), what the screen then shows. */
const screens: [string, number, string, [string, string][]][] = [
	['step 1', 1, 'Findings (', []],
	['step 1, a finding’s evidence', 1, 'Findings (', [[ENTER, 'back to the findings']]],
	['step 1, help', 1, 'Findings (', [['?', 'Keys']]],
	['step 1, dashboard whole', 1, 'Findings (', [['!', 'notes, whole']]],
	['step 2', 2, 'Findings (', []],
	['step 2, setup and trust', 2, 'Findings (', [[TAB, 'Setup and trust findings']]],
	['step 2, notes whole', 2, 'Findings (', [['!', 'notes, whole']]],
	['step 3', 3, 'Findings (', []],
	['step 3, notes and policy whole', 3, 'Findings (', [['!', ', whole']]],
	['step 4', 4, 'Proposed actions', []],
	['step 4, editing the template', 4, 'Proposed actions', [['e', 'Services the boundary allows']]],
	['step 4, preview', 4, 'Proposed actions', [['p', 'Preview:']]],
	// Its reason to type the account ID and the policy gate's line wrap to five rows at 80 columns: the preview counts them.
	['step 4, preview validated', 4, 'Proposed actions', [['p', 'Policy validation by']]],
	['step 5, guardrail', 5, 'MFA guardrail │', []],
	['step 5, guardrail whole', 5, 'MFA guardrail │', [['!', 'whole']]],
	// A high-blast-radius preview: its reason and the policy gate's line, both wrapped.
	['step 5, guardrail preview validated', 5, 'MFA guardrail │', [['p', 'Policy validation by']]],
	['step 5, password policy', 5, 'MFA guardrail │', [[']', 'Account password policy']]],
	['step 5, root user', 5, 'MFA guardrail │', [[']', 'Account password policy'], [']', 'Root user: do these']]],
	['step 5, access keys', 5, 'MFA guardrail │', [['[', 'Proposed actions'], ['[', 'Long-lived access keys']]],
	['step 5, all changes', 5, 'MFA guardrail │', [['[', 'Proposed actions']]],
	['step 6', 6, 'Proposed actions', []],
	['step 6, Security Hub', 6, 'Proposed actions', [['h', 'Security Hub is not enabled']]],
	['step 6, preview', 6, 'Proposed actions', [['p', 'Preview:']]],
];

describe('every screen fits 80×24', () => {
	it.each(screens)('%s', async (_, step, ready, keys) => {
		const { ui } = renderSandboxWizard(createSandboxGateway({ now: () => wizardNow }), { initialStep: step, ...minimumTerminal });
		let frame = await ui.waitForText(ready);
		for (const [key, shows] of keys) {
			ui.press(key);
			frame = await ui.waitForText(shows);
		}
		// Not the last row: Ink leaves it for the cursor, and a frame that fills it is redrawn by clearing the terminal, scrollback included.
		expect(lineCount(frame)).toBeLessThanOrEqual(minimumTerminal.rows - 1);
		// The header's first line and the wizard's footer are both on the screen.
		expect(frame.split('\n')[0]).toMatch(/^iam-wizard · account 123456789012/);
		expect(frame).toContain('q quit');
	});
});

describe('a batch’s outcome fits 80×24', () => {
	// Step 6's TestEventPattern proofs and the findings gone scrolled the header and the step list off the top.
	it.each([
		[6, 'Proposed actions: 26 of 26 selected', 'Preview:', (ui: RenderedInk) => confirmWithReason(ui, 'SEC-1 monitoring'), 'Done: 26 changes applied', /…\d+ more proof lines · ! shows all/],
		// Its preview takes Enter once the policy gate has validated the boundary.
		[4, 'Proposed actions', 'Policy validation by', (ui: RenderedInk) => confirmWithAccountId(ui, 'SEC-2 boundaries', '123456789012'), 'Done: ', /…and \d+ more · ! shows all/],
	] as const)('step %i, after its batch on the demo sandbox: the outcome keeps the header first and the footer last, and ! shows it whole', async (step, ready, previewed, confirm, done, cut) => {
		const { ui } = renderSandboxWizard(createSandboxGateway({ now: () => wizardNow }), { initialStep: step, ...minimumTerminal });
		await ui.waitForText(ready);
		ui.press('p');
		await ui.waitForText(previewed);
		await confirm(ui);
		// Once verified and the account re-read (the step list counts it applied).
		const frame = await ui.waitForFrame((f) => f.includes(done) && /applied\)|\d+ applied/.test(f), 60_000);
		expect(lineCount(frame)).toBeLessThanOrEqual(minimumTerminal.rows - 1);
		expect(frame.split('\n')[0]).toMatch(/^iam-wizard · account 123456789012/);
		expect(frame).toMatch(cut);
		expect(frame).toContain('Gone (');
		// It counts the batch's findings, which the step list beside it (the whole step's) does not.
		expect(frame).toMatch(/^Remaining of this batch's findings \(\d+\)$/m);
		expect(frame.replace(/\n+$/, '').split('\n').at(-1)).toContain('q quit');
		ui.press('!');
		const whole = await ui.waitForText(`Step ${step} · `);
		expect(whole).toMatch(/: the outcome, whole/);
		expect(lineCount(whole)).toBeLessThanOrEqual(minimumTerminal.rows - 1);
		expect(whole.split('\n')[0]).toMatch(/^iam-wizard · account 123456789012/);
		ui.press('!');
		await ui.waitForFrame((f) => !f.includes('the outcome, whole') && f.includes(done));
	});
});

describe('a batch’s outcome on a tall terminal', () => {
	it('step 4 at 140×40: the findings gone take the rows the screen has, not four lines and a count', async () => {
		const { ui } = renderSandboxWizard(createSandboxGateway({ now: () => wizardNow }), { initialStep: 4, columns: 140, rows: 40 });
		await ui.waitForText('Proposed actions');
		ui.press('p');
		await ui.waitForText('Policy validation by');
		await confirmWithAccountId(ui, 'SEC-2 boundaries', '123456789012');
		const frame = await ui.waitForFrame((f) => f.includes('Done: ') && /\d+ applied/.test(f), 60_000);
		const lines = frame.replace(/\n+$/, '').split('\n');
		expect(lines.length).toBeLessThanOrEqual(39);
		expect(lines[0]).toMatch(/^iam-wizard · account 123456789012/);
		const gone = lines.findIndex((l) => /^Gone \(\d+\)/.test(l));
		const shown = lines.slice(gone + 1).findIndex((l) => !l.startsWith('  '));
		const total = Number(/^Gone \((\d+)\)/.exec(lines[gone]!)![1]);
		// 45 gone on the demo: as many as the 39 rows hold (a "more" line still counts the rest).
		expect(total).toBeGreaterThan(20);
		expect(shown).toBeGreaterThan(20);
		// A principal's escalations are told apart by their method, as the preview names them.
		expect(lines.slice(gone + 1, gone + 1 + shown).every((l) => !l.startsWith('  Privilege escalation: '))).toBe(true);
		expect(frame).toMatch(/^  Privilege escalation \(\w+\): user\//m);
		expect(lines.at(-1)).toContain('q quit');
	});
});

/**
 * The demo sandbox with reads a test steers: before its batch a Config rule "exists already"
 * (so changing it cannot be undone), and once `rollingBack` is set, re-reading a change the
 * rollback made fails (so it is not visible yet).
 */
function steeredSandbox() {
	const sandbox = createSandboxGateway({ now: () => wizardNow });
	const phase = { rollingBack: false };
	const applied = new Set<Action>();
	const gateway: SandboxGateway = {
		...sandbox,
		apply: async (action) => {
			const result = await sandbox.apply(action);
			applied.add(action);
			return result;
		},
		readState: async (action) => {
			if (phase.rollingBack && applied.has(action)) throw new GatewayError('Throttling', 'Rate exceeded.');
			const state = await sandbox.readState(action);
			return !phase.rollingBack && action.kind === 'config:PutConfigRule' ? ({ ...(state as object), exists: true } as typeof state) : state;
		},
	};
	return { gateway, phase };
}

describe('a rollback’s and a failed batch’s outcome fit 80×24', () => {
	// Their "Not yet visible" and "Not undone" lines were drawn one row each, however many: the header scrolled off the top.
	it('step 6 rolled back with every undoing not yet visible and its Config rules not undone: the lists are cut, ! shows them all', async () => {
		const { gateway, phase } = steeredSandbox();
		const { ui } = renderSandboxWizard(gateway, { initialStep: 6, ...minimumTerminal });
		await ui.waitForText('Proposed actions: 26 of 26 selected');
		ui.press('p');
		await ui.waitForText('Preview:');
		await confirmWithReason(ui, 'SEC-1 monitoring');
		await ui.waitForFrame((f) => f.includes('Done: 26 changes applied') && f.includes('26 applied)'), 60_000);
		phase.rollingBack = true;
		ui.press('u');
		await ui.waitForText('Roll back: ');
		await confirmWithReason(ui, 'SEC-1 undo');
		const frame = await ui.waitForFrame((f) => /Rolled back: \d+ changes undone/.test(f) && f.includes('rolled back)'), 60_000);
		expect(lineCount(frame)).toBeLessThanOrEqual(minimumTerminal.rows - 1);
		expect(frame.split('\n')[0]).toMatch(/^iam-wizard · account 123456789012/);
		expect(frame.replace(/\n+$/, '').split('\n').at(-1)).toContain('q quit');
		expect(frame).toMatch(/^0 of \d+ confirmed by re-reading\.$/m);
		expect(frame).toMatch(/^Not yet visible: .*\(Rate exceeded\.\)/m);
		expect(frame).toMatch(/…\d+ more not yet visible · ! shows all/);
		expect(frame).toMatch(/^Not undone \(cannot be\): /m);
		expect(frame).toMatch(/…\d+ more not undone · ! shows all/);
		expect(frame).toContain('r re-reads the account');
		ui.press('!');
		const whole = await ui.waitForText('Step 6 · Monitoring: the rollback, whole');
		expect(lineCount(whole)).toBeLessThanOrEqual(minimumTerminal.rows - 1);
		expect(whole.split('\n')[0]).toMatch(/^iam-wizard · account 123456789012/);
		// Every line is there to scroll to: the rollback's changes, one "Not yet visible" each, and the eight rules.
		const total = Number(/lines \d+–\d+ of (\d+)/.exec(whole)?.[1]);
		expect(total).toBeGreaterThanOrEqual(2 + 17 + 8);
		ui.press('!');
		await ui.waitForFrame((f) => !f.includes('the rollback, whole') && /Rolled back: /.test(f));
	});

	it('step 6 failed at its 20th change: the 19 applied are cut to the rows left, ! shows them all', async () => {
		const gateway = createSandboxGateway({ now: () => wizardNow, failOn: (_action, attempt) => (attempt === 20 ? new GatewayError('Throttling', 'AWS is throttling requests; try again in a minute.') : undefined) });
		const { ui } = renderSandboxWizard(gateway, { initialStep: 6, ...minimumTerminal });
		await ui.waitForText('Proposed actions: 26 of 26 selected');
		ui.press('p');
		await ui.waitForText('Preview:');
		await confirmWithReason(ui, 'SEC-1 monitoring');
		const frame = await ui.waitForText('Applied before it stopped (19)', 60_000);
		expect(lineCount(frame)).toBeLessThanOrEqual(minimumTerminal.rows - 1);
		expect(frame.split('\n')[0]).toMatch(/^iam-wizard · account 123456789012/);
		expect(frame.replace(/\n+$/, '').split('\n').at(-1)).toContain('q quit');
		expect(frame).toContain('Failed: AWS is throttling requests; try again in a minute. (Throttling)');
		expect(frame).toMatch(/…and \d+ more · ! shows all/);
		expect(frame).toContain('u roll back the 19 applied changes (previewed and confirmed first)');
		ui.press('!');
		const whole = await ui.waitForText('Step 6 · Monitoring: the failed batch, whole');
		expect(lineCount(whole)).toBeLessThanOrEqual(minimumTerminal.rows - 1);
		expect(Number(/lines \d+–\d+ of (\d+)/.exec(whole)?.[1])).toBeGreaterThanOrEqual(3 + 19);
		// Closed again, the failed batch's keys work: u previews the rollback.
		ui.press('!');
		await ui.waitForFrame((f) => !f.includes('failed batch, whole') && f.includes('Applied before it stopped (19)'));
		ui.press('u');
		await ui.waitForFrame((f) => /^Roll back: \d+ changes that undo what was applied/m.test(f));
	});
});

/** The rows of the findings list on screen: the lines between its "Findings (" title and its "rows x–y of n" line. */
function findingRows(frame: string): number {
	const lines = frame.split('\n');
	const title = lines.findIndex((l) => l.startsWith('Findings ('));
	const end = lines.findIndex((l, i) => i > title && /^rows \d+–\d+ of \d+/.test(l));
	return title < 0 || end < 0 ? 0 : end - title - 1;
}

describe('the step list at 80×24', () => {
	// Six lines of steps took a quarter of the screen: steps 4 and 6 showed 2 findings and 1 action.
	it.each([
		[4, 'Permission boundaries', 52],
		[6, 'Monitoring', 15],
	])('runs the steps together on two lines, so step %i shows at least 5 findings and 2 actions', async (step, title, findings) => {
		const { ui } = renderSandboxWizard(createSandboxGateway({ now: () => wizardNow }), { initialStep: step, ...minimumTerminal });
		const frame = await ui.waitForText('Proposed actions');
		expect(findingRows(frame)).toBeGreaterThanOrEqual(5);
		expect(frame).toMatch(/^rows 1–2 of \d+$/m);
		const lines = frame.split('\n');
		// Each step's number, title and state, the current one marked with its finding count, on the two lines under the header.
		const list = lines.slice(2, 4).join('\n');
		expect(list).toContain(`› ${step} ${title} ${findings}`);
		for (const [n, name] of [[1, 'Inventory'], [2, 'Access Analyzer'], [3, 'Scope policies'], [5, 'MFA and credentials']] as const) expect(list).toContain(`${n} ${name} –`);
		expect(lines[4]).toBe('');
		expect(lineCount(frame)).toBeLessThanOrEqual(minimumTerminal.rows - 1);
	});

	it('keeps one line a step where there is room (80×30)', async () => {
		const { ui } = renderSandboxWizard(createSandboxGateway({ now: () => wizardNow }), { initialStep: 6, columns: 80, rows: 30 });
		const frame = await ui.waitForText('Proposed actions');
		expect(frame.split('\n').slice(2, 8)).toEqual([
			'  1 Inventory               not opened yet',
			'  2 Access Analyzer         not opened yet',
			'  3 Scope policies          not opened yet',
			'  4 Permission boundaries   not opened yet',
			'  5 MFA and credentials     not opened yet',
			'› 6 Monitoring              15 findings · 26 selected · 0 applied',
		]);
	});
});

describe('a screen shorter than the terminal', () => {
	it('is drawn as tall as the terminal less its last row, so the header keeps its row and a narrowing resize erases the whole frame', async () => {
		const { ui } = renderSandboxWizard(createSandboxGateway({ now: () => wizardNow }), { initialStep: 2, columns: 100, rows: 30 });
		await ui.waitForText('Findings (');
		ui.press('!');
		let frame = await ui.waitForText('Step 2 · Access Analyzer: notes, whole');
		// The lines under it are blank: the frame is 29 rows, not the dozen the page needs.
		expect(frame.split('\n')).toHaveLength(29);
		expect(frame.split('\n')[0]).toMatch(/^iam-wizard · account 123456789012/);
		ui.stdout.resize(80, 24);
		frame = await ui.waitForFrame((f) => f.split('\n')[0]!.endsWith('…') && f.includes('notes, whole'));
		expect(frame.split('\n')).toHaveLength(23);
	});
});

describe('a preview whose policy gate line wraps fits 80×24', () => {
	it('step 3 (with the IAM catalogue): the gate line wraps and the header stays on screen', async () => {
		const gateway = createSandboxGateway({ now: () => wizardNow });
		const planContext = { now: wizardNow, thresholds: defaultThresholds, excluded: [], catalogue: await theCatalogue() };
		const ui = renderInk(<App gateway={gateway} audit={new MemoryAuditSink()} planContext={planContext} steps={wizardSteps} onExit={() => undefined} now={() => wizardNow} verify={noWait} initialStep={3} />, minimumTerminal);
		await ui.waitForFrame((f) => /^› \[ \] ✓ /m.test(f));
		ui.press('p');
		const frame = await ui.waitForText('that does not refuse it');
		expect(lineCount(frame)).toBeLessThanOrEqual(minimumTerminal.rows);
		expect(frame.split('\n')[0]).toMatch(/^iam-wizard · account 123456789012/);
		expect(frame).toContain('q quit');
	});
});
