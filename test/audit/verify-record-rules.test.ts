/**
 * What verify checks inside records that are correctly signed and chained: a seal must count
 * the records and repeat the last hash, a result needs its own open intent, one header per
 * file at its start, a header's `kid` is its signer. And what a partly written last line
 * excuses: only itself.
 */
import { writeFile } from 'node:fs/promises';
import { beforeEach, describe, expect, test } from 'vitest';
import type { LogRecord, RecordBody } from '../../source/audit/log-records.js';
import { RecordChain } from '../../source/audit/record-chain.js';
import type { SigningKey } from '../../source/audit/signing-key.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import { newKey, parse, readLines, tempDir, writeLines, writeSession } from './log-fixtures.js';

let key: SigningKey;
let file: string;
/** header, intent 1, result 1, intent 2, result 2 — as the log writes them, without their chain fields. */
let bodies: RecordBody[];

beforeEach(async () => {
	key = await newKey();
	file = await writeSession(await tempDir(), key, 2);
	bodies = (await readLines(file)).slice(0, 5).map((line) => {
		const { prev: _prev, kid: _kid, sig: _sig, ...body } = parse(line) as LogRecord;
		return body as RecordBody;
	});
});

const time = '2026-11-27T20:30:00Z';

/** Signs and chains the bodies as the log does; `seal` makes the seal's body from the record count and the last hash. */
function chain(records: RecordBody[], seal?: (count: number, lastHash: string) => RecordBody, signer: { privateKey: SigningKey['privateKey']; fingerprint: string } = key): string[] {
	const writer = new RecordChain(signer, null);
	const lines = records.map((body) => writer.append(body).line.trimEnd());
	if (seal) lines.push(writer.append(seal(lines.length + 1, writer.lastHash as string)).line.trimEnd());
	return lines;
}

const sealOf = (count: number, lastHash: string): RecordBody => ({ type: 'seal', time, count, lastHash });

async function verify(lines: string[]) {
	await writeLines(file, lines);
	return verifyLogs([file]);
}

describe('a seal, signed and chained', () => {
	test('that counts the records and repeats the last hash verifies', async () => {
		expect((await verify(chain(bodies, sealOf))).ok).toBe(true);
	});

	test('that counts one record too few or too many is malformed', async () => {
		for (const off of [-1, 1]) {
			const report = await verify(chain(bodies, (count, lastHash) => sealOf(count + off, lastHash)));
			expect(report.problem).toMatchObject({ kind: 'malformed', line: 6, recordType: 'seal' });
			expect(report.problem?.message).toContain(`the seal counts ${6 + off} records`);
		}
	});

	test('whose last hash is not the record before it is malformed', async () => {
		const report = await verify(chain(bodies, (count) => sealOf(count, 'ab'.repeat(32))));
		expect(report.problem).toMatchObject({ kind: 'malformed', line: 6, recordType: 'seal' });
	});
});

describe('a record of a type the format does not have, signed and chained', () => {
	test.each(['constructor', 'toString', 'hasOwnProperty', 'note'])('type %j is malformed (it was taken as a record when its name was a property every object has)', async (type) => {
		const report = await verify(chain([...bodies.slice(0, 3), { type, time } as unknown as RecordBody, ...bodies.slice(3)], sealOf));
		expect(report.problem).toMatchObject({ kind: 'malformed', line: 4 });
		expect(report.problem?.message).toContain(`unknown record type "${type}"`);
	});
});

describe('results and headers, signed and chained', () => {
	test('a result with no intent before it is malformed', async () => {
		const report = await verify(chain([bodies[0]!, bodies[2]!, bodies[3]!, bodies[4]!], sealOf));
		expect(report.problem).toMatchObject({ kind: 'malformed', line: 2, recordType: 'result' });
		expect(report.problem?.message).toContain('which has no open intent before it');
	});

	test('a second result for one intent is malformed', async () => {
		const report = await verify(chain([...bodies.slice(0, 3), bodies[2]!, ...bodies.slice(3)], sealOf));
		expect(report.problem).toMatchObject({ kind: 'malformed', line: 4, recordType: 'result' });
	});

	test('a second header in the file is an insertion', async () => {
		const report = await verify(chain([...bodies.slice(0, 3), bodies[0]!, ...bodies.slice(3)], sealOf));
		expect(report.problem).toMatchObject({ kind: 'inserted', line: 4, recordType: 'header' });
		expect(report.problem?.message).toContain('a second header');
	});

	test('a header whose kid is not its signer’s fingerprint is modified, even signed by that signer', async () => {
		const report = await verify(chain(bodies, sealOf, { privateKey: key.privateKey, fingerprint: 'SHA256:someone-else' }));
		expect(report.problem).toMatchObject({ kind: 'modified', line: 1, recordType: 'header' });
	});

	test('a file whose header was moved down is reordered at line 1, naming where the header is', async () => {
		const lines = chain(bodies, sealOf);
		const report = await verify([lines[1]!, lines[0]!, ...lines.slice(2)]);
		expect(report.problem).toMatchObject({ kind: 'reordered', line: 1 });
		expect(report.problem?.message).toContain('which is at line 2');
	});

	test('an empty file is truncated', async () => {
		await writeFile(file, '');
		const report = await verifyLogs([file]);
		expect(report.problem).toMatchObject({ kind: 'truncated', line: 1 });
	});
});

describe('a partly written last line', () => {
	test('is excusable (a crash mid-write), but a malformed line before it is not', async () => {
		const lines = chain(bodies);
		const partial = lines[4]!.slice(0, 40);
		await writeFile(file, `${lines.slice(0, 4).join('\n')}\n${partial}`);
		const crashed = await verifyLogs([file]);
		expect(crashed.problem).toMatchObject({ kind: 'malformed', line: 5 });
		// Excusable: verify looked for a later session's reconciliation of it.
		expect(crashed.problem?.message).toMatch(/partly written line, and no later session .*reconciled it/);

		await writeFile(file, `${lines[0]}\n{"type":"intent",\n${lines.slice(2, 4).join('\n')}\n${partial}`);
		const damaged = await verifyLogs([file]);
		expect(damaged.problem).toMatchObject({ kind: 'malformed', line: 2 });
		expect(damaged.problem?.message).not.toMatch(/partly written|reconciled/);
	});
});
