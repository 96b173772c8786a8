/**
 * Every multi-step escalation method needs all of its steps: a principal holding all but
 * one is not reported. The steps are written out here, not read from the method list, so
 * dropping a step from a method fails these tests. And a Deny on some passable roles does
 * not hide the ones it leaves, however many come first.
 */
import { describe, expect, it } from 'vitest';
import { normalisePolicyDocument } from '../../../source/core/policy-document.js';
import { escalationMethods } from '../../../source/core/policy-engine/escalation-methods.js';
import { escalationTargets, findEscalations } from '../../../source/core/policy-engine/find-escalations.js';
import { principalPolicies } from '../../../source/core/policy-engine/principal-policies.js';
import { buildModel, buildRole, buildUser, roleArn } from '../../helpers/model-builder.js';

const serviceRole = (name: string, service: string) =>
	buildRole(name, { trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }] } });

/** Method → every action it needs (PassRole for the pass-a-role methods), written out by hand. */
export const multiStep: Record<string, { service?: string; actions: string[] }> = {
	PassRoleEC2: { service: 'ec2.amazonaws.com', actions: ['iam:PassRole', 'ec2:RunInstances'] },
	PassRoleLambda: { service: 'lambda.amazonaws.com', actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'] },
	PassRoleLambdaDynamoDB: { service: 'lambda.amazonaws.com', actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'] },
	PassRoleGlue: { service: 'glue.amazonaws.com', actions: ['iam:PassRole', 'glue:CreateDevEndpoint'] },
	PassRoleCloudFormation: { service: 'cloudformation.amazonaws.com', actions: ['iam:PassRole', 'cloudformation:CreateStack'] },
	PassRoleDataPipeline: { service: 'datapipeline.amazonaws.com', actions: ['iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline'] },
	CodeBuildCreateProject: { service: 'codebuild.amazonaws.com', actions: ['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuild'] },
	SageMakerCreateNotebookInstance: { service: 'sagemaker.amazonaws.com', actions: ['iam:PassRole', 'sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'] },
	SageMakerCreateTrainingJob: { service: 'sagemaker.amazonaws.com', actions: ['iam:PassRole', 'sagemaker:CreateTrainingJob'] },
	SageMakerCreateProcessingJob: { service: 'sagemaker.amazonaws.com', actions: ['iam:PassRole', 'sagemaker:CreateProcessingJob'] },
	LambdaAddPermission: { service: 'lambda.amazonaws.com', actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:AddPermission'] },
	GlueCreateJob: { service: 'glue.amazonaws.com', actions: ['iam:PassRole', 'glue:CreateJob', 'glue:StartJobRun'] },
	ECSRunTask: { service: 'ecs-tasks.amazonaws.com', actions: ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'] },
	CloudFormationCreateChangeSet: { service: 'cloudformation.amazonaws.com', actions: ['iam:PassRole', 'cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'] },
	CloudFormationCreateStackSet: { service: 'cloudformation.amazonaws.com', actions: ['iam:PassRole', 'cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'] },
	// One action on two resources, the instance and the document (see escalation-methods.test.ts for each alone).
	SSMSendCommand: { actions: ['ssm:SendCommand', 'ssm:SendCommand'] },
};

function methods(actions: string[], service: string | undefined): string[] {
	const subject = buildUser('subject', { inlinePolicies: [{ name: 'p', document: normalisePolicyDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }) }] });
	const model = buildModel({ users: [subject], roles: service ? [serviceRole('target', service)] : [] });
	return findEscalations(principalPolicies(model, subject, 'user'), escalationTargets(model)).map((f) => f.method);
}

describe('multi-step escalation methods', () => {
	it('the method list holds exactly the steps written out here, for every method of more than one step', () => {
		expect(escalationMethods.filter((m) => m.steps.length > 1).map((m) => m.method).sort()).toEqual(Object.keys(multiStep).sort());
		for (const [method, { actions }] of Object.entries(multiStep)) {
			const spec = escalationMethods.find((m) => m.method === method);
			expect(spec?.steps.map((s) => s.action), method).toEqual(actions);
		}
	});

	for (const [method, { service, actions }] of Object.entries(multiStep)) {
		it(`${method}: found with all of ${actions.join(', ')}`, () => {
			expect(methods(actions, service)).toContain(method);
		});
		for (const missing of new Set(actions)) {
			it(`${method}: not found without ${missing}`, () => {
				expect(methods(actions.filter((a) => a !== missing), service)).not.toContain(method);
			});
		}
	}
});

describe('passable roles behind a Deny', () => {
	const lambdaRoles = Array.from({ length: 10 }, (_, i) => serviceRole(`fn-${i}`, 'lambda.amazonaws.com'));
	const denied = lambdaRoles.slice(0, 8).map((r) => r.arn);
	const subject = (denyArns: string[]) =>
		buildUser('subject', {
			inlinePolicies: [
				{
					name: 'p',
					document: normalisePolicyDocument({
						Version: '2012-10-17',
						Statement: [
							{ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
							{ Effect: 'Deny', Action: 'iam:PassRole', Resource: denyArns },
						],
					}),
				},
			],
		});
	const found = (denyArns: string[]) => {
		const user = subject(denyArns);
		const model = buildModel({ users: [user], roles: lambdaRoles });
		return findEscalations(principalPolicies(model, user, 'user'), escalationTargets(model)).find((f) => f.method === 'PassRoleLambda');
	};

	it('finds the 9th and 10th roles when a Deny names the first 8', () => {
		const hit = found(denied);
		expect(hit?.steps[0]?.resource).toBe(roleArn('fn-8'));
		expect(hit?.conditional).toBe(false);
	});

	it('reports nothing when the Deny names all 10', () => {
		expect(found(lambdaRoles.map((r) => r.arn))).toBeUndefined();
	});
});

describe('a grant that expired before the scan', () => {
	const grant = (until: string) =>
		buildUser('subject', {
			inlinePolicies: [{ name: 'p', document: normalisePolicyDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:AttachUserPolicy', Resource: '*', Condition: { DateLessThan: { 'aws:CurrentTime': until } } }] }) }],
		});
	const found = (until: string) => {
		const user = grant(until);
		const model = buildModel({ users: [user], readAt: '2026-12-01T00:00:00.000Z' });
		return findEscalations(principalPolicies(model, user, 'user'), escalationTargets(model)).map((f) => ({ method: f.method, conditional: f.conditional }));
	};
	it('is removed when its DateLessThan is in the past, conditional when it is ahead', () => {
		expect(found('2026-06-30T00:00:00Z')).toEqual([]);
		expect(found('2027-06-30T00:00:00Z')).toEqual([{ method: 'AttachUserPolicy', conditional: true }]);
	});
});
