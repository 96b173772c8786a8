/**
 * Step 5's MFA guardrail, planned: the RequireMFA SCP on an organizational unit (a test OU
 * first: the nearest OU above this account) when the caller can manage SCPs here, or AWS's
 * force-MFA IAM policy on a group of people otherwise (no organization, the management
 * account — SCPs never apply to it — or a member account without SCP delegation).
 *
 * Exemptions by default: break-glass principals, the caller when the guardrail would deny
 * it (so it can always undo), and every workload the guardrail would deny (to migrate to a
 * role, then un-exempt). A workload left denied (by an edit) is a blocker, which needs the
 * separate lock-out confirmation, as does denying the caller.
 */
import type { Action } from '../../core/actions.js';
import type { AccountModel, Organization } from '../../core/model.js';
import type { PolicyDocument } from '../../core/policy-document.js';
import { forceMfaGroupName, forceMfaPolicy, forceMfaPolicyName, requireMfaPolicyName, requireMfaScp, seedRequireMfaScp } from '../../core/require-mfa.js';
import type { PlanContext } from '../../core/settings.js';
import { userHasConsolePassword } from '../scope-policies/human-principals.js';
import { deniedEntries, guardrailImpact, impactKey, impactLine, type GuardrailCandidate, type ImpactEntry } from './guardrail-impact.js';
import { mfaEnforcement } from './mfa-enforcement.js';
import { plural } from '../../core/plural.js';

export const maxScpsPerTarget = 5;
export const maxScpCharacters = 5120;

export interface GuardrailOptions {
	/** Role ARN patterns of people (IAM Identity Center, federated roles whose IdP asks for MFA). */
	humanRolePatterns?: string[];
	/** Replaces the default exemptions when given. */
	exemptArns?: string[];
	/** Root, OU or account ID; the nearest OU above the account by default. */
	targetId?: string;
}

export interface GuardrailTarget {
	id: string;
	type: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
	name: string;
	/** The suggested first target: an OU holding this account, tried before wider ones. */
	test: boolean;
	/** SCPs attached there today. */
	attached: string[];
}

export interface Exemption {
	arn: string;
	reason: string;
}

export interface GuardrailPlan {
	mode: 'scp' | 'iam-policy' | 'none';
	/** Why this mode, in one sentence. */
	why: string;
	target?: GuardrailTarget;
	candidate?: GuardrailCandidate;
	exemptions: Exemption[];
	humanRolePatterns: string[];
	actions: Action[];
	impact: ImpactEntry[];
	denied: ImpactEntry[];
	blockers: ImpactEntry[];
	/** What the seed's SCP as written would deny, for comparison. */
	asWritten: ImpactEntry[];
	/** Problems that keep the guardrail from being applied (too many SCPs, too large). */
	problems: string[];
}

function targetOf(org: Organization, id: string): GuardrailTarget {
	const attached = (org.scps ?? []).filter((p) => p.targets.some((t) => t.targetId === id)).map((p) => p.name);
	const known = (org.scps ?? []).flatMap((p) => p.targets).find((t) => t.targetId === id);
	const ou = org.organizationalUnits?.find((o) => o.id === id);
	const type = id.startsWith('r-') ? 'ROOT' : id.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT';
	return { id, type, name: ou?.name ?? known?.name ?? id, test: type === 'ORGANIZATIONAL_UNIT' && org.accountParents?.[0] === id, attached };
}

function scpPossible(model: AccountModel): { ok: boolean; why: string } {
	const org = model.organization;
	if (org === undefined) return { ok: false, why: 'The organization could not be read, so the force-MFA IAM policy goes on a group of people.' };
	if (org === null) return { ok: false, why: 'This account is not in an organization: the force-MFA IAM policy goes on a group of people.' };
	if (org.callerIsManagementAccount) return { ok: false, why: 'SCPs never apply to the management account: its people get the force-MFA IAM policy on a group.' };
	// A member account reads SCPs only as a delegated policy administrator, which may also create and attach them.
	if (org.scps === undefined) {
		return { ok: false, why: 'SCPs can be managed only from the management account or a delegated administrator: the force-MFA IAM policy goes on a group of people here.' };
	}
	return { ok: true, why: `Account ${model.accountId} is a member of ${org.id} and may manage its SCPs: the RequireMFA SCP goes on an organizational unit above it.` };
}

function breakGlass(context: PlanContext): Exemption[] {
	return context.excluded.map((e) => ({ arn: e.arn, reason: `break-glass: ${e.reason}` }));
}

/** Exempts the caller and the workloads a first pass would deny. */
function defaultExemptions(first: ImpactEntry[], base: Exemption[]): Exemption[] {
	const out = [...base];
	for (const entry of deniedEntries(first)) {
		if (out.some((e) => e.arn === entry.principal.arn)) continue;
		if (entry.isCaller) out.push({ arn: entry.principal.arn, reason: 'you are signed in as it without MFA: exempt so you can always undo; remove once you use an MFA session' });
		else if (entry.blocker) out.push({ arn: entry.principal.arn, reason: `workload (${entry.path.how}): migrate it to a role, then remove the exemption` });
	}
	return out;
}

function riskOf(blockers: ImpactEntry[], denied: ImpactEntry[]): Action['risk'] | undefined {
	const caller = denied.find((e) => e.isCaller);
	const parts: string[] = [];
	if (caller) parts.push(`denies you (${caller.principal.type} ${caller.principal.name}, ${caller.path.how})`);
	if (blockers.length > 0) parts.push(`denies ${plural(blockers.length, 'workload')} that would break: ${blockers.map((b) => b.principal.name).join(', ')}`);
	return parts.length > 0 ? { lockout: `The MFA guardrail ${parts.join('; and ')}` } : undefined;
}

function scpActions(model: AccountModel, org: Organization, target: GuardrailTarget, document: PolicyDocument, impact: ImpactEntry[], findingIds: string[]): Action[] {
	const actions: Action[] = [];
	const root = org.roots[0];
	if (root && !root.policyTypes.some((t) => t.type === 'SERVICE_CONTROL_POLICY' && t.status === 'ENABLED')) {
		actions.push({ kind: 'organizations:EnablePolicyType', params: { RootId: root.id, PolicyType: 'SERVICE_CONTROL_POLICY' }, step: 5, findingIds, summary: `Enable service control policies on root ${root.id}`, risk: { highBlastRadius: true }, notes: ['Attaches FullAWSAccess to every root, OU and account, so nothing is denied yet.'] });
	}
	const existing = org.scps?.find((p) => p.name === requireMfaPolicyName);
	if (!existing) {
		actions.push({ kind: 'organizations:CreatePolicy', params: { Name: requireMfaPolicyName, Description: 'iam-wizard: deny people (IAM users and named role patterns) without MFA; workloads and break-glass exempt', Type: 'SERVICE_CONTROL_POLICY', Content: document }, step: 5, findingIds, summary: `Create the SCP ${requireMfaPolicyName}` });
	}
	const denied = deniedEntries(impact);
	const blockers = denied.filter((e) => e.blocker);
	const risk = riskOf(blockers, denied);
	const where = target.type === 'ACCOUNT' ? `account ${target.id}` : `${target.type === 'ROOT' ? 'root' : 'OU'} ${target.name} (${target.id})`;
	actions.push({
		kind: 'organizations:AttachPolicy',
		params: existing ? { PolicyId: existing.id, TargetId: target.id } : { PolicyName: requireMfaPolicyName, TargetId: target.id },
		step: 5,
		findingIds,
		summary: `Attach ${requireMfaPolicyName} to ${where}${target.test ? ', the test OU' : ''}`,
		...(risk ? { risk } : {}),
		impact: denied.map(impactKey).sort(),
		notes: [
			`Denies ${plural(denied.length, 'sign-in path')} until they use MFA${denied.length > 0 ? `: ${denied.slice(0, 3).map(impactLine).join('; ')}${denied.length > 3 ? '; …' : ''}` : ''}.`,
			...(org.managementAccountId === model.accountId ? [] : [`SCPs never apply to the management account ${org.managementAccountId}.`]),
			...(existing ? [`Uses the existing ${requireMfaPolicyName} (${existing.id}) as it is.`] : []),
		],
	});
	return actions;
}

function iamActions(model: AccountModel, members: string[], document: PolicyDocument, impact: ImpactEntry[], findingIds: string[]): Action[] {
	const actions: Action[] = [];
	const policyArn = `arn:${model.partition}:iam::${model.accountId}:policy/${forceMfaPolicyName}`;
	const group = model.groups.find((g) => g.name === forceMfaGroupName);
	if (!model.policies.some((p) => p.arn === policyArn)) {
		actions.push({ kind: 'iam:CreatePolicy', params: { PolicyName: forceMfaPolicyName, PolicyDocument: document, Description: "AWS's force-MFA policy: people manage their own credentials; everything else needs MFA" }, step: 5, findingIds, summary: `Create the IAM policy ${forceMfaPolicyName}` });
	}
	if (!group) actions.push({ kind: 'iam:CreateGroup', params: { GroupName: forceMfaGroupName }, step: 5, findingIds, summary: `Create the group ${forceMfaGroupName}` });
	if (!group?.attachedPolicies.some((p) => p.arn === policyArn)) {
		const denied = deniedEntries(impact);
		const risk = riskOf(denied.filter((e) => e.blocker), denied);
		actions.push({ kind: 'iam:AttachGroupPolicy', params: { GroupName: forceMfaGroupName, PolicyArn: policyArn }, step: 5, findingIds, summary: `Attach ${forceMfaPolicyName} to the group ${forceMfaGroupName}`, ...(risk ? { risk } : {}), impact: denied.map(impactKey).sort(), notes: [`Denies ${plural(denied.length, 'sign-in path')} of the group's members until they use MFA.`] });
	}
	for (const name of members) {
		if (model.users.find((u) => u.name === name)?.groups.includes(forceMfaGroupName)) continue;
		actions.push({ kind: 'iam:AddUserToGroup', params: { GroupName: forceMfaGroupName, UserName: name }, step: 5, findingIds, summary: `Add ${name} to ${forceMfaGroupName}` });
	}
	return actions;
}

/** The SCP branch's target, exemptions, candidate and the limits it breaks, before any impact of the candidate itself. */
function scpCandidate(model: AccountModel, context: PlanContext, org: Organization, options: GuardrailOptions, humanRolePatterns: string[]) {
	const target = targetOf(org, options.targetId ?? org.accountParents?.[0] ?? model.accountId);
	const build = (exempt: Exemption[]): GuardrailCandidate => ({ name: requireMfaPolicyName, layer: 'scp', document: requireMfaScp({ partition: model.partition, humanRolePatterns, exemptArns: exempt.map((e) => e.arn) }) });
	const base = breakGlass(context);
	const exemptions = options.exemptArns ? options.exemptArns.map((arn) => ({ arn, reason: base.find((b) => b.arn === arn)?.reason ?? 'exempted by you' })) : defaultExemptions(guardrailImpact(model, build(base), context.now), base);
	const candidate = build(exemptions);
	const problems: string[] = [];
	const size = JSON.stringify(candidate.document).length;
	if (size > maxScpCharacters) problems.push(`The SCP is ${size} characters; AWS allows ${maxScpCharacters}: exempt by pattern instead of one ARN at a time.`);
	if (!target.attached.includes(requireMfaPolicyName) && target.attached.length >= maxScpsPerTarget) problems.push(`${target.name} already has ${target.attached.length} SCPs, the most a target can have (${maxScpsPerTarget}): choose another target or merge SCPs.`);
	return { target, exemptions, candidate, problems };
}

/**
 * planGuardrail's `problems` alone, where MFA is not enforced (mfaEnforcement gave a finding),
 * for `scan`, which reports them and nothing else of the plan: this skips the seed's
 * comparison and the candidate's own impact, two passes of the policy engine over every
 * principal. The IAM-policy mode has no problems at all, so it costs nothing there.
 */
export function guardrailProblems(model: AccountModel, context: PlanContext): string[] {
	const org = model.organization;
	if (!scpPossible(model).ok || !org) return [];
	return scpCandidate(model, context, org, {}, []).problems;
}

export function planGuardrail(model: AccountModel, context: PlanContext, options: GuardrailOptions = {}): GuardrailPlan {
	const now = context.now;
	const humanRolePatterns = options.humanRolePatterns ?? [];
	const asWritten = deniedEntries(guardrailImpact(model, { name: 'the seed SCP as written', document: seedRequireMfaScp, layer: 'scp' }, now));
	const empty = { exemptions: [], humanRolePatterns, actions: [], impact: [], denied: [], blockers: [], asWritten, problems: [] };
	const enforcement = mfaEnforcement(model, context.excluded);
	if (enforcement.enforcedBy) return { ...empty, mode: 'none', why: `MFA is already enforced by ${enforcement.enforcedBy}.` };
	const findingIds = enforcement.finding ? [enforcement.finding.fingerprint] : ['MFA_NOT_ENFORCED'];
	const possible = scpPossible(model);
	const org = model.organization;

	if (possible.ok && org) {
		const { target, exemptions, candidate, problems } = scpCandidate(model, context, org, options, humanRolePatterns);
		const impact = guardrailImpact(model, candidate, now);
		const denied = deniedEntries(impact);
		const actions = problems.length > 0 ? [] : scpActions(model, org, target, candidate.document, impact, findingIds);
		return { mode: 'scp', why: possible.why, target, candidate, exemptions, humanRolePatterns, actions, impact, denied, blockers: denied.filter((e) => e.blocker), asWritten, problems };
	}

	// Without SCPs: the documented IAM policy on a group of people (console users), never on workloads.
	const base = breakGlass(context);
	const isExempt = (arn: string, list: Exemption[]) => list.some((e) => e.arn === arn);
	const people = model.users.filter((u) => userHasConsolePassword(model, u));
	const build = (exempt: Exemption[]): GuardrailCandidate => ({ name: forceMfaPolicyName, layer: 'identity', document: forceMfaPolicy(model.partition, []), members: people.filter((u) => !isExempt(u.arn, exempt)).map((u) => u.name) });
	const exemptions = options.exemptArns ? options.exemptArns.map((arn) => ({ arn, reason: 'exempted by you' })) : defaultExemptions(guardrailImpact(model, build(base), now), base);
	const candidate = build(exemptions);
	const impact = guardrailImpact(model, candidate, now);
	const denied = deniedEntries(impact);
	return {
		mode: 'iam-policy',
		why: possible.why,
		candidate,
		exemptions,
		humanRolePatterns,
		actions: iamActions(model, candidate.members ?? [], candidate.document, impact, findingIds),
		impact,
		denied,
		blockers: denied.filter((e) => e.blocker),
		asWritten,
		problems: [],
	};
}
