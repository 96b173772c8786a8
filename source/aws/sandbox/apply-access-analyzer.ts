/**
 * Access Analyzer: creating an analyzer runs its first analysis at once (the sandbox has no
 * delay), deleting one drops its findings, UpdateFindings archives or reactivates them, and
 * StartPolicyGeneration records the policy CloudTrail activity supports.
 */
import type { ActionParams } from '../../core/actions.js';
import type { Analyzer } from '../../core/model.js';
import { externalAccessFindings, generatePolicy, unusedAccessFindings } from './analyzer-emulation.js';
import type { ApplyContext, Outputs } from './apply-context.js';
import { mintUuid } from './sandbox-ids.js';
import { fail } from './sandbox-lookup.js';

const analyzerTypes = ['ACCOUNT', 'ORGANIZATION', 'ACCOUNT_UNUSED_ACCESS', 'ORGANIZATION_UNUSED_ACCESS'];

export function createAnalyzer(ctx: ApplyContext, p: ActionParams['access-analyzer:CreateAnalyzer']): Outputs {
	const { state, operation } = ctx;
	if (!/^[A-Za-z][A-Za-z0-9_.-]{0,254}$/.test(p.analyzerName)) fail('ValidationException', `The analyzer name "${p.analyzerName}" must start with a letter and use letters, digits, _ . or -.`, operation);
	if (!analyzerTypes.includes(p.type)) fail('ValidationException', `Analyzer type ${String(p.type)} is not one of ${analyzerTypes.join(', ')}.`, operation);
	if (state.analyzers.some((a) => a.name === p.analyzerName)) fail('ConflictException', `An analyzer named ${p.analyzerName} already exists.`, operation);
	if (p.type.startsWith('ORGANIZATION') && state.organization?.managementAccountId !== state.account.id && !state.organization?.delegatedAdministrators.includes(state.account.id)) {
		fail('ValidationException', 'An organization analyzer can only be created in the management account or by a delegated administrator.', operation);
	}
	const unused = p.type.endsWith('UNUSED_ACCESS');
	const age = p.configuration?.unusedAccess.unusedAccessAge ?? 90;
	if (unused && (!Number.isInteger(age) || age < 1 || age > 365)) fail('ValidationException', `unusedAccessAge must be 1 to 365 days, not ${age}.`, operation);
	const analyzer: Analyzer = {
		arn: `arn:aws:access-analyzer:${state.account.region}:${state.account.id}:analyzer/${p.analyzerName}`,
		name: p.analyzerName,
		type: p.type,
		status: 'ACTIVE',
		createdAt: ctx.now.toISOString(),
		...(unused ? { unusedAccessAge: age } : {}),
	};
	state.analyzers.push(analyzer);
	state.analyzerFindings.push(...(unused ? unusedAccessFindings(state, analyzer, ctx.now) : externalAccessFindings(state, analyzer, ctx.now)));
	return { arn: analyzer.arn };
}

export function deleteAnalyzer(ctx: ApplyContext, p: ActionParams['access-analyzer:DeleteAnalyzer']): void {
	const analyzer = ctx.state.analyzers.find((a) => a.name === p.analyzerName) ?? fail('ResourceNotFoundException', `Analyzer ${p.analyzerName} does not exist.`, ctx.operation);
	ctx.state.analyzers = ctx.state.analyzers.filter((a) => a !== analyzer);
	ctx.state.analyzerFindings = ctx.state.analyzerFindings.filter((f) => f.analyzerArn !== analyzer.arn);
}

export function updateFindings(ctx: ApplyContext, p: ActionParams['access-analyzer:UpdateFindings']): void {
	const { state, operation } = ctx;
	if (!state.analyzers.some((a) => a.arn === p.analyzerArn)) fail('ResourceNotFoundException', `Analyzer ${p.analyzerArn} does not exist.`, operation);
	if (p.status !== 'ARCHIVED' && p.status !== 'ACTIVE') fail('ValidationException', `Status must be ARCHIVED or ACTIVE, not ${String(p.status)}.`, operation);
	const findings = p.ids.map((id) => state.analyzerFindings.find((f) => f.id === id && f.analyzerArn === p.analyzerArn) ?? fail('ResourceNotFoundException', `Finding ${id} does not exist in analyzer ${p.analyzerArn}.`, operation));
	for (const finding of findings) {
		finding.status = p.status;
		finding.updatedAt = ctx.now.toISOString();
	}
}

export function startPolicyGeneration(ctx: ApplyContext, p: ActionParams['access-analyzer:StartPolicyGeneration']): Outputs {
	const { state, operation } = ctx;
	const principalKnown = [...state.users, ...state.roles].some((x) => x.arn === p.principalArn);
	if (!principalKnown) fail('ValidationException', `The principal ${p.principalArn} is not a user or role of this account.`, operation);
	const trail = state.trails.find((t) => t.arn === p.trailArn) ?? fail('ValidationException', `The trail ${p.trailArn} does not exist.`, operation);
	if (!/^arn:aws:iam::\d{12}:role\/.+/.test(p.accessRole)) fail('ValidationException', `accessRole ${p.accessRole} must be the ARN of a role that can read the trail.`, operation);
	const start = new Date(p.startTime);
	const end = new Date(p.endTime);
	if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || start >= end) fail('ValidationException', 'startTime and endTime must be ISO-8601 times with startTime before endTime.', operation);
	const jobId = mintUuid(state, 'policy-generation');
	state.policyGenerations.push({
		jobId,
		principalArn: p.principalArn,
		trailArn: trail.arn,
		startedOn: ctx.now.toISOString(),
		status: 'SUCCEEDED',
		generatedPolicy: generatePolicy(state.activity[p.principalArn] ?? [], start, end),
	});
	return { jobId };
}
