/**
 * `audit verify --cloudtrail` on the sandbox, whose CloudTrail event history records each
 * successful write: a log that matches passes; a write the caller made outside the log, and a
 * logged write CloudTrail does not show (past its delivery delay), are each named and exit 1.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createSandboxGateway, type SandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import type { Action } from '../../source/core/actions.js';
import { crossCheck, type SessionWindow } from '../../source/audit/cloudtrail-crosscheck.js';
import { eventOfAction, trailUsername } from '../../source/core/cloudtrail-events.js';
import { runAuditVerify } from '../../source/commands/audit-verify.js';
import { openChangeLogSession } from '../../source/commands/change-log-session.js';
import type { CommandIo } from '../../source/commands/command-io.js';
import type { StoredSettings } from '../../source/settings/settings-store.js';
import { executeActions } from '../../source/wizard/executor.js';
import { tempDir } from './log-fixtures.js';

const start = new Date('2026-11-27T20:15:03Z');
const settings = { breakGlass: [] } as unknown as StoredSettings;

function fakeIo(at: Date) {
	const out: string[] = [];
	const io: CommandIo = { stdout: (t) => out.push(t), stderr: () => undefined, env: {}, cwd: '/', isTTY: false, now: () => at };
	return { io, out: () => out.join('') };
}

async function keyOf(gateway: SandboxGateway, user: string): Promise<string> {
	const model = await gateway.readAccount();
	return model.users.find((u) => u.name === user)!.accessKeys[0]!.id;
}

function deactivate(user: string, keyId: string): Action {
	return { kind: 'iam:UpdateAccessKey', params: { UserName: user, AccessKeyId: keyId, Status: 'Inactive' }, step: 5, findingIds: [], summary: `Deactivate ${keyId} of ${user}` };
}

async function loggedBatch(): Promise<{ gateway: SandboxGateway; dir: string }> {
	const now = () => start;
	const gateway = createSandboxGateway({ state: createSeedState(start), now });
	const dir = join(await tempDir(), 'logs');
	const { session } = await openChangeLogSession({ logDir: dir }, settings, gateway, 'apply', now);
	const actions = [deactivate('dave', await keyOf(gateway, 'dave')), { kind: 'iam:UpdateAccountPasswordPolicy', params: { MinimumPasswordLength: 14 }, step: 5, findingIds: [], summary: 'Require 14 characters' } as Action];
	const report = await executeActions(actions, { gateway, audit: session, step: 5, reason: 'CHG-CT', previewHash: 'ab'.repeat(32), now });
	expect(report.failed).toBeUndefined();
	await session.close();
	return { gateway, dir };
}

describe('audit verify --cloudtrail (sandbox event history)', () => {
	test('a log that matches CloudTrail passes, saying how many logged calls were found', async () => {
		const { gateway, dir } = await loggedBatch();
		const cli = fakeIo(new Date(start.getTime() + 3_600_000));
		expect(await runAuditVerify({ paths: [dir], cloudtrail: true, gateway }, cli.io)).toBe(0);
		expect(cli.out()).toMatch(/CloudTrail: \S+\.jsonl: 2 logged calls found\.\n$/);
	});

	test('a write the caller made outside the log is named, and exits 1', async () => {
		const { gateway, dir } = await loggedBatch();
		await gateway.apply(deactivate('erin', await keyOf(gateway, 'erin')));
		const cli = fakeIo(new Date(start.getTime() + 3_600_000));
		expect(await runAuditVerify({ paths: [dir], cloudtrail: true, gateway }, cli.io)).toBe(1);
		expect(cli.out()).toMatch(/1 write NOT IN THE LOG: iam:UpdateAccessKey at 2026-11-27T20:15:03\.000Z \(event [0-9a-f-]+\)/);
	});

	test("back-to-back sessions: the next session's writes are its own, not writes missing from the session before", async () => {
		// Each session's window runs a minute past its last record, but never into the next
		// session of its directory: the directory lock means the earlier one had ended by then.
		let at = start.getTime();
		const now = () => new Date(at);
		const gateway = createSandboxGateway({ state: createSeedState(start), now });
		const dir = join(await tempDir(), 'logs');
		const batch = async (actions: Action[], reason: string) => {
			const { session } = await openChangeLogSession({ logDir: dir }, settings, gateway, 'apply', now);
			expect((await executeActions(actions, { gateway, audit: session, step: 5, reason, previewHash: 'ab'.repeat(32), now })).failed).toBeUndefined();
			await session.close();
		};
		await batch([deactivate('dave', await keyOf(gateway, 'dave'))], 'CHG-1');
		at += 10_000;
		await batch([deactivate('erin', await keyOf(gateway, 'erin'))], 'CHG-2');
		const cli = fakeIo(new Date(start.getTime() + 3_600_000));
		expect(await runAuditVerify({ paths: [dir], cloudtrail: true, gateway }, cli.io)).toBe(0);
		expect(cli.out()).not.toContain('NOT IN THE LOG');
		expect(cli.out().match(/CloudTrail: \S+\.jsonl: 1 logged call found\.\n/g)).toHaveLength(2);
	});

	test("a logged write CloudTrail does not show is missing once past CloudTrail's delivery delay, and only pending before", () => {
		const session: SessionWindow = {
			file: 'x.jsonl', account: '123456789012', caller: 'arn:aws:iam::123456789012:user/ops', start: start.toISOString(), end: start.toISOString(),
			writes: [{ kind: 'iam:UpdateAccessKey', seq: 1, time: start.toISOString(), ok: true }, { kind: 'iam:DeleteAccessKey', seq: 2, time: start.toISOString(), ok: false }],
		};
		const soon = crossCheck(session, [], new Date(start.getTime() + 5 * 60_000));
		expect(soon).toMatchObject({ missing: [], pending: [{ seq: 1 }], unlogged: [], matched: 0 });
		const later = crossCheck(session, [], new Date(start.getTime() + 20 * 60_000));
		expect(later).toMatchObject({ missing: [{ seq: 1 }], pending: [] });
		// A read-only event (GenerateCredentialReport) matches a logged action but is never "not in the log".
		const read = { eventId: 'e', ...eventOfAction('iam:GenerateCredentialReport'), eventTime: start.toISOString(), readOnly: true };
		expect(crossCheck({ ...session, writes: [] }, [read], later.pending.length === 0 ? start : start).unlogged).toEqual([]);
	});

	test("CloudTrail's Username is the user name, or an assumed role's session name", () => {
		expect(trailUsername('arn:aws:iam::123456789012:user/ops-admin')).toBe('ops-admin');
		expect(trailUsername('arn:aws:sts::123456789012:assumed-role/Admin/jane@example.com')).toBe('jane@example.com');
		expect(eventOfAction('cloudwatch:PutMetricAlarm')).toEqual({ eventSource: 'monitoring.amazonaws.com', eventName: 'PutMetricAlarm' });
	});
});
