/**
 * MFA_NOT_ENFORCED: is there a guardrail that denies people's calls when MFA is absent?
 * Asked of the policy engine, with the policies that really apply: an SCP on the account's
 * path denies a console call without MFA for an IAM user (a probe user, so that any
 * exemption by name does not hide the guardrail), or — without such an SCP — every console
 * user's own policies deny it (or the user is break-glass, or the caller, whom the force-MFA
 * group leaves out so it can undo, while a group denies its members). A member account whose SCPs
 * could not be read, without an IAM-level guardrail, is not evaluated rather than reported.
 */
import { makeFinding, type Finding } from '../../core/finding.js';
import { rootArn, type AccountModel, type NotEvaluated, type User } from '../../core/model.js';
import { excludedEntryMatches } from '../../core/break-glass.js';
import { evaluateAccess } from '../../core/policy-engine/evaluate-access.js';
import { principalPolicies } from '../../core/policy-engine/principal-policies.js';
import type { ExcludedPrincipal } from '../../core/settings.js';
import { userHasConsolePassword } from '../scope-policies/human-principals.js';
import { plural } from '../../core/plural.js';

const probeAction = 'ec2:DescribeInstances';
const withoutMfa = { keys: { 'aws:MultiFactorAuthPresent': ['false'], 'aws:ViaAWSService': ['false'] } };

function probeUser(model: AccountModel): User {
	const name = 'iam-wizard-mfa-probe';
	return { name, id: 'AIDAIAMWIZARDPROBE', arn: `arn:${model.partition}:iam::${model.accountId}:user/${name}`, path: '/', createDate: model.readAt, inlinePolicies: [], attachedPolicies: [], groups: [], tags: [], accessKeys: [], mfaDevices: [] };
}

function deniedWithoutMfa(model: AccountModel, user: User): boolean {
	return evaluateAccess(principalPolicies(model, user, 'user'), probeAction, '*', withoutMfa).deniedBy.length > 0;
}

/** The SCPs on the account's path deny a person's calls without MFA. */
export function scpEnforcesMfa(model: AccountModel): boolean {
	return evaluateAccess(principalPolicies(model, probeUser(model), 'user'), probeAction, '*', withoutMfa).deniedBy.some((ref) => ref.policy.layer === 'scp');
}

export interface MfaEnforcement {
	finding?: Finding;
	notEvaluated?: NotEvaluated;
	/** How MFA is enforced when it is: "SCP", "IAM policies on every console user". */
	enforcedBy?: string;
}

export function mfaEnforcement(model: AccountModel, excluded: ExcludedPrincipal[]): MfaEnforcement {
	if (scpEnforcesMfa(model)) return { enforcedBy: "a service control policy on the account's path" };
	const people = model.users.filter((u) => userHasConsolePassword(model, u));
	const isBreakGlass = (u: User) => excluded.some((e) => excludedEntryMatches(e.arn, { type: 'user', name: u.name, arn: u.arn }));
	const open = people.filter((u) => !isBreakGlass(u) && !deniedWithoutMfa(model, u));
	if (people.length > 0 && open.length === 0) return { enforcedBy: 'IAM policies on every console user' };
	// The force-MFA group leaves out the caller signed in without MFA (so it can undo): enforced, and the exemption said.
	const caller = open.length === 1 && open[0]!.arn === model.caller.arn ? open[0]! : undefined;
	if (caller && model.groups.some((g) => deniedWithoutMfa(model, { ...probeUser(model), groups: [g.name] }))) {
		return { enforcedBy: `IAM policies on every console user but you (${caller.name}, exempt so you can always undo; join the group once you use MFA)` };
	}
	const org = model.organization;
	if (org && !org.callerIsManagementAccount && org.scps === undefined) {
		return {
			notEvaluated: {
				area: 'MFA enforcement',
				reason: "The organization's SCPs could not be read from this member account, and no IAM policy denies people without MFA: an SCP may enforce MFA unseen.",
				findingIds: ['MFA_NOT_ENFORCED'],
			},
		};
	}
	const names = open.map((u) => u.name);
	const who = people.length === 0 ? 'a console user created tomorrow' : `${plural(names.length, 'console user')} (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''})`;
	const where = org && org.callerIsManagementAccount ? ' (SCPs never apply to this management account)' : '';
	return {
		finding: makeFinding('MFA_NOT_ENFORCED', rootArn(model.partition, model.accountId), `No SCP on the account${where} and no IAM policy denies calls without MFA: ${who} can work without MFA.`, {
			usersWithoutGuardrail: names,
		}),
	};
}
