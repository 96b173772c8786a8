/**
 * The seed's IAM users: people at `/` (one contractor under `/contractors/`) and workloads
 * under `/service/`. Each comment names what the user plants; users without one are clean.
 * Access-key IDs are fake AKIA… IDs; no secret exists anywhere in the sandbox.
 */
import type { AccessKey, InlinePolicy, MfaDevice, Tag, User } from '../../core/model.js';
import { iamId } from './sandbox-ids.js';
import { awsManagedArn } from './seed-aws-managed.js';
import { account, allow, deny, doc, iamArnPrefix, secondsAfter, userArn, type SeedClock } from './seed-helpers.js';
import { customerPolicyArn } from './seed-policies.js';

type When = number | 'with-user';

interface KeySpec {
	created: When;
	status?: 'Active' | 'Inactive';
	/** Days (and hours) ago, with the service and region of the last call; absent: never used. */
	used?: { days: number; hours?: number; service: string; region?: string };
}

interface UserSpec {
	name: string;
	path?: string;
	daysAgo: number;
	groups?: string[];
	attached?: string[];
	inline?: InlinePolicy[];
	boundary?: string;
	/** A console password: when it was set, when last used (absent: never), whether a reset is due. */
	console?: { set: When; used?: { days: number; hours?: number }; resetRequired?: boolean };
	mfa?: 'virtual' | 'hardware' | 'fido';
	keys?: KeySpec[];
	tags?: Tag[];
}

const own = customerPolicyArn;
const aws = (name: string) => awsManagedArn(name);
const team = (value: string): Tag[] => [{ Key: 'team', Value: value }];

const specs: UserSpec[] = [
	// The caller (platform lead, admin). KEY_NOT_ROTATED on the caller's own key: the lockout rail must keep it.
	{
		name: 'alice',
		daysAgo: 900,
		groups: ['admins', 'all-staff'],
		console: { set: 400, used: { days: 0, hours: 2 } },
		mfa: 'virtual',
		keys: [{ created: 120, used: { days: 0, hours: 1, service: 'iam' } }],
		tags: team('platform'),
	},
	// CONSOLE_USER_NO_MFA; PassRoleEC2 through developers.
	{ name: 'bob', daysAgo: 500, groups: ['developers', 'all-staff'], console: { set: 'with-user', used: { days: 2 } }, tags: team('checkout') },
	// Clean (FIDO key, read-only groups); CreateAccessKey on her own user only: a decoy.
	{ name: 'carol', daysAgo: 700, groups: ['auditors', 'all-staff'], console: { set: 650, used: { days: 1 } }, mfa: 'fido', tags: team('security') },
	// MULTIPLE_ACTIVE_KEYS; KEY_NOT_ROTATED (key 1); POLICY_SERVICE_WILDCARD and PassRoleGlue through data-engineering.
	{
		name: 'dave',
		daysAgo: 650,
		groups: ['data-engineering', 'all-staff'],
		console: { set: 600, used: { days: 3 } },
		mfa: 'virtual',
		keys: [
			{ created: 200, used: { days: 1, service: 's3' } },
			{ created: 20, used: { days: 0, hours: 5, service: 'glue' } },
		],
		tags: team('data'),
	},
	// Left the company: CONSOLE_USER_NO_MFA, CREDENTIAL_UNUSED (password and key), KEY_NOT_ROTATED.
	{
		name: 'erin',
		daysAgo: 800,
		groups: ['developers', 'all-staff'],
		console: { set: 780, used: { days: 210 } },
		keys: [{ created: 300, used: { days: 160, service: 'ec2', region: 'us-west-2' } }],
		tags: team('checkout'),
	},
	{ name: 'frank', daysAgo: 400, groups: ['support', 'all-staff'], console: { set: 400, used: { days: 5 } }, mfa: 'virtual', tags: team('support') },
	// CLOUDSHELL_FULL_ACCESS through ops.
	{ name: 'grace', daysAgo: 550, groups: ['ops', 'all-staff'], console: { set: 500, used: { days: 0, hours: 3 } }, mfa: 'virtual', tags: team('ops') },
	// USER_DIRECT_POLICY (AmazonS3FullAccess); boundary developer-boundary (BOUNDARY_WEAK) does not stop PassRoleEC2.
	{
		name: 'heidi',
		daysAgo: 300,
		groups: ['developers', 'all-staff'],
		attached: [aws('AmazonS3FullAccess')],
		boundary: own('developer-boundary'),
		console: { set: 300, used: { days: 1 } },
		mfa: 'virtual',
		tags: team('checkout'),
	},
	// USER_DIRECT_POLICY (inline); CreateAccessKey on user/* (any user's key).
	{
		name: 'ivan',
		daysAgo: 60,
		groups: ['all-staff'],
		inline: [{ name: 'iam-self-service', document: doc(allow(['iam:CreateAccessKey', 'iam:ListAccessKeys'], `${iamArnPrefix}:user/*`)) }],
		console: { set: 'with-user', used: { days: 4 } },
		mfa: 'virtual',
		tags: team('intern'),
	},
	{ name: 'judy', daysAgo: 900, groups: ['finance', 'all-staff'], console: { set: 850, used: { days: 6 } }, mfa: 'virtual', tags: team('finance') },
	{ name: 'lena', daysAgo: 420, groups: ['finance', 'all-staff'], console: { set: 420, used: { days: 2 } }, mfa: 'virtual', tags: team('finance') },
	// Contractor: USER_DIRECT_POLICY, CONSOLE_USER_NO_MFA, CreatePolicyVersion on policy/*.
	{
		name: 'mallory',
		path: '/contractors/',
		daysAgo: 200,
		attached: [own('contractor-iam-helper')],
		console: { set: 'with-user', used: { days: 8 } },
		tags: [{ Key: 'company', Value: 'contoso-consulting' }],
	},
	// CreateLoginProfile and UpdateLoginProfile through helpdesk.
	{ name: 'nina', daysAgo: 350, groups: ['helpdesk', 'all-staff'], console: { set: 350, used: { days: 1 } }, mfa: 'virtual', tags: team('helpdesk') },
	{ name: 'oscar', daysAgo: 320, groups: ['helpdesk', 'all-staff'], console: { set: 320, used: { days: 2 } }, mfa: 'virtual', tags: team('helpdesk') },
	// USER_DIRECT_POLICY, CONSOLE_USER_NO_MFA, AttachUserPolicy on *, POLICY_SENSITIVE_NO_MFA, BOUNDARY_MISSING.
	{
		name: 'peggy',
		daysAgo: 450,
		groups: ['all-staff'],
		inline: [{ name: 'policy-fixer', document: doc(allow(['iam:AttachUserPolicy', 'iam:DetachUserPolicy', 'iam:ListAttachedUserPolicies'])) }],
		console: { set: 440, used: { days: 10 } },
		tags: team('platform'),
	},
	// PutGroupPolicy through oncall (on the oncall group itself).
	{ name: 'quinn', daysAgo: 280, groups: ['oncall', 'all-staff'], console: { set: 280, used: { days: 1 } }, mfa: 'virtual', tags: team('sre') },
	{ name: 'rupert', daysAgo: 260, groups: ['oncall', 'all-staff'], console: { set: 260, used: { days: 12 } }, mfa: 'virtual', tags: team('sre') },
	// USER_DIRECT_POLICY; AttachGroupPolicy on * (and PassRoleEC2 through developers).
	{
		name: 'sam',
		daysAgo: 240,
		groups: ['developers', 'all-staff'],
		attached: [own('group-admin')],
		console: { set: 240, used: { days: 3 } },
		mfa: 'virtual',
		tags: team('checkout'),
	},
	// AddUserToGroup through team-leads.
	{ name: 'trent', daysAgo: 600, groups: ['team-leads', 'all-staff'], console: { set: 590, used: { days: 2 } }, mfa: 'virtual', tags: team('checkout') },
	{ name: 'victor', daysAgo: 580, groups: ['team-leads', 'auditors', 'all-staff'], console: { set: 580, used: { days: 7 } }, mfa: 'hardware', tags: team('data') },
	// DECOY: AttachUserPolicy is allowed by iam-user-admin-lite and denied by her inline policy. USER_DIRECT_POLICY.
	{
		name: 'wendy',
		daysAgo: 400,
		groups: ['all-staff'],
		attached: [own('iam-user-admin-lite')],
		inline: [{ name: 'deny-policy-attachment', document: doc(deny(['iam:AttachUserPolicy', 'iam:AttachGroupPolicy', 'iam:AttachRolePolicy'])) }],
		console: { set: 400, used: { days: 4 } },
		mfa: 'virtual',
		tags: team('platform'),
	},
	{ name: 'xavier', daysAgo: 350, groups: ['auditors', 'all-staff'], console: { set: 350, used: { days: 9 } }, mfa: 'hardware', tags: team('security') },
	// New hire: CONSOLE_USER_NO_MFA (never signed in, reset due) and KEY_CREATED_AT_SETUP on a console user.
	{
		name: 'zoe',
		daysAgo: 2,
		groups: ['all-staff'],
		console: { set: 'with-user', resetRequired: true },
		keys: [{ created: 'with-user' }],
		tags: team('checkout'),
	},
	// CI: USER_DIRECT_POLICY, KEY_NOT_ROTATED, PassRoleCloudFormation.
	{ name: 'ci-deploy', path: '/service/', daysAgo: 380, attached: [own('ci-deploy-policy')], keys: [{ created: 150, used: { days: 0, hours: 3, service: 'cloudformation' } }] },
	// KEY_NOT_ROTATED, CREDENTIAL_UNUSED, USER_DIRECT_POLICY (attached and inline), POLICY_SERVICE_WILDCARD (s3:*).
	{
		name: 'legacy-etl',
		path: '/service/',
		daysAgo: 1100,
		attached: [own('data-lake-full')],
		inline: [{ name: 'etl-queue-access', document: doc(allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage'], `arn:aws:sqs:us-east-1:${account}:order-events`)) }],
		keys: [{ created: 400, used: { days: 200, service: 's3' } }],
	},
	// KEY_CREATED_AT_SETUP (no console) and CREDENTIAL_UNUSED: a key made with the user 60 days ago, never used.
	{ name: 'backup-agent', path: '/service/', daysAgo: 60, groups: ['backup-operators'], keys: [{ created: 'with-user' }] },
	{ name: 'report-bot', path: '/service/', daysAgo: 700, groups: ['finance'], keys: [{ created: 30, used: { days: 0, hours: 6, service: 'ce' } }] },
	{ name: 'monitoring-exporter', path: '/service/', daysAgo: 500, groups: ['auditors'], keys: [{ created: 60, used: { days: 0, hours: 1, service: 'cloudwatch' } }] },
	// USER_DIRECT_POLICY including AdministratorAccess (POLICY_FULL_ADMIN); its second key is inactive, which raises nothing.
	{
		name: 'terraform',
		path: '/service/',
		daysAgo: 450,
		attached: [own('terraform-state'), aws('AdministratorAccess')],
		keys: [
			{ created: 80, used: { days: 0, hours: 4, service: 'sts' } },
			{ created: 200, status: 'Inactive', used: { days: 95, service: 'sts' } },
		],
	},
	// KEY_NOT_ROTATED (500 days, in daily use), USER_DIRECT_POLICY (inline).
	{
		name: 'svc-ses-smtp',
		path: '/service/',
		daysAgo: 900,
		inline: [{ name: 'ses-send', document: doc(allow('ses:SendRawEmail')) }],
		keys: [{ created: 500, used: { days: 0, hours: 12, service: 'ses' } }],
	},
	// Cruft with only an inactive key: nothing to report.
	{ name: 'old-jenkins', path: '/service/', daysAgo: 1200, keys: [{ created: 1150, status: 'Inactive', used: { days: 700, service: 's3' } }] },
];

function at(clock: SeedClock, when: When, userCreated: string, secondsLater: number): string {
	return when === 'with-user' ? secondsAfter(userCreated, secondsLater) : clock.ago(when);
}

function mfaDevice(name: string, kind: 'virtual' | 'hardware' | 'fido', enableDate: string): MfaDevice {
	if (kind === 'virtual') return { serialNumber: `${iamArnPrefix}:mfa/${name}`, type: 'virtual', enableDate };
	if (kind === 'fido') return { serialNumber: `${iamArnPrefix}:u2f/user/${name}/${name}-yubikey-${iamId('AKIA', `fido:${name}`).slice(4, 16)}`, type: 'hardware', enableDate };
	return { serialNumber: `GAKT000${iamId('AKIA', `totp:${name}`).slice(4, 9)}`, type: 'hardware', enableDate };
}

export function seedUsers(clock: SeedClock, policyName: (arn: string) => string): User[] {
	return specs.map((spec) => {
		const path = spec.path ?? '/';
		const createDate = clock.ago(spec.daysAgo);
		const keys: AccessKey[] = (spec.keys ?? []).map((key, index) => ({
			id: iamId('AKIA', `key:${spec.name}:${index + 1}`),
			userName: spec.name,
			status: key.status ?? 'Active',
			createDate: at(clock, key.created, createDate, 41),
			slot: (index + 1) as 1 | 2,
			...(key.used ? { lastUsed: { date: clock.ago(key.used.days, key.used.hours), service: key.used.service, region: key.used.region ?? 'us-east-1' } } : {}),
		}));
		const profileDate = spec.console ? at(clock, spec.console.set, createDate, 12) : undefined;
		return {
			name: spec.name,
			id: iamId('AIDA', `user:${spec.name}`),
			arn: userArn(spec.name, path),
			path,
			createDate,
			inlinePolicies: spec.inline ?? [],
			attachedPolicies: (spec.attached ?? []).map((arn) => ({ arn, name: policyName(arn) })),
			groups: spec.groups ?? [],
			...(spec.boundary ? { permissionsBoundary: spec.boundary } : {}),
			tags: spec.tags ?? [],
			accessKeys: keys,
			mfaDevices: spec.mfa && profileDate ? [mfaDevice(spec.name, spec.mfa, profileDate)] : [],
			loginProfile: spec.console ? { createDate: profileDate!, passwordResetRequired: spec.console.resetRequired ?? false } : null,
			...(spec.console?.used ? { passwordLastUsed: clock.ago(spec.console.used.days, spec.console.used.hours) } : {}),
		};
	});
}
