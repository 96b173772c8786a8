/**
 * The reference verifier in docs/ (Python, standard library only, written from
 * docs/change-log-format.md) must agree with `audit verify` on logs the tool writes and on
 * every tampering the verifier names, so the specification cannot drift from the code.
 * CI runs on the same kind of machine as development (Debian with python3), so this test
 * runs there; a machine without python3 fails it, saying so.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { findInterruptedSessions, reconcileInterrupted } from '../../source/audit/interrupted-sessions.js';
import { anchorLine, type SessionAnchor } from '../../source/audit/session-anchor.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import type { SigningKey } from '../../source/audit/signing-key.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import { clock, deactivateKey, hashOf, logApplied, newKey, parse, readLines, resign, session, tempDir, writeCrashedSession, writeLines, writeSession } from './log-fixtures.js';

const run = promisify(execFile);
const verifier = join(import.meta.dirname, '..', '..', 'docs', 'verify-change-log.py');

interface Verdict {
	ok: boolean;
	kind?: string;
	file?: string;
	line?: number;
	warnings: number;
}

async function python(args: string[]): Promise<Verdict & { out: string }> {
	let out: string;
	let code = 0;
	try {
		out = (await run('python3', [verifier, ...args], { timeout: 60_000 })).stdout;
	} catch (error) {
		const failure = error as { code?: number | string; stdout?: string; stderr?: string };
		if (failure.code === 'ENOENT') throw new Error('python3 is not installed: the reference verifier in docs/ needs it (any Python 3.8+, standard library only)');
		code = Number(failure.code);
		out = failure.stdout ?? '';
		if (code !== 1) throw new Error(`the reference verifier exited ${String(failure.code)}: ${failure.stderr ?? ''}`);
	}
	const lines = out.trimEnd().split('\n');
	const last = lines[lines.length - 1];
	const warnings = lines.filter((l) => l.startsWith('WARNING: ')).length;
	const failed = /^FAILED: ([a-z-]+): (\S+) line (\d+): /.exec(last);
	if (failed) return { ok: false, kind: failed[1], file: failed[2], line: Number(failed[3]), warnings, out };
	expect(last).toMatch(/^OK: /);
	expect(code).toBe(0);
	return { ok: true, warnings, out };
}

async function both(dir: string, key: SigningKey | undefined, strict = false, anchors?: SessionAnchor[]): Promise<{ node: Verdict; py: Verdict }> {
	const args = [...(strict ? ['--strict'] : [])];
	if (anchors) {
		const file = join(await tempDir('anchors-'), 'ticket.txt');
		await writeFile(file, `CHG-1\n${anchors.map(anchorLine).join('\n')}\n`);
		args.push('--anchors', file);
	}
	if (key) {
		const pub = join(await tempDir('pub-'), 'signer.pub');
		await writeFile(pub, key.publicKeyPem);
		args.push('--pubkey', pub);
	}
	const report = await verifyLogs([dir], { ...(key ? { pubkey: key.publicKeyPem } : {}), strict, ...(anchors ? { anchors } : {}) });
	const node: Verdict = report.ok
		? { ok: true, warnings: report.warnings.length }
		: { ok: false, kind: report.problem!.kind, file: basename(report.problem!.file), line: report.problem!.line, warnings: report.warnings.length };
	const py = await python([...args, dir]);
	const { out: _out, ...verdict } = py;
	return { node, py: verdict };
}

let pristine: string;
let key: SigningKey;
let files: string[];

/** A log directory as the tool writes it: a crashed session reconciled by the next, an attestation, odd characters, and three ordinary sessions. */
beforeAll(async () => {
	pristine = await tempDir('reference-');
	key = await newKey();
	const crashed = await writeCrashedSession(pristine, key, { applied: 1, pending: deactivateKey('ada', 'AKIAIOSFODNN7EXAMPLE'), start: new Date('2026-11-27T10:00:00Z') });
	const now = clock(Date.parse('2026-11-27T11:00:00Z'));
	const log = await openAuditLog({ dir: pristine, key, session, now });
	for (const interrupted of await findInterruptedSessions(pristine)) await reconcileInterrupted(log, interrupted, async () => ({ Status: 'Inactive' }));
	await log.attestation({ time: now().toISOString(), step: 5, statement: 'Root has MFA — “hardware key” ✓ \u2028 tab\there', findingIds: ['ROOT_NO_MFA'], reason: 'CHG-77 ünïcödé 🔐' });
	await logApplied(log, deactivateKey('grace', 'AKIAI44QH8DHBEXAMPLE'), now);
	await log.close();
	await writeSession(pristine, key, 3, now);
	await writeSession(pristine, key, 2, now);
	await writeSession(pristine, key, 1, now);
	files = (await readdir(pristine)).filter((n) => n.endsWith('.jsonl')).sort();
	expect(files).toHaveLength(5);
	expect(files[0]).toBe(basename(crashed));
}, 60_000);

async function copy(): Promise<string> {
	const dir = await tempDir('tampered-');
	for (const name of files) await copyFile(join(pristine, name), join(dir, name));
	return dir;
}

async function edit(dir: string, index: number, change: (lines: string[]) => string[]): Promise<void> {
	const file = join(dir, files[index]);
	await writeLines(file, change(await readLines(file)));
}

describe('the reference verifier agrees with audit verify', () => {
	test('on the log as written, pinned and not: both pass, both warn about the reconciled crash', { timeout: 60_000 }, async () => {
		for (const pinned of [key, undefined]) {
			const { node, py } = await both(pristine, pinned);
			expect(node).toEqual({ ok: true, warnings: 1 });
			expect(py).toEqual(node);
		}
		const strict = await both(pristine, key, true);
		expect(strict.node).toMatchObject({ ok: false, kind: 'reconciled', file: files[0] });
		expect(strict.py).toEqual(strict.node);
	});

	const tampers: [string, (dir: string) => Promise<void>, string][] = [
		['a modified field', (d) => edit(d, 2, (l) => [l[0], l[1].replace('CHG-1234', 'CHG-9999'), ...l.slice(2)]), 'modified'],
		['a record removed', (d) => edit(d, 2, (l) => [...l.slice(0, 2), ...l.slice(3)]), 'deleted'],
		['a record copied', (d) => edit(d, 2, (l) => [...l.slice(0, 3), l[1], ...l.slice(3)]), 'inserted'],
		['two records swapped', (d) => edit(d, 2, (l) => [l[0], l[2], l[1], ...l.slice(3)]), 'reordered'],
		['the seal removed', (d) => edit(d, 4, (l) => l.slice(0, -1)), 'truncated'],
		['a session re-signed with another key', async (d) => {
			const other = await newKey();
			await edit(d, 3, (l) => resign(l, other));
		}, 'signed-by-another-key'],
		['a space in a line', (d) => edit(d, 2, (l) => [l[0], l[1].replace('"reason":', '"reason": '), ...l.slice(2)]), 'non-canonical'],
		['a CRLF line end', (d) => edit(d, 2, (l) => [l[0], `${l[1]}\r`, ...l.slice(2)]), 'non-canonical'],
		['an escape where none is needed', (d) => edit(d, 1, (l) => [l[0], l[1], l[2].replace('ünïcödé', '\\u00fcnïcödé'), ...l.slice(3)]), 'non-canonical'],
		['a duplicated key', (d) => edit(d, 2, (l) => [l[0], l[1], l[2].replace('"ok":true', '"ok":false,"ok":true'), ...l.slice(3)]), 'duplicate-key'],
		['a result whose error has no message, signed', (d) => edit(d, 2, (l) => resign([l[0], l[1], JSON.stringify({ ...parse(l[2]), error: { code: 'Throttling' } }), ...l.slice(3)], key, 2)), 'malformed'],
		['a file renamed', async (d) => rename(join(d, files[2]), join(d, files[2].replace(/-[0-9a-f-]+\.jsonl$/, '-00000000-0000-4000-8000-000000000000.jsonl'))), 'misnamed'],
		['an unexpected file', (d) => writeFile(join(d, 'notes.txt'), 'hello\n'), 'unexpected-file'],
		['a session removed from the middle', (d) => rm(join(d, files[2])), 'session-missing'],
		['the crashed session cut further', (d) => edit(d, 0, (l) => l.slice(0, -1)), 'truncated'],
		['the crashed session removed (its reconciliation stays behind)', async (d) => {
			const lines = await readLines(join(d, files[1]));
			const header = parse(lines[0]);
			expect(header.prev).toBe(hashOf(parse((await readLines(join(d, files[0]))).at(-1)!)));
			await rm(join(d, files[0]));
		}, 'session-missing'],
	];

	for (const [name, tamper, kind] of tampers) {
		test(`on ${name}: both fail, naming ${kind} at the same file and line`, { timeout: 60_000 }, async () => {
			const dir = await copy();
			await tamper(dir);
			const { node, py } = await both(dir, key);
			expect(node).toMatchObject({ ok: false, kind });
			expect(py).toEqual(node);
		});
	}

	test('deleting the newest session: neither can see it from the files alone; against its anchor both name it missing', { timeout: 60_000 }, async () => {
		const dir = await copy();
		const newest = (await readLines(join(dir, files[4]))).map(parse);
		const anchor: SessionAnchor = { file: files[4], headerHash: hashOf(newest[0]), sealHash: hashOf(newest.at(-1)!), records: newest.length };
		expect((await both(dir, key, false, [anchor])).node).toEqual({ ok: true, warnings: 1 });
		await rm(join(dir, files[4]));
		const blind = await both(dir, key);
		expect(blind.node.ok).toBe(true);
		expect(blind.py).toEqual(blind.node);
		const anchored = await both(dir, key, false, [anchor]);
		expect(anchored.node).toMatchObject({ ok: false, kind: 'session-missing', file: files[4] });
		expect(anchored.py).toEqual(anchored.node);
	});

	test('a fresh log directory of one session verifies with both', { timeout: 60_000 }, async () => {
		const dir = join(await tempDir('fresh-'), 'logs');
		await mkdir(dir);
		await writeSession(dir, key, 2, clock(Date.parse('2026-12-01T09:00:00Z')));
		const { node, py } = await both(dir, key);
		expect(node).toEqual({ ok: true, warnings: 0 });
		expect(py).toEqual(node);
	});
});

describe('the worked example in docs/change-log-format.md', () => {
	test('is a session file that both verifiers accept under the RFC 8032 test key, and the script still prints it', { timeout: 60_000 }, async () => {
		const doc = await readFile(join(import.meta.dirname, '..', '..', 'docs', 'change-log-format.md'), 'utf8');
		const name = /^File name: `([^`]+)`/m.exec(doc)![1];
		const base64 = /```base64\n([\s\S]+?)\n```/.exec(doc)![1].replace(/\n/g, '');
		const pem = /```\n(-----BEGIN PUBLIC KEY-----\n[\s\S]+?-----END PUBLIC KEY-----)\n```/.exec(doc)![1];
		const bytes = Buffer.from(base64, 'base64');
		const hex = /```hex\n([\s\S]+?)\n```/.exec(doc)![1].replace(/\n/g, '');
		expect(Buffer.from(hex, 'hex')).toEqual(bytes);
		const dir = await tempDir('example-');
		await writeFile(join(dir, name), bytes);
		const example = { publicKeyPem: `${pem}\n` } as SigningKey;
		const { node, py } = await both(dir, example);
		expect(node).toEqual({ ok: true, warnings: 0 });
		expect(py).toEqual(node);
		const printed = (await run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', '..', 'scripts', 'change-log-example.ts')], { timeout: 60_000 })).stdout;
		expect(doc).toContain(printed.trimEnd());
	});
});
