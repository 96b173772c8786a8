/**
 * Tools that treat stderr output as failure run iam-wizard headless: a successful command
 * against a live endpoint prints nothing on stderr, no SDK or Node.js warning (the SDK's
 * NodeVersionSupportWarning on Node 20, for one), unless --debug asks for them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { accountId } from './fake-account.js';
import { fakeAws } from './wire-kit.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The real process, run asynchronously so the fake AWS in this process can answer it. */
function cli(args: string[], endpoint: string, home: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
	const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'source/cli.tsx'), ...args], {
		cwd: root,
		env: {
			PATH: process.env.PATH,
			HOME: home,
			XDG_CONFIG_HOME: join(home, 'config'),
			XDG_DATA_HOME: join(home, 'data'),
			XDG_STATE_HOME: join(home, 'state'),
			AWS_EC2_METADATA_DISABLED: 'true',
			AWS_CONFIG_FILE: join(home, 'aws-config'),
			AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws-credentials'),
			AWS_ENDPOINT_URL: endpoint,
			AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
			AWS_SECRET_ACCESS_KEY: 'fake-secret-for-tests',
		},
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('headless stderr', () => {
	it('plan and apply against a live endpoint succeed with nothing on stderr', async () => {
		const { server } = await fakeAws();
		const dir = mkdtempSync(join(tmpdir(), 'wire-stderr-'));

		const plan = await cli(['plan', '--region', 'us-east-1', '--steps', '4', '--out', join(dir, 'plan.json')], server.url, dir);
		expect(plan.stderr).toBe('');
		expect(plan.code).toBe(0);
		const apply = await cli(['apply', '--plan', join(dir, 'plan.json'), '--yes', '--confirm-account', accountId, '--log-dir', join(dir, 'logs')], server.url, dir);
		expect(apply.stderr).toBe('');
		expect(apply.code).toBe(0);
		expect(apply.stdout).toMatch(/Applied 2 of 2 actions/);
	}, 120_000);

	it('--debug shows the warnings it hides otherwise', async () => {
		const { server } = await fakeAws();
		const dir = mkdtempSync(join(tmpdir(), 'wire-stderr-'));

		const scan = await cli(['scan', '--region', 'us-east-1', '--format', 'json', '--debug'], server.url, dir);

		expect(scan.code).toBe(0);
		expect(scan.stderr).toMatch(/NodeVersionSupportWarning/);
	}, 120_000);
});
