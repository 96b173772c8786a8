import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import type { Action } from '../../source/core/actions.js';
import { redactSecrets, redactString } from '../../source/audit/redact-secrets.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import { clock, newKey, seededRandom, session, tempDir } from './log-fixtures.js';

const awsExampleSecret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const sessionToken = `FwoGZXIvYXdzEJr//////////wEaDH${'Qm9ndXNUb2tlbkZvclRlc3Rz'.repeat(12)}`;
const iqojToken = `IQoJb3JpZ2luX2VjEHQaCWV1LXdlc3QtMSJHMEUCIQ${'QW5vdGhlckJvZ3VzVG9rZW4'.repeat(10)}`;

function randomBase64(random: () => number, length: number): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
	return Array.from({ length }, () => alphabet[Math.floor(random() * 64)]).join('');
}

describe('redactSecrets', () => {
	test('replaces secret-shaped values wherever they are, and keeps identifiers', () => {
		const { value, redactions } = redactSecrets({
			AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
			temporary: 'ASIAIOSFODNN7EXAMPLE',
			SecretAccessKey: 'anything at all',
			SessionToken: 'short',
			password: 'hunter2',
			NewPassword: 'correct horse',
			nested: { message: `The key ${awsExampleSecret} was rejected`, list: [sessionToken, iqojToken] },
			config: `[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${awsExampleSecret}\n`,
			arn: `arn:aws:sts::123456789012:assumed-role/ops/${awsExampleSecret}`,
			pem: '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIDUMMYDUMMYDUMMYDUMMYDUMMYDUMMYDUMMYDUMMY\n-----END PRIVATE KEY-----\n',
		});
		expect(value).toEqual({
			AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
			temporary: 'ASIAIOSFODNN7EXAMPLE',
			SecretAccessKey: '[redacted]',
			SessionToken: '[redacted]',
			password: '[redacted]',
			NewPassword: '[redacted]',
			nested: { message: 'The key [redacted] was rejected', list: ['[redacted]', '[redacted]'] },
			config: '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = [redacted]\n',
			arn: 'arn:aws:sts::123456789012:assumed-role/ops/[redacted]',
			pem: '[redacted]\n',
		});
		expect(redactions).toBe(10);
	});

	test('leaves what only looks a little like a secret: settings about passwords, names, ARNs, hashes', () => {
		const keep = {
			PasswordPolicy: { MinimumPasswordLength: 14, AllowUsersToChangePassword: true, PasswordReusePrevention: 24, HardExpiry: false },
			passwordLastUsed: '2026-10-01T00:00:00Z',
			PolicyName: 'AdministratorAccessForProductionAccounts',
			PolicyArn: 'arn:aws:iam::123456789012:policy/service-role/AWSLambdaBasicExecutionRole-0123456789abcdef',
			digest: 'a6e44358b16d916a4b4ae74410e90df6e174b417697c587dbfa9b9c20f6ff999',
			commit: '5f9c1e2b3a4d5e6f708192a3b4c5d6e7f8091a2b',
			path: '/service-role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_AdministratorAccess_0123456789abcdef/',
			requestId: '5f8c3f1e-3a8e-4d5b-9a53-1c2f9a3c1e11',
			statement: 'Root password changed and MFA enabled in the console',
		};
		expect(redactSecrets(keep)).toEqual({ value: keep, redactions: 0 });
	});

	test('finds a secret key between slashes anywhere in a path, every one of several, and only whole 40-character pieces', () => {
		const other = 'Zq9/Xk2+Lm7Rt4Vb8Nc1Hd6Jf3Gs0Pw5Ya2Ue9Ko';
		expect(other).toHaveLength(40);
		expect(redactString(`arn:aws:sts::123456789012:assumed-role/${awsExampleSecret}/ops`).text).toBe('arn:aws:sts::123456789012:assumed-role/[redacted]/ops');
		expect(redactString(`keys/${awsExampleSecret}/${other}/end`).text).toBe('keys/[redacted]/[redacted]/end');
		// 40 characters inside a longer piece between slashes are not a key on their own.
		const longer = `${awsExampleSecret.replace(/\//g, 'x')}AB`;
		expect(redactString(`path/${longer}/x`).text).toBe(`path/${longer}/x`);
	});

	test('tells random from written by how often the character class changes: 12 changes in 40 characters (30% of a longer run) is random', () => {
		// Lower, upper, digit and symbol; each boundary letter (a z A Z 0 9) placed so that counting it in another class moves the total across the line.
		const twelve = `+a+z+A+Z+0+9${'+'.repeat(28)}`;
		const eleven = `bazabBAZAB19091+c+d+e+f${'g'.repeat(16)}+`;
		expect([twelve.length, eleven.length]).toEqual([40, 40]);
		expect(redactString(`key ${twelve} end`).text).toBe('key [redacted] end');
		expect(redactString(`key ${eleven} end`).text).toBe(`key ${eleven} end`);
		// A run of 100 or more: 30% of its length, not 12.
		const thirty = `${'a+'.repeat(15)}a${'+'.repeat(69)}`;
		const twentyNine = `${'a+'.repeat(15)}${'+'.repeat(70)}`;
		expect([thirty.length, twentyNine.length]).toEqual([100, 100]);
		expect(redactString(thirty).text).toBe('[redacted]');
		expect(redactString(twentyNine).text).toBe(twentyNine);
		// Padding is not part of the key: a 40-character key with "=" after it is still one.
		expect(redactString(`${twelve}==`).text).toBe('[redacted]');
		// An already redacted field is not counted again.
		expect(redactSecrets({ password: '[redacted]', note: 'x' })).toEqual({ value: { password: '[redacted]', note: 'x' }, redactions: 0 });
	});

	test('redacts secret fields holding numbers, and leaves an empty one empty', () => {
		expect(redactSecrets({ password: 123456, pin: 1234, MinimumPasswordLength: 14 })).toEqual({ value: { password: '[redacted]', pin: 1234, MinimumPasswordLength: 14 }, redactions: 1 });
		expect(redactSecrets({ SecretAccessKey: '', NewPassword: '' })).toEqual({ value: { SecretAccessKey: '', NewPassword: '' }, redactions: 0 });
		expect(redactSecrets({ credentials: ['a-password', 'another'] }).value).toEqual({ credentials: ['[redacted]', '[redacted]'] });
	});

	test('a key between slashes in a path of 100 characters or more is found too', () => {
		const key = awsExampleSecret.replace(/\//g, 'x');
		const path = `averyveryverylongfoldernamethatgoesonandon/anotherveryveryverylongfoldernamethatgoeson/${key}/end`;
		expect(path.length).toBeGreaterThan(100);
		expect(redactString(path)).toEqual({ text: path.replace(key, '[redacted]'), redactions: 1 });
		// A shorter random piece at the end of a path is not a 40-character key, and a written 40-character name between slashes is none either.
		const tail = 'Zq9Xk2Lm7Rt4Vb8Nc1Hd6Jf3Gs0Pw5';
		expect(redactString(`averyveryverylongfoldername/${tail}`).text).toBe(`averyveryverylongfoldername/${tail}`);
		const name = 'ProductionDeploymentPipelinerolefortest1';
		expect(name).toHaveLength(40);
		expect(redactString(`role/${name}/x`).text).toBe(`role/${name}/x`);
	});

	test('a CamelCase name changes class as often as a key, and stays: letters only, no two capitals together', () => {
		// 7 capitals: 13 changes, more than the 12 that make 40 characters random.
		const name = 'ProductionDeploymentPipelineRoleForTeamA';
		expect(name).toHaveLength(40);
		const arn = `arn:aws:iam::123456789012:role/${name}/x`;
		expect(redactString(arn)).toEqual({ text: arn, redactions: 0 });
		expect(redactString(`role ${name} deleted`).text).toBe(`role ${name} deleted`);
		// Two capitals together, or a digit, and the same run is judged by its changes again.
		for (const other of ['ProductionDeploymentPipelineRoleForTEamA', 'ProductionDeploymentPipelineRoleForTeam7']) {
			expect(other).toHaveLength(40);
			expect(redactString(`role/${other}/x`).text).toBe('role/[redacted]/x');
		}
	});

	test('the last character of a run counts once: 11 changes ending on a letter are not random', () => {
		const eleven = `${'a'.repeat(29)}A1A1A1A1A1A`;
		expect(eleven).toHaveLength(40);
		expect(redactString(`name ${eleven} end`).text).toBe(`name ${eleven} end`);
	});

	test('assigned secrets in text, however the assignment is written', () => {
		for (const [text, redacted] of [
			['secret_access_key=hunter2hunter2', 'secret_access_key=[redacted]'],
			['aws_session_token: abc123', 'aws_session_token: [redacted]'],
			['{"password": "hunter2"}', '{"password": "[redacted]"}'],
			["password = 'hunter2'", "password = '[redacted]'"],
			['PASSWORD=hunter2 next', 'PASSWORD=[redacted] next'],
		]) {
			expect(redactString(text!), text).toEqual({ text: redacted, redactions: 1 });
		}
		// Already redacted: not counted again.
		expect(redactString('password=[redacted]')).toEqual({ text: 'password=[redacted]', redactions: 0 });
	});

	test('a short session token, and private keys of every kind, ended or cut off', () => {
		expect(redactString('token FwoGZXIvYXdzEBYaDHabcd1234 used').text).toBe('token [redacted] used');
		const rsa = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAdummy\n-----END RSA PRIVATE KEY-----';
		expect(redactString(`before\n${rsa}\nafter`).text).toBe('before\n[redacted]\nafter');
		expect(redactString('-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIdummy').text).toBe('[redacted]');
	});

	test('field names are compared without case or punctuation, and values outside fields are only scanned', () => {
		expect(redactSecrets({ 'Private-Key': 'abc', session_token: 'x', 'api key': 'y' }).value).toEqual({ 'Private-Key': '[redacted]', session_token: '[redacted]', 'api key': '[redacted]' });
		expect(redactSecrets('plain text')).toEqual({ value: 'plain text', redactions: 0 });
		expect(redactSecrets(42)).toEqual({ value: 42, redactions: 0 });
		expect(redactSecrets([7, 'x'])).toEqual({ value: [7, 'x'], redactions: 0 });
	});

	test('catches every random 40-character secret key and long session token (seeded)', () => {
		const random = seededRandom(4242);
		for (let i = 0; i < 500; i += 1) {
			const secret = randomBase64(random, 40);
			expect(redactString(`secret is ${secret}.`).text).toBe('secret is [redacted].');
			const token = randomBase64(random, 300 + Math.floor(random() * 500));
			expect(redactString(`token:${token}`).text).not.toContain(token.slice(0, 40));
		}
	});
});

describe('secrets never reach the log file, whatever the action', () => {
	const random = seededRandom(7);
	const secrets = Array.from({ length: 6 }, () => randomBase64(random, 40));
	const token = `IQoJ${randomBase64(random, 600)}`;
	const password = 'Tr0ub4dor&3-very-secret';

	function actionsCarrying(secret: string): Action[] {
		return [
			{ kind: 'iam:UpdateAccessKey', params: { UserName: 'alice', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' }, step: 5, findingIds: ['KEY'], summary: `Deactivate a key (secret ${secret})` },
			{ kind: 'iam:PutUserPolicy', params: { UserName: 'bob', PolicyName: 'inline', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:userid': secret } } }] } }, step: 3, findingIds: [], summary: 'Scope an inline policy' },
			{ kind: 'events:PutTargets', params: { Rule: 'root-use', Targets: [{ id: secret, arn: `arn:aws:sns:eu-west-1:123456789012:${secret}` }] }, step: 6, findingIds: [], summary: 'Notify' },
			{ kind: 'iam:UpdateAccountPasswordPolicy', params: { MinimumPasswordLength: 14, password } as never, step: 5, findingIds: [], summary: 'Password policy' },
		] as Action[];
	}

	test('secret keys, session tokens and passwords in actions, reasons, errors, states and attestations are redacted', async () => {
		const dir = await tempDir();
		const now = clock();
		const log = await openAuditLog({ dir, key: await newKey(), session: { ...session, callerArn: `arn:aws:sts::123456789012:assumed-role/ops/${secrets[5]}` }, now });
		for (const [i, secret] of secrets.slice(0, 5).entries()) {
			for (const action of actionsCarrying(secret)) {
				const seq = await log.intent({ time: now().toISOString(), step: action.step, action, findingIds: action.findingIds, reason: `ticket CHG-${i} aws_secret_access_key=${secret}` });
				await log.result({
					seq,
					time: now().toISOString(),
					ok: i % 2 === 0,
					...(i % 2 === 0 ? {} : { error: { code: 'InvalidClientTokenId', message: `The security token ${token} is invalid`, requestId: 'r' } }),
					before: { SecretAccessKey: secret, SessionToken: token, Password: password, note: secret } as never,
					after: { Credentials: { SecretAccessKey: secret, SessionToken: token } } as never,
					inverse: null,
				});
			}
			await log.attestation({ time: now().toISOString(), step: 1, statement: `Rotated: new secret ${secret}, password: ${password}`, findingIds: [], reason: token });
		}
		await log.close();
		const text = await readFile(log.file, 'utf8');
		for (const secret of secrets) expect(text).not.toContain(secret);
		expect(text).not.toContain(token.slice(0, 30));
		expect(text).not.toContain(password);
		expect(text).toContain('AKIAIOSFODNN7EXAMPLE');
		expect(text).toContain('[redacted]');
		expect((await verifyLogs([log.file])).ok).toBe(true);
	});
});
