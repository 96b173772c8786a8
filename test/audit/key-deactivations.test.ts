/**
 * When iam-wizard itself deactivated each access key, read back from the change logs: step 5's
 * grace period before deletion counts from the time of the successful result, and a later
 * re-activation by iam-wizard clears it. Damage is skipped here (verify reports it).
 */
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readKeyDeactivations } from '../../source/audit/key-deactivations.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import type { Action } from '../../source/core/actions.js';
import { clock, deactivateKey, newKey, reactivate, session, tempDir } from './log-fixtures.js';

/** One session: each entry an action and whether its result was ok (or `undefined`: no result). */
async function logSession(dir: string, now: () => Date, calls: [Action, boolean | undefined][]): Promise<{ file: string; resultTimes: string[] }> {
	const key = await newKey();
	const log = await openAuditLog({ dir, key, session, now });
	const resultTimes: string[] = [];
	for (const [action, ok] of calls) {
		const seq = await log.intent({ time: now().toISOString(), step: 5, action, findingIds: [], reason: 'CHG-7' });
		if (ok === undefined) continue;
		const time = now().toISOString();
		resultTimes.push(time);
		await log.result({ seq, time, ok, inverse: null, ...(ok ? {} : { error: { code: 'AccessDenied', message: 'no' } }) });
	}
	await log.close();
	return { file: log.file, resultTimes };
}

describe('readKeyDeactivations', () => {
	test('a folder that does not exist, or holds no session, has none', async () => {
		const dir = await tempDir();
		expect(readKeyDeactivations(join(dir, 'nowhere'))).toEqual({});
		await writeFile(join(dir, 'notes.txt'), 'x');
		expect(readKeyDeactivations(dir)).toEqual({});
	});

	test('each key deactivated ok, at the time of its result; failed, unanswered and other calls do not count', async () => {
		const dir = await tempDir();
		const now = clock();
		const other: Action = { kind: 'iam:DeleteAccessKey', params: { UserName: 'erin', AccessKeyId: 'AKIAEXAMPLEERIN00001' }, step: 5, findingIds: [], summary: 'Delete' };
		const { resultTimes } = await logSession(dir, now, [
			[deactivateKey('alice', 'AKIAEXAMPLEALICE0001'), true],
			[deactivateKey('bob', 'AKIAEXAMPLEBOB000001'), false],
			[other, true],
			[deactivateKey('dave', 'AKIAEXAMPLEDAVE00001'), true],
			[deactivateKey('carol', 'AKIAEXAMPLECAROL0001'), undefined],
		]);
		expect(readKeyDeactivations(dir)).toEqual({ AKIAEXAMPLEALICE0001: resultTimes[0], AKIAEXAMPLEDAVE00001: resultTimes[3] });
	});

	test('a later re-activation clears the key, and a later deactivation sets the newer time, across sessions in name order', async () => {
		const dir = await tempDir();
		const now = clock();
		const alice = deactivateKey('alice', 'AKIAEXAMPLEALICE0001');
		const bob = deactivateKey('bob', 'AKIAEXAMPLEBOB000001');
		const first = await logSession(dir, now, [
			[alice, true],
			[bob, true],
		]);
		expect(readKeyDeactivations(dir)).toEqual({ AKIAEXAMPLEALICE0001: first.resultTimes[0], AKIAEXAMPLEBOB000001: first.resultTimes[1] });
		const second = await logSession(dir, now, [
			[reactivate(alice), true],
			[bob, true],
		]);
		expect(readKeyDeactivations(dir)).toEqual({ AKIAEXAMPLEBOB000001: second.resultTimes[1] });
		// A re-activation that failed leaves the key inactive since its deactivation.
		const third = await logSession(dir, now, [
			[alice, true],
			[reactivate(alice), false],
		]);
		expect(readKeyDeactivations(dir)).toEqual({ AKIAEXAMPLEALICE0001: third.resultTimes[0], AKIAEXAMPLEBOB000001: second.resultTimes[1] });
	});

	test('a result is matched to the intent of its own seq in its own session', async () => {
		const dir = await tempDir();
		const now = clock();
		// seq 1 of the first session deactivates alice's key; seq 1 of the second deactivates bob's and fails.
		const first = await logSession(dir, now, [[deactivateKey('alice', 'AKIAEXAMPLEALICE0001'), true]]);
		await logSession(dir, now, [
			[deactivateKey('bob', 'AKIAEXAMPLEBOB000001'), false],
			[deactivateKey('carol', 'AKIAEXAMPLECAROL0001'), undefined],
		]);
		expect(readKeyDeactivations(dir)).toEqual({ AKIAEXAMPLEALICE0001: first.resultTimes[0] });
	});

	test('blank and damaged lines are skipped, and the records around them still count', async () => {
		const dir = await tempDir();
		const now = clock();
		const { file, resultTimes } = await logSession(dir, now, [[deactivateKey('alice', 'AKIAEXAMPLEALICE0001'), true]]);
		const lines = (await readFile(file, 'utf8')).split('\n');
		await writeFile(file, [lines[0], '', '   ', '{"type":"intent"', 'not json', ...lines.slice(1)].join('\n'));
		await appendFile(file, '{"partial');
		expect(readKeyDeactivations(dir)).toEqual({ AKIAEXAMPLEALICE0001: resultTimes[0] });
	});

	test('a session name that cannot be read as a file is passed over', async () => {
		const dir = await tempDir();
		const now = clock();
		const { resultTimes } = await logSession(dir, now, [[deactivateKey('alice', 'AKIAEXAMPLEALICE0001'), true]]);
		await mkdir(join(dir, '2026-11-27T19-00-00.000Z-00000000-0000-4000-8000-000000000000.jsonl'));
		expect(readKeyDeactivations(dir)).toEqual({ AKIAEXAMPLEALICE0001: resultTimes[0] });
	});

	test('sessions are read in name (time) order, whichever was written first', async () => {
		const dir = await tempDir();
		const alice = deactivateKey('alice', 'AKIAEXAMPLEALICE0001');
		// Each session is written alone in a folder of its own, then copied in: the later one (by its name) first.
		const written = async (at: string, calls: [Action, boolean | undefined][]) => {
			const session = await logSession(await tempDir(), clock(Date.parse(at)), calls);
			return { ...session, text: await readFile(session.file) };
		};
		const deactivated = await written('2026-11-27T10:00:00Z', [[alice, true]]);
		const reactivated = await written('2026-11-28T10:00:00Z', [[reactivate(alice), true]]);
		await writeFile(join(dir, basename(reactivated.file)), reactivated.text);
		await writeFile(join(dir, basename(deactivated.file)), deactivated.text);
		expect(readKeyDeactivations(dir)).toEqual({});
		// Six more, alternating, copied in newest first: only the newest, a deactivation, decides.
		const more = [];
		for (let day = 1; day <= 6; day += 1) more.push(await written(`2026-12-0${day}T10:00:00Z`, [[day % 2 === 0 ? alice : reactivate(alice), true]]));
		for (const session of [...more].reverse()) await writeFile(join(dir, basename(session.file)), session.text);
		expect(readKeyDeactivations(dir)).toEqual({ AKIAEXAMPLEALICE0001: more[5]!.resultTimes[0] });
	});

	test('only session files count: a copy under another name does not', async () => {
		const dir = await tempDir();
		const source = await tempDir();
		const { file } = await logSession(source, clock(), [[deactivateKey('alice', 'AKIAEXAMPLEALICE0001'), true]]);
		await writeFile(join(dir, 'backup.jsonl.bak'), await readFile(file));
		expect(readKeyDeactivations(dir)).toEqual({});
	});

	test('a result whose intent line is damaged is skipped, and deleting a key does not clear when it was deactivated', async () => {
		const dir = await tempDir();
		const now = clock();
		const alice = deactivateKey('alice', 'AKIAEXAMPLEALICE0001');
		const remove: Action = { kind: 'iam:DeleteAccessKey', params: { UserName: 'alice', AccessKeyId: 'AKIAEXAMPLEALICE0001' }, step: 5, findingIds: [], summary: 'Delete' };
		const { file, resultTimes } = await logSession(dir, now, [
			[alice, true],
			[remove, true],
			[deactivateKey('bob', 'AKIAEXAMPLEBOB000001'), true],
		]);
		expect(readKeyDeactivations(dir)).toEqual({ AKIAEXAMPLEALICE0001: resultTimes[0], AKIAEXAMPLEBOB000001: resultTimes[2] });
		const lines = (await readFile(file, 'utf8')).split('\n');
		const bobIntent = lines.findIndex((l) => l.includes('"type":"intent"') && l.includes('AKIAEXAMPLEBOB000001'));
		lines[bobIntent] = '{"type":"intent"';
		await writeFile(file, lines.join('\n'));
		expect(readKeyDeactivations(dir)).toEqual({ AKIAEXAMPLEALICE0001: resultTimes[0] });
	});
});
