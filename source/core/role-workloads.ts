/**
 * The services whose resources run with a role that an escalation method can act through,
 * in words, and the mapping adapters share from an instance profile to its role.
 */
import type { Role } from './model.js';

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
