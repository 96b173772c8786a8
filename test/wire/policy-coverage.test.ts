/**
 * The shipped policies grant every call iam-wizard makes: whatever `plan` and `apply` send
 * to the loopback AWS (recorded on the wire, not read from the code), the IAM action that
 * authorizes it is in policies/scan-only.json or policies/remediate.json. A call added to
 * the code without a grant fails here, whichever command makes it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { iamActionOf } from '../../source/aws/iam-action-of.js';
import { stepInfos } from '../../source/steps/step-plans.js';
import { applyLive, fakeAws, planLive, workspace } from './wire-kit.js';

function granted(file: string): Set<string> {
	const policy = JSON.parse(readFileSync(new URL(`../../policies/${file}`, import.meta.url), 'utf8')) as { Statement: { Action: string[] }[] };
	return new Set(policy.Statement.flatMap((s) => s.Action));
}

const scanOnly = granted('scan-only.json');
const remediate = granted('remediate.json');
const builtSteps = stepInfos.filter((s) => s.built).map((s) => s.number);
// STS GetCallerIdentity needs no permission: AWS answers it even when everything is denied.
const ungated = new Set(['sts:GetCallerIdentity']);

function actionsOf(operations: string[]): string[] {
	return [...new Set(operations.filter((o) => !ungated.has(o)).map(iamActionOf))].sort();
}

describe('the shipped policies grant every call on the wire', () => {
	it.each([false, true])('plan of every built step (established account: %s) makes only calls scan-only.json or remediate.json grants', async (established) => {
		const { server } = await fakeAws({ established });
		const { dir } = workspace();

		const { run } = await planLive(dir, { steps: builtSteps.join(',') });

		expect(run.io.err()).toBe('');
		expect(run.code).toBe(0);
		const made = actionsOf(server.requests.map((r) => r.operation));
		// Step 4 reads what each principal used (last-accessed data) to narrow its boundary.
		expect(made).toEqual(expect.arrayContaining(['iam:GenerateServiceLastAccessedDetails', 'iam:GetServiceLastAccessedDetails']));
		expect(made.filter((action) => !scanOnly.has(action) && !remediate.has(action))).toEqual([]);
	});

	it.each(builtSteps)('apply of step %i makes only calls remediate.json (or scan-only.json) grants', async (step) => {
		const { server } = await fakeAws();
		const { dir, logDir } = workspace();
		const { plan } = await planLive(dir, { steps: String(step) });
		const planned = server.requests.length;

		const applied = await applyLive(dir, logDir);

		expect(applied.io.err()).toBe('');
		expect(applied.code).toBe(0);
		const made = actionsOf(server.requests.slice(planned).map((r) => r.operation));
		if (plan!.actions.length > 0) expect(made).toEqual(expect.arrayContaining(plan!.actions.map((a) => iamActionOf(a.action.kind))));
		expect(made.filter((action) => !remediate.has(action) && !scanOnly.has(action))).toEqual([]);
	});
});
