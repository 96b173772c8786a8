/**
 * The account model a snapshot shows: IAM from the authorization details, credentials from
 * the credential report beside it, and everything else listed in notEvaluated.
 */
import type { AccountModel, CallerIdentity, CredentialReport, Group, Role, User } from '../../core/model.js';
import { AuthorizationDetailsError, mapAuthorizationDetails, type AuthorizationDetails } from '../authorization-details.js';
import { CredentialReportError, parseCredentialReportCsv } from '../credential-report-csv.js';
import { workloadKinds } from '../../core/role-workloads.js';
import { badSnapshot } from './bad-snapshot.js';
import { toAuthorizationDetailsInput } from './parse-snapshot-json.js';
import type { SnapshotFiles } from './read-snapshot-files.js';
import { applyCredentialReport } from './apply-credential-report.js';
import { snapshotNotEvaluated } from './snapshot-not-evaluated.js';

export interface SnapshotClock {
	/** Count ages from this date instead of now (an old snapshot read as of when it was taken). */
	asOf?: Date;
	now: Date;
}

interface AccountRef {
	partition: string;
	account: string;
}

function accountOfArn(arn: string): AccountRef | undefined {
	const [prefix, partition, , , account] = arn.split(':');
	return prefix === 'arn' && partition && /^\d{12}$/.test(account ?? '') ? { partition, account } : undefined;
}

/**
 * `partition:account` of an ARN accountOfArn accepts, else undefined: the same test by
 * indexOf, without the array of parts split makes (run on every ARN of the snapshot).
 */
function accountKeyOfArn(arn: string): string | undefined {
	if (!arn.startsWith('arn:')) return undefined;
	const partitionEnd = arn.indexOf(':', 4);
	if (partitionEnd <= 4) return undefined;
	const serviceEnd = arn.indexOf(':', partitionEnd + 1);
	const regionEnd = serviceEnd === -1 ? -1 : arn.indexOf(':', serviceEnd + 1);
	if (regionEnd === -1) return undefined;
	const accountEnd = arn.indexOf(':', regionEnd + 1);
	const account = arn.slice(regionEnd + 1, accountEnd === -1 ? arn.length : accountEnd);
	return twelveDigits.test(account) ? `${arn.slice(4, partitionEnd)}:${account}` : undefined;
}

const twelveDigits = /^\d{12}$/;

function mapDetails(files: SnapshotFiles): AuthorizationDetails {
	const input = toAuthorizationDetailsInput(files.details.value, files.details.name);
	try {
		return mapAuthorizationDetails(input);
	} catch (error) {
		if (!(error instanceof AuthorizationDetailsError)) throw error;
		const message = error.message.charAt(0).toLowerCase() + error.message.slice(1);
		throw badSnapshot(`In ${files.details.name}, ${message}`, error);
	}
}

/**
 * A principal or policy listed twice (pages concatenated by hand, a file edited) would give
 * two findings with one fingerprint: refuse with a sentence naming it.
 */
function checkListedOnce(details: AuthorizationDetails, name: string): void {
	const lists: [string, string, { arn: string; name: string }[]][] = [
		['user', 'UserDetailList', details.users],
		['group', 'GroupDetailList', details.groups],
		['role', 'RoleDetailList', details.roles],
		['policy', 'Policies', details.policies],
	];
	for (const [kind, field, items] of lists) {
		const seen = new Map<string, number>();
		items.forEach((item, i) => {
			const first = seen.get(item.arn);
			if (first !== undefined) {
				throw badSnapshot(`${name} lists the ${kind} ${item.name} twice (${field} entries ${first + 1} and ${i + 1}): a snapshot lists each ${kind} once; save it again with aws iam get-account-authorization-details`);
			}
			seen.set(item.arn, i);
		});
	}
}

function readReport(report: NonNullable<SnapshotFiles['report']>, clock: SnapshotClock): CredentialReport {
	try {
		return parseCredentialReportCsv(report.text, (clock.asOf ?? report.modifiedAt).toISOString(), { source: report.name });
	} catch (error) {
		if (error instanceof CredentialReportError) throw badSnapshot(error.message, error);
		throw error;
	}
}

function findAccount(details: AuthorizationDetails, report: CredentialReport | undefined, name: string): AccountRef {
	// The account most ARNs name: one odd ARN (edited, or from another account) is warned about, not taken for the account.
	const counts = new Map<string, number>();
	const count = (arn: string) => {
		const key = accountKeyOfArn(arn);
		if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
	};
	for (const list of [details.users, details.roles, details.groups]) for (const item of list) count(item.arn);
	for (const policy of details.policies) if (!policy.awsManaged) count(policy.arn);
	for (const row of report?.rows ?? []) count(row.arn);
	let best: { key: string; n: number } | undefined;
	for (const [key, n] of counts) if (best === undefined || n > best.n) best = { key, n };
	if (best) {
		const split = best.key.indexOf(':');
		return { partition: best.key.slice(0, split), account: best.key.slice(split + 1) };
	}
	throw badSnapshot(`${name} names no account: it holds no users, groups, roles or customer policies, and no credential report lies beside it`);
}

function checkReportAccount(report: CredentialReport, account: string, reportName: string, detailsName: string): void {
	const other = report.rows.map((row) => accountOfArn(row.arn)?.account).find((a) => a !== undefined && a !== account);
	if (other) {
		throw badSnapshot(`${reportName} is the credential report of account ${other}, not of account ${account} whose authorization details are in ${detailsName}`);
	}
}

function missingPolicies(details: AuthorizationDetails): { missingPolicyArns: string[]; missingBoundaryArns: string[] } {
	const known = new Set(details.policies.map((p) => p.arn));
	// Collected straight into sets: no list of every attachment in the account is built.
	const missingPolicies = new Set<string>();
	const missingBoundaries = new Set<string>();
	const principals: (User | Group | Role)[][] = [details.users, details.groups, details.roles];
	for (const list of principals) {
		for (const principal of list) for (const ref of principal.attachedPolicies) if (!known.has(ref.arn)) missingPolicies.add(ref.arn);
	}
	const bounded: (User | Role)[][] = [details.users, details.roles];
	for (const list of bounded) {
		for (const { permissionsBoundary } of list) if (permissionsBoundary && !known.has(permissionsBoundary)) missingBoundaries.add(permissionsBoundary);
	}
	for (const boundary of missingBoundaries) missingPolicies.add(boundary);
	return { missingPolicyArns: [...missingPolicies].sort(), missingBoundaryArns: [...missingBoundaries].sort() };
}

/** What a credential report that is present leaves out: the root row, and rows of users the details list. */
function reportGaps(details: AuthorizationDetails, report: CredentialReport | undefined): { reportLacksRoot?: boolean; usersMissingFromReport?: string[] } {
	if (!report) return {};
	const arns = new Set(report.rows.map((row) => row.arn));
	return {
		reportLacksRoot: !report.rows.some((row) => row.isRoot),
		usersMissingFromReport: details.users.filter((u) => !arns.has(u.arn)).map((u) => u.name),
	};
}

export function buildSnapshotModel(files: SnapshotFiles, clock: SnapshotClock): AccountModel {
	const readAt = clock.asOf ?? clock.now;
	if (Number.isNaN(readAt.getTime())) throw badSnapshot('The --as-of date is not a valid date');
	const details = mapDetails(files);
	checkListedOnce(details, files.details.name);
	const report = files.report ? readReport(files.report, clock) : undefined;
	const { partition, account } = findAccount(details, report, files.details.name);
	if (report && files.report) checkReportAccount(report, account, files.report.name, files.details.name);
	// The snapshot does not say who took it: this caller matches no user, so no lock-out rule mistakes it for one.
	const caller: CallerIdentity = { account, arn: `arn:${partition}:iam::${account}:snapshot`, userId: 'snapshot' };
	const model: AccountModel = {
		accountId: account,
		partition,
		region: '',
		caller,
		readAt: readAt.toISOString(),
		users: report ? applyCredentialReport(details.users, report) : details.users,
		groups: details.groups,
		roles: details.roles,
		policies: details.policies,
		// Functions, instances, stacks and projects are not IAM data: paths through them stay "if such a resource exists".
		roleWorkloads: { region: '', read: [], unread: Object.keys(workloadKinds).map((service) => ({ service, reason: 'a snapshot holds IAM data only: run against the live account to read them' })), workloads: [] },
		notEvaluated: snapshotNotEvaluated({ hasCredentialReport: report !== undefined, ...reportGaps(details, report), ...missingPolicies(details) }),
	};
	if (report) model.credentialReport = report;
	return model;
}
