/**
 * The MFA guardrail's documents, generated rather than pasted.
 *
 * `aws:MultiFactorAuthPresent` is absent from requests signed with long-term access keys and
 * present in every request made with temporary credentials: `true` when MFA was used,
 * `false` otherwise (a console session without MFA, and every role session assumed without
 * MFA — EC2 instance roles, Lambda and ECS task roles, CI roles). `BoolIfExists … false`
 * therefore matches all three of "no MFA", "long-term key" and "role session": applied as
 * written (seedRequireMfaScp) it stops every workload role. The generated SCP keeps the
 * intent but scopes it to people by `aws:PrincipalArn` (IAM users, plus role patterns the
 * operator names, such as IAM Identity Center roles whose IdP asks for MFA), exempts
 * break-glass principals by `aws:PrincipalArn`, leaves calls AWS services make on a
 * person's behalf (`aws:ViaAWSService`), and lets a person enrol a device and change a
 * first password without MFA.
 */
import type { PolicyDocument, Statement } from './policy-document.js';

/** What a person needs before having MFA: enrol a device, see themselves, set a first password, get an MFA session. */
export const mfaEnrolmentActions = [
	'iam:CreateVirtualMFADevice',
	'iam:EnableMFADevice',
	'iam:GetUser',
	'iam:GetMFADevice',
	'iam:ListMFADevices',
	'iam:ListVirtualMFADevices',
	'iam:ResyncMFADevice',
	'iam:ChangePassword',
	'iam:GetAccountPasswordPolicy',
	'sts:GetSessionToken',
] as const;

/** Every IAM user of any account the SCP reaches (SCPs are written once for many accounts). */
export const iamUserPattern = (partition = 'aws') => `arn:${partition}:iam::*:user/*`;

/** IAM Identity Center's roles: people, when the identity provider asks for MFA. */
export const identityCenterRolePattern = (partition = 'aws') => `arn:${partition}:iam::*:role/aws-reserved/sso.amazonaws.com/*`;

export interface RequireMfaOptions {
	partition: string;
	/** ARN patterns of roles people use (in addition to every IAM user). */
	humanRolePatterns: string[];
	/** Principal ARNs (patterns allowed) never denied: break-glass, and the caller while it has no MFA session. */
	exemptArns: string[];
}

export const requireMfaPolicyName = 'iam-wizard-require-mfa';
export const requireMfaSid = 'DenyPeopleWithoutMfa';

/** The deny statement shared by the SCP and the force-MFA IAM policy. */
function denyWithoutMfa(sid: string, principalPatterns: string[] | undefined, exemptArns: string[]): Statement {
	const condition: Statement['Condition'] = {
		BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'], 'aws:ViaAWSService': ['false'] },
	};
	// Each pattern once (a break-glass entry may also be the caller): the document counts against the policy size limit.
	if (principalPatterns) condition.ArnLike = { 'aws:PrincipalArn': [...new Set(principalPatterns)] };
	if (exemptArns.length > 0) condition.ArnNotLike = { 'aws:PrincipalArn': [...new Set(exemptArns)] };
	return { Sid: sid, Effect: 'Deny', NotAction: [...mfaEnrolmentActions], Resource: ['*'], Condition: condition };
}

/** iam-wizard's RequireMFA SCP. */
export function requireMfaScp(options: RequireMfaOptions): PolicyDocument {
	const people = [iamUserPattern(options.partition), ...options.humanRolePatterns];
	return { Version: '2012-10-17', Statement: [denyWithoutMfa(requireMfaSid, people, options.exemptArns)] };
}

/**
 * The seed's SCP as written: deny all but the MFA self-service calls whenever MFA is not
 * present. It also denies every role session assumed without MFA (workloads included), and
 * lacks iam:GetUser, iam:ListVirtualMFADevices and iam:ChangePassword a person needs to enrol.
 */
export const seedRequireMfaScp: PolicyDocument = {
	Version: '2012-10-17',
	Statement: [
		{
			Sid: 'DenyAllWithoutMFA',
			Effect: 'Deny',
			NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'iam:ResyncMFADevice', 'sts:GetSessionToken'],
			Resource: ['*'],
			Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] } },
		},
	],
};

export const forceMfaPolicyName = 'iam-wizard-force-mfa';
export const forceMfaGroupName = 'iam-wizard-mfa-required';

/**
 * AWS's documented "Allows MFA-authenticated IAM users to manage their own credentials"
 * policy, for a group of people when no SCP can be used (no organization, the management
 * account, or a member account whose operator cannot manage SCPs): it lets each user manage
 * their own credentials and denies everything else until they use MFA. As AWS's note
 * suggests, iam:ChangePassword and iam:GetAccountPasswordPolicy are allowed without MFA so a
 * first sign-in can set its password; calls AWS services make on the user's behalf are left alone.
 */
export function forceMfaPolicy(partition: string, exemptArns: string[]): PolicyDocument {
	const self = `arn:${partition}:iam::*:user/\${aws:username}`;
	const allow = (Sid: string, Action: string[], Resource: string[]): Statement => ({ Sid, Effect: 'Allow', Action, Resource });
	return {
		Version: '2012-10-17',
		Statement: [
			allow('AllowViewAccountInfo', ['iam:GetAccountPasswordPolicy', 'iam:ListVirtualMFADevices'], ['*']),
			allow('AllowManageOwnPasswords', ['iam:ChangePassword', 'iam:GetUser'], [self]),
			allow('AllowManageOwnAccessKeys', ['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:ListAccessKeys', 'iam:UpdateAccessKey', 'iam:GetAccessKeyLastUsed'], [self]),
			allow('AllowManageOwnSigningCertificates', ['iam:DeleteSigningCertificate', 'iam:ListSigningCertificates', 'iam:UpdateSigningCertificate', 'iam:UploadSigningCertificate'], [self]),
			allow('AllowManageOwnSSHPublicKeys', ['iam:DeleteSSHPublicKey', 'iam:GetSSHPublicKey', 'iam:ListSSHPublicKeys', 'iam:UpdateSSHPublicKey', 'iam:UploadSSHPublicKey'], [self]),
			allow('AllowManageOwnGitCredentials', ['iam:CreateServiceSpecificCredential', 'iam:DeleteServiceSpecificCredential', 'iam:ListServiceSpecificCredentials', 'iam:ResetServiceSpecificCredential', 'iam:UpdateServiceSpecificCredential'], [self]),
			allow('AllowManageOwnVirtualMFADevice', ['iam:CreateVirtualMFADevice'], [`arn:${partition}:iam::*:mfa/*`]),
			allow('AllowManageOwnUserMFA', ['iam:DeactivateMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'iam:ResyncMFADevice'], [self]),
			denyWithoutMfa('DenyAllExceptListedIfNoMFA', undefined, exemptArns),
		],
	};
}
