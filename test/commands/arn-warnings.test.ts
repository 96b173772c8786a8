/** ARNs that used to be accepted without a word: each gets one warning sentence, nothing is refused. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../source/commands/program.js';
import { settingsFile } from '../../source/settings/settings-store.js';
import { awsFixture } from '../fixtures-path.js';
import { captureIo } from '../helpers/command-io.js';

const account = '123456789012';

async function scan(args: string[]) {
	const io = captureIo();
	const code = await runProgram(['scan', '--format', 'json', ...args], io);
	return { code, err: io.err(), report: JSON.parse(io.out() || '{}') as { notices?: string[] } };
}

describe('--exclude entries that protect nobody', () => {
	it('a name, not an ARN: says so and gives the ARN of the principal of that name', async () => {
		const { code, err, report } = await scan(['--demo', '--exclude', 'bob']);
		expect(code).toBe(0);
		const warning = `--exclude "bob" is not an ARN, so it excludes nothing: user bob is arn:aws:iam::${account}:user/bob.`;
		expect(err).toContain(`iam-wizard: ${warning}\n`);
		expect(report.notices).toContain(warning);
	});

	it('not an ARN at all, another account, a principal that does not exist, not an IAM principal', async () => {
		const { err } = await scan(['--demo', '--exclude', 'not-an-arn', '--exclude', 'arn:aws:iam::999999999999:user/bob', '--exclude', `arn:aws:iam::${account}:user/nobody`, '--exclude', 'arn:aws:s3:::bucket']);
		expect(err).toContain(`iam-wizard: --exclude "not-an-arn" is not an ARN, so it excludes nothing: give one such as arn:aws:iam::${account}:user/NAME.\n`);
		expect(err).toContain(`iam-wizard: --exclude "arn:aws:iam::999999999999:user/bob" is in account 999999999999, not in account ${account} being read, so it excludes nothing here.\n`);
		expect(err).toContain(`iam-wizard: --exclude "arn:aws:iam::${account}:user/nobody" matches no user, role or group in account ${account}, so it excludes nothing.\n`);
		expect(err).toContain('iam-wizard: --exclude "arn:aws:s3:::bucket" is not the ARN of an IAM user, role or group, so it excludes nothing.\n');
	});

	it('an ARN that names a principal, with or without its path or a wildcard, gives no warning', async () => {
		const { err } = await scan(['--demo', '--exclude', `arn:aws:iam::${account}:user/bob`, '--exclude', `arn:aws:iam::${account}:role/*`]);
		expect(err).toBe('');
	});

	it('plan says the same', async () => {
		const io = captureIo();
		const out = join(mkdtempSync(join(tmpdir(), 'arnw-')), 'plan.json');
		expect(await runProgram(['plan', '--demo', '--out', out, '--exclude', 'bob'], io)).toBe(0);
		expect(io.err()).toContain(`iam-wizard: --exclude "bob" is not an ARN, so it excludes nothing: user bob is arn:aws:iam::${account}:user/bob.\n`);
	});

	it('a breakGlass entry in the settings, naming the settings file', async () => {
		mkdirSync(join(settingsFile(), '..'), { recursive: true });
		writeFileSync(settingsFile(), JSON.stringify({ breakGlass: [{ arn: 'arn:aws:iam::999999999999:role/break-glass', reason: 'emergency' }] }));
		try {
			const { err } = await scan(['--demo']);
			expect(err).toContain(`iam-wizard: The breakGlass entry in ${settingsFile()} "arn:aws:iam::999999999999:role/break-glass" is in account 999999999999, not in account ${account} being read, so it excludes nothing here.\n`);
		} finally {
			rmSync(settingsFile());
		}
	});
});

describe('ARNs in a snapshot', () => {
	it('a user whose Arn is not an ARN, and one in another account, are named', async () => {
		const doc = JSON.parse(readFileSync(awsFixture('authorization-details.json'), 'utf8')) as { UserDetailList: { Arn: string }[] };
		doc.UserDetailList[0]!.Arn = 'not-an-arn';
		doc.UserDetailList[1]!.Arn = doc.UserDetailList[1]!.Arn.replace(account, '999999999999');
		const file = join(mkdtempSync(join(tmpdir(), 'arnw-')), 'authorization-details.json');
		writeFileSync(file, JSON.stringify(doc));
		const { code, err } = await scan(['--snapshot', file]);
		expect(code).toBe(0);
		expect(err).toContain('iam-wizard: The user carol has the Arn "not-an-arn", which is not the ARN of an IAM user: findings about it name that Arn.\n');
		expect(err).toContain(`iam-wizard: The user report-bot has an ARN in account 999999999999, not in account ${account} being read: is the data from two accounts?\n`);
	});
});
