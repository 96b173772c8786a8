/**
 * The parts of `audit verify --cloudtrail` below the command: which logged write an event
 * matches (service and name, both), where the delivery delay ends, each session's window
 * (from its header to a minute past its last record, never into the next session of its
 * directory), which logged writes count as succeeded, and the sentence the operator reads.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { crossCheck, crossCheckLines, sessionWindows, type CrossCheck, type SessionWindow } from '../../source/audit/cloudtrail-crosscheck.js';
import { listSessionFiles } from '../../source/audit/session-files.js';
import { createSandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import type { Action } from '../../source/core/actions.js';
import { GatewayError } from '../../source/core/gateway-error.js';
import type { TrailEvent } from '../../source/core/cloudtrail-events.js';
import { openChangeLogSession } from '../../source/commands/change-log-session.js';
import type { StoredSettings } from '../../source/settings/settings-store.js';
import { executeActions } from '../../source/wizard/executor.js';
import { tempDir } from './log-fixtures.js';

const start = new Date('2026-11-27T20:15:03Z');
const settings = { breakGlass: [] } as unknown as StoredSettings;
const minute = 60_000;

const event = (eventSource: string, eventName: string, eventId = `${eventSource}/${eventName}`): TrailEvent => ({ eventId, eventSource, eventName, eventTime: start.toISOString(), readOnly: false });

function window(writes: SessionWindow['writes']): SessionWindow {
	return { file: 'x.jsonl', account: '123456789012', caller: 'arn:aws:iam::123456789012:user/ops', start: start.toISOString(), end: start.toISOString(), writes };
}

describe('crossCheck', () => {
	test('an event matches a logged write only when both its service and its name do', () => {
		const write = { kind: 'iam:UpdateAccessKey', seq: 1, time: start.toISOString(), ok: true };
		const others = [event('iam.amazonaws.com', 'DeleteAccessKey'), event('sts.amazonaws.com', 'UpdateAccessKey')];
		const check = crossCheck(window([write]), others, new Date(start.getTime() + 60 * minute));
		expect(check).toEqual({ file: 'x.jsonl', unlogged: others, missing: [write], pending: [], matched: 0 });
		const same = event('iam.amazonaws.com', 'UpdateAccessKey');
		expect(crossCheck(window([write]), [...others, same], new Date(start.getTime() + 60 * minute))).toEqual({ file: 'x.jsonl', unlogged: others, missing: [], pending: [], matched: 1 });
	});

	test('a write exactly 15 minutes old is past the delivery delay: missing, not pending', () => {
		const write = { kind: 'iam:UpdateAccessKey', seq: 1, time: start.toISOString(), ok: true };
		expect(crossCheck(window([write]), [], new Date(start.getTime() + 15 * minute))).toMatchObject({ missing: [write], pending: [] });
		expect(crossCheck(window([write]), [], new Date(start.getTime() + 15 * minute - 1))).toMatchObject({ missing: [], pending: [write] });
	});
});

describe('crossCheckLines', () => {
	const at = start.toISOString();
	test('names every write not in the log and every logged write CloudTrail does not show, in one sentence per session', () => {
		const one: CrossCheck = {
			file: 'a.jsonl',
			matched: 1,
			unlogged: [event('iam.amazonaws.com', 'CreateAccessKey', 'e-1')],
			missing: [{ kind: 'iam:DeleteAccessKey', seq: 4, time: at, ok: true }],
			pending: [{ kind: 'iam:UpdateAccessKey', seq: 5, time: at, ok: true }],
		};
		const many: CrossCheck = {
			file: 'b.jsonl',
			matched: 0,
			unlogged: [event('iam.amazonaws.com', 'CreateAccessKey', 'e-1'), event('monitoring.amazonaws.com', 'PutMetricAlarm', 'e-2')],
			missing: [{ kind: 'iam:DeleteAccessKey', seq: 4, time: at, ok: true }, { kind: 'iam:DeleteUser', seq: 6, time: at, ok: true }],
			pending: [{ kind: 'iam:UpdateAccessKey', seq: 5, time: at, ok: true }, { kind: 'iam:UpdateAccessKey', seq: 7, time: at, ok: true }],
		};
		expect(crossCheckLines([one, many, { file: 'c.jsonl', matched: 2, unlogged: [], missing: [], pending: [] }])).toEqual([
			`CloudTrail: a.jsonl: 1 logged call found; 1 write NOT IN THE LOG: iam:CreateAccessKey at ${at} (event e-1); 1 logged write CloudTrail does not show: seq 4 iam:DeleteAccessKey at ${at}; 1 too recent for CloudTrail (it delivers within about 15 minutes).`,
			`CloudTrail: b.jsonl: 0 logged calls found; 2 writes NOT IN THE LOG: iam:CreateAccessKey at ${at} (event e-1), monitoring:PutMetricAlarm at ${at} (event e-2); 2 logged writes CloudTrail does not show: seq 4 iam:DeleteAccessKey at ${at}, seq 6 iam:DeleteUser at ${at}; 2 too recent for CloudTrail (it delivers within about 15 minutes).`,
			'CloudTrail: c.jsonl: 2 logged calls found.',
		]);
	});
});

function deactivate(user: string, keyId: string): Action {
	return { kind: 'iam:UpdateAccessKey', params: { UserName: user, AccessKeyId: keyId, Status: 'Inactive' }, step: 5, findingIds: [], summary: `Deactivate ${keyId} of ${user}` };
}

describe('sessionWindows', () => {
	test("each session's window, its writes and whether each succeeded; the next session bounds the one before", async () => {
		let at = start.getTime();
		const now = () => new Date(at);
		// AWS refuses one call, after its intent is logged.
		const failOn = (action: Action) => ((action.params as { UserName?: string }).UserName === 'zoe' ? new GatewayError('AccessDenied', 'User is not authorized to perform iam:UpdateAccessKey', { operation: action.kind }) : undefined);
		const gateway = createSandboxGateway({ state: createSeedState(start), now, failOn });
		const dir = join(await tempDir(), 'logs');
		const keyOf = async (user: string) => (await gateway.readAccount()).users.find((u) => u.name === user)!.accessKeys[0]!.id;
		const batch = async (actions: Action[]) => {
			const { session } = await openChangeLogSession({ logDir: dir }, settings, gateway, 'apply', now);
			const report = await executeActions(actions, { gateway, audit: session, step: 5, reason: 'CHG-1', previewHash: 'ab'.repeat(32), now });
			await session.close();
			return report;
		};
		// The first session: one write that succeeds, then one AWS refuses.
		const first = await batch([deactivate('dave', await keyOf('dave')), deactivate('zoe', await keyOf('zoe'))]);
		expect(first.failed).toBeDefined();
		at += 10_000;
		const second = async (actions: Action[]) => {
			// A clock that moves a second at every look: the last record is later than the header.
			const ticking = () => new Date((at += 1_000));
			const { session } = await openChangeLogSession({ logDir: dir }, settings, gateway, 'apply', ticking);
			await executeActions(actions, { gateway, audit: session, step: 5, reason: 'CHG-2', previewHash: 'ab'.repeat(32), now: ticking });
			await session.close();
		};
		const erinKey = await keyOf('erin');
		const secondStart = at + 1_000;
		await second([deactivate('erin', erinKey)]);
		const files = await listSessionFiles(dir);
		expect(files).toHaveLength(2);

		const windows = await sessionWindows(files);
		expect(windows).toHaveLength(2);
		const [a, b] = windows as [SessionWindow, SessionWindow];
		expect(a.writes.map((w) => [w.kind, w.ok])).toEqual([
			['iam:UpdateAccessKey', true],
			['iam:UpdateAccessKey', false],
		]);
		expect(a.start).toBe(start.toISOString());
		// Not a minute past its last record: the next session started 10 s later, and the window ends just before it.
		expect(a.end).toBe(new Date(Date.parse(b.start) - 1).toISOString());
		expect(Date.parse(a.end)).toBeLessThan(start.getTime() + minute);
		expect(b.writes.map((w) => [w.kind, w.ok])).toEqual([['iam:UpdateAccessKey', true]]);
		expect(Date.parse(b.start)).toBeGreaterThanOrEqual(secondStart);
		// The last session: a minute past its last record (its seal), not past its header.
		const lastRecord = JSON.parse(readFileSync(files[1]!, 'utf8').trim().split('\n').pop()!) as { time: string };
		expect(Date.parse(lastRecord.time)).toBeGreaterThan(Date.parse(b.start));
		expect(b.end).toBe(new Date(Date.parse(lastRecord.time) + minute).toISOString());
		expect(b.caller).toBe(a.caller);
		expect(a.account).toBe('123456789012');
	});

	test('a write whose result was never logged (the process died during the call) counts as not succeeded', async () => {
		const now = () => start;
		const gateway = createSandboxGateway({ state: createSeedState(start), now });
		const dir = join(await tempDir(), 'logs');
		const { session } = await openChangeLogSession({ logDir: dir }, settings, gateway, 'apply', now);
		const key = (await gateway.readAccount()).users.find((u) => u.name === 'dave')!.accessKeys[0]!.id;
		await executeActions([deactivate('dave', key)], { gateway, audit: session, step: 5, reason: 'CHG-1', previewHash: 'ab'.repeat(32), now });
		await session.close();
		const [file] = await listSessionFiles(dir);
		const [header, intent] = readFileSync(file!, 'utf8').split('\n');
		expect(JSON.parse(intent!)).toMatchObject({ type: 'intent' });
		writeFileSync(file!, `${header}\n${intent}\n`);
		const [w] = await sessionWindows([file!]);
		expect(w!.writes).toEqual([{ kind: 'iam:UpdateAccessKey', seq: 1, time: start.toISOString(), ok: false }]);
	});

	test('a session cut after its header runs a minute from its start; an empty file has no window', async () => {
		let at = start.getTime();
		const now = () => new Date(at);
		const gateway = createSandboxGateway({ state: createSeedState(start), now });
		const dir = join(await tempDir(), 'logs');
		const { session } = await openChangeLogSession({ logDir: dir }, settings, gateway, 'apply', now);
		const key = (await gateway.readAccount()).users.find((u) => u.name === 'dave')!.accessKeys[0]!.id;
		at += 30_000;
		await executeActions([deactivate('dave', key)], { gateway, audit: session, step: 5, reason: 'CHG-1', previewHash: 'ab'.repeat(32), now });
		await session.close();
		const [file] = await listSessionFiles(dir);
		// Only the header is left (the process died, or the file was cut): it is the last record, and it has no time of its own.
		writeFileSync(file!, `${readFileSync(file!, 'utf8').split('\n')[0]}\n`);
		const empty = join(dirname(file!), 'empty.jsonl');
		writeFileSync(empty, '');
		const windows = await sessionWindows([file!, empty]);
		expect(windows).toHaveLength(1);
		// The header is written with the first record, 30 s in.
		expect(windows[0]).toMatchObject({ start: new Date(start.getTime() + 30_000).toISOString(), end: new Date(start.getTime() + 30_000 + minute).toISOString(), writes: [] });
	});
});
