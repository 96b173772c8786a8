/**
 * The parameters of the IAM managed Config rules follow what the other steps decide, so
 * Config judges the account by the same bar iam-wizard does: IAM_PASSWORD_POLICY checks the
 * policy step 5 sets (the CIS values, or stricter values the account already has),
 * ACCESS_KEYS_ROTATED the key age of KEY_NOT_ROTATED and IAM_USER_UNUSED_CREDENTIALS_CHECK
 * the idle limit of CREDENTIAL_UNUSED (both from the settings' thresholds). Pure.
 */
import type { AccountModel } from '../../core/model.js';
import type { PlanContext } from '../../core/settings.js';
import { targetPasswordPolicy } from '../mfa-credentials/password-policy-plan.js';

export interface ConfigRuleParameters {
	parameters: Record<string, string>;
	/** Where the values come from, for the preview. */
	source: string;
}

export function configRuleParameters(identifier: string, model: AccountModel, context: Pick<PlanContext, 'thresholds'>): ConfigRuleParameters | undefined {
	switch (identifier) {
		case 'IAM_PASSWORD_POLICY': {
			const p = targetPasswordPolicy(model.passwordPolicy);
			return {
				parameters: {
					RequireUppercaseCharacters: String(p.RequireUppercaseCharacters === true),
					RequireLowercaseCharacters: String(p.RequireLowercaseCharacters === true),
					RequireSymbols: String(p.RequireSymbols === true),
					RequireNumbers: String(p.RequireNumbers === true),
					MinimumPasswordLength: String(p.MinimumPasswordLength),
					PasswordReusePrevention: String(p.PasswordReusePrevention),
					MaxPasswordAge: String(p.MaxPasswordAge),
				},
				source: `the password policy step 5 sets (CIS: length ≥ 14, reuse ≥ 24${model.passwordPolicy ? ', stricter values the account has kept' : ''})`,
			};
		}
		case 'ACCESS_KEYS_ROTATED':
			return { parameters: { maxAccessKeyAge: String(context.thresholds.keyMaxAgeDays) }, source: `the key-age threshold of KEY_NOT_ROTATED (${context.thresholds.keyMaxAgeDays} days, settings)` };
		case 'IAM_USER_UNUSED_CREDENTIALS_CHECK':
			return { parameters: { maxCredentialUsageAge: String(context.thresholds.credentialUnusedDays) }, source: `the idle threshold of CREDENTIAL_UNUSED (${context.thresholds.credentialUnusedDays} days, settings)` };
		default:
			return undefined;
	}
}
