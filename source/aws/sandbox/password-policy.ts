/**
 * The account password policy as IAM stores it. UpdateAccountPasswordPolicy resets every
 * parameter it is not given to its default, and GetAccountPasswordPolicy returns the
 * booleans always and MaxPasswordAge / PasswordReusePrevention only when set: the same
 * object restores the same policy, which is what undo relies on.
 */
import { awsError } from './sandbox-lookup.js';
import { absentError } from '../absence.js';
import type { PasswordPolicy } from '../../core/model.js';

function inRange(name: string, value: number | undefined, min: number, max: number): void {
	if (value === undefined) return;
	if (!Number.isInteger(value) || value < min || value > max) {
		throw awsError('ValidationError', `${name} must be a whole number from ${min} to ${max}, not ${value}.`, 'iam:UpdateAccountPasswordPolicy');
	}
}

export function normalisePasswordPolicy(input: PasswordPolicy): PasswordPolicy {
	inRange('MinimumPasswordLength', input.MinimumPasswordLength, 6, 128);
	inRange('MaxPasswordAge', input.MaxPasswordAge, 1, 1095);
	inRange('PasswordReusePrevention', input.PasswordReusePrevention, 1, 24);
	return {
		MinimumPasswordLength: input.MinimumPasswordLength ?? 6,
		RequireSymbols: input.RequireSymbols ?? false,
		RequireNumbers: input.RequireNumbers ?? false,
		RequireUppercaseCharacters: input.RequireUppercaseCharacters ?? false,
		RequireLowercaseCharacters: input.RequireLowercaseCharacters ?? false,
		AllowUsersToChangePassword: input.AllowUsersToChangePassword ?? false,
		...(input.MaxPasswordAge !== undefined ? { MaxPasswordAge: input.MaxPasswordAge } : {}),
		...(input.PasswordReusePrevention !== undefined ? { PasswordReusePrevention: input.PasswordReusePrevention } : {}),
		HardExpiry: input.HardExpiry ?? false,
	};
}

/** GetAccountPasswordPolicy as IAM answers it: an account without a policy is NoSuchEntity, as the absence table says. */
export function getAccountPasswordPolicy(state: { account: { id: string }; passwordPolicy: PasswordPolicy | null }): PasswordPolicy {
	if (!state.passwordPolicy) throw absentError('iam:GetAccountPasswordPolicy', `The Password Policy with domain name ${state.account.id} cannot be found.`);
	return structuredClone(state.passwordPolicy);
}
