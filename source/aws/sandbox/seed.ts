/**
 * The demo account "Acme sandbox": a few dozen users and roles whose state raises every
 * finding of FINDINGS.md at least once, next to clean principals and decoys. All dates are
 * relative to `now`, so the findings hold whatever day the demo runs.
 *
 * The root user has no MFA, an active access key and a recent sign-in (ROOT_NO_MFA,
 * ROOT_ACCESS_KEY, ROOT_RECENTLY_USED). ROOT_NO_HARDWARE_MFA cannot hold at the same time;
 * it appears once a virtual device is assigned to root (`withRootMfa(state, 'virtual', now)`,
 * what an operator does in the console, since the API cannot).
 */
import type { MfaDevice } from '../../core/model.js';
import { iamId } from './sandbox-ids.js';
import { sandboxAccountId, sandboxAlias, sandboxDisplayName, sandboxFormatVersion, sandboxPartition, sandboxRegion, type SandboxState } from './sandbox-state.js';
import { normalisePasswordPolicy } from './password-policy.js';
import { seedAwsManagedPolicies } from './seed-aws-managed.js';
import { seedGroups } from './seed-groups.js';
import { iamArnPrefix, rootUserArn, seedClock } from './seed-helpers.js';
import { unusedAccessFindings } from './analyzer-emulation.js';
import { seedActivity, seedAnalyzers, seedEventRules, seedOrganization, seedResources, seedTrails, seedUnusedPermissionFinding } from './seed-org-monitoring.js';
import { seedCustomerPolicies } from './seed-policies.js';
import { seedRoleWorkloads } from './seed-role-workloads.js';
import { seedRoles } from './seed-roles.js';
import { seedUsers } from './seed-users.js';
import { seedHalfwayMigrationRole, seedWorkloads } from './seed-workloads.js';

export const callerUserName = 'alice';

export function createSeedState(now: Date): SandboxState {
	const clock = seedClock(now);
	const policies = [...seedCustomerPolicies(clock), ...seedAwsManagedPolicies()];
	const policyName = (arn: string) => {
		const policy = policies.find((p) => p.arn === arn);
		if (!policy) throw new Error(`the seed refers to an unknown policy ${arn}`);
		return policy.name;
	};
	const users = seedUsers(clock, policyName);
	const caller = users.find((user) => user.name === callerUserName)!;
	const state: SandboxState = {
		formatVersion: sandboxFormatVersion,
		seededAt: now.toISOString(),
		sequence: 0,
		account: { id: sandboxAccountId, alias: sandboxAlias, displayName: sandboxDisplayName, partition: sandboxPartition, region: sandboxRegion, createDate: clock.ago(1500) },
		caller: { account: sandboxAccountId, arn: caller.arn, userId: caller.id, accessKeyId: caller.accessKeys[0]!.id },
		root: {
			arn: rootUserArn,
			createDate: clock.ago(1500),
			mfa: null,
			accessKeys: [{ id: iamId('AKIA', 'root:1'), status: 'Active', createDate: clock.ago(1400), slot: 1, lastUsed: { date: clock.ago(12), service: 'ec2', region: 'us-east-1' } }],
			passwordLastUsed: clock.ago(5, 3),
		},
		users,
		groups: seedGroups(clock, policyName),
		roles: [...seedRoles(clock, policyName), seedHalfwayMigrationRole(clock)],
		policies,
		// PASSWORD_POLICY_WEAK: minimum length 8, no reuse prevention.
		passwordPolicy: normalisePasswordPolicy({ MinimumPasswordLength: 8, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true }),
		unassignedVirtualMfaDevices: [{ serialNumber: `${iamArnPrefix}:mfa/erin-old-phone` }],
		credentialReportGeneratedAt: clock.ago(0, 5),
		organization: seedOrganization(),
		analyzers: seedAnalyzers(clock),
		analyzerFindings: [],
		policyGenerations: [],
		config: { recorders: [], deliveryChannels: [], rules: [] },
		eventRules: seedEventRules(),
		resources: seedResources(),
		trails: seedTrails(),
		activity: seedActivity(clock),
		workloads: seedWorkloads(users),
		roleWorkloads: seedRoleWorkloads(),
	};
	// UNUSED_ACCESS: what the unused-access analyzer reports about the seeded principals.
	state.analyzerFindings = [...state.analyzers.flatMap((analyzer) => unusedAccessFindings(state, analyzer, now)), seedUnusedPermissionFinding(clock)];
	return state;
}

/**
 * Sandbox-only: gives the root user an MFA device (or takes it away), as an operator does in
 * the console. With a virtual device the seed raises ROOT_NO_HARDWARE_MFA instead of ROOT_NO_MFA.
 */
export function withRootMfa(state: SandboxState, kind: 'virtual' | 'hardware' | null, now: Date): SandboxState {
	const next = structuredClone(state);
	const enableDate = now.toISOString();
	const device: MfaDevice | null =
		kind === 'virtual'
			? { serialNumber: `${iamArnPrefix}:mfa/root-account-mfa-device`, type: 'virtual', enableDate }
			: kind === 'hardware'
				? { serialNumber: `${iamArnPrefix}:u2f/root/root-yubikey-${iamId('AKIA', 'root-fido').slice(4, 16)}`, type: 'hardware', enableDate }
				: null;
	next.root.mfa = device;
	return next;
}
