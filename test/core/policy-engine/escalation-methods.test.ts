/**
 * The method list itself, checked against AWS's Service Authorization Reference (the IAM
 * action catalogue): every step names an action AWS has, on a resource that action takes
 * ("*" exactly when it takes no ARN), and the parts the findings and the principal graph
 * read (what a method reaches, whom it applies to, its sentence) are written out here by
 * hand. The steps a method needs are in escalation-steps.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIamCatalogue } from '../../../source/aws/iam-catalogue.js';
import { arnPatternFitsAction } from '../../../source/core/arn-pattern.js';
import { escalationMethodNames } from '../../../source/core/finding-catalogue.js';
import { normalisePolicyDocument } from '../../../source/core/policy-document.js';
import { acceptsOnlyWildcardResource, findAction, type IamCatalogue } from '../../../source/core/policy-engine/catalogue.js';
import { boundaryRemovalActions, escalationMethods, iamChangeActions, type EscalationReach } from '../../../source/core/policy-engine/escalation-methods.js';
import { escalationTargets, findEscalations } from '../../../source/core/policy-engine/find-escalations.js';
import { principalPolicies } from '../../../source/core/policy-engine/principal-policies.js';
import { boundaryWeaknesses } from '../../../source/steps/boundaries/boundary-findings.js';
import { buildModel, buildUser, testAccountId } from '../../helpers/model-builder.js';

let catalogue: IamCatalogue;
beforeAll(async () => {
	catalogue = await loadIamCatalogue();
});

type Raw = Record<string, unknown>;
const doc = (...statements: Raw[]) => normalisePolicyDocument({ Version: '2012-10-17', Statement: statements });
const fillArn = (template: string) => template.replaceAll('{partition}', 'aws').replaceAll('{region}', 'us-east-1').replaceAll('{account}', testAccountId);

/** The resource type an IAM target kind stands for, as the catalogue names it. */
const iamResourceOf: Record<string, string> = { 'customer-policy': 'policy', user: 'user', 'other-user': 'user', role: 'role', 'trusting-role': 'role', 'passable-role': 'role', group: 'group', 'own-group': 'group' };

describe('the steps, against the Service Authorization Reference', () => {
	const steps = escalationMethods.flatMap((m) => m.steps.map((step, i) => ({ method: m.method, i, step })));

	it.each(steps.map((s) => [`${s.method} step ${s.i + 1} (${s.step.action})`, s]))('%s: an action AWS has, on a resource it takes', (_name, { step }) => {
		const action = findAction(catalogue, step.action);
		expect(action?.id).toBe(step.action);
		if (step.target === 'service-resource') {
			const arn = step.arn!;
			// "*" exactly when the action takes no resource ARN (a Resource naming ARNs never allows it).
			expect(arn === '*').toBe(acceptsOnlyWildcardResource(catalogue, step.action));
			if (arn !== '*') expect(arnPatternFitsAction(catalogue, step.action, fillArn(arn))).toBe(true);
		} else {
			expect(step.arn).toBeUndefined();
			expect(action!.action.resourceTypes.map((r) => r.name)).toContain(iamResourceOf[step.target]);
		}
		if (step.target === 'passable-role') {
			expect(step.action).toBe('iam:PassRole');
			expect(step.service).toMatch(/^[a-z0-9-]+\.amazonaws\.com$/);
		} else {
			expect(step.service).toBeUndefined();
		}
	});

	it('lists the methods of the finding catalogue, in its order, once each', () => {
		expect(escalationMethods.map((m) => m.method)).toEqual([...escalationMethodNames]);
	});
});

describe('what each method reaches and whom it applies to', () => {
	const reach: Record<EscalationReach, string[]> = {
		admin: ['CreatePolicyVersion', 'SetDefaultPolicyVersion', 'AttachUserPolicy', 'AttachGroupPolicy', 'AttachRolePolicy', 'PutUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'AddUserToGroup'],
		user: ['CreateAccessKey', 'CreateLoginProfile', 'UpdateLoginProfile'],
		role: ['UpdateAssumeRolePolicy'],
		'assumed-role': ['AssumeRole'],
		'passed-role': [
			'PassRoleEC2',
			'PassRoleLambda',
			'PassRoleLambdaDynamoDB',
			'PassRoleGlue',
			'PassRoleCloudFormation',
			'PassRoleDataPipeline',
			'CodeBuildCreateProject',
			'SageMakerCreateNotebookInstance',
			'SageMakerCreateTrainingJob',
			'SageMakerCreateProcessingJob',
			'LambdaAddPermission',
			'GlueCreateJob',
			'ECSRunTask',
			'CloudFormationCreateChangeSet',
			'CloudFormationCreateStackSet',
		],
		'resource-role': ['UpdateFunctionCode', 'UpdateGlueDevEndpoint', 'CodeBuildStartBuild', 'CloudFormationUpdateStack', 'SSMSendCommand', 'SSMStartSession', 'EC2InstanceConnect'],
	};
	/** For the resource-role methods: the service principal the resource's role trusts. */
	const resourceService: Record<string, string> = {
		UpdateFunctionCode: 'lambda.amazonaws.com',
		UpdateGlueDevEndpoint: 'glue.amazonaws.com',
		CodeBuildStartBuild: 'codebuild.amazonaws.com',
		CloudFormationUpdateStack: 'cloudformation.amazonaws.com',
		SSMSendCommand: 'ec2.amazonaws.com',
		SSMStartSession: 'ec2.amazonaws.com',
		EC2InstanceConnect: 'ec2.amazonaws.com',
	};
	const usersOnly = ['AttachGroupPolicy', 'PutGroupPolicy', 'AddUserToGroup'];

	it.each(escalationMethods.map((m) => [m.method, m]))('%s', (method, spec) => {
		expect(Object.entries(reach).find(([, names]) => names.includes(method))?.[0]).toBe(spec.reach);
		expect(spec.principals).toEqual(usersOnly.includes(method) ? ['user'] : ['user', 'role']);
		// The finding's sentence: "<principal> can …".
		expect(spec.how).toMatch(/^can [a-z]/);
		if (spec.reach === 'resource-role') {
			expect(spec.resource?.service).toBe(resourceService[method]);
			// "only if <needs> exists": a resource in words, that runs with the role.
			expect(spec.resource?.needs).toMatch(/^an? .* with the role/);
		} else {
			expect(spec.resource).toBeUndefined();
		}
	});
});

describe('SSMSendCommand needs the instance and the document', () => {
	const instances = 'arn:aws:ec2:*:*:instance/*';
	const found = (...resources: string[]) => {
		const subject = buildUser('subject', { inlinePolicies: [{ name: 'p', document: doc({ Effect: 'Allow', Action: 'ssm:SendCommand', Resource: resources }) }] });
		const model = buildModel({ users: [subject] });
		return findEscalations(principalPolicies(model, subject, 'user'), escalationTargets(model)).find((f) => f.method === 'SSMSendCommand');
	};

	it('is found with both, AWS-RunShellScript named or matched', () => {
		expect(found(instances, 'arn:aws:ssm:*::document/AWS-RunShellScript')?.steps.map((s) => s.resource)).toEqual([
			`arn:aws:ec2:us-east-1:${testAccountId}:instance/iam-wizard-probe`,
			'arn:aws:ssm:us-east-1::document/AWS-RunShellScript',
		]);
		expect(found(instances, 'arn:aws:ssm:us-east-1:*:document/AWS-*')).toBeDefined();
	});

	it('is not found on instances alone, nor on documents alone', () => {
		expect(found(instances)).toBeUndefined();
		expect(found('arn:aws:ssm:*:*:document/*')).toBeUndefined();
	});
});

describe('the IAM changes a boundary must not allow', () => {
	const changes: [string, 'user' | 'role' | 'group' | 'policy'][] = [
		['iam:CreateUser', 'user'],
		['iam:DeleteUser', 'user'],
		['iam:CreateAccessKey', 'user'],
		['iam:CreateLoginProfile', 'user'],
		['iam:UpdateLoginProfile', 'user'],
		['iam:AttachUserPolicy', 'user'],
		['iam:PutUserPolicy', 'user'],
		['iam:DetachUserPolicy', 'user'],
		['iam:DeleteUserPolicy', 'user'],
		['iam:AddUserToGroup', 'group'],
		['iam:AttachGroupPolicy', 'group'],
		['iam:PutGroupPolicy', 'group'],
		['iam:CreateRole', 'role'],
		['iam:DeleteRole', 'role'],
		['iam:AttachRolePolicy', 'role'],
		['iam:PutRolePolicy', 'role'],
		['iam:DetachRolePolicy', 'role'],
		['iam:DeleteRolePolicy', 'role'],
		['iam:UpdateAssumeRolePolicy', 'role'],
		['iam:CreatePolicy', 'policy'],
		['iam:CreatePolicyVersion', 'policy'],
		['iam:SetDefaultPolicyVersion', 'policy'],
		['iam:DeletePolicy', 'policy'],
	];
	const removals: [string, 'user' | 'role'][] = [
		['iam:DeleteUserPermissionsBoundary', 'user'],
		['iam:DeleteRolePermissionsBoundary', 'role'],
		['iam:PutUserPermissionsBoundary', 'user'],
		['iam:PutRolePermissionsBoundary', 'role'],
	];
	const weak = (action: string, resource: string) =>
		boundaryWeaknesses('arn:aws:iam::123456789012:policy/b', 'b', doc({ Effect: 'Allow', Action: action, Resource: resource }), escalationTargets(buildModel())).map((d) => [d.action, d.resource]);
	const probe = (kind: string) => `arn:aws:iam::${testAccountId}:${kind}/iam-wizard-probe`;

	it('are the lists written out here', () => {
		expect(iamChangeActions.map((c) => [c.action, c.target])).toEqual(changes);
		expect(boundaryRemovalActions.map((c) => [c.action, c.target])).toEqual(removals);
	});

	it.each([...changes, ...removals])('%s on a %s other than the principal makes a boundary weak, and on another kind does not', (action, kind) => {
		expect(weak(action, `arn:aws:iam::${testAccountId}:${kind}/*`)).toEqual([[action, probe(kind)]]);
		const other = kind === 'user' ? 'role' : 'user';
		expect(weak(action, `arn:aws:iam::${testAccountId}:${other}/*`)).toEqual([]);
	});
});
