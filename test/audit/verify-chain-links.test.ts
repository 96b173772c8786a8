/**
 * Every record's `prev` is checked, whatever its type: a deletion just before an
 * attestation, a reconciliation or the seal is reported as a deletion at that record — not
 * as a malformed seal (the seal's count is then wrong too) nor, in an unsealed session, as
 * mere truncation (issue 18 mutation 4).
 */
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
	const dir = await tempDir();
	key = await newKey();
	file = await writeSession(dir, key, 2);
	bodies = (await readLines(file)).slice(0, 5).map((line) => {
		const { prev: _prev, kid: _kid, sig: _sig, ...body } = parse(line) as LogRecord;
		return body as RecordBody;
	});
});

const time = '2026-11-27T20:30:00Z';
const attestation: RecordBody = { type: 'attestation', time, step: 5, statement: 'Root has hardware MFA (checked in the console).', findingIds: ['ROOT_NO_HARDWARE_MFA|root'], reason: 'CHG-7' };
const reconciliation = (n: number): RecordBody => ({ type: 'reconciliation', time, file: `2026-11-27T10-00-0${n}Z-crashed.jsonl`, lastHash: String(n).repeat(64), fileDigest: String(n + 1).repeat(64), bytes: 1000, records: 3, ended: 'no-seal', outcome: 'nothing-pending' });

/** Signs and chains the records as the log does, sealed when asked; returns the lines. */
function chain(records: RecordBody[], sealed: boolean): string[] {
	const signer = new RecordChain(key, null);
	const lines = records.map((body) => signer.append(body).line.trimEnd());
	if (sealed) lines.push(signer.append({ type: 'seal', time, count: lines.length + 1, lastHash: signer.lastHash as string }).line.trimEnd());
	return lines;
}

async function verifyWithout(lines: string[], deleted: number[]) {
	await writeLines(file, lines.filter((_, i) => !deleted.includes(i)));
	return verifyLogs([file]);
}

describe('a deletion right before', () => {
	test('an attestation, in a sealed session, is a deletion at the attestation', async () => {
		const lines = chain([...bodies, attestation], true);
		expect((await verifyWithout(lines, [])).ok).toBe(true);
		const report = await verifyWithout(lines, [3, 4]);
		expect(report.problem).toMatchObject({ kind: 'deleted', line: 4, recordType: 'attestation' });
	});

	test('an attestation, in an unsealed session, is a deletion, not truncation', async () => {
		const lines = chain([...bodies, attestation], false);
		const report = await verifyWithout(lines, [3, 4]);
		expect(report.problem).toMatchObject({ kind: 'deleted', line: 4, recordType: 'attestation' });
	});

	test('a reconciliation is a deletion at the reconciliation', async () => {
		const lines = chain([bodies[0]!, reconciliation(1), reconciliation(2), ...bodies.slice(1, 3)], true);
		const report = await verifyWithout(lines, [1]);
		expect(report.problem).toMatchObject({ kind: 'deleted', line: 2, recordType: 'reconciliation' });
	});

	test('the seal is a deletion at the seal, not a malformed seal', async () => {
		const lines = chain(bodies, true);
		expect((await verifyWithout(lines, [])).ok).toBe(true);
		const report = await verifyWithout(lines, [4]);
		expect(report.problem).toMatchObject({ kind: 'deleted', line: 5, recordType: 'seal' });
	});
});
