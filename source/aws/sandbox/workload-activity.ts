/**
 * The sandbox's workloads age with its clock: a workload calls AWS every few hours with its
 * user's access key, until a role made for it (tagged with `migrationTagKey`) exists; it then
 * switches to the role a couple of minutes later (its next deployment) and the key falls
 * idle. Last-used dates are computed from the clock when read, so a test that moves the
 * clock, or the demo's `demo-clock`, sees each phase of a migration without anyone typing.
 */
import type { AccessKey, Role, User } from '../../core/model.js';
import { migratedUserOf } from '../../core/workload-migration.js';
import type { SandboxState, SandboxWorkload } from './sandbox-state.js';

/** How long after its role appears a workload starts using it. */
export const roleAdoptionMinutes = 2;

const hour = 3_600_000;

function iso(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

/** The last of the workload's calls at or before `until` (its calls fall on anchor ± whole periods). */
function lastCall(workload: SandboxWorkload, until: number): number {
	const anchor = Date.parse(workload.anchor);
	const every = workload.everyHours * hour;
	return anchor + Math.floor((until - anchor) / every) * every;
}

/** The role made for this user's workload, if one exists. */
export function migrationRole(state: SandboxState, userName: string): Role | undefined {
	return state.roles.find((r) => migratedUserOf(r) === userName);
}

function switchTime(role: Role): number {
	return Date.parse(role.createDate) + roleAdoptionMinutes * 60_000;
}

/** The key's last use as IAM would report it at `now`. */
export function workloadKeyLastUsed(state: SandboxState, user: User, key: AccessKey, now: Date): AccessKey['lastUsed'] {
	const workload = state.workloads?.[user.name];
	if (!workload || key.status !== 'Active' || workload.accessKeyId !== key.id) return key.lastUsed;
	const role = migrationRole(state, user.name);
	const until = Math.min(now.getTime(), role ? switchTime(role) : Number.POSITIVE_INFINITY);
	const call = lastCall(workload, until);
	// A use recorded after the workload's rhythm began (someone else used the key) stands.
	if (key.lastUsed?.date && Date.parse(key.lastUsed.date) > Math.max(call, Date.parse(workload.anchor))) return key.lastUsed;
	return { date: iso(call), service: workload.service, region: key.lastUsed?.region ?? state.account.region };
}

/** The role's RoleLastUsed at `now`: its workload's calls since it switched. */
export function workloadRoleLastUsed(state: SandboxState, role: Role, now: Date): Role['lastUsed'] {
	const userName = migratedUserOf(role);
	const workload = userName ? state.workloads?.[userName] : undefined;
	if (!workload) return role.lastUsed;
	const start = switchTime(role);
	if (now.getTime() < start) return role.lastUsed;
	const every = workload.everyHours * hour;
	return { date: iso(start + Math.floor((now.getTime() - start) / every) * every), region: state.account.region };
}

/** Fixes a key's last use in the state when it stops working (deactivation). */
export function settleWorkloadKeyUse(state: SandboxState, key: AccessKey, now: Date): void {
	const user = state.users.find((u) => u.accessKeys.includes(key));
	if (!user) return;
	const lastUsed = workloadKeyLastUsed(state, user, key, now);
	if (lastUsed) key.lastUsed = lastUsed;
}

/** The state with every workload's last-used dates as of `now` (what a read returns). */
export function withWorkloadActivity(state: SandboxState, now: Date): SandboxState {
	if (!state.workloads) return state;
	const users = state.users.map((user) => ({
		...user,
		accessKeys: user.accessKeys.map((key) => {
			const lastUsed = workloadKeyLastUsed(state, user, key, now);
			return lastUsed ? { ...key, lastUsed } : key;
		}),
	}));
	const roles = state.roles.map((role) => {
		const lastUsed = workloadRoleLastUsed(state, role, now);
		return lastUsed ? { ...role, lastUsed } : role;
	});
	return { ...state, users, roles };
}
