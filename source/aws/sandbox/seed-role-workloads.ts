/**
 * What runs with the seed's roles, so escalation through a resource is decided on the
 * resource (the demo shows no "if such a resource exists" for the services it reads):
 * - nightly-report (Lambda) runs with reporting-lambda, report-bot with report-bot-workload:
 *   lambda-deployer may update their code (UpdateFunctionCode);
 * - the old Jenkins controller, stopped but not terminated, still has jenkins-legacy (a full
 *   administrator) through its instance profile: data-science-notebook may run commands on
 *   it (SSMSendCommand); monitoring-exporter runs with monitoring-readonly;
 * - the acme-app stack runs with app-deployer (whose boundary allows no IAM);
 * - the lambda-deploy project builds with lambda-deployer, app-build with build-runner:
 *   data-science-notebook may start their builds (CodeBuildStartBuild).
 */
import type { SandboxRoleWorkloads } from './sandbox-state.js';
import { account, iamArnPrefix, roleArn } from './seed-helpers.js';

const region = 'us-east-1';
const instance = (id: string) => `arn:aws:ec2:${region}:${account}:instance/${id}`;

export function seedRoleWorkloads(): SandboxRoleWorkloads {
	return {
		functions: [
			{ name: 'nightly-report', arn: `arn:aws:lambda:${region}:${account}:function:nightly-report`, roleArn: roleArn('reporting-lambda', '/service-role/') },
			{ name: 'report-bot', arn: `arn:aws:lambda:${region}:${account}:function:report-bot`, roleArn: roleArn('report-bot-workload') },
		],
		instances: [
			{ id: 'i-0a7e3c1b9d2f4e601', arn: instance('i-0a7e3c1b9d2f4e601'), state: 'stopped', instanceProfileArn: `${iamArnPrefix}:instance-profile/jenkins-legacy` },
			{ id: 'i-04d6b8f0a2c4e6182', arn: instance('i-04d6b8f0a2c4e6182'), state: 'running', instanceProfileArn: `${iamArnPrefix}:instance-profile/monitoring-readonly` },
			// Terminated: keeps no role, so it gives no path.
			{ id: 'i-09c1e3a5b7d9f1a23', arn: instance('i-09c1e3a5b7d9f1a23'), state: 'terminated', instanceProfileArn: `${iamArnPrefix}:instance-profile/jenkins-legacy` },
		],
		stacks: [{ name: 'acme-app', id: `arn:aws:cloudformation:${region}:${account}:stack/acme-app/5f0c8e2a-7b1d-4c3e-9a6f-2d8b4e1c0a97`, status: 'UPDATE_COMPLETE', roleArn: roleArn('app-deployer') }],
		projects: [
			{ name: 'lambda-deploy', arn: `arn:aws:codebuild:${region}:${account}:project/lambda-deploy`, serviceRole: roleArn('lambda-deployer') },
			{ name: 'app-build', arn: `arn:aws:codebuild:${region}:${account}:project/app-build`, serviceRole: roleArn('build-runner') },
		],
	};
}
