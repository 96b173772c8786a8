/**
 * GetAccountAuthorizationDetails as the account model's users, groups, roles and managed
 * policies. Shared by the live adapter (the JS SDK's response: documents URL-encoded, dates
 * as Date) and the snapshot reader (what `aws iam get-account-authorization-details` prints:
 * documents decoded, dates as ISO strings with offsets).
 */
import type { AttachedPolicyRef, Group, InlinePolicy, IsoDate, ManagedPolicy, PolicyVersion, Role, Tag, User } from '../core/model.js';
import { normalisePolicyDocument, PolicyDocumentError, type PolicyDocument } from '../core/policy-document.js';

/** A date as the CLI prints it (ISO string) or as the SDK returns it (Date). */
export type DateInput = string | Date;

export interface AttachedPolicyInput {
	PolicyName?: string;
	PolicyArn?: string;
}

export interface InlinePolicyInput {
	PolicyName?: string;
	/** A decoded object, plain JSON or URL-encoded JSON. */
	PolicyDocument?: unknown;
}

export interface PermissionsBoundaryInput {
	PermissionsBoundaryType?: string;
	PermissionsBoundaryArn?: string;
}

export interface TagInput {
	Key?: string;
	Value?: string;
}

export interface UserDetailInput {
	Path?: string;
	UserName?: string;
	UserId?: string;
	Arn?: string;
	CreateDate?: DateInput;
	UserPolicyList?: InlinePolicyInput[];
	GroupList?: string[];
	AttachedManagedPolicies?: AttachedPolicyInput[];
	PermissionsBoundary?: PermissionsBoundaryInput;
	Tags?: TagInput[];
}

export interface GroupDetailInput {
	Path?: string;
	GroupName?: string;
	GroupId?: string;
	Arn?: string;
	CreateDate?: DateInput;
	GroupPolicyList?: InlinePolicyInput[];
	AttachedManagedPolicies?: AttachedPolicyInput[];
}

export interface RoleDetailInput {
	Path?: string;
	RoleName?: string;
	RoleId?: string;
	Arn?: string;
	CreateDate?: DateInput;
	/** Not in GetAccountAuthorizationDetails; kept when a hand-written snapshot has it. */
	Description?: string;
	/** Not in GetAccountAuthorizationDetails; kept when a hand-written snapshot has it. */
	MaxSessionDuration?: number;
	AssumeRolePolicyDocument?: unknown;
	InstanceProfileList?: { InstanceProfileName?: string }[];
	RolePolicyList?: InlinePolicyInput[];
	AttachedManagedPolicies?: AttachedPolicyInput[];
	PermissionsBoundary?: PermissionsBoundaryInput;
	Tags?: TagInput[];
	RoleLastUsed?: { LastUsedDate?: DateInput; Region?: string };
}

export interface PolicyVersionInput {
	Document?: unknown;
	VersionId?: string;
	IsDefaultVersion?: boolean;
	CreateDate?: DateInput;
}

export interface ManagedPolicyDetailInput {
	PolicyName?: string;
	PolicyId?: string;
	Arn?: string;
	Path?: string;
	DefaultVersionId?: string;
	AttachmentCount?: number;
	PermissionsBoundaryUsageCount?: number;
	IsAttachable?: boolean;
	Description?: string;
	CreateDate?: DateInput;
	UpdateDate?: DateInput;
	PolicyVersionList?: PolicyVersionInput[];
}

/** One GetAccountAuthorizationDetails response (or all of them merged). */
export interface AuthorizationDetailsInput {
	UserDetailList?: UserDetailInput[];
	GroupDetailList?: GroupDetailInput[];
	RoleDetailList?: RoleDetailInput[];
	Policies?: ManagedPolicyDetailInput[];
	IsTruncated?: boolean;
	Marker?: string;
}

export interface AuthorizationDetails {
	users: User[];
	groups: Group[];
	roles: Role[];
	policies: ManagedPolicy[];
}

/** Thrown for authorization details that cannot be mapped; the message is one sentence naming the entity. */
export class AuthorizationDetailsError extends Error {
	override name = 'AuthorizationDetailsError';
}

/** Concatenates the lists of paginated responses into one response. */
export function mergeAuthorizationPages(pages: AuthorizationDetailsInput[]): AuthorizationDetailsInput {
	return {
		UserDetailList: pages.flatMap((page) => page.UserDetailList ?? []),
		GroupDetailList: pages.flatMap((page) => page.GroupDetailList ?? []),
		RoleDetailList: pages.flatMap((page) => page.RoleDetailList ?? []),
		Policies: pages.flatMap((page) => page.Policies ?? []),
	};
}

/** True for an AWS-managed policy ARN: its account part is `aws` (arn:PARTITION:iam::aws:policy/...). */
export function isAwsManagedPolicyArn(arn: string): boolean {
	return arn.split(':')[4] === 'aws';
}

/**
 * Maps a (merged) GetAccountAuthorizationDetails response. Every policy document is
 * normalised. GetAccountAuthorizationDetails holds no access keys, MFA devices or login
 * profiles: users get empty `accessKeys` and `mfaDevices` and an unknown `loginProfile`.
 * ARNs carry their own partition; `partition` is accepted for callers that know it and is
 * not needed to map. Throws AuthorizationDetailsError.
 */
export function mapAuthorizationDetails(input: AuthorizationDetailsInput, _options: { partition?: string } = {}): AuthorizationDetails {
	return {
		users: listOf(input.UserDetailList, 'UserDetailList').map(mapUser),
		groups: listOf(input.GroupDetailList, 'GroupDetailList').map(mapGroup),
		roles: listOf(input.RoleDetailList, 'RoleDetailList').map(mapRole),
		policies: listOf(input.Policies, 'Policies').map(mapPolicy),
	};
}

/**
 * The SDK's lists are always lists of objects; a hand-edited CLI file may not be. Checking
 * here turns a TypeError deep in the mapping into a sentence naming the field.
 */
function listOf<T>(value: T[] | undefined, what: string): T[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw new AuthorizationDetailsError(`${capitalise(what)} is not a list`);
	const bad = value.findIndex((item) => item === null || typeof item !== 'object' || Array.isArray(item));
	if (bad >= 0) throw new AuthorizationDetailsError(`Entry ${bad + 1} of ${what} is not an object`);
	return value;
}

function namesOf(value: string[] | undefined, what: string): string[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
		throw new AuthorizationDetailsError(`${capitalise(what)} is not a list of names`);
	}
	return [...value];
}

function required<T>(value: T | undefined | null, what: string): T {
	if (value === undefined || value === null || value === '') {
		throw new AuthorizationDetailsError(`${what} is missing`);
	}
	return value;
}

function toIsoDate(value: DateInput | undefined, what: string): IsoDate {
	const date = value instanceof Date ? value : new Date(required(value, what));
	if (Number.isNaN(date.getTime())) {
		throw new AuthorizationDetailsError(`${what} is ${JSON.stringify(value)}, which is not a date`);
	}
	return date.toISOString();
}

/** `what` names the document in a sentence: `the inline policy "x" of role "y"`. */
function toDocument(value: unknown, what: string): PolicyDocument {
	if (value === undefined || value === null) {
		throw new AuthorizationDetailsError(`${capitalise(what)} has no document`);
	}
	try {
		return normalisePolicyDocument(value);
	} catch (error) {
		if (!(error instanceof PolicyDocumentError)) throw error;
		const problem = error.message.startsWith('the policy document ')
			? error.message.slice('the policy document '.length)
			: `is not a valid policy document (${error.message})`;
		throw new AuthorizationDetailsError(`${capitalise(what)} ${problem}`, { cause: error });
	}
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function mapInlinePolicies(list: InlinePolicyInput[] | undefined, field: string, owner: string): InlinePolicy[] {
	return listOf(list, `the ${field} of ${owner}`).map((policy) => {
		const name = required(policy.PolicyName, `The name of an inline policy of ${owner}`);
		return { name, document: toDocument(policy.PolicyDocument, `the inline policy "${name}" of ${owner}`) };
	});
}

function mapAttached(list: AttachedPolicyInput[] | undefined, owner: string): AttachedPolicyRef[] {
	return listOf(list, `the AttachedManagedPolicies of ${owner}`).map((ref) => {
		const arn = required(ref.PolicyArn, `The ARN of a managed policy attached to ${owner}`);
		return { arn, name: ref.PolicyName ?? nameFromArn(arn) };
	});
}

function mapTags(list: TagInput[] | undefined, owner: string): Tag[] {
	return listOf(list, `the Tags of ${owner}`).filter((tag) => tag.Key !== undefined).map((tag) => ({ Key: tag.Key as string, Value: tag.Value ?? '' }));
}

function nameFromArn(arn: string): string {
	return arn.slice(arn.lastIndexOf('/') + 1);
}

function mapUser(detail: UserDetailInput, index: number): User {
	const name = required(detail.UserName, `The UserName of user ${index + 1} in UserDetailList`);
	const owner = `user "${name}"`;
	const user: User = {
		name,
		id: detail.UserId ?? '',
		arn: required(detail.Arn, `The Arn of ${owner}`),
		path: detail.Path ?? '/',
		createDate: toIsoDate(detail.CreateDate, `The CreateDate of ${owner}`),
		inlinePolicies: mapInlinePolicies(detail.UserPolicyList, 'UserPolicyList', owner),
		attachedPolicies: mapAttached(detail.AttachedManagedPolicies, owner),
		groups: namesOf(detail.GroupList, `the GroupList of ${owner}`),
		tags: mapTags(detail.Tags, owner),
		accessKeys: [],
		mfaDevices: [],
	};
	if (detail.PermissionsBoundary?.PermissionsBoundaryArn) user.permissionsBoundary = detail.PermissionsBoundary.PermissionsBoundaryArn;
	return user;
}

function mapGroup(detail: GroupDetailInput, index: number): Group {
	const name = required(detail.GroupName, `The GroupName of group ${index + 1} in GroupDetailList`);
	const owner = `group "${name}"`;
	return {
		name,
		id: detail.GroupId ?? '',
		arn: required(detail.Arn, `The Arn of ${owner}`),
		path: detail.Path ?? '/',
		createDate: toIsoDate(detail.CreateDate, `The CreateDate of ${owner}`),
		inlinePolicies: mapInlinePolicies(detail.GroupPolicyList, 'GroupPolicyList', owner),
		attachedPolicies: mapAttached(detail.AttachedManagedPolicies, owner),
	};
}

function mapRole(detail: RoleDetailInput, index: number): Role {
	const name = required(detail.RoleName, `The RoleName of role ${index + 1} in RoleDetailList`);
	const owner = `role "${name}"`;
	const role: Role = {
		name,
		id: detail.RoleId ?? '',
		arn: required(detail.Arn, `The Arn of ${owner}`),
		path: detail.Path ?? '/',
		createDate: toIsoDate(detail.CreateDate, `The CreateDate of ${owner}`),
		trustPolicy: toDocument(detail.AssumeRolePolicyDocument, `the trust policy of ${owner}`),
		inlinePolicies: mapInlinePolicies(detail.RolePolicyList, 'RolePolicyList', owner),
		attachedPolicies: mapAttached(detail.AttachedManagedPolicies, owner),
		tags: mapTags(detail.Tags, owner),
		instanceProfiles: listOf(detail.InstanceProfileList, `the InstanceProfileList of ${owner}`).flatMap((profile) => (profile.InstanceProfileName ? [profile.InstanceProfileName] : [])),
	};
	if (detail.Description) role.description = detail.Description;
	if (detail.MaxSessionDuration !== undefined) role.maxSessionDuration = detail.MaxSessionDuration;
	if (detail.PermissionsBoundary?.PermissionsBoundaryArn) role.permissionsBoundary = detail.PermissionsBoundary.PermissionsBoundaryArn;
	const used = detail.RoleLastUsed;
	if (used && (used.LastUsedDate !== undefined || used.Region !== undefined)) {
		role.lastUsed = {};
		if (used.LastUsedDate !== undefined) role.lastUsed.date = toIsoDate(used.LastUsedDate, `The RoleLastUsed date of ${owner}`);
		if (used.Region !== undefined) role.lastUsed.region = used.Region;
	}
	return role;
}

function mapPolicy(detail: ManagedPolicyDetailInput, index: number): ManagedPolicy {
	const arn = required(detail.Arn, `The Arn of policy ${index + 1} in Policies`);
	const name = detail.PolicyName ?? nameFromArn(arn);
	const owner = `the managed policy "${name}"`;
	const versions: PolicyVersion[] = listOf(detail.PolicyVersionList, `the PolicyVersionList of ${owner}`).map((version, i) => {
		const versionId = required(version.VersionId, `The VersionId of version ${i + 1} of ${owner}`);
		return {
			versionId,
			isDefault: version.IsDefaultVersion ?? versionId === detail.DefaultVersionId,
			createDate: toIsoDate(version.CreateDate, `The CreateDate of version ${versionId} of ${owner}`),
			document: toDocument(version.Document, `version ${versionId} of ${owner}`),
		};
	});
	const defaultVersionId = detail.DefaultVersionId ?? versions.find((version) => version.isDefault)?.versionId;
	const policy: ManagedPolicy = {
		arn,
		name,
		id: detail.PolicyId ?? '',
		path: detail.Path ?? '/',
		awsManaged: isAwsManagedPolicyArn(arn),
		defaultVersionId: required(defaultVersionId, `The DefaultVersionId of ${owner}`),
		attachmentCount: detail.AttachmentCount ?? 0,
		permissionsBoundaryUsageCount: detail.PermissionsBoundaryUsageCount ?? 0,
		isAttachable: detail.IsAttachable ?? true,
		createDate: toIsoDate(detail.CreateDate, `The CreateDate of ${owner}`),
		updateDate: toIsoDate(detail.UpdateDate, `The UpdateDate of ${owner}`),
		versions,
	};
	if (detail.Description) policy.description = detail.Description;
	return policy;
}
