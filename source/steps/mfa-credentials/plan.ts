/**
 * Step 5, MFA and long-lived credentials: the MFA guardrail (the RequireMFA SCP, or AWS's
 * force-MFA IAM policy without SCPs; see guardrail-plan.ts) with its impact list, the
 * password policy at the CIS values, and deactivating the access keys that step 1 flags as
 * unused — deactivation first, because an inactive key can be re-activated if something
 * breaks, while deletion (a second phase, after a grace period) cannot be undone.
 * A key that is merely old but still in use is never deactivated by default: whatever calls
 * with it would break. It is held back with what to do instead — rotate it, or move the
 * workload to a role (key-migration.ts). The key the caller signs with and break-glass users
 * are never proposed.
 */
import type { Action } from '../../core/actions.js';
import type { Finding } from '../../core/finding.js';
import type { PlanStep, StepPlan } from '../../core/step-plan.js';
import { compareFindings, planInventory } from '../inventory/plan.js';
import { accessKeyFindings } from '../inventory/access-key-findings.js';
import { shortDate } from '../../core/dates.js';
import type { AccountModel } from '../../core/model.js';
import type { PlanContext } from '../../core/settings.js';
import { isWorkloadCandidate, workloadMigrations } from './key-migration.js';
import { planKeyDeletions } from './key-retirement.js';
import { sesSmtpUser } from './ses-smtp-user.js';
import { guardrailProblems, planGuardrail } from './guardrail-plan.js';
import { mfaEnforcement } from './mfa-enforcement.js';
import { planPasswordPolicy } from './password-policy-plan.js';
import { planRootSession } from './root-session-plan.js';
import { plural } from '../../core/plural.js';

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

/**
 * Why an old key that is still in use is held back, and what to do instead; undefined when
 * the key is unused (step 1 flags it CREDENTIAL_UNUSED), which is safe to deactivate.
 */
function inUseAdvice(model: AccountModel, context: PlanContext, target: KeyTarget): string | undefined {
	if (target.findings.some((f) => f.id === 'CREDENTIAL_UNUSED')) return undefined;
	const user = model.users.find((u) => u.name === target.userName);
	// The latest of IAM's GetAccessKeyLastUsed and the credential report's date, as step 1 saw them.
	const dates = target.findings.flatMap((f) => [f.evidence.knownLastUsedDate, f.evidence.lastUsedDate]).filter((d): d is string => typeof d === 'string' && !Number.isNaN(Date.parse(d)));
	const lastUsed = dates.sort((a, b) => Date.parse(b) - Date.parse(a))[0];
	const used = lastUsed ? `last used ${shortDate(lastUsed)}` : 'in use';
	const head = `access key ${target.accessKeyId} is ${why(target)} but in use (${used}): deactivating it would break whatever calls with it.`;
	const smtp = user ? sesSmtpUser(model, user) : undefined;
	if (smtp) {
		return `${head} It holds SES SMTP credentials (${smtp}), which cannot move to a role: rotate them instead — new SMTP credentials, switch the mail senders, then deactivate this key.`;
	}
	if (user && isWorkloadCandidate(model, user, context)) {
		return `${head} Move the workload to a role instead (m in the access-key section, or plan --migrate ${user.name}=TRUST), or rotate the key.`;
	}
	return `${head} Rotate it instead: create a second key, switch what uses it, then deactivate this one.`;
}

function why(target: KeyTarget): string {
	return target.findings.map((f) => (f.id === 'KEY_NOT_ROTATED' ? 'not rotated' : 'unused')).join(', ');
}

/** Key findings carry the report's slot; CREDENTIAL_UNUSED on a password does not, and is not a key to deactivate. */
function addressedKeyFindings(findings: readonly Finding[]): Finding[] {
	return findings.filter((f) => remediatedIds.has(f.id) && typeof f.evidence.accessKeySlot === 'number');
}

function unidentifiedKeys(unidentified: Finding[]): StepPlan['notEvaluated'][number] {
	return {
		area: 'access keys without an ID',
		reason: `${plural(unidentified.length, 'flagged key')} ${unidentified.length === 1 ? 'is' : 'are'} known only from the credential report (ListAccessKeys was not read), so they cannot be deactivated from here.`,
		findingIds: [...new Set(unidentified.map((f) => f.id))],
	};
}

/**
 * What `scan` reads of step 5 (context.findingsOnly): MFA_NOT_ENFORCED and the notEvaluated
 * entries of the full plan, in its order, without the key actions, the guardrail's impact
 * lists or a second run of step 1. Only step 1's key findings matter here, and they all come
 * from accessKeyFindings; sorted alone they keep the order they have in step 1's sorted list.
 */
function findingsOnlyPlan(model: AccountModel, context: PlanContext): StepPlan {
	const addressed = addressedKeyFindings(accessKeyFindings(model, context).sort(compareFindings));
	const { unidentified } = keyTargets(addressed);
	const plan: StepPlan = { step: 5, findings: [], addresses: addressed, actions: [], notEvaluated: [], excluded: [] };
	if (unidentified.length > 0) plan.notEvaluated.push(unidentifiedKeys(unidentified));
	const enforcement = mfaEnforcement(model, context.excluded);
	if (enforcement.finding) plan.findings.push(enforcement.finding);
	if (enforcement.notEvaluated) plan.notEvaluated.push(enforcement.notEvaluated);
	if (enforcement.finding) plan.notEvaluated.push(...guardrailNotEvaluated(guardrailProblems(model, context)));
	return plan;
}

function guardrailNotEvaluated(problems: string[]): StepPlan['notEvaluated'] {
	return problems.map((problem) => ({ area: 'MFA guardrail', reason: problem, findingIds: ['MFA_NOT_ENFORCED'] }));
}

export const planMfaCredentials: PlanStep = (model, context) => {
	if (context.findingsOnly) return findingsOnlyPlan(model, context);
	const inventory = planInventory(model, context);
	const addressed = addressedKeyFindings(inventory.findings);
	const { targets, unidentified } = keyTargets(addressed);
	const excludedArns = new Map(context.excluded.map((e) => [e.arn, e.reason]));
	const waiting = new Map(workloadMigrations(model, context).flatMap((m) => (m.state === 'waiting' && m.key ? [[m.key.id, m] as const] : [])));
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
		// A workload still waiting for its role to be used keeps its key: deactivating it now would break it.
		const migration = waiting.get(target.accessKeyId);
		const advice = migration
			? `access key ${target.accessKeyId} waits for its workload to use role ${migration.role!.name} (${migration.why})`
			: inUseAdvice(model, context, target);
		if (advice) {
			plan.excluded.push({ arn: target.userArn, reason: advice, findingIds: ids });
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
	// Second phase: keys inactive and unused for the whole grace period.
	const deletions = planKeyDeletions(model, context);
	plan.actions.push(...deletions.actions);
	plan.excluded.push(...deletions.excluded);
	if (unidentified.length > 0) plan.notEvaluated.push(unidentifiedKeys(unidentified));
	addMfaAndPasswordPolicy(plan, model, context, inventory.findings);
	const rootSession = planRootSession(model, context);
	if (rootSession) {
		plan.addresses = [...(plan.addresses ?? []), ...inventory.findings.filter((f) => rootSession.findingIds.includes(f.fingerprint))];
		plan.actions.push(rootSession);
	}
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
		plan.notEvaluated.push(...guardrailNotEvaluated(guardrail.problems));
	}
	const password = planPasswordPolicy(model.passwordPolicy, inventoryFindings);
	if (password) {
		plan.addresses = [...(plan.addresses ?? []), ...inventoryFindings.filter((f) => f.id === 'PASSWORD_POLICY_WEAK')];
		plan.actions.push(password);
	}
}
