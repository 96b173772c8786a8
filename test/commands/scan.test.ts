import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingCatalogue, findingIdsOfStep, type FindingId } from '../../source/core/finding-catalogue.js';
import { runProgram } from '../../source/commands/program.js';
import type { ScanReport } from '../../source/commands/scan-report.js';
import { localFixture, awsFixture } from '../fixtures-path.js';
import { captureIo } from '../helpers/command-io.js';

const now = new Date('2026-11-27T12:00:00Z');

async function scanJson(args: string[]): Promise<ScanReport> {
	const io = captureIo({ now });
	const code = await runProgram(['scan', '--format', 'json', ...args], io);
	expect(io.err()).toBe('');
	expect(code).toBe(0);
	return JSON.parse(io.out()) as ScanReport;
}

describe('scan --demo', () => {
	it('says "1 … action that takes" and "2 … actions that take" in POLICY_WILDCARD_RESOURCE details', async () => {
		const report = await scanJson(['--demo', '--reset']);
		const wildcard = report.findings.filter((f) => f.id === 'POLICY_WILDCARD_RESOURCE');
		const count = (f: (typeof wildcard)[number]) => (f.evidence as { actions: string[] }).actions.length;
		expect(wildcard.filter((f) => count(f) === 1).length).toBeGreaterThan(0);
		expect(wildcard.filter((f) => count(f) > 1).length).toBeGreaterThan(0);
		for (const f of wildcard) {
			expect(f.detail).toContain(count(f) === 1 ? 'allows 1 write or permissions-management action that takes specific resources' : `allows ${count(f)} write or permissions-management actions that take specific resources`);
		}
	});

	it('prints the demo inventory and the step-1 findings as JSON of the documented shape', async () => {
		const report = await scanJson(['--demo', '--reset']);
		expect(Object.keys(report)).toEqual(['tool', 'account', 'generatedAt', 'source', 'inventory', 'findings', 'notEvaluated']);
		expect(report.tool).toEqual({ name: 'iam-wizard', version: expect.any(String) });
		expect(report.account).toEqual({ id: '123456789012', alias: 'acme-sandbox' });
		expect(report.source).toBe('demo');
		expect(report.generatedAt).toBe(now.toISOString());
		expect(report.inventory.users).toBeGreaterThanOrEqual(24);
		expect(report.inventory.roles).toBeGreaterThanOrEqual(24);
		expect(report.inventory.accessKeys.total).toBeGreaterThan(0);
		for (const finding of report.findings) {
			expect(Object.keys(finding)).toEqual(expect.arrayContaining(['id', 'severity', 'step', 'resource', 'title', 'detail', 'controls', 'evidence', 'fingerprint']));
			expect(finding.severity).toBe(findingCatalogue[finding.id].severity);
			expect(finding.resource).toMatch(/^arn:aws:(iam|events):[a-z0-9-]*:123456789012:/);
		}
		const ids = new Set(report.findings.map((f) => f.id));
		// The seed raises every step-1 finding (ROOT_NO_HARDWARE_MFA needs a virtual root MFA, which the seed root lacks: it has none).
		for (const id of findingIdsOfStep(1).filter((x) => x !== 'ROOT_NO_HARDWARE_MFA')) expect(ids, id).toContain(id);
	});

	it('sorts findings most severe first and fingerprints them uniquely', async () => {
		const report = await scanJson(['--demo']);
		const ranks = report.findings.map((f) => ['critical', 'high', 'medium', 'low', 'info'].indexOf(f.severity));
		expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
		expect(new Set(report.findings.map((f) => f.fingerprint)).size).toBe(report.findings.length);
	});

	it('says what it did not evaluate, naming the finding IDs', async () => {
		const report = await scanJson(['--demo']);
		const validation = report.notEvaluated.find((n) => n.findingIds.includes('POLICY_VALIDATION'));
		expect(validation?.area).toBe('access-analyzer:ValidatePolicy');
	});

	it('evaluates every step-6 ID on the demo: none is listed as not evaluated', async () => {
		const report = await scanJson(['--demo']);
		const step6 = findingIdsOfStep(6);
		expect(report.notEvaluated.flatMap((n) => n.findingIds).filter((id) => step6.includes(id as FindingId))).toEqual([]);
		expect(new Set(report.findings.filter((f) => f.step === 6).map((f) => f.id))).toEqual(
			new Set(['CONFIG_RECORDER_OFF', 'CONFIG_RULE_MISSING', 'ALERT_ROOT_USAGE_MISSING', 'ALERT_IAM_CHANGES_MISSING', 'ALERT_ROOT_KEY_CREATED_MISSING', 'ALERT_CONSOLE_NO_MFA_MISSING', 'ALERT_NO_TARGET', 'SECURITY_HUB_OFF']),
		);
	});

	it('prints a table for people', async () => {
		const io = captureIo({ now });
		expect(await runProgram(['scan', '--demo'], io)).toBe(0);
		expect(io.out()).toContain('account 123456789012 (acme-sandbox) — demo');
		expect(io.out()).toMatch(/CRITICAL ROOT_ACCESS_KEY +arn:aws:iam::123456789012:root/);
		expect(io.out()).toContain('Not evaluated:');
	});

	it('writes the report to --output', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'scan-out-'));
		const io = captureIo({ now, cwd: dir });
		expect(await runProgram(['scan', '--demo', '--format', 'json', '--output', 'report.json'], io)).toBe(0);
		expect(io.out()).toBe('');
		expect((JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ScanReport).account.id).toBe('123456789012');
	});
});

describe('scan --snapshot', () => {
	it("reads the AWS CLI's get-account-authorization-details output", async () => {
		const report = await scanJson(['--snapshot', awsFixture('authorization-details.json')]);
		expect(report.source).toBe('snapshot');
		expect(report.account.id).toBe('123456789012');
		expect(report.inventory.users).toBe(2);
		expect(report.inventory.roles).toBe(3);
		expect(report.findings.map((f) => f.id)).toContain('USER_DIRECT_POLICY');
		expect(report.notEvaluated.map((n) => n.area)).toEqual(expect.arrayContaining(['credential-report', 'organizations']));
	});

	it('reads a folder with a credential report, counting ages from --as-of', async () => {
		const report = await scanJson(['--snapshot', localFixture('snapshot-cli'), '--as-of', '2026-11-28']);
		expect(report.generatedAt).toBe('2026-11-28T00:00:00.000Z');
		expect(report.notEvaluated.map((n) => n.area)).not.toContain('credential-report');
	});

	it('refuses a truncated snapshot in one sentence, exit 2, no stack trace', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'scan-bad-'));
		const file = join(dir, 'auth.json');
		writeFileSync(file, readFileSync(awsFixture('authorization-details.json'), 'utf8').slice(0, 500));
		const io = captureIo({ now });
		expect(await runProgram(['scan', '--snapshot', file], io)).toBe(2);
		expect(io.err().trim().split('\n')).toHaveLength(1);
		expect(io.err()).toMatch(/^iam-wizard: .*auth\.json.*truncated/);
		expect(io.err()).not.toContain('    at ');
	});

	it('shows the stack with --debug', async () => {
		const io = captureIo({ now });
		expect(await runProgram(['scan', '--snapshot', '/nonexistent/auth.json', '--debug'], io)).toBe(2);
		expect(io.err()).toContain('    at ');
	});
});

describe('scan against a live account: bad input is one sentence and exit 2', () => {
	it('an unknown profile names the profile', async () => {
		const io = captureIo({ now });
		expect(await runProgram(['scan', '--profile', 'no-such-profile', '--region', 'us-east-1'], io)).toBe(2);
		expect(io.err()).toMatch(/^iam-wizard: The AWS profile "no-such-profile" is not in .*\n$/);
	});

	it('a region outside the partition list is refused, with a suggestion', async () => {
		const io = captureIo({ now });
		expect(await runProgram(['scan', '--region', 'eu-wst-1'], io)).toBe(2);
		expect(io.err()).toMatch(/^iam-wizard: .*"eu-wst-1".*did you mean eu-west-1\?.*\n$/);
	});
});
