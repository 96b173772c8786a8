/**
 * The services whose resources run with a role that an escalation method can act through,
 * in words, and the mapping adapters share from an instance profile to its role.
 */
import type { NotEvaluated, Role, RoleWorkload, RoleWorkloads, UnreadWorkloads } from './model.js';

/** Service principal → its resources that run with a role, for notes ("Lambda functions were not read"). */
export const workloadKinds: Readonly<Record<string, string>> = {
	'lambda.amazonaws.com': 'Lambda functions',
	'ec2.amazonaws.com': 'EC2 instances',
	'cloudformation.amazonaws.com': 'CloudFormation stacks',
	'codebuild.amazonaws.com': 'CodeBuild projects',
	'glue.amazonaws.com': 'Glue development endpoints',
};

/** Why no adapter lists Glue development endpoints: their paths stay "if such a resource exists". */
export const glueUnreadReason = 'iam-wizard does not read Glue development endpoints yet';

/** The role ARNs of an instance profile (at most one), from the roles' instance profile names. */
export function rolesOfInstanceProfile(roles: readonly Role[], instanceProfileArn: string): string[] {
	// An instance profile's name is the last part of its ARN (…:instance-profile/path/name) and is unique in the account.
	const name = instanceProfileArn.slice(instanceProfileArn.lastIndexOf('/') + 1);
	return roles.filter((role) => role.instanceProfiles.includes(name)).map((role) => role.arn);
}

/** What a service's listing shows: a resource with its role's ARN, or (EC2) its instance profile's, resolved against the roles. */
export type WorkloadFound = { resourceArn: string; roleArn: string } | { resourceArn: string; instanceProfileArn: string };

/** One service's read: what it found, or the failure that left it unread. */
export interface ServiceWorkloadRead {
	service: string;
	found?: WorkloadFound[];
	/** Why it was not read (in one sentence), and the notEvaluated entry that says so (live reads). */
	failure?: { reason: string; problem?: NotEvaluated };
}

/** The model's roleWorkloads from each service's read (live and sandbox alike): instance profiles resolved to their roles, Glue unread. */
export function roleWorkloadsOf(reads: readonly ServiceWorkloadRead[], roles: readonly Role[], region: string): RoleWorkloads {
	const workloads: RoleWorkload[] = [];
	const unread: UnreadWorkloads[] = [];
	const read: string[] = [];
	for (const { service, found, failure } of reads) {
		if (!found) {
			unread.push({ service, reason: failure?.reason ?? 'not read' });
			continue;
		}
		read.push(service);
		for (const f of found) {
			const roleArns = 'roleArn' in f ? [f.roleArn] : rolesOfInstanceProfile(roles, f.instanceProfileArn);
			for (const roleArn of roleArns) workloads.push({ service, resourceArn: f.resourceArn, roleArn });
		}
	}
	unread.push({ service: 'glue.amazonaws.com', reason: glueUnreadReason });
	return { region, read, unread, workloads };
}
