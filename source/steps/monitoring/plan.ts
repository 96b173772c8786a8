/**
 * Step 6, continuous monitoring: AWS Config recording IAM and its managed IAM rules, alerts
 * (EventBridge rules proven with sample events) on root use, IAM policy changes, root access
 * key creation and console sign-in without MFA, a multi-region trail, Security Hub with the
 * CIS standard. Default actions fix each finding in the order AWS needs: Config, then alerts
 * (topic first), then Security Hub (whose controls run on Config), then CIS's metric-filter
 * form where the trail delivers to CloudWatch Logs. Pure.
 */
import type { Action } from '../../core/actions.js';
import { findingIdsOfStep, type FindingId } from '../../core/finding-catalogue.js';
import type { Finding } from '../../core/finding.js';
import type { PlanStep, StepPlan } from '../../core/step-plan.js';
import { compareFindings } from '../inventory/plan.js';
import { deniedTopicSentence, eventBridgePublishDeny } from '../../core/alert-topic.js';
import { alertActions, alertFindings, alertStatuses } from './alert-checks.js';
import { configFindings, defaultBucketRefusal, recorderActions, ruleAction } from './config-checks.js';
import { metricFilterActions, securityHubActions, securityHubFinding, trailFinding } from './hub-trail-checks.js';

const configIds: FindingId[] = ['CONFIG_RECORDER_OFF', 'CONFIG_RULE_MISSING'];
const alertIds = findingIdsOfStep(6).filter((id) => id.startsWith('ALERT_'));

export const planMonitoring: PlanStep = (model, context) => {
	const findings: Finding[] = [];
	const actions: Action[] = [];
	const plan: StepPlan = { step: 6, findings, actions, notEvaluated: [], excluded: [] };

	if (model.config) {
		const config = configFindings(model);
		findings.push(...config);
		const off = config.find((f) => f.id === 'CONFIG_RECORDER_OFF');
		const refusal = off ? defaultBucketRefusal(model) : undefined;
		if (refusal) plan.notEvaluated.push({ area: 'config-bucket', reason: refusal, findingIds: [] });
		else if (off) actions.push(...recorderActions(model, off));
		// A rule needs a recorder (NoAvailableConfigurationRecorderException otherwise).
		if (!refusal || model.config.recorders.length > 0) actions.push(...config.filter((f) => f.id === 'CONFIG_RULE_MISSING').map((f) => ruleAction(f, model, context)));
	} else if (!model.notEvaluated.some((n) => configIds.some((id) => n.findingIds.includes(id)))) {
		plan.notEvaluated.push({ area: 'config', reason: 'AWS Config was not read, so the recorder and the IAM Config rules are not checked.', findingIds: configIds });
	}

	if (model.eventRules) {
		const statuses = alertStatuses(model);
		const alerts = alertFindings(model, statuses);
		findings.push(...alerts);
		const { actions: alertFixes, refused, topicProblem } = alertActions(model, statuses, alerts);
		// Nothing to target: the findings stand, and the plan says why no rule is proposed.
		if (topicProblem) plan.notEvaluated.push({ area: 'alert topic', reason: topicProblem, findingIds: [] });
		const deny = model.alertTopic?.exists ? eventBridgePublishDeny(model.alertTopic.policy, model.alertTopic.arn) : undefined;
		if (deny) plan.notEvaluated.push({ area: 'alert topic', reason: deniedTopicSentence(model.alertTopic!.arn, deny), findingIds: [] });
		actions.push(...alertFixes);
		for (const alert of refused) {
			plan.notEvaluated.push({ area: `alert ${alert.ruleName}`, reason: `iam-wizard's pattern for ${alert.watches} failed its own sample events, so no rule is proposed.`, findingIds: [alert.findingId] });
		}
		if (alertFixes.length > 0) actions.push(...metricFilterActions(model, statuses.filter((s) => s.working.length === 0).map((s) => s.alert)));
	} else if (!model.notEvaluated.some((n) => alertIds.some((id) => n.findingIds.includes(id)))) {
		plan.notEvaluated.push({ area: 'events', reason: 'EventBridge rules were not read, so the alerts are not checked.', findingIds: alertIds });
	}

	const trail = trailFinding(model);
	if (trail) findings.push(trail);
	else if (!model.trails && !model.notEvaluated.some((n) => n.findingIds.includes('TRAIL_MISSING'))) {
		plan.notEvaluated.push({ area: 'cloudtrail', reason: 'CloudTrail trails were not read.', findingIds: ['TRAIL_MISSING'] });
	}

	const hub = securityHubFinding(model);
	if (hub) {
		findings.push(hub);
		actions.push(...securityHubActions(model, hub));
	} else if (!model.securityHub && !model.notEvaluated.some((n) => n.findingIds.includes('SECURITY_HUB_OFF'))) {
		plan.notEvaluated.push({ area: 'security-hub', reason: 'Security Hub was not read.', findingIds: ['SECURITY_HUB_OFF'] });
	}

	findings.sort(compareFindings);
	return plan;
};
