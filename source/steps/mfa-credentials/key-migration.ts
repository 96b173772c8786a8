/**
 * Moving a workload from an IAM user's access key to a role with temporary credentials,
 * tracked through four states read back from the account itself: the role iam-wizard made
 * carries a tag naming the user (core/workload-migration.ts), IAM's RoleLastUsed and the
 * key's last use say whether the workload moved, and the key's status says how far its
 * retirement went.
 *
 *   1 propose  → role created (trust for where the workload runs, the user's permissions narrowed by last-accessed data)
 *   2 waiting  → the role is used and the key is not: ready to deactivate
 *   3 deactivated (grace period) → 4 deleted (key-retirement.ts decides when)
 *
 * Abandoning runs the inverses in reverse order: the key comes back first, then the role goes.
 */
import type { Action } from '../../core/actions.js';
import { shortDate } from '../../core/dates.js';
import type { LastAccessedReport } from '../../core/last-accessed.js';
import type { AccessKey, AccountModel, Role, User } from '../../core/model.js';
import type { PolicyDocument, Statement } from '../../core/policy-document.js';
import type { PlanContext } from '../../core/settings.js';
import { migratedUserOf, migrationTagKey } from '../../core/workload-migration.js';
import { userHasConsolePassword } from '../scope-policies/human-principals.js';
import { keyRetirements, type KeyRetirement } from './key-retirement.js';
import { sesSmtpUser } from './ses-smtp-user.js';
import { effectiveStatements } from './user-statements.js';

export const githubIssuer = 'token.actions.githubusercontent.com';
/** Set on the role when iam-wizard also created the GitHub OIDC provider, so abandoning removes only what it made. */
export const createdProviderTagKey = 'iam-wizard:created-oidc-provider';
export const migrationPolicyName = 'permissions-of-user';

export type WorkloadPlatform = 'ec2' | 'ecs' | 'lambda' | 'github' | 'account' | 'rolesanywhere';

export type TrustChoice =
	| { platform: 'ec2' | 'ecs' | 'lambda' }
	| { platform: 'github'; repository: string; branch: string }
	| { platform: 'account'; accountId: string; externalId: string }
	/** A workload outside AWS with an X.509 certificate: IAM Roles Anywhere, through an existing trust anchor, for one certificate subject. */
	| { platform: 'rolesanywhere'; trustAnchorId: string; commonName: string };

export const platformLabels: Record<WorkloadPlatform, string> = {
	ec2: 'EC2 instance (instance profile)',
	ecs: 'ECS task',
	lambda: 'Lambda function',
	github: 'GitHub Actions (OIDC)',
	account: 'another AWS account (ExternalId)',
	rolesanywhere: 'outside AWS (IAM Roles Anywhere)',
};

export type MigrationState = 'propose' | 'waiting' | 'ready' | 'deactivated' | 'done';

export const migrationStateLabels: Record<MigrationState, string> = {
	propose: '1 propose a role',
	waiting: '2 wait for use',
	ready: '3 deactivate the key',
	deactivated: '4 delete after grace',
	done: 'done: key deleted',
};

export interface WorkloadMigration {
	user: User;
	/** The key the workload calls with (absent once deleted). */
	key?: AccessKey;
	role?: Role;
	state: MigrationState;
	/** One line: where it stands and why. */
	why: string;
	retirement?: KeyRetirement;
	/** Why iam-wizard never touches this key (the caller's, break-glass). */
	blocked?: string;
}

/** The role's name for a user's workload (IAM allows 64 characters). */
export function migrationRoleName(userName: string): string {
	return `${userName}-workload`.slice(0, 64);
}

function time(iso: string | undefined): number {
	return iso ? Date.parse(iso) : Number.NEGATIVE_INFINITY;
}

/** The key the workload uses: the active key used last, else the newest inactive one. */
function workloadKey(user: User): AccessKey | undefined {
	const byUse = [...user.accessKeys].sort((a, b) => time(b.lastUsed?.date) - time(a.lastUsed?.date));
	return byUse.find((k) => k.status === 'Active') ?? byUse[0];
}

/**
 * A workload user: no console password, and an active key used within the unused-credential
 * threshold. Not an SES SMTP user: the SMTP interface takes only a long-lived key's derived
 * password, so there is no role to move to (ses-smtp-user.ts).
 */
export function isWorkloadCandidate(model: AccountModel, user: User, context: PlanContext): boolean {
	if (userHasConsolePassword(model, user)) return false;
	if (sesSmtpUser(model, user)) return false;
	const cutoff = context.now.getTime() - context.thresholds.credentialUnusedDays * 86_400_000;
	return user.accessKeys.some((k) => k.status === 'Active' && time(k.lastUsed?.date) >= cutoff);
}

function lastUsedText(what: string, iso: string | undefined): string {
	return `${what} last used ${iso ? shortDate(iso) : 'never'}`;
}

function migrationOf(model: AccountModel, context: PlanContext, user: User, role: Role | undefined, retirements: Map<string, KeyRetirement>): WorkloadMigration {
	const key = workloadKey(user);
	const retirement = key ? retirements.get(key.id) : undefined;
	const blocked = key && key.id === model.caller.accessKeyId ? 'it is the key you are signed in with' : context.excluded.find((e) => e.arn === user.arn)?.reason;
	const base = { user, ...(key ? { key } : {}), ...(role ? { role } : {}), ...(retirement ? { retirement } : {}), ...(blocked ? { blocked } : {}) };
	if (!role) return { ...base, state: 'propose', why: `workload on access key ${key?.id ?? '(none)'}, ${lastUsedText('key', key?.lastUsed?.date)}` };
	if (!key) return { ...base, state: 'done', why: `role ${role.name} in use, the user's access key is deleted` };
	const sideBySide = `${lastUsedText('role', role.lastUsed?.date)}, ${lastUsedText('key', key.lastUsed?.date)}`;
	if (key.status === 'Inactive') return { ...base, state: 'deactivated', why: `${sideBySide}; key ${retirement?.why ?? 'inactive'}` };
	const roleUsed = time(role.lastUsed?.date) > time(role.createDate);
	const keyQuiet = time(key.lastUsed?.date) < time(role.lastUsed?.date);
	if (roleUsed && keyQuiet) return { ...base, state: 'ready', why: `${sideBySide}: the workload moved to the role` };
	return { ...base, state: 'waiting', why: `${sideBySide}: ${roleUsed ? 'the key is still in use' : 'the role has not been used yet'}` };
}

/** Every workload migration: users with a role made for them, then workload users that could start one. */
export function workloadMigrations(model: AccountModel, context: PlanContext): WorkloadMigration[] {
	const retirements = new Map(keyRetirements(model, context).map((r) => [r.key.id, r]));
	const roles = new Map(model.roles.flatMap((r) => (migratedUserOf(r) ? [[migratedUserOf(r)!, r] as const] : [])));
	const started = model.users.filter((u) => roles.has(u.name)).map((u) => migrationOf(model, context, u, roles.get(u.name), retirements));
	const candidates = model.users.filter((u) => !roles.has(u.name) && isWorkloadCandidate(model, u, context)).map((u) => migrationOf(model, context, u, undefined, retirements));
	return [...started, ...candidates];
}

const repositoryPattern = /^[\w.-]+\/[\w.-]+$/;

/** Whether a trust choice is complete and well formed; the problem in one sentence otherwise. */
export function trustProblem(choice: TrustChoice): string | undefined {
	if (choice.platform === 'github') {
		if (!repositoryPattern.test(choice.repository)) return `"${choice.repository}" is not a GitHub repository as owner/name.`;
		if (!/^[\w./-]+$/.test(choice.branch)) return `"${choice.branch}" is not a branch name.`;
	}
	if (choice.platform === 'account') {
		if (!/^\d{12}$/.test(choice.accountId)) return `"${choice.accountId}" is not a 12-digit AWS account ID.`;
		if (!/^[\w+=,.@:/-]{2,1224}$/.test(choice.externalId)) return 'The ExternalId must be 2 to 1224 letters, digits or + = , . @ : / - characters.';
	}
	if (choice.platform === 'rolesanywhere') {
		if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(choice.trustAnchorId)) return `"${choice.trustAnchorId}" is not an IAM Roles Anywhere trust anchor ID (a UUID).`;
		// The subject's CN goes in a StringEquals condition: no wildcards, so one certificate subject and no other.
		if (!/^[^*?"\\]{1,64}$/.test(choice.commonName)) return 'The certificate subject CN must be 1 to 64 characters without * ? " or \\.';
	}
	return undefined;
}

/** The trust policy for where the workload runs. */
export function trustPolicyFor(model: AccountModel, choice: TrustChoice): PolicyDocument {
	const account = model.accountId;
	const allow = (statement: Omit<Statement, 'Effect'>): PolicyDocument => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] });
	switch (choice.platform) {
		case 'ec2':
			return allow({ Principal: { Service: ['ec2.amazonaws.com'] }, Action: ['sts:AssumeRole'] });
		case 'lambda':
			return allow({ Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] });
		case 'ecs':
			// AWS's confused-deputy advice: only tasks of this account.
			return allow({
				Principal: { Service: ['ecs-tasks.amazonaws.com'] },
				Action: ['sts:AssumeRole'],
				Condition: { StringEquals: { 'aws:SourceAccount': [account] }, ArnLike: { 'aws:SourceArn': [`arn:${model.partition}:ecs:${model.region}:${account}:*`] } },
			});
		case 'github':
			return allow({
				Principal: { Federated: [`arn:${model.partition}:iam::${account}:oidc-provider/${githubIssuer}`] },
				Action: ['sts:AssumeRoleWithWebIdentity'],
				Condition: {
					StringEquals: {
						[`${githubIssuer}:aud`]: ['sts.amazonaws.com'],
						[`${githubIssuer}:sub`]: [`repo:${choice.repository}:ref:refs/heads/${choice.branch}`],
					},
				},
			});
		case 'account':
			return allow({ Principal: { AWS: [`arn:${model.partition}:iam::${choice.accountId}:root`] }, Action: ['sts:AssumeRole'], Condition: { StringEquals: { 'sts:ExternalId': [choice.externalId] } } });
		case 'rolesanywhere':
			// AWS's documented trust for Roles Anywhere: the service, the three actions it calls, narrowed to one trust anchor and one certificate subject.
			return allow({
				Principal: { Service: ['rolesanywhere.amazonaws.com'] },
				Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
				Condition: {
					ArnEquals: { 'aws:SourceArn': [trustAnchorArn(model, choice.trustAnchorId)] },
					StringEquals: { 'aws:PrincipalTag/x509Subject/CN': [choice.commonName] },
				},
			});
	}
}

/** The trust anchor's ARN in the account's partition and region. */
export function trustAnchorArn(model: AccountModel, trustAnchorId: string): string {
	return `arn:${model.partition}:rolesanywhere:${model.region}:${model.accountId}:trust-anchor/${trustAnchorId}`;
}

function serviceOf(action: string): string {
	return action.split(':')[0]!.toLowerCase();
}

/** Allow statements kept to the services the last-accessed report shows as used; Deny statements kept whole. */
function narrowed(statements: Statement[], report: LastAccessedReport | undefined): { statements: Statement[]; dropped: string[] } {
	if (!report) return { statements, dropped: [] };
	const used = new Set(report.services.filter((s) => s.lastAuthenticated).map((s) => s.namespace.toLowerCase()));
	const dropped = new Set<string>();
	const kept = statements.flatMap((s) => {
		if (s.Effect === 'Deny' || !s.Action) return [s];
		const actions = s.Action.filter((a) => a === '*' || used.has(serviceOf(a)));
		for (const a of s.Action) if (!actions.includes(a)) dropped.add(serviceOf(a));
		return actions.length > 0 ? [{ ...s, Action: actions }] : [];
	});
	return { statements: kept, dropped: [...dropped].sort() };
}

export interface RoleProposal {
	roleName: string;
	actions: Action[];
	/** What the preview says under the proposal: what was narrowed, what is kept as is. */
	notes: string[];
	permissions: PolicyDocument;
}

function act<K extends Action['kind']>(kind: K, params: Extract<Action, { kind: K }>['params'], summary: string, user: User): Action {
	return { kind, params, step: 5, findingIds: [], summary: `${summary} (migration of ${user.name} to a role)` } as Action;
}

/** State 1: the role for a workload user, trusted by where it runs, with the user's permissions narrowed by what it used. */
export function proposeMigrationRole(model: AccountModel, user: User, choice: TrustChoice, report?: LastAccessedReport): RoleProposal {
	const roleName = migrationRoleName(user.name);
	const { statements, awsManaged } = effectiveStatements(model, user);
	const narrow = narrowed(statements, report);
	const permissions: PolicyDocument = { Version: '2012-10-17', Statement: narrow.statements.map(({ Sid: _sid, ...rest }) => rest) };
	const notes = [
		report
			? narrow.dropped.length > 0
				? `Narrowed by last-accessed data (${shortDate(report.generatedAt)}): left out ${narrow.dropped.join(', ')}, which ${user.name} did not use.`
				: `Last-accessed data (${shortDate(report.generatedAt)}) shows every service of ${user.name}'s policies in use: nothing left out.`
			: `No last-accessed data for ${user.name}: the role gets the user's permissions as they are.`,
		...(awsManaged.length > 0 ? [`AWS-managed policies attached as they are (their documents are AWS's): ${awsManaged.join(', ')}.`] : []),
		'The access key keeps working until step 3 of the migration deactivates it, after the role is seen in use.',
		...(choice.platform === 'rolesanywhere'
			? [`IAM Roles Anywhere also needs a profile that lists ${roleName} (rolesanywhere:CreateProfile, enabled): iam-wizard does not make it; the workload's signing helper names the trust anchor, the profile and the role.`]
			: []),
	];
	const provider = `arn:${model.partition}:iam::${model.accountId}:oidc-provider/${githubIssuer}`;
	const needsProvider = choice.platform === 'github' && !(model.openIdConnectProviders ?? []).some((p) => p.arn === provider);
	const actions: Action[] = [];
	if (needsProvider) {
		actions.push(act('iam:CreateOpenIDConnectProvider', { Url: `https://${githubIssuer}`, ClientIDList: ['sts.amazonaws.com'] }, "Create the OIDC provider for GitHub Actions' tokens", user));
	}
	const tags = [{ Key: migrationTagKey, Value: user.name }, ...(needsProvider ? [{ Key: createdProviderTagKey, Value: 'true' }] : [])];
	actions.push(
		act(
			'iam:CreateRole',
			{ RoleName: roleName, Path: '/', AssumeRolePolicyDocument: trustPolicyFor(model, choice), Description: `Replaces the access key of IAM user ${user.name} (${platformLabels[choice.platform]})`, Tags: tags },
			`Create role ${roleName} for ${platformLabels[choice.platform]}`,
			user,
		),
	);
	if (permissions.Statement.length > 0) {
		actions.push(act('iam:PutRolePolicy', { RoleName: roleName, PolicyName: migrationPolicyName, PolicyDocument: permissions }, `Give role ${roleName} the permissions ${user.name} uses`, user));
	}
	for (const arn of awsManaged) actions.push(act('iam:AttachRolePolicy', { RoleName: roleName, PolicyArn: arn }, `Attach ${arn} to role ${roleName}`, user));
	if (choice.platform === 'ec2') {
		actions.push(act('iam:CreateInstanceProfile', { InstanceProfileName: roleName, Path: '/' }, `Create instance profile ${roleName}`, user));
		actions.push(act('iam:AddRoleToInstanceProfile', { InstanceProfileName: roleName, RoleName: roleName }, `Put role ${roleName} in instance profile ${roleName}`, user));
	}
	return { roleName, actions: actions.map((a) => ({ ...a, notes })), notes, permissions };
}

/** State 3: deactivate the key once the role is used and the key is not. */
export function migrationDeactivation(migration: WorkloadMigration): Action<'iam:UpdateAccessKey'> | undefined {
	if (migration.state !== 'ready' || !migration.key || migration.blocked) return undefined;
	return {
		kind: 'iam:UpdateAccessKey',
		params: { UserName: migration.user.name, AccessKeyId: migration.key.id, Status: 'Inactive' },
		step: 5,
		findingIds: [],
		summary: `Deactivate access key ${migration.key.id} of ${migration.user.name}: its workload uses role ${migration.role!.name} now (${migration.why.split(':')[0]})`,
	};
}

/**
 * State 3 for every migration that reached it, merged into a list of actions: a key already
 * proposed for deactivation (not rotated, unused) keeps its findings and gets the migration's reason.
 */
export function withMigrationDeactivations(actions: Action[], migrations: WorkloadMigration[]): Action[] {
	const out = [...actions];
	for (const migration of migrations) {
		const deactivation = migrationDeactivation(migration);
		if (!deactivation) continue;
		const existing = out.findIndex((a) => a.kind === 'iam:UpdateAccessKey' && a.params.AccessKeyId === deactivation.params.AccessKeyId);
		if (existing >= 0) out[existing] = { ...deactivation, findingIds: out[existing]!.findingIds };
		else out.push(deactivation);
	}
	return out;
}

/** Abandoning: the inverses of what exists, in reverse order — the key first, then the role and what came with it. */
export function abandonMigration(model: AccountModel, migration: WorkloadMigration): { actions: Action[]; problem?: string } {
	const { user, role, key } = migration;
	if (!role) return { actions: [], problem: `${user.name} has no migration to abandon.` };
	if (!key) return { actions: [], problem: `The access key of ${user.name} is deleted: the migration is complete and cannot be abandoned (delete role ${role.name} yourself if it must go).` };
	const actions: Action[] = [];
	if (key.status === 'Inactive') actions.push(act('iam:UpdateAccessKey', { UserName: user.name, AccessKeyId: key.id, Status: 'Active' }, `Re-activate access key ${key.id} of ${user.name}`, user));
	for (const profile of role.instanceProfiles) {
		actions.push(act('iam:RemoveRoleFromInstanceProfile', { InstanceProfileName: profile, RoleName: role.name }, `Remove role ${role.name} from instance profile ${profile}`, user));
		actions.push(act('iam:DeleteInstanceProfile', { InstanceProfileName: profile }, `Delete instance profile ${profile}`, user));
	}
	for (const policy of role.attachedPolicies) actions.push(act('iam:DetachRolePolicy', { RoleName: role.name, PolicyArn: policy.arn }, `Detach ${policy.arn} from role ${role.name}`, user));
	for (const policy of role.inlinePolicies) actions.push(act('iam:DeleteRolePolicy', { RoleName: role.name, PolicyName: policy.name }, `Delete inline policy ${policy.name} of role ${role.name}`, user));
	actions.push(act('iam:DeleteRole', { RoleName: role.name }, `Delete role ${role.name}`, user));
	const provider = `arn:${model.partition}:iam::${model.accountId}:oidc-provider/${githubIssuer}`;
	const madeProvider = role.tags.some((t) => t.Key === createdProviderTagKey && t.Value === 'true');
	const othersTrustIt = model.roles.some((r) => r.name !== role.name && JSON.stringify(r.trustPolicy).includes(provider));
	if (madeProvider && !othersTrustIt && (model.openIdConnectProviders ?? []).some((p) => p.arn === provider)) {
		actions.push(act('iam:DeleteOpenIDConnectProvider', { OpenIDConnectProviderArn: provider }, 'Delete the GitHub Actions OIDC provider iam-wizard created for it', user));
	}
	return { actions };
}

/** State 2's copyable text: what the workload needs to use the role (shown, never run). */
export function workloadSnippet(model: AccountModel, migration: WorkloadMigration, platform: WorkloadPlatform | undefined): string[] {
	const role = migration.role;
	if (!role) return [];
	const trustsGithub = JSON.stringify(role.trustPolicy).includes(githubIssuer);
	if (platform === 'github' || trustsGithub) {
		return [
			'permissions:',
			'  id-token: write',
			'  contents: read',
			'steps:',
			'  - uses: aws-actions/configure-aws-credentials@v4',
			'    with:',
			`      role-to-assume: ${role.arn}`,
			`      aws-region: ${model.region}`,
		];
	}
	const anchor = JSON.stringify(role.trustPolicy).match(/arn:[\w-]+:rolesanywhere:[\w-]+:\d{12}:trust-anchor\/[0-9a-f-]+/)?.[0];
	if (anchor) {
		return [
			'# ~/.aws/config on the machine outside AWS (AWS signing helper; the profile must list the role)',
			`[profile ${migration.user.name}]`,
			`credential_process = aws_signing_helper credential-process --certificate cert.pem --private-key key.pem --trust-anchor-arn ${anchor} --profile-arn PROFILE_ARN --role-arn ${role.arn}`,
		];
	}
	if (JSON.stringify(role.trustPolicy).includes('ec2.amazonaws.com')) {
		return [`aws ec2 associate-iam-instance-profile --instance-id i-… --iam-instance-profile Name=${role.instanceProfiles[0] ?? role.name}`, '# then remove the access key from the instance: the SDK finds the role by itself'];
	}
	return ['# ~/.aws/config', `[profile ${migration.user.name}]`, `role_arn = ${role.arn}`, 'credential_source = Ec2InstanceMetadata   # or Environment / EcsContainer'];
}
