/**
 * PASSWORD_POLICY_WEAK (CIS 1.7 length ≥ 14, 1.8 reuse prevention ≥ 24). `undefined` means
 * the policy was not read (the adapter says why in notEvaluated): no finding; `null` means the
 * account has none.
 */
import { makeFinding, type Finding } from '../../core/finding.js';
import { rootArn, type AccountModel } from '../../core/model.js';

export const minimumPasswordLength = 14;
export const minimumPasswordReusePrevention = 24;

export function passwordPolicyFindings(model: AccountModel): Finding[] {
	const policy = model.passwordPolicy;
	if (policy === undefined) return [];
	const resource = rootArn(model.partition, model.accountId);
	if (policy === null) {
		return [
			makeFinding('PASSWORD_POLICY_WEAK', resource, `The account has no password policy; set a minimum length of at least ${minimumPasswordLength} and reuse prevention of ${minimumPasswordReusePrevention}.`, {
				passwordPolicy: null,
				problems: ['missing'],
			}),
		];
	}
	const problems: string[] = [];
	const sentences: string[] = [];
	const length = policy.MinimumPasswordLength;
	if (length === undefined || length < minimumPasswordLength) {
		problems.push('minimum-length');
		sentences.push(`the minimum length is ${length ?? 'not set'} (at least ${minimumPasswordLength})`);
	}
	const reuse = policy.PasswordReusePrevention;
	if (reuse === undefined || reuse < minimumPasswordReusePrevention) {
		problems.push('reuse-prevention');
		sentences.push(`reuse prevention ${reuse === undefined ? 'is off' : `remembers ${reuse} passwords`} (${minimumPasswordReusePrevention} needed)`);
	}
	if (problems.length === 0) return [];
	const text = sentences.join('; ');
	return [
		makeFinding('PASSWORD_POLICY_WEAK', resource, `In the account password policy ${text}.`, {
			passwordPolicy: { ...policy },
			problems,
		}),
	];
}
