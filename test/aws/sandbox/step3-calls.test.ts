import { describe, expect, it } from 'vitest';
import { customerPolicyArn } from '../../../source/aws/sandbox/seed-policies.js';
import { A, rejection, sandbox, seedTime } from './sandbox-fixtures.js';

describe('sandbox validatePolicy: local checks against the catalogue', () => {
	it('reports what the seed plants in legacy-reporting, and nothing for a clean policy', async () => {
		const gateway = sandbox();
		const model = await gateway.readAccount();
		const docOf = (arn: string) => {
			const policy = model.policies.find((p) => p.arn === arn)!;
			return policy.versions.find((v) => v.isDefault)!.document;
		};

		const issues = await gateway.validatePolicy!(docOf(customerPolicyArn('legacy-reporting')), 'IDENTITY_POLICY');
		expect(issues.map((i) => [i.findingType, i.issueCode, i.statementIndex])).toEqual([
			['ERROR', 'INVALID_ACTION', 0],
			['ERROR', 'RESOURCE_ACTION_MISMATCH', 1],
		]);
		expect(await gateway.validatePolicy!(docOf(customerPolicyArn('terraform-state')), 'IDENTITY_POLICY')).toEqual([]);
	});
});

describe('sandbox serviceLastAccessed: from the synthetic CloudTrail activity', () => {
	it('lists the services and actions a role used, with the most recent use', async () => {
		const gateway = sandbox();
		const report = await gateway.serviceLastAccessed!(`${A}:role/lambda-deployer`);
		expect(report.principalArn).toBe(`${A}:role/lambda-deployer`);
		expect(report.generatedAt).toBe(seedTime.toISOString());
		expect(report.services.map((s) => s.namespace)).toEqual(['lambda']);
		expect(report.services[0]!.actions!.map((a) => a.name)).toEqual(['GetFunction', 'UpdateFunctionCode', 'UpdateFunctionConfiguration']);
		expect(report.services[0]!.lastAuthenticated).toBe(report.services[0]!.actions!.find((a) => a.name === 'GetFunction')!.lastAccessed);
	});

	it('drops activity older than the 400-day tracking period, and knows no activity for an idle user', async () => {
		const gateway = sandbox();
		// jenkins-legacy was last active 380 days ago: still tracked; 30 days later it is not.
		expect((await gateway.serviceLastAccessed!(`${A}:role/jenkins-legacy`)).services.map((s) => s.namespace)).toEqual(['ec2', 's3']);
		const later = sandbox({ now: () => new Date(seedTime.getTime() + 30 * 86_400_000), state: gateway.currentState() });
		expect((await later.serviceLastAccessed!(`${A}:role/jenkins-legacy`)).services).toEqual([]);
		expect((await gateway.serviceLastAccessed!(`${A}:user/carol`)).services).toEqual([]);
	});

	it('an unknown principal is NoSuchEntity', async () => {
		const error = await rejection(sandbox().serviceLastAccessed!(`${A}:role/nobody`));
		expect(error.code).toBe('NoSuchEntity');
	});
});
