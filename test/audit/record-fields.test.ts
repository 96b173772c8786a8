/**
 * Every field a change-log record must have, checked by type before the record counts: a line
 * that is signed but holds a wrong type (a step of 7, a seq of 0, ok as "true", an action
 * without params…) is named as malformed with the field, never taken as a record.
 */
import { describe, expect, it } from 'vitest';
import { describeRecord, parseRecordLine, type LogRecord } from '../../source/audit/log-records.js';

const h = 'ab'.repeat(32);
const envelope = { prev: h, kid: 'SHA256:key', sig: `${'A'.repeat(86)}==` };
const action = { kind: 'iam:UpdateAccessKey', params: { UserName: 'bob', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' } };
const certificate = { kmsKey: 'arn:aws:kms:us-east-1:123456789012:key/1', algorithm: 'ED25519_SHA_512', issued: '2026-11-27T20:00:00Z', publicKey: 'PEM', fingerprint: 'SHA256:x', signature: 'c2ln' };

const valid: Record<string, Record<string, unknown>> = {
	header: {
		type: 'header', ...envelope, prev: null, format: 1, tool: 'iam-wizard', toolVersion: '0.1.0', session: 's', account: '123456789012', caller: 'arn:aws:iam::123456789012:user/alice',
		region: 'us-east-1', mode: 'demo', command: 'undo', signer: { publicKey: 'PEM', fingerprint: 'SHA256:key', certificate }, started: '2026-11-27T20:00:00Z', prevSession: null, undoes: { file: 'f.jsonl', seq: 2 },
	},
	intent: { type: 'intent', ...envelope, seq: 1, time: 't', step: 5, action, findingIds: ['KEY_NOT_ROTATED|x'], reason: 'CHG-1', previewHash: 'p' },
	result: { type: 'result', ...envelope, seq: 1, time: 't', ok: false, inverse: null, error: { code: 'AccessDenied', message: 'not authorized', requestId: 'req-1' }, beforeDigest: h, afterDigest: h },
	attestation: { type: 'attestation', ...envelope, time: 't', step: 1, statement: 'Root MFA enabled', findingIds: [], reason: 'CHG-2' },
	reconciliation: { type: 'reconciliation', ...envelope, time: 't', file: 'f.jsonl', lastHash: h, fileDigest: h, bytes: 10, records: 2, ended: 'open-intent', seq: 2, action, observed: { Status: 'Active' }, observedDigest: h, outcome: 'unknown' },
	seal: { type: 'seal', ...envelope, time: 't', count: 3, lastHash: h },
};

const line = (record: Record<string, unknown>) => JSON.stringify(record);
const reasonOf = (record: Record<string, unknown>) => {
	const parsed = parseRecordLine(line(record));
	return parsed.ok ? 'ok' : parsed.reason;
};

/** Values each field must refuse. */
const wrong: Record<string, Record<string, unknown[]>> = {
	header: {
		format: [0, -1, 1.5, '1'],
		tool: [5, null],
		signer: [null, [], { publicKey: 5, fingerprint: 'x' }, { publicKey: 'PEM' }, { publicKey: 'PEM', fingerprint: 'x', certificate: { ...certificate, signature: 5 } }, { publicKey: 'PEM', fingerprint: 'x', certificate: 'c' }],
		prevSession: [5, false],
		undoes: [null, 'f.jsonl', { file: 'f.jsonl' }, { file: 5, seq: 1 }, { file: 'f.jsonl', seq: 0 }, { file: 'f.jsonl', seq: '2' }],
		prev: [5, 'x'],
	},
	intent: { seq: [0, -3, 2.5, '1', null], step: [0, 7, 2.5, '5'], action: [null, 'x', { kind: 5, params: {} }, { kind: 'x', params: [] }, { kind: 'x' }, [action]], findingIds: ['a', ['a', 5], null], reason: [undefined, 5], previewHash: [5], prev: [null, 'AB'.repeat(32), 'ab', 5] },
	result: { ok: ['true', 1, null], inverse: [{ kind: 'x' }, 'x'], error: [[], 'x', null, {}, { code: 'AccessDenied' }, { message: 'no' }, { code: 5, message: 'no' }, { code: 'AccessDenied', message: 'no', requestId: 7 }, { code: 'AccessDenied', message: 'no', requestId: null }], beforeDigest: ['ab', 'AB'.repeat(32), 5], afterDigest: [h.slice(1)] },
	attestation: { step: [7, -1], statement: [undefined, 1] },
	reconciliation: { ended: ['crash', undefined], outcome: ['maybe', undefined], bytes: [0], records: [0], seq: [0], action: [{ kind: 'x' }], lastHash: ['x'], fileDigest: [undefined], observedDigest: [null, 'x', h.toUpperCase()] },
	seal: { count: [0, 1.5], lastHash: [null, 'x'] },
};

describe('the fields of a change-log record', () => {
	it('accepts each record type as written, and its optional fields absent', () => {
		for (const record of Object.values(valid)) expect(reasonOf(record)).toBe('ok');
		expect(reasonOf({ ...valid.intent, previewHash: undefined })).toBe('ok');
		expect(reasonOf({ ...valid.result, error: undefined, beforeDigest: undefined, afterDigest: undefined, inverse: action, ok: true })).toBe('ok');
		// A header chains to the previous session's last record, or starts the chain.
		expect(reasonOf({ ...valid.header, prev: h })).toBe('ok');
		expect(reasonOf({ ...valid.intent, prev: null })).toBe('intent record with a missing or invalid prev');
		expect(reasonOf({ ...valid.header, prevSession: 'earlier.jsonl', signer: { publicKey: 'PEM', fingerprint: 'SHA256:key' } })).toBe('ok');
		expect(reasonOf({ ...valid.reconciliation, seq: undefined, action: undefined, outcome: 'nothing-pending', ended: 'no-seal' })).toBe('ok');
		expect(reasonOf({ ...valid.header, undoes: undefined, command: 'wizard' })).toBe('ok');
		expect(reasonOf({ ...valid.result, error: { code: 'AccessDenied', message: 'not authorized' } })).toBe('ok');
		expect(reasonOf({ ...valid.reconciliation, observed: undefined, observedDigest: undefined })).toBe('ok');
		for (const ended of ['partial-line', 'open-intent', 'no-seal']) expect(reasonOf({ ...valid.reconciliation, ended })).toBe('ok');
		for (const outcome of ['applied', 'not-applied', 'unknown', 'nothing-pending']) expect(reasonOf({ ...valid.reconciliation, outcome })).toBe('ok');
		for (const step of [1, 6]) expect(reasonOf({ ...valid.intent, step })).toBe('ok');
	});

	it('names the field whose value has the wrong type or range', () => {
		for (const [type, fields] of Object.entries(wrong)) {
			for (const [field, values] of Object.entries(fields)) {
				for (const value of values) {
					const record = { ...valid[type]!, [field]: value };
					if (value === undefined) delete record[field];
					expect({ type, field, value, reason: reasonOf(record) }).toEqual({ type, field, value, reason: `${type} record with a missing or invalid ${field}` });
				}
			}
		}
	});

	it('refuses what is not a record at all, and a bad envelope', () => {
		expect(reasonOf({ ...valid.seal, type: 'note' })).toBe('unknown record type "note"');
		expect(parseRecordLine('[1]')).toEqual({ ok: false, reason: 'not a JSON object' });
		expect(parseRecordLine('{')).toEqual({ ok: false, reason: 'not JSON' });
		expect(reasonOf({ ...valid.seal, kid: 5, sig: 'short' })).toBe('seal record with a missing or invalid kid, sig');
	});

	it.each([
		['a hash with a character before it', { ...valid.seal, lastHash: `x${h}` }, 'lastHash'],
		['a hash with a character after it', { ...valid.seal, lastHash: `${h}0` }, 'lastHash'],
		['a hash in a list', { ...valid.seal, lastHash: [h] }, 'lastHash'],
		['a prev in a list', { ...valid.seal, prev: [h] }, 'prev'],
		['a signature with a character before it', { ...valid.seal, sig: `A${envelope.sig}` }, 'sig'],
		['a signature with a character after it', { ...valid.seal, sig: `${envelope.sig}A` }, 'sig'],
		['a signature in a list', { ...valid.seal, sig: [envelope.sig] }, 'sig'],
		['a signature of 87 characters and one =', { ...valid.seal, sig: `${'A'.repeat(87)}=` }, 'sig'],
	])('refuses %s', (_, record, field) => {
		expect(reasonOf(record)).toBe(`seal record with a missing or invalid ${field}`);
	});

	it('takes the type only as a string: a type in a list is unknown', () => {
		expect(reasonOf({ ...valid.seal, type: ['seal'] })).toBe('unknown record type ["seal"]');
		expect(reasonOf({ ...valid.seal, type: undefined })).toBe('unknown record type undefined');
		expect(reasonOf({ ...valid.seal, type: 'toString' })).toBe('unknown record type "toString"');
	});
});

describe('describeRecord', () => {
	const record = (fields: Record<string, unknown>) => fields as unknown as LogRecord;

	it.each([
		['no record (a line that did not parse)', 7, undefined, 'record 7 (line 7)'],
		['an intent', 5, record(valid.intent), 'record 5 (line 5, intent, seq 1)'],
		['a result', 3, record({ ...valid.result, seq: 12 }), 'record 3 (line 3, result, seq 12)'],
		['a header, which has no seq', 1, record(valid.header), 'record 1 (line 1, header)'],
		['a seal', 9, record(valid.seal), 'record 9 (line 9, seal)'],
		['a reconciliation of an open intent', 2, record(valid.reconciliation), 'record 2 (line 2, reconciliation, seq 2)'],
		['a reconciliation with nothing pending', 2, record({ ...valid.reconciliation, seq: undefined }), 'record 2 (line 2, reconciliation)'],
	])('names %s', (_, line, described, text) => {
		expect(describeRecord(line, described)).toBe(text);
	});
});
