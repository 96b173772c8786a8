/** `inventory` on the demo account: the CSV and JSON an auditor receives. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../source/commands/program.js';
import type { PrincipalRow } from '../../source/commands/inventory-export.js';
import { captureIo } from '../helpers/command-io.js';
import { escapeName, formulaName, newlineName, writeHostileSnapshot } from '../helpers/hostile-snapshot.js';

const now = new Date('2026-11-27T12:00:00Z');

async function run(args: string[], cwd?: string) {
	const io = captureIo({ now, ...(cwd ? { cwd } : {}) });
	const code = await runProgram(['inventory', '--demo', '--reset', ...args], io);
	return { code, out: io.out(), err: io.err() };
}

describe('inventory export', () => {
	it('writes names from a snapshot as the scan CSV does: quoted, formulas neutralised, controls escaped', async () => {
		const io = captureIo({ now });
		expect(await runProgram(['inventory', '--format', 'csv', '--snapshot', writeHostileSnapshot({ users: [formulaName, '-2+3'], roles: [newlineName, escapeName] })], io)).toBe(0);
		const rows = parse(io.out(), { columns: true }) as Record<string, string>[];
		expect(rows.map((r) => `${r.type}/${r.name}`)).toEqual([`user/'${formulaName}`, "user/'-2+3", `role/${newlineName}`, 'role/evil\\u001b[2J\\u001b[31mred\\u009b1m\\u202eoops', 'role/web-host']);
		expect(io.out()).not.toContain('\u001b');
	});

	it('writes one CSV row per user and role with keys, MFA, last use and policies', async () => {
		const { code, out, err } = await run(['--format', 'csv']);
		expect(err).toBe('');
		expect(code).toBe(0);
		const rows = parse(out, { columns: true }) as Record<string, string>[];
		expect(Object.keys(rows[0]!)).toEqual([
			'type', 'name', 'arn', 'created', 'console_password', 'password_last_used', 'mfa',
			'access_key_1_id', 'access_key_1_status', 'access_key_1_created', 'access_key_1_last_used',
			'access_key_2_id', 'access_key_2_status', 'access_key_2_created', 'access_key_2_last_used',
			'last_used', 'groups', 'attached_policies', 'inline_policies', 'permissions_boundary',
		]);
		const byName = new Map(rows.map((r) => [`${r.type}/${r.name}`, r]));
		const dave = byName.get('user/dave')!;
		expect(dave.access_key_1_status).toBe('Active');
		expect(dave.access_key_2_status).toBe('Active');
		expect(dave.access_key_1_id).toMatch(/^AKIA/);
		const bob = byName.get('user/bob')!;
		expect([bob.console_password, bob.mfa]).toEqual(['yes', 'none']);
		expect(byName.get('user/xavier')!.mfa).toBe('hardware');
		expect(byName.get('user/heidi')!.attached_policies).toContain('arn:aws:iam::aws:policy/AmazonS3FullAccess');
		expect(byName.get('user/ivan')!.inline_policies).toBe('iam-self-service');
		const zoe = byName.get('user/zoe')!;
		expect(zoe.access_key_1_last_used).toBe('never');
		expect(byName.get('role/jenkins-legacy')!.last_used).toMatch(/^2025-11-/);
		expect(byName.get('role/service-role/old-migration-role') ?? byName.get('role/old-migration-role')).toMatchObject({ last_used: 'never', mfa: 'not applicable' });
		// Never a secret.
		expect(out).not.toMatch(/secret/i);
	});

	it('writes JSON to a file with --output', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'inventory-'));
		const { code, out } = await run(['--format', 'json', '--output', 'principals.json'], dir);
		expect(code).toBe(0);
		expect(out).toBe('');
		const doc = JSON.parse(readFileSync(join(dir, 'principals.json'), 'utf8')) as { account: { id: string }; principals: PrincipalRow[] };
		expect(doc.account.id).toBe('123456789012');
		const erin = doc.principals.find((p) => p.type === 'user' && p.name === 'erin')!;
		expect(erin.consolePassword).toBe(true);
		expect(erin.passwordLastUsed).toMatch(/^2026-05-01/);
		expect(erin.accessKeys[0]).toMatchObject({ status: 'Active', id: expect.stringMatching(/^AKIA/) });
		expect(erin.lastUsed).toBe(erin.accessKeys[0]!.lastUsed);
		expect(doc.principals.filter((p) => p.type === 'role').every((p) => p.accessKeys.length === 0 && p.mfa === 'not applicable')).toBe(true);
	});

	it('refuses an unknown format', async () => {
		const { code, err } = await run(['--format', 'xlsx']);
		expect(code).toBe(2);
		expect(err).toMatch(/xlsx/);
	});
});
