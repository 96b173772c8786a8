/**
 * The MFA guardrail's documents as they are written to AWS: the SCP scoped to people with
 * its exemptions, the seed's SCP as it was found, and AWS's force-MFA policy for a group.
 * How they decide requests is in test/steps/mfa-credentials/guardrail.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
	forceMfaGroupName,
	forceMfaPolicy,
	forceMfaPolicyName,
	iamUserPattern,
	identityCenterRolePattern,
	mfaEnrolmentActions,
	requireMfaPolicyName,
	requireMfaScp,
	requireMfaSid,
	seedRequireMfaScp,
} from '../../source/core/require-mfa.js';

const enrolment = [
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
];

describe('names and patterns', () => {
	it('are the ones plans, the log and AWS see', () => {
		expect([requireMfaPolicyName, requireMfaSid, forceMfaPolicyName, forceMfaGroupName]).toEqual(['iam-wizard-require-mfa', 'DenyPeopleWithoutMfa', 'iam-wizard-force-mfa', 'iam-wizard-mfa-required']);
		expect([...mfaEnrolmentActions]).toEqual(enrolment);
		expect(iamUserPattern()).toBe('arn:aws:iam::*:user/*');
		expect(iamUserPattern('aws-cn')).toBe('arn:aws-cn:iam::*:user/*');
		expect(identityCenterRolePattern()).toBe('arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*');
		expect(identityCenterRolePattern('aws-us-gov')).toBe('arn:aws-us-gov:iam::*:role/aws-reserved/sso.amazonaws.com/*');
	});
});

describe('requireMfaScp', () => {
	it('denies people (IAM users and the role patterns named) everything but enrolment without MFA, outside AWS services, but the exempt', () => {
		const sso = identityCenterRolePattern('aws-cn');
		expect(requireMfaScp({ partition: 'aws-cn', humanRolePatterns: [sso], exemptArns: ['arn:aws-cn:iam::123456789012:role/BreakGlass'] })).toEqual({
			Version: '2012-10-17',
			Statement: [
				{
					Sid: 'DenyPeopleWithoutMfa',
					Effect: 'Deny',
					NotAction: enrolment,
					Resource: ['*'],
					Condition: {
						BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'], 'aws:ViaAWSService': ['false'] },
						ArnLike: { 'aws:PrincipalArn': ['arn:aws-cn:iam::*:user/*', sso] },
						ArnNotLike: { 'aws:PrincipalArn': ['arn:aws-cn:iam::123456789012:role/BreakGlass'] },
					},
				},
			],
		});
	});

	it('names each person pattern and exemption once, and has no ArnNotLike when nothing is exempt', () => {
		const scp = requireMfaScp({ partition: 'aws', humanRolePatterns: [iamUserPattern(), 'arn:aws:iam::*:role/people-*', 'arn:aws:iam::*:role/people-*'], exemptArns: [] });
		expect(scp.Statement[0]!.Condition).toEqual({
			BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'], 'aws:ViaAWSService': ['false'] },
			ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:user/*', 'arn:aws:iam::*:role/people-*'] },
		});
		const twice = requireMfaScp({ partition: 'aws', humanRolePatterns: [], exemptArns: ['arn:aws:iam::1:user/a', 'arn:aws:iam::1:user/a'] });
		expect(twice.Statement[0]!.Condition?.ArnNotLike).toEqual({ 'aws:PrincipalArn': ['arn:aws:iam::1:user/a'] });
	});
});

describe('seedRequireMfaScp', () => {
	it('is the seed account SCP as written: everything but five MFA calls denied whenever MFA is not present', () => {
		expect(seedRequireMfaScp).toEqual({
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
		});
	});
});

describe('forceMfaPolicy', () => {
	it("is AWS's self-managed-credentials policy, with the deny for no MFA scoped to nothing but its exemptions", () => {
		const self = 'arn:aws-cn:iam::*:user/${aws:username}';
		const allow = (Sid: string, Action: string[], Resource: string[]) => ({ Sid, Effect: 'Allow', Action, Resource });
		expect(forceMfaPolicy('aws-cn', ['arn:aws-cn:iam::123456789012:user/breakglass'])).toEqual({
			Version: '2012-10-17',
			Statement: [
				allow('AllowViewAccountInfo', ['iam:GetAccountPasswordPolicy', 'iam:ListVirtualMFADevices'], ['*']),
				allow('AllowManageOwnPasswords', ['iam:ChangePassword', 'iam:GetUser'], [self]),
				allow('AllowManageOwnAccessKeys', ['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:ListAccessKeys', 'iam:UpdateAccessKey', 'iam:GetAccessKeyLastUsed'], [self]),
				allow('AllowManageOwnSigningCertificates', ['iam:DeleteSigningCertificate', 'iam:ListSigningCertificates', 'iam:UpdateSigningCertificate', 'iam:UploadSigningCertificate'], [self]),
				allow('AllowManageOwnSSHPublicKeys', ['iam:DeleteSSHPublicKey', 'iam:GetSSHPublicKey', 'iam:ListSSHPublicKeys', 'iam:UpdateSSHPublicKey', 'iam:UploadSSHPublicKey'], [self]),
				allow('AllowManageOwnGitCredentials', ['iam:CreateServiceSpecificCredential', 'iam:DeleteServiceSpecificCredential', 'iam:ListServiceSpecificCredentials', 'iam:ResetServiceSpecificCredential', 'iam:UpdateServiceSpecificCredential'], [self]),
				allow('AllowManageOwnVirtualMFADevice', ['iam:CreateVirtualMFADevice'], ['arn:aws-cn:iam::*:mfa/*']),
				allow('AllowManageOwnUserMFA', ['iam:DeactivateMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'iam:ResyncMFADevice'], [self]),
				{
					Sid: 'DenyAllExceptListedIfNoMFA',
					Effect: 'Deny',
					NotAction: enrolment,
					Resource: ['*'],
					Condition: {
						BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'], 'aws:ViaAWSService': ['false'] },
						ArnNotLike: { 'aws:PrincipalArn': ['arn:aws-cn:iam::123456789012:user/breakglass'] },
					},
				},
			],
		});
		expect(forceMfaPolicy('aws', []).Statement.at(-1)?.Condition).toEqual({ BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'], 'aws:ViaAWSService': ['false'] } });
	});

	it('names each exempt ARN once, as the SCP does (a break-glass user who is also the caller)', () => {
		const breakGlass = 'arn:aws:iam::123456789012:user/breakglass';
		const caller = 'arn:aws:iam::123456789012:user/alice';
		expect(forceMfaPolicy('aws', [breakGlass, caller, breakGlass]).Statement.at(-1)?.Condition?.ArnNotLike).toEqual({ 'aws:PrincipalArn': [breakGlass, caller] });
	});
});
