/** Account-wide IAM settings: the credential report's generation and the password policy. */
import type { ActionParams } from '../../core/actions.js';
import type { ApplyContext, Outputs } from './apply-context.js';
import { normalisePasswordPolicy } from './password-policy.js';
import { fail } from './sandbox-lookup.js';

/** AWS makes a new report only when the last one is at least this old. */
export const credentialReportMaxAgeMs = 4 * 3_600_000;

export function generateCredentialReport(ctx: ApplyContext): Outputs {
	const last = ctx.state.credentialReportGeneratedAt;
	if (last !== null && ctx.now.getTime() - Date.parse(last) < credentialReportMaxAgeMs) {
		return { State: 'COMPLETE', Description: 'The current report is less than four hours old; no new report was started.' };
	}
	ctx.state.credentialReportGeneratedAt = ctx.now.toISOString();
	return { State: 'STARTED', Description: last === null ? 'No report exists. Starting a new report generation task' : 'Starting a new report generation task' };
}

export function updateAccountPasswordPolicy(ctx: ApplyContext, p: ActionParams['iam:UpdateAccountPasswordPolicy']): void {
	ctx.state.passwordPolicy = normalisePasswordPolicy(p);
}

export function deleteAccountPasswordPolicy(ctx: ApplyContext): void {
	if (!ctx.state.passwordPolicy) fail('NoSuchEntity', `The Password Policy with domain name ${ctx.state.account.id} cannot be found.`, ctx.operation);
	ctx.state.passwordPolicy = null;
}
