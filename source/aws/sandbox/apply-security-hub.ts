/**
 * Security Hub in the sandbox's region: enable and disable the hub, enable and disable
 * standards. With the hub off, every other call fails with InvalidAccessException, as AWS's does.
 */
import type { ActionParams } from '../../core/actions.js';
import type { SecurityHubState } from '../../core/model.js';
import type { ApplyContext, Outputs } from './apply-context.js';
import { fail } from './sandbox-lookup.js';
import type { SandboxMonitoring, SandboxState } from './sandbox-state.js';

export function monitoringOf(state: SandboxState): SandboxMonitoring {
	state.monitoring ??= { securityHub: { enabled: false, standards: [] }, subscriptions: [], metricFilters: [], alarms: [] };
	return state.monitoring;
}

/** The standards the sandbox knows, by ARN (the region is filled in). */
export function knownStandards(region: string): string[] {
	return [
		`arn:aws:securityhub:${region}::standards/cis-aws-foundations-benchmark/v/3.0.0`,
		`arn:aws:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
		'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0',
	];
}

function requireHub(ctx: ApplyContext) {
	const hub = monitoringOf(ctx.state).securityHub;
	if (!hub.enabled) fail('InvalidAccessException', `Account ${ctx.state.account.id} is not subscribed to AWS Security Hub.`, ctx.operation);
	return hub;
}

export function enableSecurityHub(ctx: ApplyContext, p: ActionParams['securityhub:EnableSecurityHub']): Outputs {
	const hub = monitoringOf(ctx.state).securityHub;
	if (hub.enabled) fail('ResourceConflictException', `Account ${ctx.state.account.id} is already subscribed to Security Hub.`, ctx.operation);
	const region = ctx.state.account.region;
	hub.enabled = true;
	hub.hubArn = `arn:aws:securityhub:${region}:${ctx.state.account.id}:hub/default`;
	hub.standards = p.EnableDefaultStandards ? [subscription(ctx, knownStandards(region)[1]!)] : [];
	return { HubArn: hub.hubArn };
}

export function disableSecurityHub(ctx: ApplyContext): void {
	const hub = requireHub(ctx);
	hub.enabled = false;
	hub.standards = [];
	delete hub.hubArn;
}

function subscription(ctx: ApplyContext, standardsArn: string) {
	const path = standardsArn.replace(/^.*:(standards|ruleset)\//, '');
	return { standardsArn, subscriptionArn: `arn:aws:securityhub:${ctx.state.account.region}:${ctx.state.account.id}:subscription/${path}`, status: 'READY' };
}

export function batchEnableStandards(ctx: ApplyContext, p: ActionParams['securityhub:BatchEnableStandards']): Outputs {
	const hub = requireHub(ctx);
	const known = knownStandards(ctx.state.account.region);
	const outputs: Outputs = {};
	for (const { StandardsArn } of p.StandardsSubscriptionRequests) {
		if (!known.includes(StandardsArn)) fail('InvalidInputException', `StandardsArn ${StandardsArn} is not a valid standard.`, ctx.operation);
	}
	for (const { StandardsArn } of p.StandardsSubscriptionRequests) {
		const existing = hub.standards.find((s) => s.standardsArn === StandardsArn);
		const entry = existing ?? subscription(ctx, StandardsArn);
		if (!existing) hub.standards.push(entry);
		outputs[StandardsArn] = entry.subscriptionArn;
	}
	return outputs;
}

export function batchDisableStandards(ctx: ApplyContext, p: ActionParams['securityhub:BatchDisableStandards']): void {
	const hub = requireHub(ctx);
	for (const arn of p.StandardsSubscriptionArns) {
		if (!hub.standards.some((s) => s.subscriptionArn === arn)) fail('InvalidInputException', `Standards subscription ${arn} does not exist.`, ctx.operation);
	}
	hub.standards = hub.standards.filter((s) => !p.StandardsSubscriptionArns.includes(s.subscriptionArn));
}

/** The CIS v3.0 controls on IAM, which the standard turns on. */
const cisIamControls = ['IAM.2', 'IAM.3', 'IAM.4', 'IAM.5', 'IAM.6', 'IAM.9', 'IAM.15', 'IAM.16', 'IAM.18', 'IAM.22', 'IAM.26', 'IAM.27', 'IAM.28'];

/** What DescribeHub, GetEnabledStandards and the IAM controls' status show. */
export function sandboxSecurityHub(state: SandboxState): SecurityHubState {
	const hub = state.monitoring?.securityHub;
	if (!hub?.enabled) return { enabled: false, standards: [] };
	const cis = hub.standards.some((s) => s.standardsArn.includes('cis-aws-foundations-benchmark'));
	return {
		enabled: true,
		...(hub.hubArn ? { hubArn: hub.hubArn } : {}),
		standards: hub.standards.map((s) => ({ ...s })),
		iamControls: cis ? cisIamControls.map((controlId) => ({ controlId, status: 'ENABLED' })) : [],
	};
}
