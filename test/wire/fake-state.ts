/**
 * The state behind the fake AWS: a fresh account where iam-wizard has created nothing yet
 * (the users, group, roles and policies of test/fixtures/authorization-details.json, no
 * password policy, no organization, no analyzer, no Config, no rules, no topics, no
 * buckets), what `established` adds to it, and the helpers the handler tables share.
 */
import { readFileSync } from 'node:fs';
import { awsFixture } from '../fixtures-path.js';
import type { WireAnswer } from './fake-aws-server.js';

export const accountId = '123456789012';
export const callerArn = `arn:aws:iam::${accountId}:user/admin`;
export const region = 'us-east-1';

export type Json = Record<string, any>;

export interface FakeState {
	details: Json;
	report: string;
	passwordPolicy: Json | null;
	accessKeys: Record<string, { AccessKeyId: string; Status: string; CreateDate: string; UserName: string }[]>;
	/** Users with a console password (GetLoginProfile answers for them). */
	loginProfiles: Set<string>;
	/** The root user's access key IDs (only a root session lists or deletes them). */
	rootAccessKeys: string[];
	/** Root sessions sts:AssumeRoot opened: their access key ID → the task policy that scopes them. */
	rootSessions: Map<string, string>;
	instanceProfiles: Json[];
	oidcProviders: Json[];
	analyzers: Json[];
	/** Access Analyzer findings by analyzer ARN. */
	findings: Record<string, Json[]>;
	policyGenerations: Json[];
	/** null: the account is in no organization. */
	organization: { roots: Json[]; policies: { summary: Json; content: string; targets: Json[] }[] } | null;
	recorders: Json[];
	/** Recorder name → recording. */
	recording: Record<string, boolean>;
	deliveryChannels: Json[];
	configRules: Json[];
	rules: Json[];
	targets: Record<string, Json[]>;
	/** Topic ARN → its attributes. */
	topics: Record<string, Json>;
	subscriptions: Json[];
	trails: Json[];
	/** Security Hub's DescribeHub answer; null: the account is not subscribed. */
	hub: Json | null;
	standards: Json[];
	/** Bucket name → its policy (a JSON string) or null. */
	buckets: Record<string, string | null>;
	/** Buckets of other accounts (name → owner) that let this account list them: HeadBucket 200 unless the expected owner is this account. */
	otherAccountsBuckets?: Record<string, string>;
	/** Log group name → its metric filters. */
	logGroups: Record<string, Json[]>;
	alarms: Json[];
	/** The workloads that run with a role (fake-workloads.ts): Lambda functions, EC2 reservations (EC2's lowerCamel shape), CloudFormation stacks, CodeBuild projects. */
	functions: Json[];
	reservations: Json[];
	stacks: Json[];
	projects: Json[];
}

export const now = '2026-11-27T12:00:00Z';


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


export function freshState(): FakeState {
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
	const loginProfiles = new Set(rows.filter((row) => row[header!.indexOf('password_enabled')] === 'true').map((row) => row[0]!));
	return {
		details,
		report,
		passwordPolicy: null,
		accessKeys,
		loginProfiles,
		rootAccessKeys: ['AKIAROOTKEYEXAMPLE01'],
		rootSessions: new Map(),
		instanceProfiles: [],
		oidcProviders: [],
		analyzers: [],
		findings: {},
		policyGenerations: [],
		organization: null,
		recorders: [],
		recording: {},
		deliveryChannels: [],
		configRules: [],
		rules: [],
		targets: {},
		topics: {},
		subscriptions: [],
		trails: [],
		hub: null,
		standards: [],
		buckets: {},
		logGroups: {},
		alarms: [],
		...workloads(),
	};
}

/**
 * What runs with the fixture's roles: an instance of web-host (its instance profile "web"),
 * a stopped one too, a terminated one that no longer counts; a function, a stack (and a
 * deleted one) and a build project run with etl-runner.
 */
function workloads(): Pick<FakeState, 'functions' | 'reservations' | 'stacks' | 'projects'> {
	const etl = `arn:aws:iam::${accountId}:role/etl-runner`;
	const instance = (id: string, state: string, profile?: string) => ({
		instanceId: id,
		instanceState: { code: state === 'running' ? 16 : state === 'stopped' ? 80 : 48, name: state },
		...(profile ? { iamInstanceProfile: { arn: `arn:aws:iam::${accountId}:instance-profile/${profile}`, id: 'AIPAWEBEXAMPLE' } } : {}),
	});
	return {
		functions: [
			{ FunctionName: 'nightly-export', FunctionArn: `arn:aws:lambda:${region}:${accountId}:function:nightly-export`, Role: etl, Runtime: 'python3.12' },
			{ FunctionName: 'thumbnailer', FunctionArn: `arn:aws:lambda:${region}:${accountId}:function:thumbnailer`, Role: `arn:aws:iam::${accountId}:role/web-host`, Runtime: 'nodejs20.x' },
		],
		reservations: [
			{ reservationId: 'r-0web', ownerId: accountId, instancesSet: [instance('i-0web1', 'running', 'web'), instance('i-0nobody', 'running')] },
			{ reservationId: 'r-0old', ownerId: accountId, instancesSet: [instance('i-0web2', 'stopped', 'web'), instance('i-0gone', 'terminated', 'web')] },
		],
		stacks: [
			{ StackId: `arn:aws:cloudformation:${region}:${accountId}:stack/data-pipeline/1a2b`, StackName: 'data-pipeline', CreationTime: now, StackStatus: 'UPDATE_COMPLETE', RoleARN: etl },
			{ StackId: `arn:aws:cloudformation:${region}:${accountId}:stack/old-pipeline/3c4d`, StackName: 'old-pipeline', CreationTime: now, StackStatus: 'DELETE_COMPLETE', RoleARN: etl },
		],
		projects: [{ name: 'etl-build', arn: `arn:aws:codebuild:${region}:${accountId}:project/etl-build`, serviceRole: etl }],
	};
}

export const notFound = (code: string, message: string): WireAnswer => ({ error: { code, message } });

/** An error AWS sends with a status of its own (409 EntityAlreadyExists, 400 for the JSON services' conflicts). */
export const failure = (code: string, message: string, status = 400): WireAnswer => ({ error: { code, message, status } });

export const ok = (result: unknown = {}): WireAnswer => ({ result });

/** Pulls "Filter.member.1"-style query fields into a list. */
export function members(params: Json, name: string): string[] {
	return Object.keys(params)
		.filter((k) => k.startsWith(`${name}.member.`))
		.sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()))
		.map((k) => String(params[k]));
}

/** Pulls "Tags.member.1.Key"-style query fields into a list of records. */
export function memberRecords(params: Json, name: string): Json[] {
	const out: Json[] = [];
	for (const [key, value] of Object.entries(params)) {
		const match = new RegExp(`^${name}\\.member\\.(\\d+)\\.(\\w+)$`).exec(key);
		if (match) (out[Number(match[1]) - 1] ??= {})[match[2]!] = value;
	}
	return out.filter(Boolean);
}

export function decodeDocument(doc: unknown): unknown {
	return typeof doc === 'string' ? JSON.parse(doc) : doc;
}

/** `signer`: the access key ID that signed the request (from its Authorization header). */
export type Handler = (p: Json, s: FakeState, signer?: string) => WireAnswer;
