import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { expect, test } from 'vitest';
import { createSandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import { describeReconciled, startAuditSession } from '../../source/commands/audit-session.js';
import { UsageError, type CommandIo } from '../../source/commands/command-io.js';
import type { StoredSettings } from '../../source/settings/settings-store.js';
import { appPaths } from '../../source/settings/paths.js';
import { signingKeyFileName, loadOrCreateSigningKey } from '../../source/audit/signing-key.js';
import { deactivateKey, parse, readLines, tempDir, writeCrashedSession } from './log-fixtures.js';

const now = () => new Date('2026-11-28T09:00:00Z');

function io(cwd: string): CommandIo {
	return { stdout: () => {}, stderr: () => {}, env: {}, cwd, isTTY: false, now };
}

test('a new session takes the settings key and log directory, and reconciles a crashed session before anything else', async () => {
	const dir = await tempDir();
	const gateway = createSandboxGateway({ state: createSeedState(now()), now });
	const dave = (await gateway.readAccount()).users.find((u) => u.name === 'dave')!;
	const keyId = dave.accessKeys.find((k) => k.status === 'Active')!.id;
	const key = await loadOrCreateSigningKey({ keysDir: appPaths().keys });
	const crashed = await writeCrashedSession(dir, key, { applied: 1, pending: deactivateKey('dave', keyId) });

	const settings = { breakGlass: [], logDir: dir } as unknown as StoredSettings;
	const { log, reconciled } = await startAuditSession({ command: 'apply' }, { gateway, settings, io: io(dir) });
	await log.close();
	expect(reconciled).toEqual([{ name: basename(crashed), outcome: 'not-applied', summary: `Deactivate access key ${keyId} of user dave` }]);
	expect(describeReconciled(reconciled)[0]).toBe(`The session ${basename(crashed)} ended without closing its log during "Deactivate access key ${keyId} of user dave": it was not applied; recorded in this session's log.`);
	const records = (await readLines(log.file)).map(parse);
	expect(records[0]).toMatchObject({ type: 'header', command: 'apply', account: '123456789012', mode: 'demo', signer: { fingerprint: key.fingerprint } });
	expect(records[1]).toMatchObject({ type: 'reconciliation', file: basename(crashed), outcome: 'not-applied', observed: { Status: 'Active' } });
	expect((await verifyLogs([dir])).ok).toBe(true);
	expect(key.file).toBe(join(appPaths().keys, signingKeyFileName));
});

test('--signing-key that does not exist is a usage error, and nothing is written', async () => {
	const dir = await tempDir();
	const gateway = createSandboxGateway({ state: createSeedState(now()), now });
	const settings = { breakGlass: [] } as unknown as StoredSettings;
	await expect(startAuditSession({ command: 'wizard', logDir: dir, signingKey: 'nope.pem' }, { gateway, settings, io: io(dir) })).rejects.toThrow(UsageError);
	expect(await readdir(dir)).toEqual([]);
});
