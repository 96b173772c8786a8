/**
 * Keeps the demo account between runs: `<dir>/sandbox.json` (the CLI passes appPaths().data),
 * seeded on first use, written atomically (temporary file, fsync, rename) with mode 0600.
 * A file that cannot be read back is reported with the way out: `iam-wizard --demo --reset`.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import { join } from 'node:path';
import { GatewayError } from '../../core/gateway-error.js';
import { createSeedState } from './seed.js';
import { sandboxFormatVersion, type SandboxState } from './sandbox-state.js';

export interface SandboxStore {
	/** The file the state lives in. */
	readonly path: string;
	/** The saved state, or a fresh seed (saved at once) when there is none yet. */
	load(now: Date): SandboxState;
	save(state: SandboxState): void;
	/** Replaces whatever is saved with a fresh seed and returns it. */
	reset(now: Date): SandboxState;
}

export const sandboxFileName = 'sandbox.json';

function corrupt(path: string, why: string): GatewayError {
	return new GatewayError('SandboxCorrupt', `The demo account file ${path} ${why}; run iam-wizard --demo --reset to start again from a fresh demo account.`, { operation: 'sandbox:load' });
}

function looksLikeState(value: unknown): value is SandboxState {
	if (value === null || typeof value !== 'object') return false;
	const v = value as Partial<SandboxState>;
	return (
		typeof v.account?.id === 'string' &&
		typeof v.sequence === 'number' &&
		Array.isArray(v.users) &&
		Array.isArray(v.groups) &&
		Array.isArray(v.roles) &&
		Array.isArray(v.policies) &&
		typeof v.root === 'object' &&
		typeof v.config === 'object' &&
		Array.isArray(v.eventRules) &&
		Array.isArray(v.analyzers)
	);
}

/** The first user, group, role or policy that is not one (null, or without a name and ARN), or a broken caller, access key or policy version. */
function badEntry(state: SandboxState): string | undefined {
	const lists: [string, unknown[]][] = [
		['users', state.users],
		['groups', state.groups],
		['roles', state.roles],
		['policies', state.policies],
	];
	for (const [name, list] of lists) {
		const index = list.findIndex((entry) => {
			if (entry === null || typeof entry !== 'object') return true;
			const e = entry as { name?: unknown; arn?: unknown };
			return typeof e.name !== 'string' || typeof e.arn !== 'string';
		});
		if (index >= 0) {
			const entry = list[index];
			const what = entry === null ? 'null' : typeof entry === 'object' ? 'an entry without a name or ARN' : `a ${typeof entry}`;
			return `${name}[${index}] is ${what}`;
		}
	}
	const noKeys = state.users.findIndex((u) => !Array.isArray((u as { accessKeys?: unknown }).accessKeys));
	if (noKeys >= 0) return `users[${noKeys}] has no list of access keys`;
	const caller = state.caller as { arn?: unknown; account?: unknown } | null;
	if (caller === null || typeof caller !== 'object' || typeof caller.arn !== 'string' || typeof caller.account !== 'string') return 'the caller is not an identity with an ARN and an account';
	const badKey = state.users.findIndex((u) => u.accessKeys.some((k) => !isObjectWith(k, 'id')));
	if (badKey >= 0) return `users[${badKey}] has an access key without an ID`;
	const badVersions = state.policies.findIndex((p) => !Array.isArray(p.versions) || p.versions.some((v) => !isObjectWith(v, 'versionId')));
	if (badVersions >= 0) return `policies[${badVersions}] has no list of versions, each with a version ID`;
	return undefined;
}

function isObjectWith(value: unknown, field: string): boolean {
	return value !== null && typeof value === 'object' && typeof (value as Record<string, unknown>)[field] === 'string';
}

export function openSandboxStore(dir: string): SandboxStore {
	const path = join(dir, sandboxFileName);

	function save(state: SandboxState): void {
		try {
			writeFileAtomic(path, `${JSON.stringify(state, null, '\t')}\n`, { mode: 0o600, createFolder: true });
		} catch (error) {
			throw new GatewayError('SandboxUnwritable', `The demo account could not be saved: ${(error as Error).message}`, { operation: 'sandbox:save', cause: error });
		}
	}

	function reset(now: Date): SandboxState {
		const state = createSeedState(now);
		save(state);
		return state;
	}

	function load(now: Date): SandboxState {
		let text: string;
		try {
			text = readFileSync(path, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return reset(now);
			throw corrupt(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
		}
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch {
			throw corrupt(path, 'is not valid JSON');
		}
		if (value !== null && typeof value === 'object' && (value as { formatVersion?: unknown }).formatVersion !== sandboxFormatVersion) {
			throw corrupt(path, `was written by another version of iam-wizard (format ${String((value as { formatVersion?: unknown }).formatVersion)}, expected ${sandboxFormatVersion})`);
		}
		if (!looksLikeState(value)) throw corrupt(path, 'does not hold a demo account');
		const bad = badEntry(value);
		if (bad) throw corrupt(path, `does not hold a demo account (${bad})`);
		return value;
	}

	return { path, load, save, reset };
}
