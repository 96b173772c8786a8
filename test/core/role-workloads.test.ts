/**
 * The one place both adapters turn each service's listing into the model's roleWorkloads:
 * instance profiles become their role, a service that failed stays unread with its reason,
 * and Glue development endpoints are always unread.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../source/core/model.js';
import { glueUnreadReason, roleWorkloadsOf, rolesOfInstanceProfile, workloadKinds } from '../../source/core/role-workloads.js';

const role = (name: string, instanceProfiles: string[] = []): Role =>
	({ name, arn: `arn:aws:iam::111122223333:role/${name}`, instanceProfiles }) as unknown as Role;
const roles = [role('web', ['web-profile']), role('batch', ['batch-profile']), role('other')];

describe('roleWorkloadsOf', () => {
	it('keeps each read service, resolves an instance profile to its role and drops a profile no role holds', () => {
		const out = roleWorkloadsOf(
			[
				{ service: 'lambda.amazonaws.com', found: [{ resourceArn: 'arn:aws:lambda:eu-west-1:111122223333:function:f', roleArn: roles[2]!.arn }] },
				{
					service: 'ec2.amazonaws.com',
					found: [
						{ resourceArn: 'arn:aws:ec2:eu-west-1:111122223333:instance/i-1', instanceProfileArn: 'arn:aws:iam::111122223333:instance-profile/teams/web-profile' },
						{ resourceArn: 'arn:aws:ec2:eu-west-1:111122223333:instance/i-2', instanceProfileArn: 'arn:aws:iam::111122223333:instance-profile/gone' },
					],
				},
			],
			roles,
			'eu-west-1',
		);
		expect(out.region).toBe('eu-west-1');
		expect(out.read).toEqual(['lambda.amazonaws.com', 'ec2.amazonaws.com']);
		expect(out.workloads).toEqual([
			{ service: 'lambda.amazonaws.com', resourceArn: 'arn:aws:lambda:eu-west-1:111122223333:function:f', roleArn: roles[2]!.arn },
			{ service: 'ec2.amazonaws.com', resourceArn: 'arn:aws:ec2:eu-west-1:111122223333:instance/i-1', roleArn: roles[0]!.arn },
		]);
		expect(out.unread).toEqual([{ service: 'glue.amazonaws.com', reason: glueUnreadReason }]);
	});

	it('leaves a failed service unread with its reason and nothing of it in the workloads', () => {
		const out = roleWorkloadsOf(
			[
				{ service: 'codebuild.amazonaws.com', failure: { reason: 'codebuild:ListProjects was denied' } },
				{ service: 'cloudformation.amazonaws.com', found: [] },
			],
			roles,
			'us-east-1',
		);
		expect(out.read).toEqual(['cloudformation.amazonaws.com']);
		expect(out.unread).toEqual([
			{ service: 'codebuild.amazonaws.com', reason: 'codebuild:ListProjects was denied' },
			{ service: 'glue.amazonaws.com', reason: glueUnreadReason },
		]);
		expect(out.workloads).toEqual([]);
	});

	it('finds the role of an instance profile by the last part of its ARN', () => {
		expect(rolesOfInstanceProfile(roles, 'arn:aws:iam::111122223333:instance-profile/a/b/batch-profile')).toEqual([roles[1]!.arn]);
		expect(rolesOfInstanceProfile(roles, 'arn:aws:iam::111122223333:instance-profile/batch')).toEqual([]);
	});

	it('leaves a service neither read nor failed unread as "not read"', () => {
		expect(roleWorkloadsOf([{ service: 'lambda.amazonaws.com' }], roles, 'us-east-1').unread).toEqual([
			{ service: 'lambda.amazonaws.com', reason: 'not read' },
			{ service: 'glue.amazonaws.com', reason: glueUnreadReason },
		]);
	});
});

describe('workloadKinds', () => {
	it('names in words the resources of each service whose paths a note may leave conditional', () => {
		expect(workloadKinds).toEqual({
			'lambda.amazonaws.com': 'Lambda functions',
			'ec2.amazonaws.com': 'EC2 instances',
			'cloudformation.amazonaws.com': 'CloudFormation stacks',
			'codebuild.amazonaws.com': 'CodeBuild projects',
			'glue.amazonaws.com': 'Glue development endpoints',
		});
		expect(glueUnreadReason).toBe('iam-wizard does not read Glue development endpoints yet');
	});
});
