/**
 * Step 6's reads beyond Config's recorders and EventBridge's rules: each trail's logging
 * status and whether its event selectors log management events (DescribeTrails, then
 * GetTrailStatus and GetEventSelectors per trail homed here), and Config's compliance verdict
 * per rule (DescribeComplianceByConfigRule, paginated).
 */
import { GetEventSelectorsCommand, GetTrailStatusCommand, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeComplianceByConfigRuleCommand } from '@aws-sdk/client-config-service';
import pLimit from 'p-limit';
import type { CloudTrailTrail, ConfigRule } from '../../core/model.js';
import type { AwsCaller } from './aws-caller.js';
import { orAbsent } from '../absence.js';

interface Selectors {
	EventSelectors?: { ReadWriteType?: string; IncludeManagementEvents?: boolean }[];
	AdvancedEventSelectors?: { FieldSelectors?: { Field?: string; Equals?: string[] }[] }[];
}

/** Management events of both kinds: a basic selector with All, or an advanced one on category Management without a readOnly filter. */
export function logsManagementEvents(selectors: Selectors): boolean {
	if ((selectors.EventSelectors ?? []).some((s) => s.IncludeManagementEvents !== false && (s.ReadWriteType ?? 'All') === 'All')) return true;
	return (selectors.AdvancedEventSelectors ?? []).some((s) => {
		const fields = s.FieldSelectors ?? [];
		return fields.some((f) => f.Field === 'eventCategory' && (f.Equals ?? []).includes('Management')) && !fields.some((f) => f.Field === 'readOnly');
	});
}

export async function readTrailStates(caller: AwsCaller, region: string, concurrency: number): Promise<CloudTrailTrail[]> {
	const output = await caller.send('cloudtrail', new DescribeTrailsCommand({ includeShadowTrails: true }));
	const limit = pLimit(concurrency);
	return Promise.all(
		(output?.trailList ?? [])
			.filter((t) => t.TrailARN && t.Name)
			.map((t) =>
				limit(async () => {
					const trail: CloudTrailTrail = { name: t.Name!, arn: t.TrailARN!, isMultiRegionTrail: t.IsMultiRegionTrail === true };
					if (t.HomeRegion) trail.homeRegion = t.HomeRegion;
					if (t.S3BucketName) trail.s3BucketName = t.S3BucketName;
					if (t.CloudWatchLogsLogGroupArn) trail.cloudWatchLogsLogGroupArn = t.CloudWatchLogsLogGroupArn;
					// A shadow trail's status is read in its home region; this client reads only its own.
					if (t.HomeRegion && t.HomeRegion !== region) return trail;
					const status = await orAbsent(() => caller.send('cloudtrail', new GetTrailStatusCommand({ Name: t.TrailARN })), null);
					if (status) trail.isLogging = status.IsLogging === true;
					const selectors = await orAbsent(() => caller.send('cloudtrail', new GetEventSelectorsCommand({ TrailName: t.TrailARN })), null);
					if (selectors) trail.logsManagementEvents = logsManagementEvents(selectors);
					return trail;
				}),
			),
	);
}

export async function withCompliance(caller: AwsCaller, rules: ConfigRule[]): Promise<ConfigRule[]> {
	if (rules.length === 0) return rules;
	const pages = await caller.pages('config', (token) => new DescribeComplianceByConfigRuleCommand(token ? { NextToken: token } : {}), (page) => page.NextToken);
	const verdicts = new Map(pages.flatMap((page) => page.ComplianceByConfigRules ?? []).map((c) => [c.ConfigRuleName, c.Compliance?.ComplianceType]));
	return rules.map((rule) => {
		const compliance = verdicts.get(rule.name);
		return compliance ? { ...rule, compliance } : rule;
	});
}
