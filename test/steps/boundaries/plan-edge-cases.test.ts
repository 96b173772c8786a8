import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { normalisePolicyDocument } from '../../../source/core/policy-document.js';
import { planBoundaries } from '../../../source/steps/boundaries/plan.js';
import { readLastAccessedForBoundaries } from '../../../source/steps/boundaries/read-last-accessed.js';
import { awsManagedRef, buildModel, buildRole, buildUser, planContext } from '../../helpers/model-builder.js';

const now = new Date('2026-11-27T12:00:00Z');

describe('step 4 edge cases', () => {
	it('does not claim "no escalation" when managed policy documents are missing', () => {
		const model = buildModel({ users: [buildUser('ops', { attachedPolicies: [awsManagedRef('AdministratorAccess')] })], notEvaluated: [{ area: 'managed-policy-documents', reason: 'snapshot', findingIds: [] }] });
		const plan = planBoundaries(model, planContext(now));
		expect(plan.findings.filter((f) => f.id === 'PRIVILEGE_ESCALATION')).toEqual([]);
		const note = plan.notEvaluated.find((n) => n.area === 'escalation checks without policy documents');
		expect(note?.reason).toContain('1 principal has managed policies whose documents were not read (AdministratorAccess)');
		expect(note?.findingIds).toContain('PRIVILEGE_ESCALATION');
	});

	it('says when the organization was not read, and skips service-linked roles', () => {
		const slr = buildRole('AWSServiceRoleForX', {
			path: '/aws-service-role/x.amazonaws.com/',
			inlinePolicies: [{ name: 'all', document: normalisePolicyDocument({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }],
		});
		const plan = planBoundaries(buildModel({ roles: [slr] }), planContext(now));
		expect(plan.findings).toEqual([]);
		expect(plan.actions).toEqual([]);
		expect(plan.notEvaluated.map((n) => n.area)).toContain('service-control-policies');
	});

	it('reads last-accessed reports for the boundary candidates only', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const model = await gateway.readAccount();
		const asked: string[] = [];
		const reports = await readLastAccessedForBoundaries(model, (arn) => {
			asked.push(arn);
			return gateway.serviceLastAccessed!(arn);
		});
		expect(asked).toContain('arn:aws:iam::123456789012:role/lambda-deployer');
		expect(asked).not.toContain('arn:aws:iam::123456789012:role/batch-worker');
		const plan = planBoundaries(model, { ...planContext(now), lastAccessed: reports });
		const runner = plan.actions.find((a) => (a.params as { RoleName?: string }).RoleName === 'build-runner');
		expect(runner?.notes?.find((n) => n.startsWith('Breakage guard'))).toBe(
			'Breakage guard: the boundary keeps all 4 permissions build-runner used recently. Kept only on some resources (check they are the ones it uses): iam:PassRole (only on role/workloads/*).',
		);
	});
});
