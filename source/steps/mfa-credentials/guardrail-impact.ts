/**
 * The breakage guard of step 5: before an MFA guardrail is applied, every principal of the
 * account is evaluated, with the policy engine, the way it signs in today — console users
 * with and without MFA (the key is true / false), users whose access keys were used
 * recently (long-term keys: the key is absent), and roles (sessions assumed without MFA:
 * false, unless their trust asks for MFA). Who would be denied, and what they last did,
 * comes out of the engine's decision, so each denial names the statement that makes it.
 * A workload (a user without a console password, a role no person assumes) that would be
 * denied is a blocker. Service-linked roles are left out: SCPs do not apply to them.
 */
import type { AccountModel, IsoDate, Role, User } from '../../core/model.js';
import type { PolicyDocument } from '../../core/policy-document.js';
import { compileDocument } from '../../core/policy-engine/compiled-policy.js';
import type { RequestContext } from '../../core/policy-engine/condition-eval.js';
import { evaluateAccess, type AccessDecision } from '../../core/policy-engine/evaluate-access.js';
import { principalPolicies, type AttachedDocument, type PrincipalPolicySet } from '../../core/policy-engine/principal-policies.js';
import { daysBetween } from '../../core/dates.js';
import { isHumanRole, userHasConsolePassword } from '../scope-policies/human-principals.js';

export type SignInKind = 'console-mfa' | 'console-no-mfa' | 'access-key' | 'role-session' | 'role-session-mfa';

export interface SignInPath {
	kind: SignInKind;
	/** aws:MultiFactorAuthPresent in this path's requests. */
	mfaKey: 'true' | 'false' | 'absent';
	/** The action the engine is asked about: the service last used when known. */
	probeAction: string;
	/** "signs in to the console without MFA", "access key AKIA… (last used 2026-11-20, s3)". */
	how: string;
	lastUsed?: IsoDate;
}

export interface ImpactEntry {
	principal: { type: 'user' | 'role'; name: string; arn: string };
	/** A person (console user, a role people assume) rather than a workload. */
	human: boolean;
	path: SignInPath;
	decision: AccessDecision;
	/** A workload that would be denied: resolve (exempt, migrate) or override separately. */
	blocker: boolean;
	/** The principal the caller is signed in as: denying it cuts the caller's own access. */
	isCaller: boolean;
}

export interface GuardrailCandidate {
	name: string;
	document: PolicyDocument;
	/** An SCP applies to every principal of the accounts below its target; an IAM policy only to its group's members. */
	layer: 'scp' | 'identity';
	/** For an identity policy: the users it will be attached to (through its group). */
	members?: string[];
}

export const recentKeyDays = 30;
const anyCallProbe = 'ec2:DescribeInstances';

const allowAll: AttachedDocument = {
	ref: { layer: 'scp', kind: 'scp', name: 'FullAWSAccess', awsManaged: true },
	doc: compileDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] }),
};

function serviceProbe(service: string | undefined): string {
	return service ? `${service.split('.')[0]}:*` : anyCallProbe;
}

function day(date: IsoDate | undefined): string {
	return date ? date.slice(0, 10) : 'never';
}

function userPaths(model: AccountModel, user: User, now: Date): SignInPath[] {
	const paths: SignInPath[] = [];
	if (userHasConsolePassword(model, user)) {
		const mfa = user.mfaDevices.length > 0;
		paths.push({
			kind: mfa ? 'console-mfa' : 'console-no-mfa',
			mfaKey: mfa ? 'true' : 'false',
			probeAction: anyCallProbe,
			how: `console ${mfa ? 'with' : 'without'} MFA (last sign-in ${day(user.passwordLastUsed)})`,
			...(user.passwordLastUsed ? { lastUsed: user.passwordLastUsed } : {}),
		});
	}
	for (const key of user.accessKeys) {
		const used = key.lastUsed?.date;
		if (key.status !== 'Active' || !used || daysBetween(now, used) > recentKeyDays) continue;
		const service = key.lastUsed?.service && key.lastUsed.service !== 'N/A' ? key.lastUsed.service : undefined;
		paths.push({ kind: 'access-key', mfaKey: 'absent', probeAction: serviceProbe(service), how: `access key ${key.id} (last used ${day(used)}${service ? `, ${service}` : ''})`, lastUsed: used });
	}
	return paths;
}

/** Whether the role's trust lets it be assumed only with MFA. */
function trustRequiresMfa(role: Role): boolean {
	const allows = role.trustPolicy.Statement.filter((s) => s.Effect === 'Allow');
	return allows.length > 0 && allows.every((s) => Object.entries(s.Condition ?? {}).some(([op, keys]) => op.startsWith('Bool') && keys['aws:MultiFactorAuthPresent']?.includes('true')));
}

function rolePath(role: Role): SignInPath {
	const mfa = trustRequiresMfa(role);
	return {
		kind: mfa ? 'role-session-mfa' : 'role-session',
		mfaKey: mfa ? 'true' : 'false',
		probeAction: anyCallProbe,
		how: `role session ${mfa ? 'with' : 'without'} MFA (last used ${day(role.lastUsed?.date)})`,
		...(role.lastUsed?.date ? { lastUsed: role.lastUsed.date } : {}),
	};
}

function requestContext(path: SignInPath): RequestContext {
	const keys: Record<string, string[]> = { 'aws:ViaAWSService': ['false'] };
	if (path.mfaKey !== 'absent') keys['aws:MultiFactorAuthPresent'] = [path.mfaKey];
	return { keys, ...(path.mfaKey === 'absent' ? { absentKeys: ['aws:MultiFactorAuthPresent'] } : {}) };
}

function evaluationSet(base: PrincipalPolicySet, candidate: GuardrailCandidate): PrincipalPolicySet {
	const guard: AttachedDocument = { ref: { layer: candidate.layer, kind: candidate.layer === 'scp' ? 'scp' : 'managed', name: candidate.name }, doc: compileDocument(candidate.document) };
	const identity = candidate.layer === 'identity' ? [{ ...allowAll, ref: { ...allowAll.ref, layer: 'identity' as const, kind: 'managed' as const } }, guard] : [{ ...allowAll, ref: { ...allowAll.ref, layer: 'identity' as const, kind: 'managed' as const } }];
	return {
		...base,
		identity,
		boundary: null,
		missingDocuments: [],
		scps: candidate.layer === 'scp' ? { applies: true, note: `Candidate ${candidate.name}`, levels: [{ target: 'candidate', docs: [allowAll, guard] }] } : { applies: false, note: '', levels: [] },
	};
}

function callerArn(model: AccountModel): string | undefined {
	const arn = model.caller.arn;
	const assumed = /^arn:([^:]+):sts::(\d+):assumed-role\/([^/]+)\//.exec(arn);
	if (!assumed) return arn;
	return model.roles.find((r) => r.name === assumed[3])?.arn ?? `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}`;
}

/** Every sign-in path of every principal the candidate reaches, with the engine's decision. */
export function guardrailImpact(model: AccountModel, candidate: GuardrailCandidate, now: Date): ImpactEntry[] {
	const caller = callerArn(model);
	const out: ImpactEntry[] = [];
	const members = candidate.members ? new Set(candidate.members) : undefined;
	for (const user of model.users) {
		if (members && !members.has(user.name)) continue;
		const set = evaluationSet(principalPolicies(model, user, 'user'), candidate);
		const human = userHasConsolePassword(model, user);
		for (const path of userPaths(model, user, now)) {
			const decision = evaluateAccess(set, path.probeAction, '*', requestContext(path));
			const denied = decision.verdict === 'denied';
			out.push({ principal: { type: 'user', name: user.name, arn: user.arn }, human, path, decision, blocker: denied && !human, isCaller: user.arn === caller });
		}
	}
	if (candidate.layer === 'scp') {
		for (const role of model.roles) {
			if (role.path.startsWith('/aws-service-role/')) continue;
			const set = evaluationSet(principalPolicies(model, role, 'role'), candidate);
			const path = rolePath(role);
			const decision = evaluateAccess(set, path.probeAction, '*', requestContext(path));
			const human = isHumanRole(role);
			out.push({ principal: { type: 'role', name: role.name, arn: role.arn }, human, path, decision, blocker: decision.verdict === 'denied' && !human, isCaller: role.arn === caller });
		}
	}
	return out;
}

export function deniedEntries(entries: readonly ImpactEntry[]): ImpactEntry[] {
	return entries.filter((e) => e.decision.verdict === 'denied' || e.decision.verdict === 'conditional');
}

/** One line for the impact list, the plan and its Markdown: who, how they sign in, what decides. */
export function impactLine(entry: ImpactEntry): string {
	const who = `${entry.principal.type} ${entry.principal.name} (${entry.human ? 'person' : 'workload'}${entry.isCaller ? ', you' : ''})`;
	const verdict = entry.decision.verdict === 'denied' ? 'denied' : 'may be denied';
	return `${who}: ${entry.path.how} — ${verdict}${entry.blocker ? ' [BLOCKER]' : ''}`;
}

/** How a path is named in a plan's impact list: stable between plan and apply (no dates). */
function pathKey(path: SignInPath): string {
	if (path.kind === 'access-key') return path.how.replace(/ \(last used.*$/, '');
	return { 'console-mfa': 'console with MFA', 'console-no-mfa': 'console without MFA', 'role-session': 'role session without MFA', 'role-session-mfa': 'role session with MFA' }[path.kind];
}

/** One entry of a plan's recorded impact: who and how, without the dates that move. */
export function impactKey(entry: ImpactEntry): string {
	return `${entry.principal.type} ${entry.principal.name} (${entry.human ? 'person' : 'workload'}): ${pathKey(entry.path)}${entry.blocker ? ' [BLOCKER]' : ''}`;
}
