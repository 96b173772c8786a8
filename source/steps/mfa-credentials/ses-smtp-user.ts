/**
 * SES SMTP users are not workloads to move to a role. The SES SMTP interface authenticates
 * with an SMTP password derived from an IAM user's secret access key; it takes no temporary
 * credentials, so the only remedy for an old key is to rotate the SMTP credentials. Such a
 * user is recognised by the name the SES console gives it (`ses-smtp-user.YYYYMMDD-HHMMSS`)
 * or by permissions that allow nothing but sending raw mail (the console's
 * `AmazonSesSendingAccess` policy: `ses:SendRawEmail`).
 */
import type { AccountModel, User } from '../../core/model.js';
import { effectiveStatements } from './user-statements.js';

const consoleName = /^ses-smtp-user\./i;
const smtpActions = new Set(['ses:sendrawemail']);

/** Why the user is an SES SMTP user, or undefined. */
export function sesSmtpUser(model: AccountModel, user: User): string | undefined {
	if (consoleName.test(user.name)) return 'named as the SES console names SMTP users';
	const { statements, awsManaged } = effectiveStatements(model, user);
	if (awsManaged.length > 0) return undefined;
	const allows = statements.filter((s) => s.Effect === 'Allow');
	if (allows.length === 0 || allows.some((s) => !s.Action || s.NotAction)) return undefined;
	const actions = allows.flatMap((s) => s.Action!.map((a) => a.toLowerCase()));
	return actions.every((a) => smtpActions.has(a)) ? 'allowed only ses:SendRawEmail, as SES SMTP credentials are' : undefined;
}
