/**
 * `iam-wizard query` on the demo account: who can pass a role (itself or through a path,
 * with the statements on every hop), what a principal reaches, and usage errors.
 */
import { describe, expect, it } from 'vitest';
import { loadIamCatalogue } from '../../source/aws/iam-catalogue.js';
import { runProgram } from '../../source/commands/program.js';
import { captureIo } from '../helpers/command-io.js';

const now = new Date('2026-11-27T12:00:00Z');
const A = 'arn:aws:iam::123456789012';

interface Hop {
	principal: string;
	method: string;
	to: string;
	permissions: string[];
	steps: { action: string; allowedBy: { policy: string; statement: number }[] }[];
}

async function run(args: string[]) {
	const io = captureIo({ now });
	const code = await runProgram(['query', '--demo', '--reset', ...args], io);
	return { code, out: io.out(), err: io.err() };
}

describe('iam-wizard query', () => {
	it('--who-can iam:PassRole answers with paths: principals that pass roles themselves and those that reach one that can', async () => {
		const { code, out } = await run(['--who-can', 'iam:PassRole', '--format', 'json']);
		expect(code).toBe(0);
		const answers = (JSON.parse(out) as { answers: { principal: string; verdict: string; hops: number; path: Hop[]; allowedBy: { policy: string }[] }[] }).answers;
		const bob = answers.find((a) => a.principal === `${A}:user/bob`)!;
		expect(bob).toMatchObject({ verdict: 'allowed', hops: 0, path: [] });
		expect(bob.allowedBy.map((s) => s.policy)).toContain('developer-access');
		// ivan cannot pass a role, but can take alice's keys, and alice can.
		const ivan = answers.find((a) => a.principal === `${A}:user/ivan`)!;
		expect(ivan.hops).toBe(1);
		expect(ivan.path[0]).toMatchObject({ principal: `${A}:user/ivan`, method: 'CreateAccessKey', to: `${A}:user/alice`, permissions: ['iam:CreateAccessKey'] });
		expect(ivan.path[0]!.steps[0]!.allowedBy[0]).toMatchObject({ policy: 'iam-self-service' });
		// partner-audit is read-only and reaches nothing that can.
		expect(answers.some((a) => a.principal === `${A}:role/partner-audit`)).toBe(false);
	});

	it('prints the same as a table, each hop with the statement that allows it', async () => {
		const { code, out } = await run(['--who-can', 'iam:PassRole']);
		expect(code).toBe(0);
		expect(out).toMatch(/^Who can iam:PassRole: \d+ principals\n/);
		expect(out).toContain('user ivan — in 1 hop: CreateAccessKey → user alice (full administrator)');
		expect(out).toContain('CreateAccessKey: iam:CreateAccessKey allowed by iam-self-service');
	});

	it('--reach shows a two-hop path with the statements of each hop', async () => {
		const { code, out } = await run(['--reach', 'data-science-notebook', '--format', 'json']);
		expect(code).toBe(0);
		const reaches = (JSON.parse(out) as { reaches: { principal: string; hops: number; path: Hop[] }[] }).reaches;
		// PowerUser-like, it may assume policy-rollback (its trust admits the account), which may make an older policy version the default.
		const admin = reaches.find((r) => r.principal === 'admin')!;
		expect(admin.path.map((h) => `${h.method}>${h.to}`)).toEqual(['AssumeRole>arn:aws:iam::123456789012:role/policy-rollback', 'SetDefaultPolicyVersion>admin']);
		expect(admin.path[0]!.steps[0]!.allowedBy[0]).toMatchObject({ policy: 'power-user-no-iam' });
		expect(admin.path[1]!.steps[0]!.allowedBy[0]).toMatchObject({ policy: 'rollback-policies' });
	});

	it('a full administrator reaches nothing it does not have', async () => {
		const { code, out } = await run(['--reach', 'user/alice']);
		expect(code).toBe(0);
		expect(out).toBe('user alice (full administrator) is a full administrator: it reaches nothing it does not already have.\n');
	});

	it('warns on stderr about an action the catalogue does not know, with the nearest actions of its service, and still answers', async () => {
		const version = (await loadIamCatalogue()).version;
		const typo = await run(['--who-can', 'iam:PassRol']);
		expect(typo.code).toBe(0);
		expect(typo.err).toBe(
			`iam-wizard: --who-can "iam:PassRol" is not an action in the IAM action catalogue iam-wizard bundles (iam-data ${version}): did you mean iam:PassRole? If the action is newer than the catalogue, the answer still holds: it is matched against the policies as written.\n`,
		);
		expect(typo.out).toMatch(/^Who can iam:PassRol: /);
		const json = await run(['--who-can', 's3:GetObjct', '--format', 'json']);
		expect((JSON.parse(json.out) as { notices: string[] }).notices).toEqual([expect.stringContaining('did you mean s3:GetObject?')]);
		expect((await run(['--who-can', 'iam:Frobnicate'])).err).toContain('"iam:Frobnicate" is not an action in the IAM action catalogue iam-wizard bundles');
		expect((await run(['--who-can', 'iam:Frobnicate'])).err).toContain(': no iam action is spelled like it. If the action is newer');
		expect((await run(['--who-can', 'nosuch:Thing'])).err).toContain(`--who-can "nosuch:Thing": the IAM action catalogue iam-wizard bundles (iam-data ${version}) has no service "nosuch", so only wildcards such as * match it.`);
	});

	it('refuses a pattern, which it would match only against wildcards as text, naming what it matches', async () => {
		const pattern = await run(['--who-can', 'iam:Pass*']);
		expect(pattern.code).toBe(2);
		expect(pattern.err).toContain('--who-can takes one action, not a pattern: "iam:Pass*" matches 1 action (iam:PassRole). Ask about the action you mean, e.g. --who-can iam:PassRole.');
		expect(pattern.out).toBe('');
		expect((await run(['--who-can', 'iam:Get*'])).err).toMatch(/"iam:Get\*" matches \d+ actions \(iam:Get\w+, iam:Get\w+, iam:Get\w+, …\)/);
		expect((await run(['--who-can', 'nosuch:Thing?'])).err).toContain('"nosuch:Thing?" matches no action of the catalogue. Ask about the action you mean.');
	});

	it('says nothing about a known action in any casing', async () => {
		for (const action of ['iam:passrole', 'iam:PassRole']) {
			const { code, err, out } = await run(['--who-can', action, '--format', 'json']);
			expect(code, action).toBe(0);
			expect(err, action).toBe('');
			expect(JSON.parse(out), action).not.toHaveProperty('notices');
		}
	});

	it('refuses no question, two questions, an unknown principal or a malformed action', async () => {
		expect((await run([])).err).toContain('Ask one question');
		expect((await run(['--who-can', 'iam:PassRole', '--reach', 'bob'])).code).toBe(2);
		const unknown = await run(['--reach', 'nobody']);
		expect(unknown.code).toBe(2);
		expect(unknown.err).toContain('--reach "nobody" names no user or role');
		expect((await run(['--who-can', 'PassRole'])).err).toContain('is not an action such as iam:PassRole');
	});
});
