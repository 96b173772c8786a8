/**
 * A snapshot holds IAM data only: no function, instance, stack or project is read, so a path
 * through one stays "if such a resource exists", and step 4 says why.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../../source/aws/snapshot/load-snapshot.js';
import { analyseBoundaries } from '../../../source/steps/boundaries/boundary-analysis.js';
import { awsFixture } from '../../fixtures-path.js';
import { folderWith, now } from './snapshot-test-helpers.js';

type Json = Record<string, any>;

describe('a snapshot and the resources that run with a role', () => {
	it('reads none, and reports the path through an instance as conditional because a snapshot holds IAM data only', async () => {
		const details = JSON.parse(readFileSync(awsFixture('authorization-details.json'), 'utf8')) as Json;
		// carol may run commands on instances; web-host (an EC2 role with an instance profile) may do anything.
		details.UserDetailList.find((u: Json) => u.UserName === 'carol').UserPolicyList = [
			{ PolicyName: 'run-commands', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ssm:SendCommand', Resource: '*' }] } },
		];
		details.RoleDetailList.find((r: Json) => r.RoleName === 'web-host').RolePolicyList = [
			{ PolicyName: 'everything', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
		];
		const folder = folderWith([], { 'details.json': JSON.stringify(details) });

		const model = await (await loadSnapshot(`${folder}/details.json`, { now })).readAccount();
		const analysis = analyseBoundaries(model);

		expect(model.roleWorkloads?.read).toEqual([]);
		const carol = analysis.findings.find((f) => f.id === 'PRIVILEGE_ESCALATION' && f.resource.endsWith(':user/people/carol') && f.method === 'SSMSendCommand');
		expect(carol?.detail).toContain('only if an EC2 instance managed by Systems Manager with the role exists (IAM data does not show it)');
		const note = analysis.notEvaluated.find((n) => n.area === 'escalation paths through resources');
		expect(note?.reason).toContain('EC2 instances were not read (a snapshot holds IAM data only: run against the live account to read them)');
	});
});
