/**
 * Names from a snapshot carrying terminal control sequences: every headless output shows
 * them escaped (no ESC, no C1 CSI, no bidi override reaches the terminal or the report file).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../source/commands/program.js';
import { captureIo } from '../helpers/command-io.js';
import { escapeName, newlineName, writeHostileSnapshot } from '../helpers/hostile-snapshot.js';

const raw = /[\u001b\u009b\u202e]/;
const shown = 'evil\\u001b[2J\\u001b[31mred\\u009b1m\\u202eoops';

async function run(args: string[]) {
	const io = captureIo();
	const code = await runProgram(args, io);
	return { code, out: io.out(), err: io.err() };
}

describe('control characters from a snapshot', () => {
	const snapshot = writeHostileSnapshot({ users: ['carol', escapeName], roles: [newlineName, escapeName] });

	it('scan --format table shows the name escaped, on one line', async () => {
		const { code, out } = await run(['scan', '--format', 'table', '--snapshot', snapshot]);
		expect(code).toBe(0);
		expect(out).not.toMatch(raw);
		const line = out.split('\n').find((l) => l.includes('USER_DIRECT_POLICY'));
		expect(line).toContain(`user/${shown}`);
	});

	it('scan --format md and --output write no control character either', async () => {
		const { out } = await run(['scan', '--format', 'md', '--snapshot', snapshot]);
		expect(out).not.toMatch(raw);
		expect(out).toContain(shown);
		const file = join(mkdtempSync(join(tmpdir(), 'iamw-cc-')), 'report.txt');
		expect((await run(['scan', '--format', 'table', '--snapshot', snapshot, '--output', file])).code).toBe(0);
		const written = readFileSync(file, 'utf8');
		expect(written).not.toMatch(raw);
		expect(written).toContain(shown);
	});

	it('scan --format json stays valid JSON and reads back the original name', async () => {
		const { out } = await run(['scan', '--format', 'json', '--snapshot', snapshot]);
		expect(out).not.toMatch(raw);
		const report = JSON.parse(out) as { findings: { resource: string }[] };
		expect(report.findings.map((f) => f.resource)).toContain(`arn:aws:iam::123456789012:user/${escapeName}`);
	});

	it('query --reach prints the role name escaped', async () => {
		const { out, err } = await run(['query', '--reach', `role/${escapeName}`, '--snapshot', snapshot]);
		expect(out + err).not.toMatch(raw);
		expect(out + err).toContain(shown);
	});
});

describe('control characters in a plan', () => {
	it("plan's sentences quote an operator's input escaped", async () => {
		const snapshot = writeHostileSnapshot({ users: ['carol', escapeName] });
		const plan = join(mkdtempSync(join(tmpdir(), 'iamw-cc-')), 'plan.json');
		const { out, err } = await run(['plan', '--format', 'text', '--snapshot', snapshot, '--out', plan, '--abandon-migration', escapeName]);
		expect(out + err).not.toMatch(raw);
		expect(out + err).toContain(shown);
	});
});
