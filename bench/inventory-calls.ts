/**
 * How many AWS calls an inventory takes. Drives the live adapter's readAccount against
 * aws-sdk-client-mock answers built from the sandbox's seeded demo account (and a synthetic
 * account 25 times its size), counts the calls by operation, and sets them against what a
 * per-principal crawl (ListUsers, then per user ListUserPolicies, GetUserPolicy per inline
 * policy, ListAttachedUserPolicies, ...) would make for the same data. No request leaves
 * the process: every client is mocked and the credentials are fake.
 */
import { GetAnalyzerCommand, ListAnalyzersCommand, AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import {
	ConfigServiceClient,
	DescribeConfigRulesCommand,
	DescribeConfigurationRecordersCommand,
	DescribeConfigurationRecorderStatusCommand,
	DescribeDeliveryChannelsCommand,
} from '@aws-sdk/client-config-service';
import { EventBridgeClient, ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import {
	GenerateCredentialReportCommand,
	GetAccountAuthorizationDetailsCommand,
	GetAccountPasswordPolicyCommand,
	GetAccountSummaryCommand,
	GetCredentialReportCommand,
	IAMClient,
	ListAccessKeysCommand,
	ListAccountAliasesCommand,
	ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import {
	DescribeOrganizationCommand,
	DescribePolicyCommand,
	ListPoliciesCommand,
	ListRootsCommand,
	ListTargetsForPolicyCommand,
	OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { SNSClient } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { credentialReportColumns } from '../source/aws/credential-report-csv.js';
import { createLiveGateway } from '../source/aws/live/live-gateway.js';
import { toAccountModel } from '../source/aws/sandbox/account-model.js';
import { createSeedState } from '../source/aws/sandbox/seed.js';
import type { AccountModel, CredentialReport, CredentialReportRow, InlinePolicy, User } from '../source/core/model.js';
import { policyDocumentToJson, type PolicyDocument } from '../source/core/policy-document.js';

/** Operations made once per item (an SCP, a rule, a user with keys), not once per account. */
const perItemOperations = new Set(['iam:ListAccessKeys', 'organizations:DescribePolicy', 'organizations:ListTargetsForPolicy', 'events:ListTargetsByRule']);
const pageOperation = 'iam:GetAccountAuthorizationDetails';
/** IAM's default MaxItems for ListUsers, ListRoles, ListGroups and ListPolicies. */
const listPageSize = 100;

const encode = (doc: PolicyDocument) => encodeURIComponent(policyDocumentToJson(doc));
const date = (iso: string | undefined) => (iso ? new Date(iso) : undefined);
const inline = (list: InlinePolicy[]) => list.map((p) => ({ PolicyName: p.name, PolicyDocument: encode(p.document) }));
const attached = (list: { arn: string; name: string }[]) => list.map((p) => ({ PolicyName: p.name, PolicyArn: p.arn }));
const boundary = (arn: string | undefined) => (arn ? { PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy' as const, PermissionsBoundaryArn: arn } } : {});

/** The account's entities as GetAccountAuthorizationDetails items, in the order AWS lists them. */
function authorizationItems(model: AccountModel): { list: 'UserDetailList' | 'GroupDetailList' | 'RoleDetailList' | 'Policies'; item: object }[] {
	return [
		...model.users.map((u) => ({
			list: 'UserDetailList' as const,
			item: { UserName: u.name, UserId: u.id, Arn: u.arn, Path: u.path, CreateDate: date(u.createDate), UserPolicyList: inline(u.inlinePolicies), GroupList: u.groups, AttachedManagedPolicies: attached(u.attachedPolicies), Tags: u.tags, ...boundary(u.permissionsBoundary) },
		})),
		...model.groups.map((g) => ({
			list: 'GroupDetailList' as const,
			item: { GroupName: g.name, GroupId: g.id, Arn: g.arn, Path: g.path, CreateDate: date(g.createDate), GroupPolicyList: inline(g.inlinePolicies), AttachedManagedPolicies: attached(g.attachedPolicies) },
		})),
		...model.roles.map((r) => ({
			list: 'RoleDetailList' as const,
			item: {
				RoleName: r.name,
				RoleId: r.id,
				Arn: r.arn,
				Path: r.path,
				CreateDate: date(r.createDate),
				AssumeRolePolicyDocument: encode(r.trustPolicy),
				InstanceProfileList: r.instanceProfiles.map((name) => ({ InstanceProfileName: name })),
				RolePolicyList: inline(r.inlinePolicies),
				AttachedManagedPolicies: attached(r.attachedPolicies),
				Tags: r.tags,
				...boundary(r.permissionsBoundary),
				...(r.lastUsed ? { RoleLastUsed: { LastUsedDate: date(r.lastUsed.date), Region: r.lastUsed.region } } : {}),
			},
		})),
		...model.policies.map((p) => ({
			list: 'Policies' as const,
			item: {
				PolicyName: p.name,
				PolicyId: p.id,
				Arn: p.arn,
				Path: p.path,
				DefaultVersionId: p.defaultVersionId,
				AttachmentCount: p.attachmentCount,
				PermissionsBoundaryUsageCount: p.permissionsBoundaryUsageCount,
				IsAttachable: p.isAttachable,
				CreateDate: date(p.createDate),
				UpdateDate: date(p.updateDate),
				PolicyVersionList: p.versions.map((v) => ({ VersionId: v.versionId, IsDefaultVersion: v.isDefault, CreateDate: date(v.createDate), Document: encode(v.document) })),
			},
		})),
	];
}

function reportCsv(report: CredentialReport): string {
	const header = credentialReportColumns.join(',');
	const row = (r: CredentialReportRow) =>
		[
			r.user, r.arn, r.userCreationTime, r.passwordEnabled, r.passwordLastUsed, r.passwordLastChanged, r.passwordNextRotation, r.mfaActive,
			...r.keys.flatMap((k) => [k.active, k.lastRotated, k.lastUsedDate, k.lastUsedRegion, k.lastUsedService]),
			...r.certs.flatMap((c) => [c.active, c.lastRotated]),
		].join(',');
	return [header, ...report.rows.map(row)].join('\n');
}

type Mocks = ReturnType<typeof mockAccount>;

/** Every client of the live gateway answers from `model`. */
function mockAccount(model: AccountModel) {
	const iam = mockClient(IAMClient);
	const sts = mockClient(STSClient);
	const organizations = mockClient(OrganizationsClient);
	const analyzer = mockClient(AccessAnalyzerClient);
	const config = mockClient(ConfigServiceClient);
	const events = mockClient(EventBridgeClient);
	const sns = mockClient(SNSClient);

	sts.on(GetCallerIdentityCommand).resolves({ Account: model.accountId, Arn: model.caller.arn, UserId: model.caller.userId });
	const items = authorizationItems(model);
	iam.on(GetAccountAuthorizationDetailsCommand).callsFake((input: { MaxItems?: number; Marker?: string }) => {
		const from = Number(input.Marker ?? 0);
		const to = from + (input.MaxItems ?? 100);
		const page: Record<string, object[]> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
		for (const { list, item } of items.slice(from, to)) page[list].push(item);
		return { ...page, IsTruncated: to < items.length, ...(to < items.length ? { Marker: String(to) } : {}) };
	});
	iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
	const report = model.credentialReport!;
	iam.on(GetCredentialReportCommand).resolves({ Content: new TextEncoder().encode(reportCsv(report)), GeneratedTime: new Date(report.generatedAt) });
	iam.on(GetAccountPasswordPolicyCommand).resolves({ PasswordPolicy: model.passwordPolicy ?? {} });
	iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: model.accountSummary as never });
	iam.on(ListVirtualMFADevicesCommand).resolves({
		VirtualMFADevices: (model.virtualMfaDevices ?? []).map((d) => ({ SerialNumber: d.serialNumber, EnableDate: date(d.enableDate), ...(d.userArn ? { User: { Arn: d.userArn } as never } : {}) })),
	});
	iam.on(ListAccountAliasesCommand).resolves({ AccountAliases: model.alias ? [model.alias] : [] });
	iam.on(ListAccessKeysCommand).callsFake((input: { UserName: string }) => ({
		AccessKeyMetadata: (model.users.find((u) => u.name === input.UserName)?.accessKeys ?? []).map((k) => ({ UserName: k.userName, AccessKeyId: k.id, Status: k.status, CreateDate: date(k.createDate) })),
	}));

	const org = model.organization;
	if (org) {
		organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: org.id, Arn: org.arn, FeatureSet: org.featureSet, MasterAccountId: org.managementAccountId } });
		organizations.on(ListRootsCommand).resolves({ Roots: org.roots.map((r) => ({ Id: r.id, Arn: r.arn, Name: r.name, PolicyTypes: r.policyTypes.map((t) => ({ Type: t.type as never, Status: t.status })) })) });
		const scps = org.scps ?? [];
		organizations.on(ListPoliciesCommand).resolves({ Policies: scps.map((p) => ({ Id: p.id, Arn: p.arn, Name: p.name, AwsManaged: p.awsManaged, Type: 'SERVICE_CONTROL_POLICY' })) });
		organizations.on(DescribePolicyCommand).callsFake((input: { PolicyId: string }) => ({ Policy: { Content: policyDocumentToJson(scps.find((p) => p.id === input.PolicyId)!.document) } }));
		organizations.on(ListTargetsForPolicyCommand).callsFake((input: { PolicyId: string }) => ({
			Targets: scps.find((p) => p.id === input.PolicyId)!.targets.map((t) => ({ TargetId: t.targetId, Type: t.type, Name: t.name, Arn: t.arn })),
		}));
	} else {
		organizations.on(DescribeOrganizationCommand).rejects(Object.assign(new Error('Your account is not a member of an organization.'), { name: 'AWSOrganizationsNotInUseException', $metadata: {} }));
	}
	analyzer.on(ListAnalyzersCommand).resolves({
		analyzers: (model.analyzers ?? []).map((a) => ({ arn: a.arn, name: a.name, type: a.type, status: a.status, createdAt: date(a.createdAt) })),
	});
	analyzer.on(GetAnalyzerCommand).resolves({});
	const configState = model.config ?? { recorders: [], deliveryChannels: [], rules: [] };
	config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: configState.recorders.map((r) => ({ name: r.name, roleARN: r.roleArn })) });
	config.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: configState.recorders.map((r) => ({ name: r.name, recording: r.recording })) });
	config.on(DescribeDeliveryChannelsCommand).resolves({ DeliveryChannels: configState.deliveryChannels.map((c) => ({ name: c.name, s3BucketName: c.s3BucketName })) });
	config.on(DescribeConfigRulesCommand).resolves({ ConfigRules: configState.rules.map((r) => ({ ConfigRuleName: r.name, Source: { Owner: r.owner, SourceIdentifier: r.sourceIdentifier }, ConfigRuleState: r.state as never })) });
	const rules = model.eventRules ?? [];
	events.on(ListRulesCommand).resolves({ Rules: rules.map((r) => ({ Name: r.name, Arn: r.arn, State: r.state as never, EventPattern: r.eventPattern, EventBusName: r.eventBusName })) });
	events.on(ListTargetsByRuleCommand).callsFake((input: { Rule: string }) => ({ Targets: (rules.find((r) => r.name === input.Rule)?.targets ?? []).map((t) => ({ Id: t.id, Arn: t.arn })) }));
	return [iam, sts, organizations, analyzer, config, events, sns];
}

const pages = (n: number) => Math.max(1, Math.ceil(n / listPageSize));

/** What a per-principal crawl of the same IAM data costs, call by call. */
function perPrincipalCrawl(model: AccountModel): Record<string, number> {
	const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
	const customer = model.policies.filter((p) => !p.awsManaged);
	const awsManaged = model.policies.filter((p) => p.awsManaged);
	const users = model.users.length;
	const roles = model.roles.length;
	const groups = model.groups.length;
	return {
		'ListUsers (pages)': pages(users),
		'GetUser (boundary, tags)': users,
		ListUserPolicies: users,
		GetUserPolicy: sum(model.users.map((u) => u.inlinePolicies.length)),
		ListAttachedUserPolicies: users,
		ListGroupsForUser: users,
		ListAccessKeys: users,
		ListMFADevices: users,
		GetLoginProfile: users,
		'ListRoles (pages)': pages(roles),
		'GetRole (boundary, tags, last used)': roles,
		ListRolePolicies: roles,
		GetRolePolicy: sum(model.roles.map((r) => r.inlinePolicies.length)),
		ListAttachedRolePolicies: roles,
		ListInstanceProfilesForRole: roles,
		'ListGroups (pages)': pages(groups),
		ListGroupPolicies: groups,
		GetGroupPolicy: sum(model.groups.map((g) => g.inlinePolicies.length)),
		ListAttachedGroupPolicies: groups,
		'ListPolicies (customer, pages)': pages(customer.length),
		ListPolicyVersions: customer.length,
		'GetPolicyVersion (every customer version)': sum(customer.map((p) => p.versions.length)),
		'ListPolicies (AWS-managed in use, pages)': pages(awsManaged.length),
		'GetPolicyVersion (AWS-managed default)': awsManaged.length,
	};
}

/** The seed ×k: every user, group, role and customer policy copied with a suffix, as a larger account. */
function scaled(model: AccountModel, k: number): AccountModel {
	const copy = structuredClone(model);
	const renamed = <T extends { name: string; arn: string; id: string }>(list: T[], i: number): T[] =>
		list.map((x) => ({ ...structuredClone(x), name: `${x.name}-${i}`, arn: `${x.arn}-${i}`, id: `${x.id}${i}` }));
	const rows: CredentialReportRow[] = [...model.credentialReport!.rows];
	for (let i = 1; i < k; i++) {
		const users: User[] = renamed(model.users, i).map((u) => ({ ...u, accessKeys: u.accessKeys.map((key) => ({ ...key, id: `${key.id}${i}`, userName: u.name })) }));
		copy.users.push(...users);
		copy.groups.push(...renamed(model.groups, i));
		copy.roles.push(...renamed(model.roles, i));
		copy.policies.push(...renamed(model.policies.filter((p) => !p.awsManaged), i));
		rows.push(...model.credentialReport!.rows.filter((r) => !r.isRoot).map((r) => ({ ...structuredClone(r), user: `${r.user}-${i}`, arn: `${r.arn}-${i}` })));
	}
	copy.credentialReport = { ...model.credentialReport!, rows };
	return copy;
}

function pad(text: string, width: number): string {
	return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

async function measure(label: string, model: AccountModel): Promise<string[]> {
	const mocks: Mocks = mockAccount(model);
	try {
		const gateway = await createLiveGateway({ region: model.region, credentialReportPollMs: 1 });
		const read = await gateway.readAccount();
		const counts = gateway.callCounts();
		const total = Object.values(counts).reduce((a, b) => a + b, 0);
		const gaadPages = counts[pageOperation] ?? 0;
		const perItem = Object.entries(counts).filter(([op]) => perItemOperations.has(op));
		const perItemTotal = perItem.reduce((n, [, c]) => n + c, 0);
		const accountLevel = total - gaadPages - perItemTotal;
		const crawl = perPrincipalCrawl(model);
		const crawlIam = Object.values(crawl).reduce((a, b) => a + b, 0);
		const ours = gaadPages + (counts['iam:ListAccessKeys'] ?? 0);
		const customer = model.policies.filter((p) => !p.awsManaged).length;
		const lines = [
			`${label}: ${model.users.length} users, ${model.roles.length} roles, ${model.groups.length} groups, ${model.policies.length} managed policies (${customer} customer-managed); read ${read.users.length} users, ${read.notEvaluated.length} parts not evaluated`,
			'  calls by operation:',
			...Object.entries(counts).map(([op, n]) => `    ${pad(op, 48)} ${n}`),
			`  total ${total} = ${gaadPages} GetAccountAuthorizationDetails page(s) + ${accountLevel} account-level + ${perItemTotal} per-item (${perItem.map(([op, n]) => `${op.split(':')[1]} ${n}`).join(', ') || 'none'})`,
			`  per-principal crawl of the same IAM data: ${crawlIam} calls, against ${ours} here (the pages plus ListAccessKeys for ${counts['iam:ListAccessKeys'] ?? 0} users with keys); with the same ${total - ours} other calls, ${crawlIam + total - ours} in all, ${((crawlIam + total - ours) / total).toFixed(1)}x this scan`,
			'  crawl breakdown:',
			...Object.entries(crawl).map(([op, n]) => `    ${pad(op, 48)} ${n}`),
		];
		return lines;
	} finally {
		for (const mock of mocks) mock.restore();
	}
}

export async function run(): Promise<string[]> {
	const saved = { ...process.env };
	// Fake credentials, so the credential chain never finds the operator's real ones.
	process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
	process.env.AWS_SECRET_ACCESS_KEY = 'bench-fake-secret';
	process.env.AWS_EC2_METADATA_DISABLED = 'true';
	for (const key of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL']) delete process.env[key];
	try {
		const now = new Date();
		const seed = toAccountModel(createSeedState(now), now);
		return [...(await measure('Sandbox seed (Acme)', seed)), '', ...(await measure('Sandbox seed x25 (synthetic)', scaled(seed, 25)))];
	} finally {
		for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_EC2_METADATA_DISABLED', 'AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL']) {
			if (saved[key] === undefined) delete process.env[key];
			else process.env[key] = saved[key];
		}
	}
}
