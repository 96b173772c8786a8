/** `scan` lists step 1 and step 2 findings: every one the seed plants on the demo, and on a snapshot what it could not evaluate. */
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../../source/commands/program.js';
import type { ScanReport } from '../../../source/commands/scan-report.js';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { seedExpectations } from '../../../source/aws/sandbox/seed-expectations.js';
import { findingCatalogue } from '../../../source/core/finding-catalogue.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { planAccessAnalyzer } from '../../../source/steps/access-analyzer/plan.js';
import { executeActions } from '../../../source/wizard/executor.js';
import { awsFixture } from '../../fixtures-path.js';
import { captureIo } from '../../helpers/command-io.js';

const now = new Date('2026-11-27T12:00:00Z');

async function scanJson(args: string[]): Promise<ScanReport> {
	const io = captureIo({ now });
	const code = await runProgram(['scan', '--format', 'json', ...args], io);
	expect(io.err()).toBe('');
	expect(code).toBe(0);
	return JSON.parse(io.out()) as ScanReport;
}

const stepOf = (id: string) => findingCatalogue[id as keyof typeof findingCatalogue].step;

describe('scan --demo, steps 1 and 2', () => {
	it('lists every step-1 and step-2 finding the seed contains (those that need nothing done first)', async () => {
		const report = await scanJson(['--demo', '--reset']);
		const seen = new Set(report.findings.map((f) => `${f.id} ${f.resource}`));
		const seenIds = new Set(report.findings.map((f) => f.id));
		const expected = seedExpectations.findings.filter((e) => (stepOf(e.id) === 1 || stepOf(e.id) === 2) && !e.requires);
		expect(expected.length).toBeGreaterThan(30);
		for (const e of expected) {
			if (e.resource) expect(seen, `${e.id} on ${e.resource}`).toContain(`${e.id} ${e.resource}`);
			else expect(seenIds, e.id).toContain(e.id);
		}
		for (const absent of seedExpectations.absentFindings.filter((e) => stepOf(e.id) <= 2)) {
			expect(seen, `no ${absent.id} on ${absent.resource}`).not.toContain(`${absent.id} ${absent.resource}`);
		}
		expect(report.notEvaluated.filter((n) => n.findingIds.some((id) => stepOf(id) <= 2))).toEqual([]);
	});

	it('lists the external-access findings the seed plants once an account analyzer exists', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const context = { now, thresholds: defaultThresholds, excluded: [] };
		const before = planAccessAnalyzer(await gateway.readAccount(), context);
		const create = before.actions.find((a) => a.kind === 'access-analyzer:CreateAnalyzer')!;
		const account = { ...create, params: { ...create.params, type: 'ACCOUNT' as const } } as typeof create;
		const report = await executeActions([account], { gateway, audit: new MemoryAuditSink(), step: 2, reason: 'test', now: () => now });
		expect(report.failed).toBeUndefined();
		const after = planAccessAnalyzer(await gateway.readAccount(), context);
		const seen = new Set(after.findings.map((f) => `${f.id} ${f.resource}`));
		for (const e of seedExpectations.findings.filter((x) => x.id === 'EXTERNAL_ACCESS')) expect(seen, e.resource).toContain(`EXTERNAL_ACCESS ${e.resource}`);
		expect(after.findings.some((f) => f.id === 'ANALYZER_MISSING')).toBe(false);
	});
});

describe('scan --snapshot, step 2', () => {
	it('computes the trust findings offline and names the analyzer findings it could not evaluate', async () => {
		const report = await scanJson(['--snapshot', awsFixture('authorization-details.json')]);
		const analyzer = report.notEvaluated.filter((n) => n.area === 'access-analyzer');
		expect(analyzer).toHaveLength(1);
		expect(analyzer[0]!.findingIds).toEqual(expect.arrayContaining(['ANALYZER_MISSING', 'EXTERNAL_ACCESS', 'UNUSED_ACCESS']));
		expect(analyzer[0]!.reason).toMatch(/snapshot/i);
		expect(report.findings.filter((f) => ['ANALYZER_MISSING', 'EXTERNAL_ACCESS', 'UNUSED_ACCESS'].includes(f.id))).toEqual([]);
	});
});
