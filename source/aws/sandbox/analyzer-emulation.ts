/**
 * What Access Analyzer would report for the sandbox: external access (resource policies and
 * role trusts that let principals outside the zone of trust in), unused access (idle roles,
 * keys and passwords), and policies generated from CloudTrail activity. Simplified but
 * faithful to the rules that matter: service principals are not external, conditions
 * pinning access to this account (or the organization, for an organization analyzer)
 * make it internal, and an account analyzer treats the rest of the organization as outside.
 */
import type { Analyzer } from '../../core/model.js';
import type { PolicyDocument, Statement } from '../../core/policy-document.js';
import { uuidFor } from './sandbox-ids.js';
import { isServiceLinkedRole } from './sandbox-lookup.js';
import type { ActivityRecord, SandboxAnalyzerFinding, SandboxState } from './sandbox-state.js';

function zoneOfTrust(state: SandboxState, analyzer: Analyzer): Set<string> {
	if (analyzer.type === 'ORGANIZATION' && state.organization) return new Set(state.organization.accounts.map((a) => a.id));
	return new Set([state.account.id]);
}

const accountOf = (principal: string): string | undefined => (/^\d{12}$/.test(principal) ? principal : /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1]);

/** Whether a statement's conditions pin the caller to the zone (this account, or the organization for an org analyzer). */
function restrictedToZone(state: SandboxState, analyzer: Analyzer, statement: Statement, zone: Set<string>): boolean {
	for (const keys of Object.values(statement.Condition ?? {})) {
		for (const [key, values] of Object.entries(keys)) {
			const k = key.toLowerCase();
			if (['aws:principalaccount', 'aws:sourceaccount', 'aws:sourceowner'].includes(k) && values.every((v) => zone.has(v))) return true;
			if (k === 'aws:sourcearn' && values.every((v) => zone.has(accountOfArn(v) ?? ''))) return true;
			if (k === 'aws:principalorgid' && analyzer.type === 'ORGANIZATION' && state.organization && values.every((v) => v === state.organization!.id)) return true;
		}
	}
	return false;
}

const accountOfArn = (arn: string): string | undefined => arn.split(':')[4];

function flatConditions(statement: Statement): Record<string, string> {
	const out: Record<string, string> = {};
	for (const keys of Object.values(statement.Condition ?? {})) for (const [key, values] of Object.entries(keys)) out[key] = values.join(',');
	return out;
}

interface Subject {
	resource: string;
	resourceType: string;
	policy: PolicyDocument | null;
}

function subjects(state: SandboxState): Subject[] {
	return [
		...state.resources.map((r) => ({ resource: r.arn, resourceType: r.type, policy: r.policy })),
		...state.roles.filter((r) => !isServiceLinkedRole(r)).map((r) => ({ resource: r.arn, resourceType: 'AWS::IAM::Role', policy: r.trustPolicy })),
	];
}

export function externalAccessFindings(state: SandboxState, analyzer: Analyzer, now: Date): SandboxAnalyzerFinding[] {
	const zone = zoneOfTrust(state, analyzer);
	const findings: SandboxAnalyzerFinding[] = [];
	for (const subject of subjects(state)) {
		for (const statement of subject.policy?.Statement ?? []) {
			if (statement.Effect !== 'Allow' || !statement.Principal) continue;
			if (restrictedToZone(state, analyzer, statement, zone)) continue;
			const outsiders: Record<string, string>[] = [];
			let isPublic = false;
			if (statement.Principal === '*') {
				isPublic = true;
				outsiders.push({ AWS: '*' });
			} else {
				for (const value of statement.Principal.AWS ?? []) {
					if (value === '*') {
						isPublic = true;
						outsiders.push({ AWS: '*' });
					} else if (!zone.has(accountOf(value) ?? '')) outsiders.push({ AWS: value });
				}
				for (const value of statement.Principal.Federated ?? []) outsiders.push({ Federated: value });
			}
			const condition = flatConditions(statement);
			// A public grant limited by an organization condition is not public, just outside an account zone.
			if (isPublic && Object.keys(condition).some((k) => k.toLowerCase() === 'aws:principalorgid')) isPublic = false;
			for (const principal of outsiders) {
				const at = now.toISOString();
				findings.push({
					id: uuidFor(`external:${analyzer.arn}:${subject.resource}:${JSON.stringify(principal)}:${statement.Sid ?? ''}`),
					analyzerArn: analyzer.arn,
					findingType: 'ExternalAccess',
					resource: subject.resource,
					resourceType: subject.resourceType,
					status: 'ACTIVE',
					createdAt: at,
					updatedAt: at,
					principal,
					action: statement.Action ?? [],
					condition,
					isPublic,
				});
			}
		}
	}
	return findings;
}

const daysAgo = (now: Date, iso: string | undefined) => (iso ? (now.getTime() - Date.parse(iso)) / 86_400_000 : undefined);

export function unusedAccessFindings(state: SandboxState, analyzer: Analyzer, now: Date): SandboxAnalyzerFinding[] {
	const age = analyzer.unusedAccessAge ?? 90;
	const at = now.toISOString();
	const finding = (findingType: SandboxAnalyzerFinding['findingType'], resource: string, resourceType: string, detail: Record<string, string>): SandboxAnalyzerFinding => ({
		id: uuidFor(`unused:${analyzer.arn}:${findingType}:${resource}:${detail.accessKeyId ?? ''}`),
		analyzerArn: analyzer.arn,
		findingType,
		resource,
		resourceType,
		status: 'ACTIVE',
		createdAt: at,
		updatedAt: at,
		detail,
	});
	const idle = (lastUsed: string | undefined, created: string) => (daysAgo(now, lastUsed) ?? daysAgo(now, created)!) >= age;
	const findings: SandboxAnalyzerFinding[] = [];
	for (const role of state.roles.filter((r) => !isServiceLinkedRole(r))) {
		if (idle(role.lastUsed?.date, role.createDate)) findings.push(finding('UnusedIAMRole', role.arn, 'AWS::IAM::Role', role.lastUsed?.date ? { lastAccessed: role.lastUsed.date } : {}));
	}
	for (const user of state.users) {
		for (const key of user.accessKeys.filter((k) => k.status === 'Active')) {
			if (idle(key.lastUsed?.date, key.createDate)) findings.push(finding('UnusedIAMUserAccessKey', user.arn, 'AWS::IAM::User', { accessKeyId: key.id, ...(key.lastUsed?.date ? { lastAccessed: key.lastUsed.date } : {}) }));
		}
		if (user.loginProfile && idle(user.passwordLastUsed, user.loginProfile.createDate)) {
			findings.push(finding('UnusedIAMUserPassword', user.arn, 'AWS::IAM::User', user.passwordLastUsed ? { lastAccessed: user.passwordLastUsed } : {}));
		}
	}
	return findings;
}

/** The policy Access Analyzer would generate from activity between `start` and `end`: actions grouped by resource. */
export function generatePolicy(activity: readonly ActivityRecord[], start: Date, end: Date): PolicyDocument {
	const byResource = new Map<string, Set<string>>();
	for (const record of activity) {
		const seen = Date.parse(record.lastSeen);
		if (seen < start.getTime() || seen > end.getTime()) continue;
		const resource = record.resource ?? '*';
		const actions = byResource.get(resource) ?? new Set<string>();
		actions.add(record.action);
		byResource.set(resource, actions);
	}
	const statements: Statement[] = [...byResource.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([resource, actions]) => ({ Effect: 'Allow', Action: [...actions].sort(), Resource: [resource] }));
	return { Version: '2012-10-17', Statement: statements };
}
