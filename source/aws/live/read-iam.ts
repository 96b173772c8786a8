/**
 * IAM reads of the inventory: the account's authorization details in as few pages as IAM
 * allows (never one call per principal), and the account-level reads around them.
 */
import {
	GetAccountAuthorizationDetailsCommand,
	GetAccountPasswordPolicyCommand,
	GetAccountSummaryCommand,
	ListAccessKeysCommand,
	ListOpenIDConnectProvidersCommand,
	ListAccountAliasesCommand,
	ListVirtualMFADevicesCommand,
	type GetAccountAuthorizationDetailsCommandOutput,
	type PasswordPolicy as SdkPasswordPolicy,
} from '@aws-sdk/client-iam';
import { AuthorizationDetailsError, mapAuthorizationDetails, mergeAuthorizationPages, type AuthorizationDetails, type AuthorizationDetailsInput } from '../authorization-details.js';
import { GatewayError } from '../../core/gateway-error.js';
import { orAbsent } from '../absence.js';
import type { AccessKey, PasswordPolicy, VirtualMfaDevice } from '../../core/model.js';
import type { AwsCaller } from './aws-caller.js';

/** IAM's largest page: the fewer pages, the fewer calls. */
export const authorizationDetailsPageSize = 1000;

export const authorizationDetailsFilter = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;

export async function readAuthorizationDetails(
	caller: AwsCaller,
	options: { partition: string; onProgress?: (message: string) => void },
): Promise<AuthorizationDetails> {
	const pages = await caller.pages<GetAccountAuthorizationDetailsCommandOutput>(
		'iam',
		(marker) =>
			new GetAccountAuthorizationDetailsCommand({
				Filter: [...authorizationDetailsFilter],
				MaxItems: authorizationDetailsPageSize,
				...(marker ? { Marker: marker } : {}),
			}),
		(page) => (page.IsTruncated ? page.Marker : undefined),
		(n) => options.onProgress?.(`Reading IAM authorization details (page ${n})`),
	);
	try {
		// The SDK's shapes are the mapper's input shapes with stricter enums.
		return mapAuthorizationDetails(mergeAuthorizationPages(pages as AuthorizationDetailsInput[]), { partition: options.partition });
	} catch (error) {
		if (error instanceof AuthorizationDetailsError) {
			throw new GatewayError('InvalidResponse', `iam:GetAccountAuthorizationDetails returned something iam-wizard cannot read: ${error.message}.`, {
				operation: 'iam:GetAccountAuthorizationDetails',
				cause: error,
			});
		}
		throw error;
	}
}

function toPasswordPolicy(policy: SdkPasswordPolicy): PasswordPolicy {
	const out: PasswordPolicy = {};
	const fields = [
		'MinimumPasswordLength',
		'RequireSymbols',
		'RequireNumbers',
		'RequireUppercaseCharacters',
		'RequireLowercaseCharacters',
		'AllowUsersToChangePassword',
		'MaxPasswordAge',
		'PasswordReusePrevention',
		'HardExpiry',
	] as const;
	for (const field of fields) {
		if (policy[field] !== undefined) (out as Record<string, unknown>)[field] = policy[field];
	}
	return out;
}

/** The account password policy, or null when the account has none (NoSuchEntity). */
export async function readPasswordPolicy(caller: AwsCaller): Promise<PasswordPolicy | null> {
	const output = await orAbsent(() => caller.send('iam', new GetAccountPasswordPolicyCommand({})), null);
	return output?.PasswordPolicy ? toPasswordPolicy(output.PasswordPolicy) : null;
}

export async function readAccountSummary(caller: AwsCaller): Promise<Record<string, number>> {
	const output = await caller.send('iam', new GetAccountSummaryCommand({}));
	const summary: Record<string, number> = {};
	for (const [key, value] of Object.entries(output.SummaryMap ?? {})) {
		if (typeof value === 'number') summary[key] = value;
	}
	return summary;
}

export async function readVirtualMfaDevices(caller: AwsCaller): Promise<VirtualMfaDevice[]> {
	const pages = await caller.pages(
		'iam',
		(marker) => new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Any', ...(marker ? { Marker: marker } : {}) }),
		(page) => (page.IsTruncated ? page.Marker : undefined),
	);
	return pages.flatMap((page) =>
		(page.VirtualMFADevices ?? []).flatMap((device) => {
			if (!device.SerialNumber) return [];
			const out: VirtualMfaDevice = { serialNumber: device.SerialNumber };
			if (device.User?.Arn) out.userArn = device.User.Arn;
			if (device.EnableDate) out.enableDate = new Date(device.EnableDate).toISOString();
			return [out];
		}),
	);
}

/** The account alias (an account has at most one), or undefined. */
export async function readAccountAlias(caller: AwsCaller): Promise<string | undefined> {
	const output = await caller.send('iam', new ListAccountAliasesCommand({}));
	return output.AccountAliases?.[0];
}

/** The account's IAM OIDC identity providers (ListOpenIDConnectProviders: one page, no marker); the URL is the ARN's host. */
export async function readOidcProviders(caller: AwsCaller): Promise<{ arn: string; url: string }[]> {
	const output = await caller.send('iam', new ListOpenIDConnectProvidersCommand({}));
	return (output?.OpenIDConnectProviderList ?? []).flatMap((p) => (p.Arn ? [{ arn: p.Arn, url: `https://${p.Arn.split(':oidc-provider/')[1] ?? ''}` }] : []));
}

/** One user's keys as ListAccessKeys has them (at most two, so one page). */
export async function readAccessKeys(caller: AwsCaller, userName: string): Promise<AccessKey[]> {
	const pages = await caller.pages(
		'iam',
		(marker) => new ListAccessKeysCommand({ UserName: userName, ...(marker ? { Marker: marker } : {}) }),
		(page) => (page.IsTruncated ? page.Marker : undefined),
	);
	return pages.flatMap((page) =>
		(page.AccessKeyMetadata ?? []).flatMap((key): AccessKey[] =>
			key.AccessKeyId
				? [
						{
							id: key.AccessKeyId,
							userName: key.UserName ?? userName,
							status: key.Status === 'Active' ? 'Active' : 'Inactive',
							createDate: key.CreateDate ? new Date(key.CreateDate).toISOString() : '',
						},
					]
				: [],
		),
	);
}
