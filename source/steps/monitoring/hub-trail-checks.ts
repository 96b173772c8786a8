/**
 * TRAIL_MISSING (a multi-region trail logging management events, which policy generation
 * and the alerts rely on), SECURITY_HUB_OFF with the actions that enable the hub and the CIS
 * standard, and CIS's own form of the alerts — a metric filter and an alarm on the trail's
 * CloudWatch Logs group — when the trail delivers there. Pure.
 */
import type { Action } from '../../core/actions.js';
import { makeFinding, type Finding } from '../../core/finding.js';
import { rootArn, type AccountModel, type CloudTrailTrail } from '../../core/model.js';
import type { AlertDefinition } from '../../core/monitoring-alerts.js';
import { alertTopicArn } from './alert-checks.js';

export function cisStandardArn(model: AccountModel): string {
	return `arn:${model.partition}:securityhub:${model.region}::standards/cis-aws-foundations-benchmark/v/3.0.0`;
}

const isCis = (arn: string) => arn.includes('cis-aws-foundations-benchmark');

/** The trails that count: multi-region, logging, with management events (unknown counts as yes, not to cry wolf). */
export function qualifyingTrails(trails: CloudTrailTrail[]): CloudTrailTrail[] {
	return trails.filter((t) => t.isMultiRegionTrail && t.isLogging !== false && t.logsManagementEvents !== false);
}

export function trailFinding(model: AccountModel): Finding | undefined {
	if (!model.trails || qualifyingTrails(model.trails).length > 0) return undefined;
	const seen = model.trails.map((t) => `${t.name} (${[t.isMultiRegionTrail ? 'multi-region' : 'single-region', t.isLogging === false ? 'not logging' : '', t.logsManagementEvents === false ? 'no management events' : ''].filter(Boolean).join(', ')})`);
	return makeFinding(
		'TRAIL_MISSING',
		rootArn(model.partition, model.accountId),
		`No multi-region CloudTrail trail logs management events${seen.length > 0 ? `; there is only ${seen.join(', ')}` : ''}. Create one in CloudTrail (iam-wizard does not choose its bucket, encryption and cost for you); policy generation needs 90 days of it.`,
		{ trails: model.trails.map((t) => t.name) },
	);
}

export function securityHubFinding(model: AccountModel): Finding | undefined {
	const hub = model.securityHub;
	if (!hub || (hub.enabled && hub.standards.some((s) => isCis(s.standardsArn) && s.status !== 'DELETING' && s.status !== 'FAILED'))) return undefined;
	const detail = hub.enabled ? `Security Hub is on in ${model.region} but the CIS AWS Foundations Benchmark standard is not.` : `Security Hub is not enabled in ${model.region}.`;
	return makeFinding('SECURITY_HUB_OFF', rootArn(model.partition, model.accountId), detail, { region: model.region, enabled: hub.enabled }, { qualifier: model.region });
}

export function securityHubActions(model: AccountModel, finding: Finding): Action[] {
	const ids = [finding.fingerprint];
	const actions: Action[] = [];
	if (!model.securityHub?.enabled) {
		actions.push({
			kind: 'securityhub:EnableSecurityHub',
			params: { EnableDefaultStandards: false },
			step: 6,
			findingIds: ids,
			summary: `Enable Security Hub in ${model.region} (without its default standards)`,
			notes: ['Security Hub runs its controls through AWS Config: keep the recorder recording.'],
		});
	}
	actions.push({
		kind: 'securityhub:BatchEnableStandards',
		params: { StandardsSubscriptionRequests: [{ StandardsArn: cisStandardArn(model) }] },
		step: 6,
		findingIds: ids,
		summary: 'Enable the CIS AWS Foundations Benchmark v3.0.0 standard',
		notes: ['Its IAM.* controls then report on this account; re-read the account to see their status.'],
	});
	return actions;
}

/** "arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/logs:*" → "CloudTrail/logs". */
export function logGroupName(arn: string): string {
	return arn.split(':')[6] ?? arn;
}

/** The trail whose log group gets CIS's filters: the first qualifying trail that delivers to CloudWatch Logs. */
export function trailWithLogGroup(model: AccountModel): CloudTrailTrail | undefined {
	return qualifyingTrails(model.trails ?? []).find((t) => t.cloudWatchLogsLogGroupArn);
}

/** A metric filter and its alarm per alert CIS checks, publishing to the alerts topic. */
export function metricFilterActions(model: AccountModel, alerts: AlertDefinition[]): Action[] {
	const trail = trailWithLogGroup(model);
	if (!trail) return [];
	const group = logGroupName(trail.cloudWatchLogsLogGroupArn!);
	return alerts.flatMap((alert): Action[] => {
		if (!alert.metricFilter) return [];
		const metricName = alert.ruleName.replace(/^iam-wizard-/, 'IamWizard-');
		const control = `CIS ${alert.cis} / Security Hub ${alert.metricFilter.control}`;
		return [
			{
				kind: 'logs:PutMetricFilter',
				params: { logGroupName: group, filterName: alert.ruleName, filterPattern: alert.metricFilter.filterPattern, metricTransformations: [{ metricName, metricNamespace: 'CISBenchmark', metricValue: '1' }] },
				step: 6,
				findingIds: [],
				summary: `Add metric filter ${alert.ruleName} on log group ${group} (${control})`,
				notes: [`This form passes ${control}; the EventBridge rule does not.`],
			},
			{
				kind: 'cloudwatch:PutMetricAlarm',
				params: {
					AlarmName: alert.ruleName,
					AlarmDescription: `iam-wizard: ${alert.watches} (${control})`,
					MetricName: metricName,
					Namespace: 'CISBenchmark',
					Statistic: 'Sum',
					Period: 300,
					EvaluationPeriods: 1,
					Threshold: 1,
					ComparisonOperator: 'GreaterThanOrEqualToThreshold',
					TreatMissingData: 'notBreaching',
					AlarmActions: [alertTopicArn(model)],
				},
				step: 6,
				findingIds: [],
				summary: `Alarm ${alert.ruleName} on metric ${metricName} to SNS topic iam-wizard-alerts`,
			},
		];
	});
}
