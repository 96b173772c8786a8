/**
 * The workloads that run with a role, for escalation through them (UpdateFunctionCode,
 * SSMSendCommand, CloudFormationUpdateStack, CodeBuildStartBuild): Lambda functions, EC2
 * instances that are not terminated (their instance profile gives the role), CloudFormation
 * stacks that are not deleted, CodeBuild projects. All in the scan's region, every page.
 *
 * Each service is read on its own: one denied or missing (an endpoint without it) is named
 * in notEvaluated and left unread, so its paths stay "if such a resource exists"; the others
 * count as read. Glue development endpoints are not read.
 */
import { DescribeStacksCommand, type DescribeStacksCommandOutput } from '@aws-sdk/client-cloudformation';
import { BatchGetProjectsCommand, ListProjectsCommand, type ListProjectsCommandOutput } from '@aws-sdk/client-codebuild';
import { DescribeInstancesCommand, type DescribeInstancesCommandOutput } from '@aws-sdk/client-ec2';
import { ListFunctionsCommand, type ListFunctionsCommandOutput } from '@aws-sdk/client-lambda';
import { isGatewayError } from '../../core/gateway-error.js';
import { workloadKinds, type ServiceWorkloadRead, type WorkloadFound } from '../../core/role-workloads.js';
import type { AwsCaller } from './aws-caller.js';
import { isFatalReadError } from './errors.js';

/** Where the scan reads: its region, and the account and partition for ARNs AWS does not give. */
export interface WorkloadScope {
	region: string;
	partition: string;
	account: string;
}

/** EC2's states of an instance that still exists (terminated ones keep no role). */
const liveInstanceStates = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];
/** BatchGetProjects takes at most 100 names per call. */
const projectBatch = 100;

async function lambdaFunctions(caller: AwsCaller): Promise<WorkloadFound[]> {
	const pages = await caller.pages<ListFunctionsCommandOutput>('lambda', (marker) => new ListFunctionsCommand({ MaxItems: 50, ...(marker ? { Marker: marker } : {}) }), (page) => page.NextMarker);
	return pages.flatMap((page) => (page.Functions ?? []).flatMap((f) => (f.FunctionArn && f.Role ? [{ resourceArn: f.FunctionArn, roleArn: f.Role }] : [])));
}

async function ec2Instances(caller: AwsCaller, scope: WorkloadScope): Promise<WorkloadFound[]> {
	const pages = await caller.pages<DescribeInstancesCommandOutput>(
		'ec2',
		(token) => new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: liveInstanceStates }], MaxResults: 1000, ...(token ? { NextToken: token } : {}) }),
		(page) => page.NextToken,
	);
	return pages.flatMap((page) =>
		(page.Reservations ?? []).flatMap((reservation) =>
			(reservation.Instances ?? []).flatMap((instance) => {
				const profile = instance.IamInstanceProfile?.Arn;
				if (!instance.InstanceId || !profile) return [];
				const owner = reservation.OwnerId ?? scope.account;
				return [{ resourceArn: `arn:${scope.partition}:ec2:${scope.region}:${owner}:instance/${instance.InstanceId}`, instanceProfileArn: profile }];
			}),
		),
	);
}

async function cloudFormationStacks(caller: AwsCaller): Promise<WorkloadFound[]> {
	const pages = await caller.pages<DescribeStacksCommandOutput>('cloudformation', (token) => new DescribeStacksCommand(token ? { NextToken: token } : {}), (page) => page.NextToken);
	return pages.flatMap((page) => (page.Stacks ?? []).flatMap((stack) => (stack.StackId && stack.RoleARN && stack.StackStatus !== 'DELETE_COMPLETE' ? [{ resourceArn: stack.StackId, roleArn: stack.RoleARN }] : [])));
}

async function codeBuildProjects(caller: AwsCaller, scope: WorkloadScope): Promise<WorkloadFound[]> {
	const pages = await caller.pages<ListProjectsCommandOutput>('codebuild', (token) => new ListProjectsCommand(token ? { nextToken: token } : {}), (page) => page.nextToken);
	const names = pages.flatMap((page) => page.projects ?? []);
	const out: WorkloadFound[] = [];
	for (let i = 0; i < names.length; i += projectBatch) {
		const batch = await caller.send('codebuild', new BatchGetProjectsCommand({ names: names.slice(i, i + projectBatch) }));
		for (const project of batch.projects ?? []) {
			if (!project.arn || !project.serviceRole) continue;
			// CodeBuild keeps what it was given: an ARN, or a role's name.
			const roleArn = project.serviceRole.startsWith('arn:') ? project.serviceRole : `arn:${scope.partition}:iam::${scope.account}:role/${project.serviceRole}`;
			out.push({ resourceArn: project.arn, roleArn });
		}
	}
	return out;
}

const readers: { service: string; area: string; read: (caller: AwsCaller, scope: WorkloadScope) => Promise<WorkloadFound[]> }[] = [
	{ service: 'lambda.amazonaws.com', area: 'lambda-functions', read: lambdaFunctions },
	{ service: 'ec2.amazonaws.com', area: 'ec2-instances', read: ec2Instances },
	{ service: 'cloudformation.amazonaws.com', area: 'cloudformation-stacks', read: cloudFormationStacks },
	{ service: 'codebuild.amazonaws.com', area: 'codebuild-projects', read: codeBuildProjects },
];

/** Reads every service's workloads side by side; a failure (but a fatal one) leaves that service unread. */
export function readRoleWorkloads(caller: AwsCaller, scope: WorkloadScope): Promise<ServiceWorkloadRead[]> {
	return Promise.all(
		readers.map(async ({ service, area, read }): Promise<ServiceWorkloadRead> => {
			try {
				return { service, found: await read(caller, scope) };
			} catch (error) {
				if (!isGatewayError(error) || isFatalReadError(error)) throw error;
				const problem = { area, reason: `${error.message.replace(/\.$/, '')}; escalation paths through ${workloadKinds[service]} are reported as conditional "if such a resource exists".`, findingIds: [] };
				return { service, failure: { reason: error.message, problem } };
			}
		}),
	);
}
