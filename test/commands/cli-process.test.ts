// The real process: argument handling, exit codes and what reaches stdout/stderr, as an operator sees them.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function cli(args: string[], env: Record<string, string> = {}) {
	const home = mkdtempSync(join(tmpdir(), 'cli-'));
	const result = spawnSync(process.execPath, ['--import', 'tsx', 'source/cli.tsx', ...args], {
		cwd: root,
		encoding: 'utf8',
		env: {
			PATH: process.env.PATH,
			HOME: home,
			XDG_CONFIG_HOME: join(home, 'config'),
			XDG_DATA_HOME: join(home, 'data'),
			XDG_STATE_HOME: join(home, 'state'),
			AWS_EC2_METADATA_DISABLED: 'true',
			AWS_CONFIG_FILE: join(home, 'aws-config'),
			AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws-credentials'),
			...env,
		},
		timeout: 60_000,
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function closedLoopbackPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

describe('iam-wizard process', () => {
	it('scan --demo --format json prints parseable JSON and nothing on stderr', () => {
		const run = cli(['scan', '--demo', '--format', 'json']);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		expect(JSON.parse(run.stdout).account.id).toBe('123456789012');
	});

	it('an unreachable endpoint is one sentence on stderr and exit 2, with no library warning', async () => {
		const port = await closedLoopbackPort();
		const run = cli(['scan', '--region', 'us-east-1', '--max-attempts', '1'], {
			AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
			AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE00',
			AWS_SECRET_ACCESS_KEY: 'not-a-real-secret-not-a-real-secret-0000',
		});
		expect(run.code).toBe(2);
		const lines = run.stderr.trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^iam-wizard: .*127\.0\.0\.1/);
		expect(run.stderr).not.toContain('Warning');
	});

	it('a reader that closes the pipe early is no error', () => {
		const home = mkdtempSync(join(tmpdir(), 'cli-pipe-'));
		const run = spawnSync('sh', ['-c', `"${process.execPath}" --import tsx source/cli.tsx scan --demo --format sarif | head -c 100 > /dev/null`], {
			cwd: root,
			encoding: 'utf8',
			env: { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, 'c'), XDG_DATA_HOME: join(home, 'd'), XDG_STATE_HOME: join(home, 's'), AWS_EC2_METADATA_DISABLED: 'true' },
			timeout: 60_000,
		});
		expect(run.stderr).not.toContain('EPIPE');
		expect(run.stderr).toBe('');
	});

	it('an unknown flag prints usage and exits 2', () => {
		const run = cli(['scan', '--nope']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain("error: unknown option '--nope'");
	});
});

describe('standard output that cannot be written', () => {
	it.runIf(process.platform === 'linux')('`scan --demo --format json > /dev/full` is one sentence and exit 2, no stack trace', { timeout: 60_000 }, () => {
		const home = mkdtempSync(join(tmpdir(), 'cli-full-'));
		const result = spawnSync('/bin/sh', ['-c', `"${process.execPath}" --import tsx source/cli.tsx scan --demo --format json > /dev/full`], {
			cwd: root,
			encoding: 'utf8',
			env: { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, 'c'), XDG_DATA_HOME: join(home, 'd'), XDG_STATE_HOME: join(home, 's') },
			timeout: 60_000,
		});
		expect(result.stderr).toBe('iam-wizard: Cannot write the standard output: no space left on the device.\n');
		expect(result.status).toBe(2);
	});
});
