/**
 * The account password policy at the CIS values: minimum length 14 (CIS 1.7), reuse
 * prevention 24 (CIS 1.8), and the seed's character classes and 90-day age. Values already
 * stricter are kept; the inverse (recorded when applied) restores the previous policy, or
 * deletes the policy when there was none.
 */
import type { Action } from '../../core/actions.js';
import type { Finding } from '../../core/finding.js';
import type { PasswordPolicy } from '../../core/model.js';

export const cisPasswordPolicy: Required<Pick<PasswordPolicy, 'MinimumPasswordLength' | 'PasswordReusePrevention' | 'RequireSymbols' | 'RequireNumbers' | 'RequireUppercaseCharacters' | 'RequireLowercaseCharacters' | 'AllowUsersToChangePassword' | 'MaxPasswordAge'>> = {
	MinimumPasswordLength: 14,
	PasswordReusePrevention: 24,
	RequireSymbols: true,
	RequireNumbers: true,
	RequireUppercaseCharacters: true,
	RequireLowercaseCharacters: true,
	AllowUsersToChangePassword: true,
	MaxPasswordAge: 90,
};

/** The CIS policy, keeping what today's policy has that is stricter. */
export function targetPasswordPolicy(current: PasswordPolicy | null | undefined): PasswordPolicy {
	const now = current ?? {};
	const atLeast = (a: number | undefined, b: number) => Math.max(a ?? 0, b);
	return {
		...cisPasswordPolicy,
		MinimumPasswordLength: atLeast(now.MinimumPasswordLength, cisPasswordPolicy.MinimumPasswordLength),
		PasswordReusePrevention: atLeast(now.PasswordReusePrevention, cisPasswordPolicy.PasswordReusePrevention),
		// A shorter maximum age is stricter; 0 or absent means passwords never expire.
		MaxPasswordAge: now.MaxPasswordAge && now.MaxPasswordAge > 0 ? Math.min(now.MaxPasswordAge, cisPasswordPolicy.MaxPasswordAge) : cisPasswordPolicy.MaxPasswordAge,
		...(now.HardExpiry ? { HardExpiry: true } : {}),
	};
}

export interface PasswordPolicyChange {
	field: keyof PasswordPolicy;
	from: PasswordPolicy[keyof PasswordPolicy] | undefined;
	to: PasswordPolicy[keyof PasswordPolicy];
}

/** What changes, field by field (the screen's diff). */
export function passwordPolicyDiff(current: PasswordPolicy | null | undefined, target: PasswordPolicy): PasswordPolicyChange[] {
	return (Object.keys(target) as (keyof PasswordPolicy)[]).filter((k) => (current ?? {})[k] !== target[k]).map((field) => ({ field, from: (current ?? {})[field], to: target[field] }));
}

export function planPasswordPolicy(current: PasswordPolicy | null | undefined, findings: Finding[]): Action<'iam:UpdateAccountPasswordPolicy'> | undefined {
	const weak = findings.filter((f) => f.id === 'PASSWORD_POLICY_WEAK');
	if (weak.length === 0 || current === undefined) return undefined;
	const target = targetPasswordPolicy(current);
	const changes = passwordPolicyDiff(current, target);
	return {
		kind: 'iam:UpdateAccountPasswordPolicy',
		params: target,
		step: 5,
		findingIds: weak.map((f) => f.fingerprint),
		summary: `Set the account password policy to the CIS values (length ${target.MinimumPasswordLength}, reuse prevention ${target.PasswordReusePrevention})`,
		notes: [current === null ? 'There is no password policy today: undo deletes the one this creates.' : `Changes ${changes.map((c) => `${c.field} ${String(c.from ?? 'unset')} → ${String(c.to)}`).join(', ')}.`, 'People keep their passwords until they next change them (or until they expire).'],
	};
}
