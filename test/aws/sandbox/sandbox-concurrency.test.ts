/**
 * Two demo runs at once share one saved account: each call starts from what is saved and
 * saves under the file's lock, so neither loses the other's changes; a saved account with
 * a null user is refused with a sentence naming the file, not a TypeError.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDemoGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { openSandboxStore } from '../../../source/aws/sandbox/sandbox-store.js';
import { acquireLock } from '../../../source/fs/file-lock.js';
import { isGatewayError } from '../../../source/core/gateway-error.js';
import type { Action } from '../../../source/core/actions.js';

const now = () => new Date('2026-11-27T12:00:00Z');

function deactivate(user: string, id: string): Action {
	return { kind: 'iam:UpdateAccessKey', params: { UserName: user, AccessKeyId: id, Status: 'Inactive' }, step: 5, findingIds: [], summary: `Deactivate ${id}` } as Action;
}

describe('two demo runs at once', () => {
	it('interleaved applies from two gateways keep every change in the saved account', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'demo-'));
		const first = createDemoGateway({ dataDir, reset: true, now });
		const second = createDemoGateway({ dataDir, now });
		const caller = first.currentState().caller.arn;
		const keys = first
			.currentState()
			.users.filter((u) => u.arn !== caller)
			.flatMap((u) => u.accessKeys.filter((k) => k.status === 'Active').map((k) => ({ user: u.name, id: k.id })))
			.slice(0, 4);
		expect(keys.length).toBe(4);
		// Alternate between the two runs, and also run two calls at the same moment.
		await first.apply(deactivate(keys[0].user, keys[0].id));
		await second.apply(deactivate(keys[1].user, keys[1].id));
		await Promise.all([first.apply(deactivate(keys[2].user, keys[2].id)), second.apply(deactivate(keys[3].user, keys[3].id))]);
		const saved = openSandboxStore(dataDir).load(now());
		const status = (id: string) => saved.users.flatMap((u) => u.accessKeys).find((k) => k.id === id)?.status;
		expect(keys.map((k) => status(k.id))).toEqual(['Inactive', 'Inactive', 'Inactive', 'Inactive']);
		// Each run reads what the other changed.
		expect(await first.readState(deactivate(keys[1].user, keys[1].id))).toMatchObject({ Status: 'Inactive' });
	});

	it('a run waits while another holds the demo account, then applies', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'demo-'));
		const gateway = createDemoGateway({ dataDir, reset: true, now });
		const lock = await acquireLock(join(dataDir, 'sandbox.json.lock'), { purpose: 'test' });
		const user = gateway.currentState().users.find((u) => u.accessKeys.some((k) => k.status === 'Active') && u.arn !== gateway.currentState().caller.arn)!;
		const key = user.accessKeys.find((k) => k.status === 'Active')!;
		let done = false;
		const applying = gateway.apply(deactivate(user.name, key.id)).then(() => (done = true));
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(done).toBe(false);
		await lock.release();
		await applying;
		expect(done).toBe(true);
	});
});

describe('a saved demo account with a broken entry', () => {
	it('a null user is one sentence naming the file and the way out', () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'demo-'));
		const store = openSandboxStore(dataDir);
		store.reset(now());
		const state = JSON.parse(readFileSync(store.path, 'utf8'));
		state.users[2] = null;
		writeFileSync(store.path, JSON.stringify(state));
		let error: unknown;
		try {
			createDemoGateway({ dataDir, now });
		} catch (e) {
			error = e;
		}
		expect(isGatewayError(error)).toBe(true);
		expect((error as Error).message).toBe(
			`The demo account file ${store.path} does not hold a demo account (users[2] is null); run iam-wizard --demo --reset to start again from a fresh demo account.`,
		);
	});

	it.each([
		['a null caller', (state: { caller: unknown }) => (state.caller = null), 'the caller is not an identity with an ARN and an account'],
		['a null policy version', (state: { policies: { versions: unknown[] }[] }) => (state.policies[1]!.versions = [null]), 'policies[1] has no list of versions, each with a version ID'],
		['a null access key', (state: { users: { accessKeys: unknown[] }[] }) => (state.users[3]!.accessKeys = [null]), 'users[3] has an access key without an ID'],
	] as const)('%s is a sentence naming the file and what is wrong, not a TypeError', (_, breakIt, what) => {
		const dataDir = mkdtempSync(join(tmpdir(), 'demo-'));
		const store = openSandboxStore(dataDir);
		store.reset(now());
		const state = JSON.parse(readFileSync(store.path, 'utf8'));
		(breakIt as (s: unknown) => void)(state);
		writeFileSync(store.path, JSON.stringify(state));
		let error: unknown;
		try {
			createDemoGateway({ dataDir, now });
		} catch (e) {
			error = e;
		}
		expect(isGatewayError(error) && error.code).toBe('SandboxCorrupt');
		expect((error as Error).message).toBe(`The demo account file ${store.path} does not hold a demo account (${what}); run iam-wizard --demo --reset to start again from a fresh demo account.`);
	});
});
