/**
 * `scan` asks the steps for findings only (PlanContext.findingsOnly) and skips the actions:
 * the report must be exactly what the full plans give — same findings in the same order, same
 * notEvaluated — on an account where steps 3 and 4 do propose actions.
 */
import { describe, expect, it } from 'vitest';
import { loadIamCatalogue } from '../../source/aws/iam-catalogue.js';
import { createSandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { buildScanReport, planAllSteps } from '../../source/commands/scan-report.js';
import { planContextFor } from '../../source/commands/scan.js';
import { readSettings } from '../../source/settings/settings-store.js';

const now = new Date('2026-11-27T12:00:00Z');

describe('scan plans for findings only', () => {
	it('gives the findings and notEvaluated of the full plans, without working out step 3 and 4 actions', async () => {
		const model = await createSandboxGateway({ now: () => now }).readAccount();
		const context = { ...planContextFor(readSettings(), now), catalogue: await loadIamCatalogue() };
		const full = planAllSteps(model, context);
		const lean = planAllSteps(model, { ...context, findingsOnly: true });

		expect(full.find((p) => p.step === 3)!.actions.length).toBeGreaterThan(0);
		expect(full.find((p) => p.step === 4)!.actions.length).toBeGreaterThan(0);
		expect(lean.find((p) => p.step === 3)!.actions).toEqual([]);
		expect(lean.find((p) => p.step === 4)!.actions).toEqual([]);
		const fullReport = buildScanReport(model, full, 'demo', context);
		const leanReport = buildScanReport(model, lean, 'demo', context);
		expect(leanReport.findings.map((f) => f.fingerprint)).toEqual(fullReport.findings.map((f) => f.fingerprint));
		expect(leanReport.findings).toEqual(fullReport.findings);
		expect(leanReport.notEvaluated).toEqual(fullReport.notEvaluated);
	});
});
