/**
 * Findings about where policies are attached (CIS 1.14, 1.16, 1.21), from the principals'
 * attachment lists in the model (GetAccountAuthorizationDetails).
 */
import { makeFinding, type Finding } from '../../core/finding.js';
import { rootArn, type AccountModel, type AttachedPolicyRef } from '../../core/model.js';

const awsManagedArn = /^arn:[^:]+:iam::aws:policy\//;

/**
 * Matches an AWS-managed policy's ARN in any partition (aws, aws-cn, aws-us-gov). `suffix` is
 * `/${name}`, made once by the caller: it is asked of every policy of every role, and the
 * suffix, tested first, rules out nearly all of them without the pattern.
 */
function isAwsManaged(ref: AttachedPolicyRef, suffix: string): boolean {
	return ref.arn.endsWith(suffix) && awsManagedArn.test(ref.arn);
}

export function awsManagedPolicyArn(partition: string, name: string): string {
	return `arn:${partition}:iam::aws:policy/${name}`;
}

export function policyAttachmentFindings(model: AccountModel): Finding[] {
	return [...userDirectPolicyFindings(model), ...supportRoleFindings(model), ...cloudShellFindings(model)];
}

/** CIS 1.14: one finding per user, since the fix (move the user into a group) is per user. */
function userDirectPolicyFindings(model: AccountModel): Finding[] {
	return model.users
		.filter((user) => user.attachedPolicies.length > 0 || user.inlinePolicies.length > 0)
		.map((user) => {
			const parts: string[] = [];
			if (user.attachedPolicies.length > 0) parts.push(`attached ${user.attachedPolicies.map((p) => p.name).join(', ')}`);
			if (user.inlinePolicies.length > 0) parts.push(`inline ${user.inlinePolicies.map((p) => p.name).join(', ')}`);
			return makeFinding('USER_DIRECT_POLICY', user.arn, `${user.name} has policies of its own (${parts.join('; ')}) instead of getting them through a group.`, {
				user: user.name,
				attachedPolicies: user.attachedPolicies.map((p) => p.arn),
				inlinePolicies: user.inlinePolicies.map((p) => p.name),
				groups: [...user.groups],
			});
		});
}

/** CIS 1.16 asks for a role only: a user or group with AWSSupportAccess does not count. */
function supportRoleFindings(model: AccountModel): Finding[] {
	const supportRoles = model.roles.filter((role) => role.attachedPolicies.some((ref) => isAwsManaged(ref, '/AWSSupportAccess')));
	if (supportRoles.length > 0) return [];
	const policyArn = awsManagedPolicyArn(model.partition, 'AWSSupportAccess');
	return [
		makeFinding('SUPPORT_ROLE_MISSING', rootArn(model.partition, model.accountId), `No role has ${policyArn} attached, so nobody can open AWS Support cases without broader rights.`, {
			policyArn,
			roles: model.roles.length,
		}),
	];
}

/**
 * CIS 1.21: AWSCloudShellFullAccess on a user, role, or through a group (then reported on
 * each member, `evidence.via` naming the group, as FINDINGS.md asks). A user holding it
 * directly and through groups gets one finding for each way, told apart by the qualifier.
 */
function cloudShellFindings(model: AccountModel): Finding[] {
	const policyName = 'AWSCloudShellFullAccess';
	const suffix = `/${policyName}`;
	const findings: Finding[] = [];
	const direct = (arn: string, kind: string, name: string, ref: AttachedPolicyRef) =>
		makeFinding('CLOUDSHELL_FULL_ACCESS', arn, `${kind} ${name} has ${policyName} attached, which allows uploading and downloading files through CloudShell.`, {
			principal: name,
			policyArn: ref.arn,
		});
	for (const user of model.users) {
		const ref = user.attachedPolicies.find((p) => isAwsManaged(p, suffix));
		if (ref) findings.push(direct(user.arn, 'User', user.name, ref));
	}
	for (const role of model.roles) {
		const ref = role.attachedPolicies.find((p) => isAwsManaged(p, suffix));
		if (ref) findings.push(direct(role.arn, 'Role', role.name, ref));
	}
	for (const group of model.groups) {
		const ref = group.attachedPolicies.find((p) => isAwsManaged(p, suffix));
		if (!ref) continue;
		for (const user of model.users.filter((u) => u.groups.includes(group.name))) {
			findings.push(
				makeFinding(
					'CLOUDSHELL_FULL_ACCESS',
					user.arn,
					`User ${user.name} gets ${policyName} through group ${group.name}, which allows uploading and downloading files through CloudShell.`,
					{ principal: user.name, policyArn: ref.arn, via: group.name, groupArn: group.arn },
					{ qualifier: `group:${group.name}` },
				),
			);
		}
	}
	return findings;
}
