/**
 * Errors about a file's content are one line: they say where (line and column) and quote at
 * most a short excerpt, escaped, never V8's multi-line quotation of the file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../source/commands/program.js';
import { awsFixture } from '../fixtures-path.js';
import { captureIo } from '../helpers/command-io.js';

const secretish = 'SECRET-CONTENT-'.repeat(20);

function folder(files: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'quoted-'));
	for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
	return dir;
}

async function errorOf(argv: string[], cwd: string): Promise<{ code: number; err: string }> {
	const io = captureIo({ cwd });
	const code = await runProgram(argv, io);
	return { code, err: io.err() };
}

describe('errors quoting a file are one line', () => {
	it('a plan that is not JSON: the reason, not the file', async () => {
		const dir = folder({ 'plan.json': `{\n  "format": "iam-wizard-plan",\n  "x": ${secretish}\n\n  more\n}` });
		const { code, err } = await errorOf(['apply', '--plan', 'plan.json', '--yes'], dir);
		expect(code).toBe(2);
		expect(err).toBe("iam-wizard: plan.json is not valid JSON (Unexpected token 'S'); --plan takes the file `iam-wizard plan --out` wrote.\n");
	});

	it('a baseline that is not JSON', async () => {
		const dir = folder({ 'base.json': `[\n${secretish}\n]` });
		const { code, err } = await errorOf(['scan', '--demo', '--fail-on', 'high', '--baseline', 'base.json'], dir);
		expect(code).toBe(2);
		expect(err).toBe("iam-wizard: The baseline base.json is not JSON (Unexpected token 'S'): pass the output of a previous `iam-wizard scan --format json`.\n");
	});

	it('a credential report cell with line breaks and 300 characters is quoted short and escaped', async () => {
		const report = readFileSync(awsFixture('credential-report.csv'), 'utf8').split('\n');
		const cells = report[1]!.split(',');
		cells[3] = `"bad\n${secretish}"`;
		const dir = folder({ 'auth.json': readFileSync(awsFixture('authorization-details.json'), 'utf8'), 'report.csv': [report[0], cells.join(','), ...report.slice(2)].join('\n') });
		const { code, err } = await errorOf(['scan', '--snapshot', dir], dir);
		expect(code).toBe(2);
		expect(err.split('\n')).toHaveLength(2);
		expect(err).toContain('has "bad\\nSECRET-CONTENT-SECRET-CONTENT-SECR…" in password_enabled');
		expect(err).not.toContain(secretish);
	});
});

describe('a truncated plan', () => {
	it('says where the JSON stops', async () => {
		const dir = folder({ 'plan.json': '{\n  "format": "iam-wizard-plan",\n  "x": [1,' });
		const { err } = await errorOf(['apply', '--plan', 'plan.json', '--yes'], dir);
		expect(err).toBe('iam-wizard: plan.json is not valid JSON (Unexpected end of JSON input at line 3, column 11); --plan takes the file `iam-wizard plan --out` wrote.\n');
	});
});
