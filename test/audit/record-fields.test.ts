/**
 * Every field a change-log record must have, checked by type before the record counts: a line
 * that is signed but holds a wrong type (a step of 7, a seq of 0, ok as "true", an action
 * without params…) is named as malformed with the field, never taken as a record.
 */
import { describe, expect, it } from 'vitest';
import { parseRecordLine } from '../../source/audit/log-records.js';

const h = 'ab'.repeat(32);
const envelope = { prev: h, kid: 'SHA256:key', sig: `${'A'.repeat(86)}==` };
const action = { kind: 'iam:UpdateAccessKey', params: { UserName: 'bob', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' } };
const certificate = { kmsKey: 'arn:aws:kms:us-east-1:123456789012:key/1', algorithm: 'ED25519_SHA_512', issued: '2026-11-27T20:00:00Z', publicKey: 'PEM', fingerprint: 'SHA256:x', signature: 'c2ln' };

const valid: Record<string, Record<string, unknown>> = {
	header: {
		type: 'header', ...envelope, prev: null, format: 1, tool: 'iam-wizard', toolVersion: '0.1.0', session: 's', account: '123456789012', caller: 'arn:aws:iam::123456789012:user/alice',
		region: 'us-east-1', mode: 'demo', command: 'apply', signer: { publicKey: 'PEM', fingerprint: 'SHA256:key', certificate }, started: '2026-11-27T20:00:00Z', prevSession: null,
	},
	intent: { type: 'intent', ...envelope, seq: 1, time: 't', step: 5, action, findingIds: ['KEY_NOT_ROTATED|x'], reason: 'CHG-1', previewHash: 'p' },
	result: { type: 'result', ...envelope, seq: 1, time: 't', ok: false, inverse: null, error: { code: 'AccessDenied' }, beforeDigest: h, afterDigest: h },
	attestation: { type: 'attestation', ...envelope, time: 't', step: 1, statement: 'Root MFA enabled', findingIds: [], reason: 'CHG-2' },
	reconciliation: { type: 'reconciliation', ...envelope, time: 't', file: 'f.jsonl', lastHash: h, fileDigest: h, bytes: 10, records: 2, ended: 'open-intent', seq: 2, action, outcome: 'unknown' },
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
		prev: [5, 'x'],
	},
	intent: { seq: [0, -3, 2.5, '1', null], step: [0, 7, 2.5, '5'], action: [null, 'x', { kind: 5, params: {} }, { kind: 'x', params: [] }, { kind: 'x' }, [action]], findingIds: ['a', ['a', 5], null], reason: [undefined, 5], previewHash: [5], prev: [null, 'AB'.repeat(32), 'ab', 5] },
	result: { ok: ['true', 1, null], inverse: [{ kind: 'x' }, 'x'], error: [[], 'x', null], beforeDigest: ['ab', 'AB'.repeat(32), 5], afterDigest: [h.slice(1)] },
	attestation: { step: [7, -1], statement: [undefined, 1] },
	reconciliation: { ended: ['crash', undefined], outcome: ['maybe', undefined], bytes: [0], records: [0], seq: [0], action: [{ kind: 'x' }], lastHash: ['x'], fileDigest: [undefined] },
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
});
