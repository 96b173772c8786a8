/**
 * The workloads that run with a role, read on the wire in each service's own protocol:
 * Lambda (REST JSON, Marker pages), EC2 (its query protocol, NextToken pages), CloudFormation
 * (query XML) and CodeBuild (JSON 1.1). A service denied, or one the endpoint does not offer,
 * is named in notEvaluated and the scan goes on.
 */
import { describe, expect, it } from 'vitest';
import { createLiveGateway } from '../../source/aws/live/live-gateway.js';
import { accountId } from './fake-account.js';
import { fakeAws, now } from './wire-kit.js';

const workloadAreas = new Set(['lambda-functions', 'ec2-instances', 'cloudformation-stacks', 'codebuild-projects']);
const role = (name: string) => `arn:aws:iam::${accountId}:role/${name}`;

async function scan() {
	const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 1, now: () => now });
	return gateway.readAccount();
}

describe('the workloads that run with a role, on the wire', () => {
	it('reads every page of functions, instances, stacks and projects, each in its protocol', async () => {
		const { server } = await fakeAws();

		const model = await scan();

		expect(model.notEvaluated.filter((n) => workloadAreas.has(n.area))).toEqual([]);
		expect(model.roleWorkloads?.read).toEqual(['lambda.amazonaws.com', 'ec2.amazonaws.com', 'cloudformation.amazonaws.com', 'codebuild.amazonaws.com']);
		expect(model.roleWorkloads?.workloads).toEqual([
			{ service: 'lambda.amazonaws.com', resourceArn: `arn:aws:lambda:us-east-1:${accountId}:function:nightly-export`, roleArn: role('etl-runner') },
			{ service: 'lambda.amazonaws.com', resourceArn: `arn:aws:lambda:us-east-1:${accountId}:function:thumbnailer`, roleArn: role('web-host') },
			// The running and the stopped instance of the profile "web"; not the terminated one, nor one without a profile.
			{ service: 'ec2.amazonaws.com', resourceArn: `arn:aws:ec2:us-east-1:${accountId}:instance/i-0web1`, roleArn: role('web-host') },
			{ service: 'ec2.amazonaws.com', resourceArn: `arn:aws:ec2:us-east-1:${accountId}:instance/i-0web2`, roleArn: role('web-host') },
			{ service: 'cloudformation.amazonaws.com', resourceArn: `arn:aws:cloudformation:us-east-1:${accountId}:stack/data-pipeline/1a2b`, roleArn: role('etl-runner') },
			{ service: 'codebuild.amazonaws.com', resourceArn: `arn:aws:codebuild:us-east-1:${accountId}:project/etl-build`, roleArn: role('etl-runner') },
		]);
		const calls = (operation: string) => server.requests.filter((r) => r.operation === operation);
		expect(calls('lambda:ListFunctions').map((r) => [r.protocol, r.params.Marker])).toEqual([
			['rest-json', undefined],
			['rest-json', '1'],
		]);
		expect(calls('ec2:DescribeInstances').map((r) => [r.protocol, r.params.NextToken])).toEqual([
			['ec2', undefined],
			['ec2', '1'],
		]);
		expect(calls('cloudformation:DescribeStacks').map((r) => [r.protocol, r.params.NextToken])).toEqual([
			['query', undefined],
			['query', '1'],
		]);
		expect(calls('codebuild:BatchGetProjects').map((r) => [r.protocol, r.params.names])).toEqual([['json', ['etl-build']]]);
	});

	it('a denied service (EC2 as its protocol denies, Lambda as its own) is not evaluated, naming the call; the others are read', async () => {
		await fakeAws({ deny: (service) => service === 'ec2' || service === 'lambda' });

		const model = await scan();

		expect(model.notEvaluated.filter((n) => workloadAreas.has(n.area)).map((n) => n.reason)).toEqual([
			'Access denied to lambda:ListFunctions: grant lambda:ListFunctions to the caller (policies/scan-only.json grants every read a scan makes); escalation paths through Lambda functions are reported as conditional "if such a resource exists".',
			'Access denied to ec2:DescribeInstances: grant ec2:DescribeInstances to the caller (policies/scan-only.json grants every read a scan makes); escalation paths through EC2 instances are reported as conditional "if such a resource exists".',
		]);
		expect(model.roleWorkloads?.read).toEqual(['cloudformation.amazonaws.com', 'codebuild.amazonaws.com']);
		expect(model.users.length).toBeGreaterThan(0);
	});

	it('an endpoint without CodeBuild (an HTML page) leaves only CodeBuild unread, and the scan goes on', async () => {
		await fakeAws({ missing: (service) => service === 'codebuild' });

		const model = await scan();

		const problems = model.notEvaluated.filter((n) => workloadAreas.has(n.area));
		expect(problems.map((n) => n.area)).toEqual(['codebuild-projects']);
		expect(problems[0]!.reason).toMatch(/^The endpoint answered with something that is not an AWS response/);
		expect(model.roleWorkloads?.read).toEqual(['lambda.amazonaws.com', 'ec2.amazonaws.com', 'cloudformation.amazonaws.com']);
	});
});
