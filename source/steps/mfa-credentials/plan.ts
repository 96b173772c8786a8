/**
 * Step 5, MFA and long-lived credentials: the MFA guardrail (the RequireMFA SCP, or AWS's
 * force-MFA IAM policy without SCPs; see guardrail-plan.ts) with its impact list, the
 * password policy at the CIS values, and deactivating the access keys that step 1 flags as
 * not rotated or unused — deactivation first, because an inactive key can be re-activated if
 * something breaks, while deletion (a second phase, after a grace period) cannot be undone.
 * The key the caller signs with and break-glass users are never proposed.
 */
import type { Action } from '../../core/actions.js';
import type { Finding } from '../../core/finding.js';
import type { PlanStep, StepPlan } from '../../core/step-plan.js';
import { planInventory } from '../inventory/plan.js';
import { workloadMigrations } from './key-migration.js';
import { planKeyDeletions } from './key-retirement.js';
import { planGuardrail } from './guardrail-plan.js';
import { mfaEnforcement } from './mfa-enforcement.js';
import { planPasswordPolicy } from './password-policy-plan.js';

const remediatedIds = new Set(['KEY_NOT_ROTATED', 'CREDENTIAL_UNUSED']);

interface KeyTarget {
	userName: string;
	userArn: string;
	accessKeyId: string;
	findings: Finding[];
}

function keyTargets(findings: Finding[]): { targets: KeyTarget[]; unidentified: Finding[] } {
	const byKey = new Map<string, KeyTarget>();
	const unidentified: Finding[] = [];
	for (const finding of findings) {
		const keyId = finding.evidence.accessKeyId;
		const userName = finding.evidence.user;
		if (typeof keyId !== 'string' || typeof userName !== 'string') {
			unidentified.push(finding);
			continue;
		}
		const target = byKey.get(keyId) ?? { userName, userArn: finding.resource, accessKeyId: keyId, findings: [] };
		target.findings.push(finding);
		byKey.set(keyId, target);
	}
	return { targets: [...byKey.values()], unidentified };
}

function why(target: KeyTarget): string {
	return target.findings.map((f) => (f.id === 'KEY_NOT_ROTATED' ? 'not rotated' : 'unused')).join(', ');
}

export const planMfaCredentials: PlanStep = (model, context) => {
	const inventory = planInventory(model, context);
	// Key findings carry the report's slot; CREDENTIAL_UNUSED on a password does not, and is not a key to deactivate.
	const addressed = inventory.findings.filter((f) => remediatedIds.has(f.id) && typeof f.evidence.accessKeySlot === 'number');
	const { targets, unidentified } = keyTargets(addressed);
	const excludedArns = new Map(context.excluded.map((e) => [e.arn, e.reason]));
	const plan: StepPlan = { step: 5, findings: [], addresses: addressed, actions: [], notEvaluated: [], excluded: [] };

	for (const target of targets) {
		const ids = target.findings.map((f) => f.fingerprint);
		if (target.accessKeyId === model.caller.accessKeyId) {
			plan.excluded.push({
				arn: target.userArn,
				reason: `access key ${target.accessKeyId} is the key you are signed in with: iam-wizard never deactivates it`,
				findingIds: ids,
			});
			continue;
		}
		const breakGlass = excludedArns.get(target.userArn);
		if (breakGlass !== undefined) {
			plan.excluded.push({ arn: target.userArn, reason: breakGlass, findingIds: ids });
			continue;
		}
		const action: Action<'iam:UpdateAccessKey'> = {
			kind: 'iam:UpdateAccessKey',
			params: { UserName: target.userName, AccessKeyId: target.accessKeyId, Status: 'Inactive' },
			step: 5,
			findingIds: ids,
			summary: `Deactivate access key ${target.accessKeyId} of ${target.userName} (${why(target)})`,
		};
		plan.actions.push(action);
	}
	// A workload still waiting for its role to be used keeps its key: deactivating it now would break it.
	for (const migration of workloadMigrations(model, context)) {
		if (migration.state !== 'waiting' || !migration.key) continue;
		const waiting = plan.actions.findIndex((a) => a.kind === 'iam:UpdateAccessKey' && a.params.AccessKeyId === migration.key!.id);
		if (waiting < 0) continue;
		const [held] = plan.actions.splice(waiting, 1);
		plan.excluded.push({ arn: migration.user.arn, reason: `access key ${migration.key.id} waits for its workload to use role ${migration.role!.name} (${migration.why})`, findingIds: held!.findingIds });
	}
	// Second phase: keys inactive and unused for the whole grace period.
	const deletions = planKeyDeletions(model, context);
	plan.actions.push(...deletions.actions);
	plan.excluded.push(...deletions.excluded);
	if (unidentified.length > 0) {
		plan.notEvaluated.push({
			area: 'access keys without an ID',
			reason: `${unidentified.length} flagged key(s) are known only from the credential report (ListAccessKeys was not read), so they cannot be deactivated from here.`,
			findingIds: [...new Set(unidentified.map((f) => f.id))],
		});
	}
	addMfaAndPasswordPolicy(plan, model, context, inventory.findings);
	return plan;
};

/** The MFA guardrail (MFA_NOT_ENFORCED) and the password policy (step 1's PASSWORD_POLICY_WEAK). */
function addMfaAndPasswordPolicy(plan: StepPlan, model: Parameters<PlanStep>[0], context: Parameters<PlanStep>[1], inventoryFindings: Finding[]): void {
	const enforcement = mfaEnforcement(model, context.excluded);
	if (enforcement.finding) plan.findings.push(enforcement.finding);
	if (enforcement.notEvaluated) plan.notEvaluated.push(enforcement.notEvaluated);
	if (enforcement.finding) {
		const guardrail = planGuardrail(model, context);
		plan.actions.push(...guardrail.actions);
		for (const problem of guardrail.problems) plan.notEvaluated.push({ area: 'MFA guardrail', reason: problem, findingIds: ['MFA_NOT_ENFORCED'] });
	}
	const password = planPasswordPolicy(model.passwordPolicy, inventoryFindings);
	if (password) {
		plan.addresses = [...(plan.addresses ?? []), ...inventoryFindings.filter((f) => f.id === 'PASSWORD_POLICY_WEAK')];
		plan.actions.push(password);
	}
}
