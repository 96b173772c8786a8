/**
 * scan --format json is written as bytes made a few hundred findings at a time: they must be
 * exactly the bytes of the one-string definition, shown (shownText) and encoded.
 */
import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../../source/commands/scan-report.js';
import { shownText } from '../../source/commands/command-io.js';
import { formatScanJson, formatScanJsonBytes } from '../../source/commands/scan-formats/format-scan-json.js';
import { makeFinding } from '../../source/core/finding.js';
import { runProgram } from '../../source/commands/program.js';
import { captureIo } from '../helpers/command-io.js';
import { escapeName, newlineName, writeHostileSnapshot } from '../helpers/hostile-snapshot.js';

function report(details: string[], extra: Partial<ScanReport> = {}): ScanReport {
	return {
		tool: { name: 'iam-wizard', version: '0.1.0' },
		account: { id: '123456789012' },
		generatedAt: '2026-01-01T00:00:00.000Z',
		source: 'snapshot',
		inventory: { users: 1 } as unknown as ScanReport['inventory'],
		findings: details.map((detail, i) =>
			makeFinding('USER_DIRECT_POLICY', `arn:aws:iam::123456789012:user/u${i}`, detail, { names: [detail, 'a'], nested: { deeper: [i, null, true] } }),
		),
		notEvaluated: [{ service: 'config', reason: 'a snapshot → IAM only' }] as unknown as ScanReport['notEvaluated'],
		...extra,
	};
}

/** The bytes as the one-string way makes them. */
function expected(value: ScanReport): string {
	return Buffer.from(shownText(formatScanJson(value))).toString('latin1');
}

function actual(value: ScanReport): string {
	return formatScanJsonBytes(value).toString('latin1');
}

describe('scan --format json bytes', () => {
	it('are the one-string bytes across pieces, with and without notices, findings or other text', () => {
		const many = Array.from({ length: 700 }, (_, i) => (i % 97 === 0 ? `arrow → and … in ${i}` : `plain ${i}`));
		for (const value of [
			report(many),
			report(many, { notices: ['expired suppression'] }),
			report(['one'], { account: { id: '123456789012', alias: 'café ✓ 😀' } }),
			report([]),
			report([], { notices: ['n'] }),
		]) {
			expect(actual(value)).toBe(expected(value));
		}
	});

	it('escape every character printable escapes (DEL, C1, zero-width, bidi, BOM), and leave every other alone', () => {
		const differing: string[] = [];
		for (let code = 0; code <= 0xffff; code += 1) {
			if (code >= 0xd800 && code <= 0xdfff) continue;
			const value = report([`before${String.fromCharCode(code)}after`]);
			if (actual(value) !== expected(value)) differing.push(code.toString(16));
		}
		expect(differing).toEqual([]);
	});

	it('reach a process that takes bytes exactly as a text-only one prints them, escapes and all', async () => {
		const args = ['scan', '--format', 'json', '--snapshot', writeHostileSnapshot({ users: ['carol', escapeName], roles: [newlineName, escapeName] })];
		const text = captureIo();
		expect(await runProgram(args, text)).toBe(0);
		const pieces: Uint8Array[] = [];
		const bytes = { ...captureIo(), stdoutBytes: (piece: Uint8Array) => void pieces.push(piece) };
		expect(await runProgram(args, bytes)).toBe(0);
		expect(bytes.out()).toBe('');
		const written = Buffer.concat(pieces).toString('utf8');
		expect(written).toContain('evil\\u001b[2J\\u001b[31mred\\u009b1m\\u202eoops');
		expect(written).toBe(text.out());
	});
});
