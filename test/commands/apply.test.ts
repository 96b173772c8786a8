import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '../../source/audit/signing-key.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import type { AwsGateway } from '../../source/aws/gateway.js';
import { signPlan } from '../../source/commands/plan-signature.js';
import { runProgram } from '../../source/commands/program.js';
import { GatewayError } from '../../source/core/gateway-error.js';
import { unsignedPlan, type PlanFile } from '../../source/core/plan-file.js';
import { appPaths } from '../../source/settings/paths.js';
import { writeCrashedSession } from '../audit/log-fixtures.js';
import { awsFixture } from '../fixtures-path.js';
import { captureIo } from '../helpers/command-io.js';
import { parseAnchors } from '../../source/audit/session-anchor.js';
import type { SandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import type { Action } from '../../source/core/actions.js';
import { account, apply, keyStatus, logRecords, makePlan, now, sandbox, workspace } from './plan-apply-kit.js';

describe('apply', () => {
	it('refuses a step-3 plan applied a second time as stale (exit 1), though a version it deleted is gone', async () => {
		const { dir, logDir } = workspace();
		expect(await runProgram(['plan', '--demo', '--reset', '--steps', '3', '--out', 'p.json'], captureIo({ now, cwd: dir }))).toBe(0);
		const plan = JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8')) as PlanFile;
		expect(plan.actions.some((a) => a.action.kind === 'iam:DeletePolicyVersion')).toBe(true);
		const args = ['apply', '--plan', 'p.json', '--yes', '--confirm-account', account, '--log-dir', logDir];
		expect(await runProgram(args, captureIo({ now, cwd: dir }))).toBe(0);
		const again = captureIo({ now, cwd: dir });
		expect(await runProgram(args, again)).toBe(1);
		// The new default versions changed the policies; the versions it deleted are gone, which is what it makes (in place, not stale).
		expect(again.err()).toMatch(/^iam-wizard: Will not apply a stale plan: policy arn:aws:iam::\d{12}:policy\/.* nothing was applied\. Make a new plan\.\n$/);
		expect(again.err()).not.toContain('no longer exists');
	});

	it('applies a demo plan through the CLI, leaves a log that audit verify accepts, and refuses the same plan again as stale (its new SCP is judged by name only)', async () => {
		const { dir, logDir } = workspace();
		const planIo = captureIo({ now, cwd: dir });
		expect(await runProgram(['plan', '--demo', '--reset', '--steps', '5', '--out', 'p.json'], planIo)).toBe(0);
		const plan = JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8')) as PlanFile;

		const io = captureIo({ now, cwd: dir });
		const args = ['apply', '--plan', 'p.json', '--yes', '--confirm-account', account, '--reason', 'TICKET-1', '--log-dir', logDir];
		expect(await runProgram(args, io)).toBe(0);
		expect(io.err()).toBe('');
		expect(io.out()).toContain(`Applied ${plan.actions.length} of ${plan.actions.length} actions; re-read and verified ${plan.actions.length}.`);
		const records = logRecords(logDir);
		expect(records[0]).toMatchObject({ type: 'header', command: 'apply', account, mode: 'demo' });
		const intents = records.filter((r) => r.type === 'intent');
		expect(intents.map((r) => (r.action as { summary: string }).summary)).toEqual(plan.actions.map((a) => a.action.summary));
		expect(intents[0]!.reason).toMatch(/^TICKET-1 \[plan [0-9a-f]{12}\] \[policies validated by the sandbox \(local checks\)\]$/);
		expect(records.filter((r) => r.type === 'result').every((r) => r.ok === true)).toBe(true);
		expect(records.at(-1)!.type).toBe('seal');
		expect((await verifyLogs([logDir])).ok).toBe(true);
		// The last line is the session's anchor for the change ticket, and the log checks out against it.
		const last = io.out().trimEnd().split('\n').at(-1)!;
		expect(last).toMatch(new RegExp(`^iam-wizard anchor: ${readdirSync(logDir).find((f) => f.endsWith('.jsonl'))} header [0-9a-f]{64} seal [0-9a-f]{64} records ${records.length}$`));
		expect((await verifyLogs([logDir], { anchors: parseAnchors(last) })).ok).toBe(true);

		const again = captureIo({ now, cwd: dir });
		expect(await runProgram(args, again)).toBe(1);
		// The keys and the password policy are as it makes them (in place); an SCP of that name is not proof that it is the plan's.
		expect(again.err()).toMatch(/^iam-wizard: Will not apply a stale plan: service control policy iam-wizard-require-mfa changed since /);
		expect(again.err()).toContain('nothing was applied');
		expect(readdirSync(logDir).filter((f) => f.endsWith('.jsonl'))).toHaveLength(1);
	});

	it('refuses a plan when one resource it depends on changed, naming it, and applies nothing', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		const { plan } = await makePlan(dir, gateway);
		const target = plan.actions[1]!.action as { params: { UserName: string; AccessKeyId: string } };
		// Deleted, not deactivated as the plan does (that would be the plan's change, in place).
		await gateway.apply({ ...plan.actions[1]!.action, kind: 'iam:DeleteAccessKey', params: { UserName: target.params.UserName, AccessKeyId: target.params.AccessKeyId } } as never);
		const before = gateway.history().length;
		const result = await apply(dir, logDir, gateway);
		expect(result.code).toBe(1);
		expect(result.io.err()).toBe(
			`iam-wizard: Will not apply a stale plan: access key ${target.params.AccessKeyId} of user ${target.params.UserName} (it no longer exists) changed since the plan was made at ${now.toISOString()}; nothing was applied. Make a new plan.\n`,
		);
		expect(gateway.history().length).toBe(before);
	});

	it('refuses a plan holding an action whose state was never read (no digest to compare): never treated as fresh', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		// The plan is made where the second action's state cannot be read (a read-only source answers ReadOnly).
		let reads = 0;
		const blind = Object.assign(Object.create(gateway) as SandboxGateway, {
			readState: async (action: Action) => {
				reads += 1;
				if (reads === 2) throw new GatewayError('ReadOnly', 'This source cannot read live state.');
				return gateway.readState(action);
			},
		});
		const { plan } = await makePlan(dir, blind);
		expect(plan.actions.map((a) => a.stateDigest === null)).toEqual(plan.actions.map((_, i) => i === 1));
		const before = gateway.history().length;
		const result = await apply(dir, logDir, gateway);
		expect(result.code).toBe(1);
		expect(result.io.err()).toBe(
			`iam-wizard: Will not apply a stale plan: ${plan.actions[1]!.resource} (its state was not read when the plan was made) changed since the plan was made at ${now.toISOString()}; nothing was applied. Make a new plan.\n`,
		);
		expect(gateway.history().length).toBe(before);
	});

	it('refuses a plan edited after it was written', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		const { file, plan } = await makePlan(dir, gateway);
		plan.actions = plan.actions.slice(0, 1);
		writeFileSync(file, JSON.stringify(plan));
		const result = await apply(dir, logDir, gateway);
		expect(result.code).toBe(1);
		expect(result.io.err()).toBe('iam-wizard: Will not apply plan.json: its signature does not verify: it was edited after it was written.\n');
		expect(gateway.history()).toEqual([]);
	});

	it('accepts a plan that was only re-indented: the signature covers its canonical JSON, not its bytes', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		const { file, plan } = await makePlan(dir, gateway, { only: 'CREDENTIAL_UNUSED' });
		writeFileSync(file, JSON.stringify(plan, null, '\t'));
		const result = await apply(dir, logDir, gateway);
		expect(result.code).toBe(0);
		expect(gateway.history()).toHaveLength(plan.actions.length);
	});

	it('refuses a plan signed by another key, even when its own signature holds', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		const { file, plan } = await makePlan(dir, gateway);
		const { generateKeyPairSync } = await import('node:crypto');
		const other = generateKeyPairSync('ed25519').privateKey;
		const otherKeyFile = join(dir, 'other.pem');
		writeFileSync(otherKeyFile, other.export({ format: 'pem', type: 'pkcs8' }));
		const otherKey = await loadOrCreateSigningKey({ keysDir: dir, keyFile: otherKeyFile });
		writeFileSync(file, JSON.stringify(signPlan(unsignedPlan(plan), otherKey)));
		const result = await apply(dir, logDir, gateway);
		expect(result.code).toBe(1);
		expect(result.io.err()).toContain(`it is signed by ${otherKey.fingerprint}, not by this change-log key`);
		expect(gateway.history()).toEqual([]);
	});

	it('refuses a plan for another account', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		await makePlan(dir, gateway);
		const elsewhere: AwsGateway = { ...gateway, callerIdentity: async () => ({ account: '210987654321', arn: 'arn:aws:iam::210987654321:user/ops', userId: 'AIDAOPS' }) };
		const result = await apply(dir, logDir, elsewhere, { confirmAccount: undefined });
		expect(result.code).toBe(1);
		expect(result.io.err()).toBe(`iam-wizard: Will not apply: the plan is for account ${account}, but you are signed in to account 210987654321 (arn:aws:iam::210987654321:user/ops).\n`);
		expect(gateway.history()).toEqual([]);
	});

	it('refuses a plan from a newer iam-wizard (exit 2)', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		const { file, plan } = await makePlan(dir, gateway);
		const key = await loadOrCreateSigningKey({ keysDir: appPaths().keys });
		writeFileSync(file, JSON.stringify(signPlan({ ...unsignedPlan(plan), tool: { name: 'iam-wizard', version: '99.0.0' } }, key)));
		const result = await apply(dir, logDir, gateway);
		expect(result.code).toBe(2);
		expect(result.io.err()).toMatch(/^iam-wizard: plan\.json was written by iam-wizard 99\.0\.0 \(plan format 1\); this is iam-wizard [\d.]+ \(plan format 1\): apply it with iam-wizard 99\.0\.0 or later\.\n$/);
		expect(gateway.history()).toEqual([]);
	});

	it('names both plan formats when only the format is newer, never "0.1.0, newer than 0.1.0"', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		const { file, plan } = await makePlan(dir, gateway);
		const key = await loadOrCreateSigningKey({ keysDir: appPaths().keys });
		writeFileSync(file, JSON.stringify(signPlan({ ...unsignedPlan(plan), formatVersion: 7 }, key)));
		const result = await apply(dir, logDir, gateway);
		expect(result.code).toBe(2);
		expect(result.io.err()).toBe(`iam-wizard: plan.json was written by a newer iam-wizard (plan format 7); this is iam-wizard ${plan.tool.version} (plan format 1): apply it with an iam-wizard that reads plan format 7.\n`);
		expect(gateway.history()).toEqual([]);
	});

	it('refuses a plan made from a snapshot', async () => {
		const { dir, logDir } = workspace();
		const io = captureIo({ now, cwd: dir });
		expect(await runProgram(['plan', '--snapshot', awsFixture('authorization-details.json'), '--out', 'plan.json'], io)).toBe(0);
		const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as PlanFile;
		expect(plan.source.kind).toBe('snapshot');
		const gateway = sandbox();
		const result = await apply(dir, logDir, gateway);
		expect(result.code).toBe(1);
		expect(result.io.err()).toContain('Will not apply plan.json: it was made from a snapshot');
		expect(gateway.history()).toEqual([]);
	});

	it('refuses a typed-account-ID plan without --confirm-account, and a wrong one', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		await makePlan(dir, gateway);
		const without = await apply(dir, logDir, gateway, { confirmAccount: undefined });
		expect(without.code).toBe(1);
		expect(without.io.err()).toMatch(
			new RegExp(`^iam-wizard: Will not apply without --confirm-account ${account}: Attaches service control policy iam-wizard-require-mfa to organizational unit ou-a1b2-s4ndb0x8, affecting every account under it; Deactivates or deletes access keys of \\d+ users\\.\\n$`),
		);
		const wrong = await apply(dir, logDir, gateway, { confirmAccount: '111111111111' });
		expect(wrong.code).toBe(1);
		expect(wrong.io.err()).toContain('--confirm-account 111111111111 is not the account you are signed in to (123456789012)');
		expect(gateway.history()).toEqual([]);
	});

	it('accepts --confirm-account when the plan does not need it', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		const { plan } = await makePlan(dir, gateway, { only: 'CREDENTIAL_UNUSED' });
		expect(plan.confirmation.level).toBe('yes-no');
		const result = await apply(dir, logDir, gateway);
		expect(result.code).toBe(0);
		expect(gateway.history().map((h) => h.action.summary)).toEqual(plan.actions.map((a) => a.action.summary));
	});

	it('stops at a failure, reports it, and leaves a log saying exactly what was applied (exit 1)', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox({ failOn: (_action, attempt) => (attempt === 3 ? new GatewayError('AccessDenied', 'Access denied to iam:UpdateAccessKey.') : undefined) });
		const { plan } = await makePlan(dir, gateway);
		const result = await apply(dir, logDir, gateway);
		expect(result.code).toBe(1);
		const third = plan.actions[2]!.action;
		expect(result.io.err()).toContain(`Stopped at action 3 of ${plan.actions.length} (${third.summary}): Access denied to iam:UpdateAccessKey. (AccessDenied`);
		expect(result.io.out()).toContain(`Applied 2 of ${plan.actions.length} actions:`);
		expect(result.io.out()).toContain(`  failed: ${third.summary}`);
		expect(result.io.out()).toContain(`  not attempted: ${plan.actions[3]!.action.summary}`);

		const records = logRecords(logDir);
		const intents = records.filter((r) => r.type === 'intent');
		const results = records.filter((r) => r.type === 'result');
		expect(intents.map((r) => (r.action as { summary: string }).summary)).toEqual(plan.actions.slice(0, 3).map((a) => a.action.summary));
		expect(results.map((r) => r.ok)).toEqual([true, true, false]);
		expect(results[2]!.error).toMatchObject({ code: 'AccessDenied' });
		expect((await verifyLogs([logDir])).ok).toBe(true);
		// What the log says was applied is what the account shows.
		for (const [i, entry] of plan.actions.entries()) {
			if (entry.action.kind !== 'iam:UpdateAccessKey') continue;
			const id = (entry.action.params as { AccessKeyId: string }).AccessKeyId;
			expect(keyStatus(gateway, id), entry.action.summary).toBe(i < 2 ? 'Inactive' : 'Active');
		}
	});

	it('asks y/N on a terminal without --yes, and refuses without a terminal', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		await makePlan(dir, gateway, { only: 'CREDENTIAL_UNUSED' });
		const noTerminal = await apply(dir, logDir, gateway, { yes: false });
		expect(noTerminal.code).toBe(2);
		expect(noTerminal.io.err()).toBe('iam-wizard: Confirming a plan needs a terminal; pass --yes to apply it without the question. Nothing was applied.\n');
		const declined = await apply(dir, logDir, gateway, { yes: false }, { isTTY: true, answers: ['n'] });
		expect(declined.code).toBe(1);
		expect(declined.io.err()).toBe('iam-wizard: Not confirmed: nothing was applied.\n');
		expect(gateway.history()).toEqual([]);
		const accepted = await apply(dir, logDir, gateway, { yes: false }, { isTTY: true, answers: ['y'] });
		expect(accepted.code).toBe(0);
		expect(gateway.history().length).toBeGreaterThan(0);
	});

	it('leaves a lock-out risk out of a default plan; a plan that has one needs --allow-lockout-risk to apply', async () => {
		const { dir, logDir } = workspace();
		const base = sandbox();
		const role = 'arn:aws:sts::123456789012:assumed-role/vendor-monitoring/ops-session';
		const caller = { account, arn: role, userId: 'AROAEXAMPLE:ops-session' };
		// Signed in as the role whose trust policy step 2 proposes to change.
		const asRole: AwsGateway = {
			...base,
			callerIdentity: async () => caller,
			readAccount: async (o) => ({ ...(await base.readAccount(o)), caller }),
		};
		const byDefault = await makePlan(dir, asRole, { steps: '2' });
		expect(byDefault.plan.actions.map((a) => a.action.summary).join('\n')).not.toContain('vendor-monitoring');
		expect(byDefault.plan.heldBack).toContainEqual(expect.objectContaining({ reason: expect.stringMatching(/^lock-out risk: Changes role vendor-monitoring, the principal you are signed in as .*--allow-lockout-risk/) }));

		const risky = await makePlan(dir, asRole, { steps: '2', allowLockoutRisk: true });
		const entry = risky.plan.actions.find((a) => a.action.summary.includes('vendor-monitoring'));
		expect(entry?.lockoutRisk).toContain('the principal you are signed in as');
		const refused = await apply(dir, logDir, asRole);
		expect(refused.code).toBe(1);
		expect(refused.io.err()).toMatch(/^iam-wizard: Will not apply without --allow-lockout-risk: Changes role vendor-monitoring/);
		expect(base.history()).toEqual([]);
		const allowed = await apply(dir, logDir, asRole, { allowLockoutRisk: true });
		expect(allowed.code).toBe(0);
		expect(base.history().map((h) => h.action.summary)).toContain(entry?.action.summary);
	});

	it("holds back a change to a group the signed-in user is in, and apply takes the plan's risk without reading the groups again", async () => {
		const { dir, logDir } = workspace();
		const base = sandbox();
		// quinn is in oncall, whose inline policy step 3 proposes to rewrite.
		const caller = { account, arn: `arn:aws:iam::${account}:user/quinn`, userId: 'AIDAQUINN' };
		const asQuinn: AwsGateway = { ...base, callerIdentity: async () => caller, readAccount: async (o) => ({ ...(await base.readAccount(o)), caller }) };
		const byDefault = await makePlan(dir, asQuinn, { steps: '3' });
		expect(byDefault.plan.heldBack).toContainEqual(expect.objectContaining({ reason: expect.stringMatching(/^lock-out risk: Changes group oncall, which user quinn you are signed in as is in .*--allow-lockout-risk/) }));
		expect(byDefault.plan.actions.some((a) => (a.action.params as { GroupName?: string }).GroupName === 'oncall')).toBe(false);

		const risky = await makePlan(dir, asQuinn, { steps: '3', allowLockoutRisk: true });
		const entry = risky.plan.actions.find((a) => (a.action.params as { GroupName?: string }).GroupName === 'oncall');
		expect(entry?.lockoutRisk).toMatch(/^Changes group oncall, which user quinn you are signed in as is in/);
		const refused = await apply(dir, logDir, asQuinn);
		expect(refused.code).toBe(1);
		expect(refused.io.err()).toMatch(/^iam-wizard: Will not apply without --allow-lockout-risk: Changes group oncall/);
		expect(base.history()).toEqual([]);
	});

	it('holds back a new default version of a managed policy the signed-in user has, and apply takes the risk the plan recorded', async () => {
		const { dir, logDir } = workspace();
		const base = sandbox();
		// mallory has contractor-iam-helper attached, which step 3 proposes to scope.
		const caller = { account, arn: `arn:aws:iam::${account}:user/contractors/mallory`, userId: 'AIDAMALLORY' };
		const asMallory: AwsGateway = { ...base, callerIdentity: async () => caller, readAccount: async (o) => ({ ...(await base.readAccount(o)), caller }) };
		const policy = `arn:aws:iam::${account}:policy/contractors/contractor-iam-helper`;
		const isScoping = (a: { action: Action }) => a.action.kind === 'iam:CreatePolicyVersion' && (a.action.params as { PolicyArn: string }).PolicyArn === policy;
		const byDefault = await makePlan(dir, asMallory, { steps: '3' });
		expect(byDefault.plan.heldBack).toContainEqual(
			expect.objectContaining({ reason: expect.stringMatching(new RegExp(`^lock-out risk: Changes policy ${policy}, which user mallory you are signed in as has attached to it .*--allow-lockout-risk`)) }),
		);
		expect(byDefault.plan.actions.some(isScoping)).toBe(false);
		// The deletion of its oldest version (the policy has five) only made room for it: held back too.
		expect(byDefault.plan.heldBack).toContainEqual(
			expect.objectContaining({ summary: expect.stringMatching(/^Delete version v1 .* of contractor-iam-helper/), reason: 'it only makes room for a new policy version held back as a lock-out risk' }),
		);
		expect(byDefault.plan.actions.some((a) => (a.action.params as { PolicyArn?: string }).PolicyArn === policy)).toBe(false);

		const risky = await makePlan(dir, asMallory, { steps: '3', allowLockoutRisk: true });
		expect(risky.plan.actions.find(isScoping)?.lockoutRisk).toMatch(new RegExp(`^Changes policy ${policy}, which user mallory`));
		expect(risky.plan.actions.filter((a) => (a.action.params as { PolicyArn?: string }).PolicyArn === policy).map((a) => a.action.kind)).toEqual(['iam:DeletePolicyVersion', 'iam:CreatePolicyVersion']);
		const refused = await apply(dir, logDir, asMallory);
		expect(refused.code).toBe(1);
		expect(refused.io.err()).toMatch(new RegExp(`^iam-wizard: Will not apply without --allow-lockout-risk: Changes policy ${policy}`));
		expect(base.history()).toEqual([]);
	});

	it('numbers progress across the whole plan when it spans several steps', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		const { plan } = await makePlan(dir, gateway, { steps: '2,5' });
		const steps = new Set(plan.actions.map((a) => a.action.step));
		expect(steps.size).toBeGreaterThan(1);
		const result = await apply(dir, logDir, gateway);
		expect(result.code).toBe(0);
		const lines = result.io.out().split('\n').filter((l) => l.startsWith('applied '));
		expect(lines).toEqual(plan.actions.map((a, i) => `applied ${i + 1}/${plan.actions.length}: ${a.action.summary}`));
		// Each intent records the step that proposed its action.
		expect(logRecords(logDir).filter((r) => r.type === 'intent').map((r) => r.step)).toEqual(plan.actions.map((a) => a.action.step));
	});

	it('reconciles an interrupted session first, in the same change log, before applying', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		const { plan } = await makePlan(dir, gateway);
		const key = await loadOrCreateSigningKey({ keysDir: appPaths().keys });
		mkdirSync(logDir, { recursive: true });
		const crashed = await writeCrashedSession(logDir, key, { pending: plan.actions[0]!.action });
		const result = await apply(dir, logDir, gateway);
		expect(result.code).toBe(0);
		expect(result.io.err()).toBe(`An earlier session (${crashed}) stopped in the middle of a change; re-read it and recorded: not-applied.\n`);
		const files = readdirSync(logDir).filter((f) => f.endsWith('.jsonl') && join(logDir, f) !== crashed);
		expect(files).toHaveLength(1);
		const records = readFileSync(join(logDir, files[0]!), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string });
		expect(records.slice(0, 3).map((r) => r.type)).toEqual(['header', 'reconciliation', 'intent']);
		const verified = await verifyLogs([logDir]);
		expect(verified.summary).toMatch(/^OK: 2 session files/);
	});

	it('refuses a missing plan file or one that is not JSON (exit 2)', async () => {
		const { dir, logDir } = workspace();
		const missing = await apply(dir, logDir, sandbox(), { plan: 'nope.json' });
		expect(missing.code).toBe(2);
		expect(missing.io.err()).toBe(`iam-wizard: The plan file ${join(dir, 'nope.json')} does not exist.\n`);
		writeFileSync(join(dir, 'bad.json'), '{"format": ');
		const bad = await apply(dir, logDir, sandbox(), { plan: 'bad.json' });
		expect(bad.code).toBe(2);
		expect(bad.io.err()).toMatch(/^iam-wizard: bad\.json is not valid JSON \(.+\); --plan takes the file `iam-wizard plan --out` wrote\.\n$/);
		writeFileSync(join(dir, 'other.json'), '{"findings": []}');
		const other = await apply(dir, logDir, sandbox(), { plan: 'other.json' });
		expect(other.code).toBe(2);
		expect(other.io.err()).toContain('other.json is not a plan iam-wizard can apply: it is not an iam-wizard plan');
	});
});


describe('apply validates the policies it writes', () => {
	it('applies a step-3 plan whose documents the gateway validates', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		const { plan } = await makePlan(dir, gateway, { steps: '3' });
		expect(plan.actions.some((a) => a.action.kind === 'iam:CreatePolicyVersion' || a.action.kind.endsWith('Policy'))).toBe(true);
		const result = await apply(dir, logDir, gateway);
		expect(result.code).toBe(0);
	});

	it('refuses the whole plan, applying nothing, when validation finds an error the plan did not know of', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		const { plan } = await makePlan(dir, gateway, { steps: '3' });
		const checked: string[] = [];
		const strict: AwsGateway = {
			...gateway,
			readAccount: gateway.readAccount.bind(gateway),
			validatePolicy: async (document) => {
				checked.push(JSON.stringify(document));
				return [{ findingType: 'SECURITY_WARNING', issueCode: 'PASS_ROLE_WITH_STAR_IN_RESOURCE', detail: 'Using iam:PassRole with a wildcard in the resource can be overly permissive.' }];
			},
		};
		const result = await apply(dir, logDir, strict);
		expect(result.code).toBe(1);
		expect(result.io.err()).toMatch(/^iam-wizard: Will not apply: policy validation found problems in .*SECURITY_WARNING PASS_ROLE_WITH_STAR_IN_RESOURCE.*Nothing was applied\. Fix the statements it names \(step 3 scopes .*\), then run apply again\.\n$/);
		expect(checked.length).toBeGreaterThan(0);
		expect(gateway.history()).toEqual([]);
		expect(plan.actions.length).toBeGreaterThan(0);
	});
});
