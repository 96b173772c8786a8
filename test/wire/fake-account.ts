/**
 * The account behind the fake AWS server: a fresh account where iam-wizard has created
 * nothing yet (the users, group, roles and policies of test/fixtures/authorization-details.json,
 * no password policy, no organization, no analyzer, no Config, no rules, no topics), and
 * one table of what each operation answers. Reads answer from the state, writes change it,
 * so `apply` can verify by re-reading. "Does not exist" answers are AWS's own errors.
 *
 * Options shape the account for a test: `deny` services (AccessDenied as each protocol
 * sends it), `faults` queued before an operation's real answer (throttling, 5xx, an HTML
 * page), `pageSize` to split the authorization details into marker pages.
 */
import { readFileSync } from 'node:fs';
import { awsFixture } from '../fixtures-path.js';
import type { Responder, WireAnswer, WireRequest } from './fake-aws-server.js';

export const accountId = '123456789012';
export const callerArn = `arn:aws:iam::${accountId}:user/admin`;

type Json = Record<string, any>;

export interface FakeAccountOptions {
	/** Services (signing names) whose every call is denied. */
	deny?: (service: string, operation: string) => boolean;
	/** Answers given, in order, before the operation's own answer ("iam:GetAccountAuthorizationDetails" → [throttle, 500]). */
	faults?: Record<string, WireAnswer[]>;
	/** Items per GetAccountAuthorizationDetails page (default: all on one page). */
	pageSize?: number;
	/** A member account of an organization (an OU below the root, the FullAWSAccess SCP), with an analyzer, a Config recorder and a rule with a target: every scan read has something to read. */
	established?: boolean;
	/** Services that are not there at all (ValidatePolicy on an endpoint without Access Analyzer): an HTML 404 page. */
	missing?: (service: string, operation: string) => boolean;
}

export interface FakeAccount {
	respond: Responder;
	state: FakeState;
	/** Write operations received, in order. */
	writes: WireRequest[];
}

interface FakeState {
	details: Json;
	report: string;
	passwordPolicy: Json | null;
	accessKeys: Record<string, { AccessKeyId: string; Status: string; CreateDate: string; UserName: string }[]>;
	analyzers: Json[];
	recorders: Json[];
	deliveryChannels: Json[];
	configRules: Json[];
	rules: Json[];
	targets: Record<string, Json[]>;
	topics: Record<string, Json>;
	trails: Json[];
	/** Security Hub's DescribeHub answer; null: the account is not subscribed. */
	hub: Json | null;
}

const now = '2026-11-27T12:00:00Z';

/**
 * A developer the seed adds to the fixture: she can change her own permissions (step 4
 * proposes a boundary) and has a key nobody rotated (step 5 proposes deactivating it).
 */
const developer = {
	Path: '/',
	UserName: 'dev-dana',
	UserId: 'AIDADEVDANAEXAMPLE01',
	Arn: `arn:aws:iam::${accountId}:user/dev-dana`,
	CreateDate: '2025-01-10T09:00:00+00:00',
	UserPolicyList: [
		{
			PolicyName: 'self-service',
			PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:PutUserPolicy', 'iam:AttachUserPolicy', 's3:GetObject'], Resource: '*' }] },
		},
	],
	GroupList: [],
	AttachedManagedPolicies: [],
	Tags: [],
};
const developerReportRow =
	'dev-dana,arn:aws:iam::123456789012:user/dev-dana,2025-01-10T09:00:00+00:00,false,N/A,N/A,N/A,false,true,2025-01-10T09:00:00+00:00,2025-02-01T10:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';

function freshState(): FakeState {
	const details = JSON.parse(readFileSync(awsFixture('authorization-details.json'), 'utf8')) as Json;
	details.UserDetailList.push(structuredClone(developer));
	const report = `${readFileSync(awsFixture('credential-report.csv'), 'utf8').trimEnd()}\n${developerReportRow}\n`;
	const accessKeys: FakeState['accessKeys'] = {};
	const [header, ...rows] = report.trim().split('\n').map((line) => line.split(','));
	for (const row of rows) {
		const get = (column: string) => row[header!.indexOf(column)];
		const user = get('user')!;
		if (user === '<root_account>') continue;
		for (const slot of [1, 2]) {
			if (get(`access_key_${slot}_active`) !== 'true' && get(`access_key_${slot}_last_rotated`) === 'N/A') continue;
			(accessKeys[user] ??= []).push({
				AccessKeyId: `AKIA${user.replace(/[^a-z]/gi, '').toUpperCase().padEnd(14, 'X').slice(0, 14)}${slot}0`,
				Status: get(`access_key_${slot}_active`) === 'true' ? 'Active' : 'Inactive',
				CreateDate: get(`access_key_${slot}_last_rotated`)!,
				UserName: user,
			});
		}
	}
	return { details, report, passwordPolicy: null, accessKeys, analyzers: [], recorders: [], deliveryChannels: [], configRules: [], rules: [], targets: {}, topics: {}, trails: [], hub: null };
}

const notFound = (code: string, message: string): WireAnswer => ({ error: { code, message } });

/** Pulls "Filter.member.1"-style query fields into a list. */
function members(params: Json, name: string): string[] {
	return Object.keys(params)
		.filter((k) => k.startsWith(`${name}.member.`))
		.sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()))
		.map((k) => String(params[k]));
}

function decodeDocument(doc: unknown): unknown {
	return typeof doc === 'string' ? JSON.parse(doc) : doc;
}

type Handler = (p: Json, s: FakeState) => WireAnswer;

function iamHandlers(options: FakeAccountOptions): Record<string, Handler> {
	const users = (s: FakeState) => s.details.UserDetailList as Json[];
	const groups = (s: FakeState) => s.details.GroupDetailList as Json[];
	const roles = (s: FakeState) => s.details.RoleDetailList as Json[];
	const policies = (s: FakeState) => s.details.Policies as Json[];
	const user = (s: FakeState, name: string) => users(s).find((u) => u.UserName === name);
	const group = (s: FakeState, name: string) => groups(s).find((g) => g.GroupName === name);
	const role = (s: FakeState, name: string) => roles(s).find((r) => r.RoleName === name);
	const policy = (s: FakeState, arn: string) => policies(s).find((p) => p.Arn === arn);
	const noUser = (name: string) => notFound('NoSuchEntity', `The user with name ${name} cannot be found.`);
	const noGroup = (name: string) => notFound('NoSuchEntity', `The group with name ${name} cannot be found.`);
	const noRole = (name: string) => notFound('NoSuchEntity', `The role with name ${name} cannot be found.`);
	const noPolicy = (arn: string) => notFound('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
	const principal = (s: FakeState, p: Json) =>
		p.UserName !== undefined ? { it: user(s, p.UserName), missing: noUser(p.UserName), list: 'UserPolicyList' } : p.GroupName !== undefined ? { it: group(s, p.GroupName), missing: noGroup(p.GroupName), list: 'GroupPolicyList' } : { it: role(s, p.RoleName), missing: noRole(p.RoleName), list: 'RolePolicyList' };
	const policySummary = (p: Json) => ({ PolicyName: p.PolicyName, PolicyId: p.PolicyId, Arn: p.Arn, Path: p.Path, DefaultVersionId: p.DefaultVersionId, AttachmentCount: p.AttachmentCount ?? 0, IsAttachable: true, CreateDate: p.CreateDate, UpdateDate: p.UpdateDate });
	const inlineGet: Handler = (p, s) => {
		const { it, missing, list } = principal(s, p);
		if (!it) return missing;
		const doc = (it[list] as Json[]).find((x) => x.PolicyName === p.PolicyName);
		if (!doc) return notFound('NoSuchEntity', `The policy with name ${p.PolicyName} cannot be found.`);
		return { result: { ...(p.UserName ? { UserName: p.UserName } : p.GroupName ? { GroupName: p.GroupName } : { RoleName: p.RoleName }), PolicyName: p.PolicyName, PolicyDocument: doc.PolicyDocument } };
	};
	const inlinePut: Handler = (p, s) => {
		const { it, missing, list } = principal(s, p);
		if (!it) return missing;
		it[list] = [...(it[list] as Json[]).filter((x) => x.PolicyName !== p.PolicyName), { PolicyName: p.PolicyName, PolicyDocument: decodeDocument(p.PolicyDocument) }];
		return { result: {} };
	};
	const inlineDelete: Handler = (p, s) => {
		const { it, missing, list } = principal(s, p);
		if (!it) return missing;
		if (!(it[list] as Json[]).some((x) => x.PolicyName === p.PolicyName)) return notFound('NoSuchEntity', `The policy with name ${p.PolicyName} cannot be found.`);
		it[list] = (it[list] as Json[]).filter((x) => x.PolicyName !== p.PolicyName);
		return { result: {} };
	};
	const attachedList: Handler = (p, s) => {
		const { it, missing } = principal(s, p);
		if (!it) return missing;
		return { result: { AttachedPolicies: it.AttachedManagedPolicies ?? [], IsTruncated: false } };
	};
	const attach: Handler = (p, s) => {
		const { it, missing } = principal(s, p);
		if (!it) return missing;
		const target = policy(s, p.PolicyArn);
		if (!target && !String(p.PolicyArn).includes(':aws:policy/')) return noPolicy(p.PolicyArn);
		if (!(it.AttachedManagedPolicies as Json[]).some((a) => a.PolicyArn === p.PolicyArn)) {
			it.AttachedManagedPolicies.push({ PolicyName: String(p.PolicyArn).split('/').pop(), PolicyArn: p.PolicyArn });
		}
		return { result: {} };
	};
	const detach: Handler = (p, s) => {
		const { it, missing } = principal(s, p);
		if (!it) return missing;
		const before = (it.AttachedManagedPolicies as Json[]).length;
		it.AttachedManagedPolicies = (it.AttachedManagedPolicies as Json[]).filter((a) => a.PolicyArn !== p.PolicyArn);
		return before === it.AttachedManagedPolicies.length ? notFound('NoSuchEntity', `Policy ${p.PolicyArn} was not found.`) : { result: {} };
	};
	const boundary = (kind: 'User' | 'Role', put: boolean): Handler => (p, s) => {
		const it = kind === 'User' ? user(s, p.UserName) : role(s, p.RoleName);
		if (!it) return kind === 'User' ? noUser(p.UserName) : noRole(p.RoleName);
		if (put) {
			if (!policy(s, p.PermissionsBoundary) && !String(p.PermissionsBoundary).includes(':aws:policy/')) return noPolicy(p.PermissionsBoundary);
			it.PermissionsBoundary = { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: p.PermissionsBoundary };
		} else {
			delete it.PermissionsBoundary;
		}
		return { result: {} };
	};
	const pages = options.pageSize;
	return {
		'sts:GetCallerIdentity': () => ({ result: { Arn: callerArn, UserId: 'AIDAADMINEXAMPLE', Account: accountId } }),
		'iam:GetAccountAuthorizationDetails': (p, s) => {
			const lists = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;
			const all = lists.flatMap((list) => (s.details[list] as Json[]).map((item) => ({ list, item })));
			const start = p.Marker ? Number(String(p.Marker).replace('page-from-', '')) : 0;
			const size = pages ?? all.length;
			const slice = all.slice(start, start + size);
			const result: Json = Object.fromEntries(lists.map((list) => [list, slice.filter((x) => x.list === list).map((x) => x.item)]));
			const more = start + size < all.length;
			return { result: { ...result, IsTruncated: more, ...(more ? { Marker: `page-from-${start + size}` } : {}) } };
		},
		'iam:GenerateCredentialReport': () => ({ result: { State: 'COMPLETE', Description: 'Report generated' } }),
		'iam:GetCredentialReport': (_p, s) => ({ result: { Content: Buffer.from(s.report).toString('base64'), ReportFormat: 'text/csv', GeneratedTime: now } }),
		'iam:GetAccountPasswordPolicy': (_p, s) =>
			s.passwordPolicy ? { result: { PasswordPolicy: s.passwordPolicy } } : notFound('NoSuchEntity', `The Password Policy with domain name ${accountId} cannot be found.`),
		'iam:UpdateAccountPasswordPolicy': (p, s) => {
			const policy: Json = { MinimumPasswordLength: 6, RequireSymbols: false, RequireNumbers: false, RequireUppercaseCharacters: false, RequireLowercaseCharacters: false, AllowUsersToChangePassword: false, ExpirePasswords: false, HardExpiry: false };
			for (const [k, v] of Object.entries(p)) if (k !== 'Action' && k !== 'Version') policy[k] = v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(String(v)) ? Number(v) : v;
			s.passwordPolicy = policy;
			return { result: {} };
		},
		'iam:DeleteAccountPasswordPolicy': (_p, s) => {
			if (!s.passwordPolicy) return notFound('NoSuchEntity', `The Password Policy with domain name ${accountId} cannot be found.`);
			s.passwordPolicy = null;
			return { result: {} };
		},
		'iam:GetAccountSummary': (_p, s) => ({ result: { SummaryMap: { $map: { Users: users(s).length, Groups: groups(s).length, Roles: roles(s).length, Policies: policies(s).length, AccountMFAEnabled: 1 } } } }),
		'iam:ListVirtualMFADevices': () => ({ result: { VirtualMFADevices: [], IsTruncated: false } }),
		'iam:ListAccountAliases': () => ({ result: { AccountAliases: [], IsTruncated: false } }),
		'iam:ListOpenIDConnectProviders': () => ({ result: { OpenIDConnectProviderList: [] } }),
		'iam:ListAccessKeys': (p, s) => (user(s, p.UserName) ? { result: { AccessKeyMetadata: s.accessKeys[p.UserName] ?? [], IsTruncated: false } } : noUser(p.UserName)),
		'iam:UpdateAccessKey': (p, s) => {
			const key = (s.accessKeys[p.UserName] ?? []).find((k) => k.AccessKeyId === p.AccessKeyId);
			if (!key) return notFound('NoSuchEntity', `The Access Key with id ${p.AccessKeyId} cannot be found.`);
			key.Status = p.Status;
			return { result: {} };
		},
		'iam:GetUser': (p, s) => {
			const u = user(s, p.UserName);
			return u ? { result: { User: { Path: u.Path, UserName: u.UserName, UserId: u.UserId, Arn: u.Arn, CreateDate: u.CreateDate, PermissionsBoundary: u.PermissionsBoundary } } } : noUser(p.UserName);
		},
		'iam:GetGroup': (p, s) => {
			const g = group(s, p.GroupName);
			return g ? { result: { Group: { Path: g.Path, GroupName: g.GroupName, GroupId: g.GroupId, Arn: g.Arn, CreateDate: g.CreateDate }, Users: [], IsTruncated: false } } : noGroup(p.GroupName);
		},
		'iam:CreateGroup': (p, s) => {
			if (group(s, p.GroupName)) return { error: { code: 'EntityAlreadyExists', message: `Group with name ${p.GroupName} already exists.`, status: 409 } };
			const g = { Path: p.Path ?? '/', GroupName: p.GroupName, GroupId: `AGPA${groups(s).length}FAKE`, Arn: `arn:aws:iam::${accountId}:group${p.Path ?? '/'}${p.GroupName}`, CreateDate: now, GroupPolicyList: [], AttachedManagedPolicies: [] };
			groups(s).push(g);
			return { result: { Group: g } };
		},
		'iam:AddUserToGroup': (p, s) => {
			const u = user(s, p.UserName);
			if (!u) return noUser(p.UserName);
			if (!group(s, p.GroupName)) return noGroup(p.GroupName);
			if (!u.GroupList.includes(p.GroupName)) u.GroupList.push(p.GroupName);
			return { result: {} };
		},
		'iam:ListGroupsForUser': (p, s) => {
			const u = user(s, p.UserName);
			return u ? { result: { Groups: (u.GroupList as string[]).map((name) => ({ GroupName: name, Path: '/', GroupId: `AGPA${name}`, Arn: `arn:aws:iam::${accountId}:group/${name}`, CreateDate: now })), IsTruncated: false } } : noUser(p.UserName);
		},
		'iam:GetRole': (p, s) => {
			const r = role(s, p.RoleName);
			return r ? { result: { Role: { Path: r.Path, RoleName: r.RoleName, RoleId: r.RoleId, Arn: r.Arn, CreateDate: r.CreateDate, AssumeRolePolicyDocument: r.AssumeRolePolicyDocument, PermissionsBoundary: r.PermissionsBoundary } } } : noRole(p.RoleName);
		},
		'iam:UpdateAssumeRolePolicy': (p, s) => {
			const r = role(s, p.RoleName);
			if (!r) return noRole(p.RoleName);
			r.AssumeRolePolicyDocument = decodeDocument(p.PolicyDocument);
			return { result: {} };
		},
		'iam:GetLoginProfile': (p, s) => {
			if (!user(s, p.UserName)) return noUser(p.UserName);
			const row = s.report.split('\n').find((line) => line.startsWith(`${p.UserName},`));
			return row?.split(',')[3] === 'true' ? { result: { LoginProfile: { UserName: p.UserName, CreateDate: now } } } : notFound('NoSuchEntity', `Login Profile for User ${p.UserName} cannot be found.`);
		},
		'iam:GetPolicy': (p, s) => {
			const x = policy(s, p.PolicyArn);
			return x ? { result: { Policy: policySummary(x) } } : noPolicy(p.PolicyArn);
		},
		'iam:CreatePolicy': (p, s) => {
			const path = p.Path ?? '/';
			const arn = `arn:aws:iam::${accountId}:policy${path}${p.PolicyName}`;
			if (policy(s, arn)) return { error: { code: 'EntityAlreadyExists', message: `A policy called ${p.PolicyName} already exists.`, status: 409 } };
			const created = { PolicyName: p.PolicyName, PolicyId: `ANPA${policies(s).length}FAKE`, Arn: arn, Path: path, DefaultVersionId: 'v1', AttachmentCount: 0, PermissionsBoundaryUsageCount: 0, IsAttachable: true, CreateDate: now, UpdateDate: now, PolicyVersionList: [{ Document: decodeDocument(p.PolicyDocument), VersionId: 'v1', IsDefaultVersion: true, CreateDate: now }] };
			policies(s).push(created);
			return { result: { Policy: policySummary(created) } };
		},
		'iam:ListPolicyVersions': (p, s) => {
			const x = policy(s, p.PolicyArn);
			return x ? { result: { Versions: (x.PolicyVersionList as Json[]).map((v) => ({ VersionId: v.VersionId, IsDefaultVersion: v.IsDefaultVersion, CreateDate: v.CreateDate })), IsTruncated: false } } : noPolicy(p.PolicyArn);
		},
		'iam:GetPolicyVersion': (p, s) => {
			const v = (policy(s, p.PolicyArn)?.PolicyVersionList as Json[] | undefined)?.find((x) => x.VersionId === p.VersionId);
			return v ? { result: { PolicyVersion: v } } : notFound('NoSuchEntity', `Policy ${p.PolicyArn} version ${p.VersionId} does not exist.`);
		},
		'iam:CreatePolicyVersion': (p, s) => {
			const x = policy(s, p.PolicyArn);
			if (!x) return noPolicy(p.PolicyArn);
			const versions = x.PolicyVersionList as Json[];
			if (versions.length >= 5) return { error: { code: 'LimitExceeded', message: `A managed policy can have up to 5 versions.`, status: 409 } };
			const id = `v${Math.max(...versions.map((v) => Number(String(v.VersionId).slice(1)))) + 1}`;
			const setDefault = p.SetAsDefault === 'true';
			if (setDefault) {
				for (const v of versions) v.IsDefaultVersion = false;
				x.DefaultVersionId = id;
			}
			const created = { Document: decodeDocument(p.PolicyDocument), VersionId: id, IsDefaultVersion: setDefault, CreateDate: now };
			versions.push(created);
			return { result: { PolicyVersion: { VersionId: id, IsDefaultVersion: setDefault, CreateDate: now } } };
		},
		'iam:DeletePolicyVersion': (p, s) => {
			const x = policy(s, p.PolicyArn);
			if (!x) return noPolicy(p.PolicyArn);
			x.PolicyVersionList = (x.PolicyVersionList as Json[]).filter((v) => v.VersionId !== p.VersionId);
			return { result: {} };
		},
		'iam:SetDefaultPolicyVersion': (p, s) => {
			const x = policy(s, p.PolicyArn);
			if (!x) return noPolicy(p.PolicyArn);
			for (const v of x.PolicyVersionList as Json[]) v.IsDefaultVersion = v.VersionId === p.VersionId;
			x.DefaultVersionId = p.VersionId;
			return { result: {} };
		},
		'iam:GetUserPolicy': inlineGet,
		'iam:GetGroupPolicy': inlineGet,
		'iam:GetRolePolicy': inlineGet,
		'iam:PutUserPolicy': inlinePut,
		'iam:PutGroupPolicy': inlinePut,
		'iam:PutRolePolicy': inlinePut,
		'iam:DeleteUserPolicy': inlineDelete,
		'iam:DeleteGroupPolicy': inlineDelete,
		'iam:DeleteRolePolicy': inlineDelete,
		'iam:ListAttachedUserPolicies': attachedList,
		'iam:ListAttachedGroupPolicies': attachedList,
		'iam:ListAttachedRolePolicies': attachedList,
		'iam:AttachUserPolicy': attach,
		'iam:AttachGroupPolicy': attach,
		'iam:AttachRolePolicy': attach,
		'iam:DetachUserPolicy': detach,
		'iam:DetachGroupPolicy': detach,
		'iam:DetachRolePolicy': detach,
		'iam:PutUserPermissionsBoundary': boundary('User', true),
		'iam:PutRolePermissionsBoundary': boundary('Role', true),
		'iam:DeleteUserPermissionsBoundary': boundary('User', false),
		'iam:DeleteRolePermissionsBoundary': boundary('Role', false),
		'iam:GenerateServiceLastAccessedDetails': (p) => ({ result: { JobId: `job-${encodeURIComponent(String(p.Arn))}` } }),
		'iam:GetServiceLastAccessedDetails': () => ({ result: { JobStatus: 'COMPLETED', JobType: 'ACTION_LEVEL', JobCreationDate: now, JobCompletionDate: now, ServicesLastAccessed: [], IsTruncated: false } }),
	};
}

const organizationHandlers: Record<string, Handler> = {
	'organizations:DescribeOrganization': () => ({
		result: { Organization: { Id: 'o-abc123', Arn: 'arn:aws:organizations::999999999999:organization/o-abc123', FeatureSet: 'ALL', MasterAccountId: '999999999999' } },
	}),
	'organizations:ListRoots': () => ({ result: { Roots: [{ Id: 'r-ab12', Arn: 'arn:aws:organizations::999999999999:root/o-abc123/r-ab12', Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }] } }),
	'organizations:ListPolicies': (p) =>
		p.NextToken
			? { result: { Policies: [] } }
			: { result: { Policies: [{ Id: 'p-FullAWSAccess', Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess', Name: 'FullAWSAccess', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: true }], NextToken: 'policies-2' } },
	'organizations:DescribePolicy': (p) =>
		p.PolicyId === 'p-FullAWSAccess'
			? { result: { Policy: { PolicySummary: { Id: 'p-FullAWSAccess', Name: 'FullAWSAccess', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: true }, Content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' } } }
			: notFound('PolicyNotFoundException', "We can't find a policy with the PolicyId that you specified."),
	'organizations:ListTargetsForPolicy': () => ({ result: { Targets: [{ TargetId: 'r-ab12', Arn: 'arn:aws:organizations::999999999999:root/o-abc123/r-ab12', Name: 'Root', Type: 'ROOT' }] } }),
	'organizations:ListParents': (p) => ({ result: { Parents: [p.ChildId === accountId ? { Id: 'ou-ab12-team', Type: 'ORGANIZATIONAL_UNIT' } : { Id: 'r-ab12', Type: 'ROOT' }] } }),
};

function establish(state: FakeState): void {
	state.analyzers.push({ arn: `arn:aws:access-analyzer:us-east-1:${accountId}:analyzer/account`, name: 'account', type: 'ACCOUNT', status: 'ACTIVE', createdAt: now });
	state.recorders.push({ name: 'default', roleARN: `arn:aws:iam::${accountId}:role/config-recorder`, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } });
	state.deliveryChannels.push({ name: 'default', s3BucketName: 'config-bucket-123456789012' });
	state.rules.push({ Name: 'root-use', Arn: `arn:aws:events:us-east-1:${accountId}:rule/root-use`, State: 'ENABLED', EventPattern: '{"detail-type":["AWS Console Sign In via CloudTrail"],"detail":{"userIdentity":{"type":["Root"]}}}' });
	state.targets['root-use'] = [{ Id: 'alerts', Arn: `arn:aws:sns:us-east-1:${accountId}:alerts` }];
	state.configRules.push({ ConfigRuleName: 'iam-password-policy', ConfigRuleArn: `arn:aws:config:us-east-1:${accountId}:config-rule/config-rule-abc123`, ConfigRuleId: 'config-rule-abc123', Source: { Owner: 'AWS', SourceIdentifier: 'IAM_PASSWORD_POLICY' }, ConfigRuleState: 'ACTIVE' });
	state.trails.push({ Name: 'management', TrailARN: `arn:aws:cloudtrail:us-east-1:${accountId}:trail/management`, HomeRegion: 'us-east-1', IsMultiRegionTrail: true, S3BucketName: `trail-${accountId}` });
	state.hub = { HubArn: `arn:aws:securityhub:us-east-1:${accountId}:hub/default`, SubscribedAt: now, AutoEnableControls: true };
}

function otherHandlers(): Record<string, Handler> {
	const notInOrg = notFound('AWSOrganizationsNotInUseException', "Your account is not a member of an organization.");
	return {
		'organizations:DescribeOrganization': () => notInOrg,
		'organizations:ListRoots': () => notInOrg,
		'organizations:ListPolicies': () => notInOrg,
		'access-analyzer:ListAnalyzers': (_p, s) => ({ result: { analyzers: s.analyzers } }),
		'access-analyzer:GetAnalyzer': (p, s) => {
			const a = s.analyzers.find((x) => x.name === p.analyzerName);
			return a ? { result: { analyzer: a } } : notFound('ResourceNotFoundException', `Analyzer ${p.analyzerName} not found.`);
		},
		'access-analyzer:CreateAnalyzer': (p, s) => {
			const arn = `arn:aws:access-analyzer:us-east-1:${accountId}:analyzer/${p.analyzerName}`;
			s.analyzers.push({ arn, name: p.analyzerName, type: p.type, status: 'ACTIVE', createdAt: now });
			return { result: { arn } };
		},
		'access-analyzer:ListFindings': () => ({ result: { findings: [] } }),
		'access-analyzer:ListFindingsV2': () => ({ result: { findings: [] } }),
		'access-analyzer:ListPolicyGenerations': () => ({ result: { policyGenerations: [] } }),
		'access-analyzer:ValidatePolicy': () => ({ result: { findings: [] } }),
		'config:DescribeConfigurationRecorders': (p, s) => named(p.ConfigurationRecorderNames, s.recorders, 'name', 'ConfigurationRecorders', 'NoSuchConfigurationRecorderException'),
		'config:DescribeConfigurationRecorderStatus': (_p, s) => ({ result: { ConfigurationRecordersStatus: s.recorders.map((r) => ({ name: r.name, recording: false })) } }),
		'config:DescribeDeliveryChannels': (p, s) => named(p.DeliveryChannelNames, s.deliveryChannels, 'name', 'DeliveryChannels', 'NoSuchDeliveryChannelException'),
		'config:DescribeConfigRules': (p, s) => named(p.ConfigRuleNames, s.configRules, 'ConfigRuleName', 'ConfigRules', 'NoSuchConfigRuleException'),
		'events:ListRules': (_p, s) => ({ result: { Rules: s.rules } }),
		'events:DescribeRule': (p, s) => {
			const r = s.rules.find((x) => x.Name === p.Name);
			return r ? { result: r } : notFound('ResourceNotFoundException', `Rule ${p.Name} does not exist on EventBus default.`);
		},
		'events:ListTargetsByRule': (p, s) => (s.rules.some((x) => x.Name === p.Rule) ? { result: { Targets: s.targets[p.Rule] ?? [] } } : notFound('ResourceNotFoundException', `Rule ${p.Rule} does not exist.`)),
		'cloudtrail:DescribeTrails': (_p, s) => ({ result: { trailList: s.trails } }),
		'cloudtrail:GetTrailStatus': (p, s) => (s.trails.some((t) => t.TrailARN === p.Name || t.Name === p.Name) ? { result: { IsLogging: true } } : notFound('TrailNotFoundException', `Unknown trail: ${p.Name}.`)),
		'cloudtrail:GetEventSelectors': (p, s) =>
			s.trails.some((t) => t.TrailARN === p.TrailName || t.Name === p.TrailName)
				? { result: { TrailARN: p.TrailName, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [] }] } }
				: notFound('TrailNotFoundException', `Unknown trail: ${p.TrailName}.`),
		'config:DescribeComplianceByConfigRule': (_p, s) => ({ result: { ComplianceByConfigRules: s.configRules.map((r) => ({ ConfigRuleName: r.ConfigRuleName, Compliance: { ComplianceType: 'COMPLIANT' } })) } }),
		// A fresh account has not enabled Security Hub: AWS answers "not subscribed".
		'securityhub:DescribeHub': (_p, s) => (s.hub ? { result: s.hub } : { error: { code: 'InvalidAccessException', message: `Account ${accountId} is not subscribed to AWS Security Hub`, status: 401 } }),
		'securityhub:GetEnabledStandards': () => ({
			result: {
				StandardsSubscriptions: [
					{ StandardsSubscriptionArn: `arn:aws:securityhub:us-east-1:${accountId}:subscription/cis-aws-foundations-benchmark/v/3.0.0`, StandardsArn: 'arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0', StandardsInput: {}, StandardsStatus: 'READY' },
				],
			},
		}),
		'securityhub:DescribeStandardsControls': () => ({ result: { Controls: [{ ControlId: 'IAM.1', ControlStatus: 'ENABLED', Title: 'IAM policies should not allow full "*" administrative privileges' }] } }),
		'sns:GetTopicAttributes': (p, s) => (s.topics[p.TopicArn] ? { result: { Attributes: { $map: s.topics[p.TopicArn] } } } : notFound('NotFound', 'Topic does not exist')),
	};
}

/** Config's describe calls: every item without names; with names, each must exist. */
function named(names: string[] | undefined, items: Json[], key: string, field: string, missing: string): WireAnswer {
	if (!names || names.length === 0) return { result: { [field]: items } };
	const absent = names.find((n) => !items.some((i) => i[key] === n));
	if (absent) return notFound(missing, `Cannot find ${absent}.`);
	return { result: { [field]: items.filter((i) => names.includes(i[key])) } };
}

// GenerateCredentialReport is part of every account read; ValidatePolicy changes nothing.
const readPrefix = /^(Get|List|Describe|Generate|Validate)/;

export function createFakeAccount(options: FakeAccountOptions = {}): FakeAccount {
	const state = freshState();
	if (options.established) establish(state);
	const handlers = { ...iamHandlers(options), ...otherHandlers(), ...(options.established ? organizationHandlers : {}) };
	const faults = Object.fromEntries(Object.entries(options.faults ?? {}).map(([k, v]) => [k, [...v]]));
	const writes: WireRequest[] = [];
	const respond: Responder = (request) => {
		const queued = faults[request.operation]?.shift();
		if (queued) return queued;
		if (options.missing?.(request.service, request.operation)) {
			return { raw: { status: 404, type: 'text/html', body: '<html><body><h1>404 Not Found</h1></body></html>' } };
		}
		if (options.deny?.(request.service, request.operation)) {
			const code = request.protocol === 'query' ? 'AccessDenied' : 'AccessDeniedException';
			return { error: { code, message: `User: ${callerArn} is not authorized to perform: ${request.operation} because no identity-based policy allows the ${request.operation} action`, status: 403 } };
		}
		const handler = handlers[request.operation];
		if (!handler) return { error: { code: 'InvalidAction', message: `The fake account does not implement ${request.operation}.`, status: 400 } };
		const action = request.operation.slice(request.operation.indexOf(':') + 1);
		if (!readPrefix.test(action)) writes.push(request);
		// Query lists arrive flattened ("Filter.member.1"); the handlers read them by name.
		const params = request.protocol === 'query' ? { ...request.params, Filter: members(request.params, 'Filter') } : request.params;
		return handler(params, state);
	};
	return { respond, state, writes };
}
