/**
 * What a snapshot cannot show, so that findings it would have raised are reported as not
 * evaluated instead of silently passing.
 */
import type { FindingId } from '../../core/finding-catalogue.js';
import type { NotEvaluated } from '../../core/model.js';

const liveHint = 'run against the live account to check it';

function entry(area: string, reason: string, findingIds: FindingId[]): NotEvaluated {
	return { area, reason, findingIds };
}

export interface SnapshotGaps {
	hasCredentialReport: boolean;
	/** The report beside the snapshot has no row for the root user (a header-only report, say). */
	reportLacksRoot?: boolean;
	/** Users of the authorization details the report has no row for. */
	usersMissingFromReport?: string[];
	/** Attached or boundary policy ARNs whose documents the snapshot lacks. */
	missingPolicyArns: string[];
	/** Those of missingPolicyArns used as permissions boundaries. */
	missingBoundaryArns: string[];
}

export function snapshotNotEvaluated(gaps: SnapshotGaps): NotEvaluated[] {
	const out: NotEvaluated[] = [];
	if (!gaps.hasCredentialReport) {
		out.push(
			entry(
				'credential-report',
				'The snapshot has no credential report, so root credentials, passwords, MFA and access-key ages are not checked: save the decoded output of aws iam get-credential-report as a .csv file beside the JSON.',
				['ROOT_ACCESS_KEY', 'ROOT_NO_MFA', 'ROOT_RECENTLY_USED', 'CONSOLE_USER_NO_MFA', 'KEY_CREATED_AT_SETUP', 'CREDENTIAL_UNUSED', 'MULTIPLE_ACTIVE_KEYS', 'KEY_NOT_ROTATED'],
			),
		);
	}
	if (gaps.hasCredentialReport && gaps.reportLacksRoot) {
		out.push(
			entry(
				'credential-report-root',
				'The credential report beside the snapshot has no row for the root user (<root_account>), so root access keys, MFA and recent use are not checked: save the whole decoded output of aws iam get-credential-report.',
				['ROOT_ACCESS_KEY', 'ROOT_NO_MFA', 'ROOT_RECENTLY_USED'],
			),
		);
	}
	const missingUsers = gaps.usersMissingFromReport ?? [];
	if (gaps.hasCredentialReport && missingUsers.length > 0) {
		const count = missingUsers.length;
		const shown = missingUsers.slice(0, 10).join(', ') + (count > 10 ? ` and ${count - 10} more` : '');
		out.push(
			entry(
				'credential-report-users',
				`The credential report beside the snapshot has no row for ${count} user${count === 1 ? '' : 's'} (${shown}), so ${count === 1 ? 'its' : 'their'} passwords, MFA and access-key ages are not checked: generate a new report and save it with the snapshot.`,
				['CONSOLE_USER_NO_MFA', 'KEY_CREATED_AT_SETUP', 'CREDENTIAL_UNUSED', 'MULTIPLE_ACTIVE_KEYS', 'KEY_NOT_ROTATED'],
			),
		);
	}
	if (gaps.missingPolicyArns.length > 0) {
		const count = gaps.missingPolicyArns.length;
		const ids: FindingId[] = ['POLICY_FULL_ADMIN', 'POLICY_WILDCARD_RESOURCE', 'POLICY_NOT_ACTION', 'POLICY_SENSITIVE_NO_MFA', 'PRIVILEGE_ESCALATION'];
		if (gaps.missingBoundaryArns.length > 0) ids.push('BOUNDARY_WEAK');
		out.push(
			entry(
				'managed-policy-documents',
				`The snapshot lacks the document${count === 1 ? '' : 's'} of ${count} attached managed polic${count === 1 ? 'y' : 'ies'} (${gaps.missingPolicyArns.join(', ')}), so what ${count === 1 ? 'it allows' : 'they allow'} is not checked: save get-account-authorization-details without --filter to include them.`,
				ids,
			),
		);
	}
	out.push(
		entry('password-policy', `A snapshot does not hold the account password policy: ${liveHint}.`, ['PASSWORD_POLICY_WEAK']),
		entry('virtual-mfa-devices', `A snapshot does not list MFA devices, so whether the root user's MFA is a hardware device is unknown: ${liveHint}.`, [
			'ROOT_NO_HARDWARE_MFA',
		]),
		entry('access-analyzer', `A snapshot holds no IAM Access Analyzer analyzers, findings or policy validation: ${liveHint}.`, [
			'ANALYZER_MISSING',
			'EXTERNAL_ACCESS',
			'UNUSED_ACCESS',
			'POLICY_VALIDATION',
		]),
		entry('organizations', `A snapshot holds no AWS Organizations service control policies, so MFA enforcement is not checked: ${liveHint}.`, [
			'MFA_NOT_ENFORCED',
		]),
		entry('config', `A snapshot holds no AWS Config recorders or rules: ${liveHint}.`, ['CONFIG_RECORDER_OFF', 'CONFIG_RULE_MISSING']),
		entry('eventbridge', `A snapshot holds no EventBridge rules, so alerting on root use and IAM changes is not checked: ${liveHint}.`, [
			'ALERT_ROOT_USAGE_MISSING',
			'ALERT_IAM_CHANGES_MISSING',
			'ALERT_CONSOLE_NO_MFA_MISSING',
			'ALERT_NO_TARGET',
			'ALERT_ROOT_KEY_CREATED_MISSING',
		]),
		entry('cloudtrail', `A snapshot holds no CloudTrail trails, so whether a multi-region trail logs management events is not checked: ${liveHint}.`, ['TRAIL_MISSING']),
		entry('security-hub', `A snapshot does not say whether Security Hub or its CIS standard is enabled: ${liveHint}.`, ['SECURITY_HUB_OFF']),
	);
	return out;
}
