import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDemoGateway, createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { openSandboxStore } from '../../../source/aws/sandbox/sandbox-store.js';
import { action, seedTime } from './sandbox-fixtures.js';

function dataDir(): string {
	return mkdtempSync(join(tmpdir(), 'iam-wizard-sandbox-'));
}

const now = () => seedTime;

describe('the demo account on disk', () => {
	it('is seeded on first use and written with mode 0600, with no temporary file left', () => {
		const dir = join(dataDir(), 'nested', 'iam-wizard');
		const store = openSandboxStore(dir);
		const state = store.load(seedTime);
		expect(store.path).toBe(join(dir, 'sandbox.json'));
		expect(statSync(store.path).mode & 0o777).toBe(0o600);
		expect(readdirSync(dir)).toEqual(['sandbox.json']);
		expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual(state);
	});

	it('keeps changes between two gateways on one folder', async () => {
		const dir = dataDir();
		const first = createDemoGateway({ dataDir: dir, now });
		const key = first.currentState().users.find((u) => u.name === 'legacy-etl')!.accessKeys[0]!;
		await first.apply(action('iam:UpdateAccessKey', { UserName: 'legacy-etl', AccessKeyId: key.id, Status: 'Inactive' }, 5));
		await first.apply(action('iam:CreateGroup', { GroupName: 'humans' }));
		first.setRootMfa('virtual');

		const second = createDemoGateway({ dataDir: dir, now });
		expect(await second.readState(action('iam:UpdateAccessKey', { UserName: 'legacy-etl', AccessKeyId: key.id, Status: 'Active' }, 5))).toEqual({ Status: 'Inactive' });
		expect(second.currentState().groups.some((g) => g.name === 'humans')).toBe(true);
		expect(second.currentState().root.mfa?.type).toBe('virtual');
		// IDs keep being unique across runs: the counter is saved too.
		const again = await second.apply(action('iam:CreateGroup', { GroupName: 'robots' }));
		expect(again.outputs?.GroupId).not.toBe(first.currentState().groups.find((g) => g.name === 'humans')!.id);
		expect(readdirSync(dir)).toEqual(['sandbox.json']);
	});

	it('is what a gateway given only the store starts from', async () => {
		const dir = dataDir();
		await createDemoGateway({ dataDir: dir, now }).apply(action('iam:CreateGroup', { GroupName: 'humans' }));
		const gateway = createSandboxGateway({ store: openSandboxStore(dir), now });
		expect(gateway.currentState().groups.some((g) => g.name === 'humans')).toBe(true);
	});

	it('does not save a failed call', async () => {
		const dir = dataDir();
		const gateway = createDemoGateway({ dataDir: dir, now });
		const before = readFileSync(join(dir, 'sandbox.json'), 'utf8');
		await expect(gateway.apply(action('iam:DeleteGroup', { GroupName: 'developers' }))).rejects.toMatchObject({ code: 'DeleteConflict' });
		expect(readFileSync(join(dir, 'sandbox.json'), 'utf8')).toBe(before);
	});

	it('starts again from the seed on reset', async () => {
		const dir = dataDir();
		const first = createDemoGateway({ dataDir: dir, now });
		await first.apply(action('iam:CreateGroup', { GroupName: 'humans' }));
		const later = new Date(seedTime.getTime() + 10 * 86_400_000);
		const reset = createDemoGateway({ dataDir: dir, reset: true, now: () => later });
		expect(reset.currentState().groups.some((g) => g.name === 'humans')).toBe(false);
		expect(reset.currentState().seededAt).toBe(later.toISOString());
		expect(createDemoGateway({ dataDir: dir, now }).currentState().seededAt).toBe(later.toISOString());
	});

	it('tells the operator to reset when the file is corrupt', () => {
		const dir = dataDir();
		writeFileSync(join(dir, 'sandbox.json'), '{"formatVersion": 1, "users": [');
		expect(() => createDemoGateway({ dataDir: dir, now })).toThrowError(
			expect.objectContaining({
				code: 'SandboxCorrupt',
				message: `The demo account file ${join(dir, 'sandbox.json')} is not valid JSON; run iam-wizard --demo --reset to start again from a fresh demo account.`,
			}),
		);
		writeFileSync(join(dir, 'sandbox.json'), '{"formatVersion": 1, "users": []}');
		expect(() => createDemoGateway({ dataDir: dir, now })).toThrowError(/does not hold a demo account; run iam-wizard --demo --reset/);
		writeFileSync(join(dir, 'sandbox.json'), '{"formatVersion": 99}');
		expect(() => createDemoGateway({ dataDir: dir, now })).toThrowError(/another version of iam-wizard .*--reset/);
		// --reset is the way out.
		expect(createDemoGateway({ dataDir: dir, reset: true, now }).currentState().users.length).toBeGreaterThan(20);
	});
});
