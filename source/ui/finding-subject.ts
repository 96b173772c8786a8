/**
 * What a finding is about, for the screen. The account's own ARN (`arn:aws:iam::ACCOUNT:root`)
 * means the root user only in the ROOT_* findings; for the account-wide ones (Config, alerts,
 * password policy, the MFA guardrail…) it means the account, so it is named that way and
 * "AWS Config not recording" never reads as being about the root user.
 */
import type { Finding } from '../core/finding.js';

const accountArn = /^arn:[^:]+:iam::(\d{12}):root$/;

/** "arn:aws:iam::123456789012:user/alice" → "user/alice": the account is in the header already. */
export function shortResource(resource: string): string {
	const match = /^arn:[^:]+:[^:]*:[^:]*:\d*:(.+)$/.exec(resource);
	return match ? match[1]! : resource;
}

/** The account ID when the finding is about the whole account, not the root user. */
function accountWideId(finding: Pick<Finding, 'id' | 'resource'>): string | undefined {
	const match = accountArn.exec(finding.resource);
	return match && !finding.id.startsWith('ROOT_') ? match[1] : undefined;
}

/** Short: "account", "root", "user/alice". */
export function findingSubject(finding: Pick<Finding, 'id' | 'resource'>): string {
	return accountWideId(finding) ? 'account' : shortResource(finding.resource);
}

/** In full, as a preview names it: "account 123456789012" or the resource's ARN. */
export function findingSubjectInFull(finding: Pick<Finding, 'id' | 'resource'>): string {
	const account = accountWideId(finding);
	return account ? `account ${account}` : finding.resource;
}
