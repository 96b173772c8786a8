import { describe, expect, it } from 'vitest';
import { A, action, sandbox, seedTime } from './sandbox-fixtures.js';

const na = { active: false, lastRotated: 'N/A', lastUsedDate: 'N/A', lastUsedRegion: 'N/A', lastUsedService: 'N/A' };

describe('the sandbox credential report', () => {
	it('puts the root row first, with not_supported in its password columns', async () => {
		const report = (await sandbox().readAccount()).credentialReport!;
		const root = report.rows[0]!;
		expect(root).toMatchObject({
			user: '<root_account>',
			arn: `${A}:root`,
			isRoot: true,
			passwordEnabled: 'not_supported',
			passwordLastChanged: 'not_supported',
			passwordNextRotation: 'not_supported',
			mfaActive: false,
			passwordLastUsed: '2026-03-09T06:30:00.000Z',
		});
		expect(root.keys[0]).toEqual({ slot: 1, active: true, lastRotated: '2022-05-14T09:30:00.000Z', lastUsedDate: '2026-03-02T09:30:00.000Z', lastUsedRegion: 'us-east-1', lastUsedService: 'ec2' });
		expect(root.keys[1]).toEqual({ slot: 2, ...na });
		expect(report.rows.slice(1).map((r) => r.isRoot)).not.toContain(true);
		expect(report.generatedAt).toBe('2026-03-14T04:30:00.000Z');
	});

	it('writes N/A for a user without a password or keys, and no_information for a password never used', async () => {
		const rows = (await sandbox().readAccount()).credentialReport!.rows;
		const zoe = rows.find((r) => r.user === 'zoe')!;
		expect(zoe).toMatchObject({ passwordEnabled: true, passwordLastUsed: 'no_information', passwordNextRotation: 'N/A', mfaActive: false });
		expect(zoe.keys[0]).toMatchObject({ active: true, lastUsedDate: 'N/A', lastUsedRegion: 'N/A', lastUsedService: 'N/A' });
		const ciDeploy = rows.find((r) => r.user === 'ci-deploy')!;
		expect(ciDeploy).toMatchObject({ arn: `${A}:user/service/ci-deploy`, passwordEnabled: false, passwordLastUsed: 'N/A', passwordLastChanged: 'N/A', passwordNextRotation: 'N/A' });
		expect(ciDeploy.keys[1]).toEqual({ slot: 2, ...na });
		expect(ciDeploy.certs).toEqual([
			{ active: false, lastRotated: 'N/A' },
			{ active: false, lastRotated: 'N/A' },
		]);
		const dave = rows.find((r) => r.user === 'dave')!;
		expect(dave.keys.map((k) => k.active)).toEqual([true, true]);
		expect(dave.keys[1]).toMatchObject({ lastUsedService: 'glue', lastUsedRegion: 'us-east-1' });
	});

	it('has a next rotation date once the password policy makes passwords expire', async () => {
		const gateway = sandbox();
		await gateway.apply(action('iam:UpdateAccountPasswordPolicy', { MinimumPasswordLength: 14, MaxPasswordAge: 90 }, 5));
		const bob = (await gateway.readAccount()).credentialReport!.rows.find((r) => r.user === 'bob')!;
		expect(bob.passwordNextRotation).toBe(new Date(Date.parse(bob.passwordLastChanged as string) + 90 * 86_400_000).toISOString());
	});

	it('reflects the state: a deactivated key shows as inactive, a deleted password as N/A', async () => {
		const gateway = sandbox();
		const erin = gateway.currentState().users.find((u) => u.name === 'erin')!;
		await gateway.apply(action('iam:UpdateAccessKey', { UserName: 'erin', AccessKeyId: erin.accessKeys[0]!.id, Status: 'Inactive' }, 5));
		await gateway.apply(action('iam:DeleteLoginProfile', { UserName: 'erin' }, 5));
		const row = (await gateway.readAccount()).credentialReport!.rows.find((r) => r.user === 'erin')!;
		expect(row.keys[0]!.active).toBe(false);
		expect(row.keys[0]!.lastRotated).toBe(erin.accessKeys[0]!.createDate);
		expect([row.passwordEnabled, row.passwordLastUsed, row.passwordLastChanged]).toEqual([false, 'N/A', 'N/A']);
	});

	it('is absent, and listed as not evaluated, until a report has been generated', async () => {
		const gateway = sandbox({ state: { ...sandbox().currentState(), credentialReportGeneratedAt: null } });
		const model = await gateway.readAccount();
		expect(model.credentialReport).toBeUndefined();
		// The demo's member account may not ask whether root access is centralized: that stays unknown throughout.
		expect(model.notEvaluated.map((n) => n.area)).toEqual(['credential-report', 'root-access']);
		expect(model.notEvaluated[0]!.findingIds).toContain('ROOT_ACCESS_KEY');
		await gateway.apply(action('iam:GenerateCredentialReport', {}));
		const after = await gateway.readAccount();
		expect(after.credentialReport?.generatedAt).toBe(seedTime.toISOString());
		expect(after.notEvaluated.map((n) => n.area)).toEqual(['root-access']);
	});
});
