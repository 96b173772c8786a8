/**
 * Step 6's status at a glance, for the top of its screen: whether Config records and how
 * many IAM rules it runs (with Config's own verdicts once it has evaluated), how many alerts
 * fire and who gets them, Security Hub with its IAM.* controls, the trail — and why alerts
 * live in us-east-1.
 * Pure: lines of text from the model and the plan.
 */
import type { ActionVerification } from '../../wizard/verify-actions.js';
import type { AccountModel } from '../../core/model.js';
import { alertTopicName, iamEventsRegion } from '../../core/monitoring-alerts.js';
import { proofLines } from '../../core/pattern-proof.js';
import type { ProofResult, ActionParams } from '../../core/actions.js';
import { alertStatuses } from './alert-checks.js';
import { iamConfigRules } from './config-checks.js';
import { qualifyingTrails } from './hub-trail-checks.js';

function configLine(model: AccountModel): string {
	const config = model.config;
	if (!config) return 'Config: not read';
	const recording = config.recorders.some((r) => r.recording);
	const ours = config.rules.filter((r) => iamConfigRules.some((i) => i.identifier === r.sourceIdentifier));
	const verdicts = ours.filter((r) => r.compliance);
	const failing = verdicts.filter((r) => r.compliance === 'NON_COMPLIANT').map((r) => r.name);
	const verdictText =
		verdicts.length === 0 ? (ours.length > 0 ? ', no verdict yet' : '') : `; Config says ${verdicts.length - failing.length} compliant, ${failing.length} not${failing.length > 0 ? ` (${failing.join(', ')})` : ''}`;
	return `Config ${model.region}: ${recording ? 'recording' : 'NOT recording'} · IAM rules ${ours.length}/${iamConfigRules.length}${verdictText}`;
}

/** Who gets the alerts: the e-mail subscriptions of the alert topic, pending until confirmed. */
function mailText(model: AccountModel): string {
	const subscriptions = model.alertSubscriptions;
	if (subscriptions === undefined) return 'e-mail: none known';
	if (subscriptions.length === 0) return 'e-mail: nobody subscribed';
	const [first, ...more] = subscriptions;
	return `e-mail: ${first!.endpoint} ${first!.pendingConfirmation ? 'PENDING confirmation' : 'confirmed'}${more.length > 0 ? ` +${more.length} (${more.filter((s) => s.pendingConfirmation).length} pending)` : ''}`;
}

function alertsLine(model: AccountModel): string {
	if (!model.eventRules) return 'Alerts: EventBridge not read';
	const statuses = alertStatuses(model);
	const working = statuses.filter((s) => s.working.length > 0).length;
	const topic = model.alertTopic ? `topic ${model.alertTopic.arn}${model.alertTopic.exists ? '' : ' DOES NOT EXIST'}` : `topic ${alertTopicName}`;
	return `Alerts ${working}/${statuses.length} fire · ${topic} · ${mailText(model)} · rules live in ${iamEventsRegion(model.partition)}: IAM and console sign-in events arrive only there`;
}

function hubTrailLine(model: AccountModel): string {
	const hub = model.securityHub;
	const controls = hub?.iamControls;
	const controlText = controls === undefined ? 'IAM controls not read yet' : `IAM controls ${controls.filter((c) => c.status === 'ENABLED').length}/${controls.length} enabled`;
	const cis = hub?.standards.find((s) => s.standardsArn.includes('cis-aws-foundations-benchmark'));
	const hubText = !hub ? 'Security Hub not read' : !hub.enabled ? 'Security Hub off' : `Security Hub on, ${cis ? `CIS ${cis.status}` : 'no CIS standard'}, ${controlText}`;
	const trails = model.trails;
	const trailText = !trails ? 'trails not read' : qualifyingTrails(trails).length > 0 ? `trail ${qualifyingTrails(trails)[0]!.name} logs all regions` : 'no multi-region trail';
	return `${hubText} · ${trailText}`;
}

export function monitoringStatusLines(model: AccountModel): string[] {
	return [configLine(model), alertsLine(model), hubTrailLine(model)];
}

/** After a batch: what TestEventPattern answered for each rule, on the pattern the rule now has. */
export function proofSummaryLines(actions: readonly ActionVerification[]): string[] {
	return actions.flatMap((a) => {
		if (a.action.kind !== 'events:PutRule' || !a.action.proof) return [];
		const proof = (a.observed as { Proof?: ProofResult[] } | undefined)?.Proof ?? [];
		const name = (a.action.params as ActionParams['events:PutRule']).Name;
		return [`Rule ${name}, TestEventPattern on the stored rule:`, ...proofLines(proof).map((l) => `  ${l}`)];
	});
}
