import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../source/commands/program.js';
import type { ScanReport } from '../../source/commands/scan-report.js';
import { captureIo } from '../helpers/command-io.js';

const now = new Date('2026-11-27T12:00:00Z');

function folder(files: Record<string, string> = {}): string {
	const dir = mkdtempSync(join(tmpdir(), 'scan-gate-'));
	for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
	return dir;
}

async function scan(args: string[], cwd = folder()) {
	const io = captureIo({ now, cwd });
	const code = await runProgram(['scan', '--demo', ...args], io);
	return { code, out: io.out(), err: io.err(), json: () => JSON.parse(io.out()) as ScanReport };
}

describe('scan --fail-on', () => {
	it('exits 1 on the seeded demo account at critical, naming the findings, and still prints the report', async () => {
		const result = await scan(['--reset', '--fail-on', 'critical']);
		expect(result.code).toBe(1);
		expect(result.out).toMatch(/CRITICAL ROOT_ACCESS_KEY +arn:aws:iam::123456789012:root/);
		expect(result.err).toMatch(/^--fail-on critical: \d+ unsuppressed findings at or above critical:\n {2}CRITICAL ROOT_ACCESS_KEY arn:aws:iam::123456789012:root\n/);
		expect(result.err).not.toMatch(/HIGH|MEDIUM|LOW/);
	});

	it('exits 0 without --fail-on, whatever it finds', async () => {
		expect((await scan([])).code).toBe(0);
	});

	it('refuses a severity it does not know (exit 2)', async () => {
		const result = await scan(['--fail-on', 'severe']);
		expect(result.code).toBe(2);
		expect(result.err).toContain("argument 'severe' is invalid. Allowed choices are critical, high, medium, low, info.");
	});

	it('with --baseline counts only findings whose fingerprint is new', async () => {
		const previous = (await scan(['--format', 'json'])).json();
		const dir = folder({ 'same.json': JSON.stringify(previous) });
		const same = await scan(['--fail-on', 'low', '--baseline', 'same.json'], dir);
		expect(same.code).toBe(0);
		expect(same.err).toBe('--fail-on low: no unsuppressed findings at or above low not in the baseline same.json.\n');

		const dropped = previous.findings.find((f) => f.id === 'ROOT_NO_MFA')!;
		const older = { ...previous, findings: previous.findings.filter((f) => f !== dropped) };
		writeFileSync(join(dir, 'older.json'), JSON.stringify(older));
		const result = await scan(['--fail-on', 'high', '--baseline', 'older.json'], dir);
		expect(result.code).toBe(1);
		expect(result.err).toBe(`--fail-on high: 1 unsuppressed finding at or above high not in the baseline older.json:\n  CRITICAL ROOT_NO_MFA ${dropped.resource}\n`);
		// A new finding below the threshold does not fail the gate.
		expect((await scan(['--fail-on', 'critical', '--baseline', 'older.json'], dir)).code).toBe(1);
		const lowOnly = { ...previous, findings: previous.findings.filter((f) => f.severity !== 'low') };
		writeFileSync(join(dir, 'low.json'), JSON.stringify(lowOnly));
		expect((await scan(['--fail-on', 'high', '--baseline', 'low.json'], dir)).code).toBe(0);
	});

	it('refuses a missing or unreadable baseline, and --baseline without --fail-on (exit 2)', async () => {
		const dir = folder({ 'notes.json': '{"hello": 1}', 'broken.json': '{' });
		expect((await scan(['--fail-on', 'high', '--baseline', 'nope.json'], dir)).err).toBe(`iam-wizard: The baseline ${join(dir, 'nope.json')} does not exist.\n`);
		const notScan = await scan(['--fail-on', 'high', '--baseline', 'notes.json'], dir);
		expect(notScan.code).toBe(2);
		expect(notScan.err).toContain('The baseline notes.json is not a scan report');
		expect((await scan(['--fail-on', 'high', '--baseline', 'broken.json'], dir)).code).toBe(2);
		const alone = await scan(['--baseline', 'notes.json'], dir);
		expect(alone.code).toBe(2);
		expect(alone.err).toBe('iam-wizard: --baseline only applies with --fail-on (it limits the gate to new findings).\n');
	});
});

const criticalSuppressions = `# accepted for the demo
suppressions:
  - id: ROOT_ACCESS_KEY
    resource: arn:aws:iam::123456789012:root
    reason: break-glass key in the safe, SEC-1
    expires: 2027-01-31
  - id: ROOT_NO_MFA
    resource: "arn:aws:iam::*:root"
    reason: hardware token on order, SEC-2
  - id: TRUST_ANY_PRINCIPAL
    resource: arn:aws:iam::123456789012:role/legacy-*
    reason: decommissioned in Q1, SEC-3
    expires: 2026-11-27
`;

describe('suppressions', () => {
	it('marks matching findings as suppressed (never drops them) and takes them out of --fail-on', async () => {
		const all = (await scan(['--format', 'json'], folder())).json();
		// The three above, then every other critical ID the steps raise, so the gate passes.
		const others = [...new Set(all.findings.filter((f) => f.severity === 'critical').map((f) => f.id))].filter((id) => !criticalSuppressions.includes(`id: ${id}\n`));
		const rest = others.map((id) => `  - id: ${id}\n    resource: "*"\n    reason: accepted for this test\n`).join('');
		const dir = folder({ '.iam-wizard-suppressions.yaml': criticalSuppressions + rest });
		const result = await scan(['--format', 'json', '--fail-on', 'critical'], dir);
		expect(result.code).toBe(0);
		const report = result.json();
		expect(report.findings).toHaveLength(all.findings.length);
		const critical = report.findings.filter((f) => f.severity === 'critical');
		expect(critical.length).toBeGreaterThan(0);
		const rootKey = critical.find((f) => f.id === 'ROOT_ACCESS_KEY');
		expect(rootKey?.suppressed).toEqual({ reason: 'break-glass key in the safe, SEC-1', expires: '2027-01-31' });
		expect(critical.find((f) => f.id === 'ROOT_NO_MFA')?.suppressed).toEqual({ reason: 'hardware token on order, SEC-2' });
		// Expiring today still applies (through the end of the day, UTC).
		expect(critical.find((f) => f.id === 'TRUST_ANY_PRINCIPAL')?.suppressed?.reason).toBe('decommissioned in Q1, SEC-3');
		expect(critical.every((f) => f.suppressed)).toBe(true);
		expect(report.findings.filter((f) => f.severity !== 'critical').every((f) => !f.suppressed)).toBe(true);
		expect(report.notices).toBeUndefined();
	});

	it('shows suppressed findings in the table with their reason', async () => {
		const dir = folder({ '.iam-wizard-suppressions.yaml': criticalSuppressions });
		const result = await scan([], dir);
		expect(result.out).toMatch(/CRITICAL ROOT_ACCESS_KEY +arn:aws:iam::123456789012:root {2}\[suppressed: break-glass key in the safe, SEC-1\]/);
	});

	it('lists suppressed findings in their own Markdown section and as SARIF suppressions', async () => {
		const dir = folder({ '.iam-wizard-suppressions.yaml': criticalSuppressions });
		const md = (await scan(['--format', 'md'], dir)).out;
		expect(md).toContain('## Suppressed');
		expect(md).toContain('| critical | ROOT_ACCESS_KEY | `arn:aws:iam::123456789012:root` | ');
		expect(md).toContain('| break-glass key in the safe, SEC-1 | 2027-01-31 |');
		const sarif = JSON.parse((await scan(['--format', 'sarif'], dir)).out) as { runs: { results: { ruleId: string; suppressions?: unknown[] }[] }[] };
		const rootKey = sarif.runs[0]!.results.find((r) => r.ruleId === 'ROOT_ACCESS_KEY');
		expect(rootKey?.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'break-glass key in the safe, SEC-1 (until 2027-01-31)' }]);
		expect(sarif.runs[0]!.results.find((r) => r.ruleId === 'CONSOLE_USER_NO_MFA')?.suppressions).toBeUndefined();
	});

	it('an expired suppression stops applying and says so on stderr, in the report and in the table', async () => {
		const yaml = `suppressions:\n  - id: ROOT_NO_MFA\n    resource: "*"\n    reason: waiting for a token\n    expires: 2026-11-26\n`;
		const dir = folder({ '.iam-wizard-suppressions.yaml': yaml });
		const file = join(dir, '.iam-wizard-suppressions.yaml');
		const notice = `The suppression of ROOT_NO_MFA on * (${file} line 2) expired on 2026-11-26: it no longer applies, and 1 finding is reported again.`;
		const json = await scan(['--format', 'json', '--fail-on', 'critical'], dir);
		expect(json.code).toBe(1);
		expect(json.err).toContain(`iam-wizard: ${notice}\n`);
		expect(json.json().notices).toEqual([notice]);
		expect(json.json().findings.find((f) => f.id === 'ROOT_NO_MFA')?.suppressed).toBeUndefined();
		const table = await scan([], dir);
		expect(table.out).toContain(`Notices:\n  - ${notice}\n`);
	});

	it('reads a JSON file too, and --suppressions names another file', async () => {
		const json = JSON.stringify({ suppressions: [{ id: 'ROOT_NO_MFA', resource: 'arn:aws:iam::123456789012:root', reason: 'SEC-9' }] }, null, 2);
		const dir = folder({ 'accepted.json': json });
		const report = (await scan(['--format', 'json', '--suppressions', 'accepted.json'], dir)).json();
		expect(report.findings.find((f) => f.id === 'ROOT_NO_MFA')?.suppressed).toEqual({ reason: 'SEC-9' });
		const missing = await scan(['--suppressions', 'nope.yaml'], dir);
		expect(missing.code).toBe(2);
		expect(missing.err).toBe(`iam-wizard: The suppressions file ${join(dir, 'nope.yaml')} does not exist.\n`);
	});

	it.each([
		['bad YAML', 'suppressions:\n  - id: ROOT_NO_MFA\n    resource: [unclosed\n', /line \d: /],
		['an unknown field', 'suppressions:\n  - id: ROOT_NO_MFA\n    resource: "*"\n    reason: r\n    expire: 2027-01-01\n', /line 5: unknown field "expire"/],
		['an unknown finding ID', 'suppressions:\n  - id: ROOT_NO_MFA\n    resource: "*"\n    reason: r\n  - id: ROOT_NO_MFAA\n    resource: "*"\n    reason: r\n', /line 5: "ROOT_NO_MFAA" is not a finding ID from the catalogue/],
		['a missing reason', 'suppressions:\n  - id: ROOT_NO_MFA\n    resource: "*"\n', /line 2: the suppression has no reason/],
		['a bad date', 'suppressions:\n  - id: ROOT_NO_MFA\n    resource: "*"\n    reason: r\n    expires: next week\n', /line 5: expires "next week" is not a date \(YYYY-MM-DD\)/],
		['a list of strings', 'suppressions:\n  - ROOT_NO_MFA\n', /line 2: each suppression is a mapping/],
		['a day the calendar does not have', 'suppressions:\n  - id: ROOT_NO_MFA\n    resource: "*"\n    reason: r\n    expires: 2027-02-30\n', /line 5: expires "2027-02-30" is not a date \(YYYY-MM-DD\)/],
	])('a malformed file (%s) is an error naming the line, exit 2', async (_name, text, message) => {
		const dir = folder({ '.iam-wizard-suppressions.yaml': text });
		const result = await scan(['--fail-on', 'critical'], dir);
		expect(result.code).toBe(2);
		expect(result.out).toBe('');
		expect(result.err).toMatch(new RegExp(`^iam-wizard: ${join(dir, '.iam-wizard-suppressions.yaml').replace(/[.]/g, '\\.')} ${message.source}`));
	});
});
