/**
 * The signed log under the real executor on the sandbox account: a wizard-style batch
 * leaves a log that verifies and exports, and `audit undo` reverses one change through
 * the executor, in a new session that names what it undoes.
 */
import { basename } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createSandboxGateway, type SandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import type { Action } from '../../source/core/actions.js';
import type { PolicyDocument } from '../../source/core/policy-document.js';
import { buildChangeLogExport } from '../../source/audit/change-log-export.js';
import { renderMarkdown } from '../../source/audit/render-change-log.js';
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import { loadOrCreateSigningKey } from '../../source/audit/signing-key.js';
import { appPaths } from '../../source/settings/paths.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import { runAuditUndo } from '../../source/commands/audit-undo.js';
import { runProgram } from '../../source/commands/program.js';
import { captureIo } from '../helpers/command-io.js';
import { UsageError, type CommandIo } from '../../source/commands/command-io.js';
import type { StoredSettings } from '../../source/settings/settings-store.js';
import { executeActions } from '../../source/wizard/executor.js';
import { deactivateKey, logApplied, parse, readLines, session, tempDir, writeCrashedSession, writeLines } from './log-fixtures.js';

const now = () => new Date('2026-11-27T20:15:03Z');
const settings = { breakGlass: [] } as unknown as StoredSettings;

function io(answers: string[] = [], tty = false) {
	const out: string[] = [];
	const err: string[] = [];
	const value: CommandIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: '/', isTTY: tty, now, prompt: async () => answers.shift() ?? '' };
	return { io: value, out: () => out.join(''), err: () => err.join('') };
}

/** This machine's own signing key: the one its settings pin once it signs, and so the one undo verifies logs against. */
function machineKey() {
	return loadOrCreateSigningKey({ keysDir: appPaths().keys });
}

async function appliedBatch(): Promise<{ gateway: SandboxGateway; dir: string; file: string; keyId: string }> {
	const gateway = createSandboxGateway({ state: createSeedState(now()), now });
	const model = await gateway.readAccount();
	const dave = model.users.find((u) => u.name === 'dave')!;
	const keyId = dave.accessKeys.find((k) => k.status === 'Active')!.id;
	const actions: Action[] = [
		{ kind: 'iam:UpdateAccessKey', params: { UserName: 'dave', AccessKeyId: keyId, Status: 'Inactive' }, step: 5, findingIds: ['KEY_NOT_ROTATED'], summary: `Deactivate access key ${keyId} of user dave` },
		{ kind: 'iam:UpdateAccountPasswordPolicy', params: { MinimumPasswordLength: 14, RequireSymbols: true }, step: 5, findingIds: ['PASSWORD_POLICY_WEAK'], summary: 'Require 14-character passwords' },
	];
	const dir = await tempDir();
	const log = await openAuditLog({ dir, key: await machineKey(), session: { ...session, command: 'apply' }, now });
	const report = await executeActions(actions, { gateway, audit: log, step: 5, reason: 'CHG-2026-117', previewHash: 'ef'.repeat(32), now });
	await log.close();
	expect(report.failed).toBeUndefined();
	return { gateway, dir, file: log.file, keyId };
}

async function keyStatus(gateway: SandboxGateway, keyId: string): Promise<string | undefined> {
	return (await gateway.readAccount()).users.flatMap((u) => u.accessKeys).find((k) => k.id === keyId)?.status;
}

describe('the executor writing the signed log', () => {
	test('leaves a log that verifies and exports what changed', async () => {
		const { file, keyId } = await appliedBatch();
		expect((await readLines(file)).map((l) => parse(l).type)).toEqual(['header', 'intent', 'result', 'intent', 'result', 'seal']);
		expect((await verifyLogs([file])).ok).toBe(true);
		const md = renderMarkdown(await buildChangeLogExport(file));
		expect(md).toContain('| What changed | Status: Active → Inactive |');
		expect(md).toContain(`iam-wizard audit undo ${basename(file)} --seq 1 (Re-activate access key ${keyId} of user dave)`);
	});
});

describe('audit undo', () => {
	test('previews, asks, applies the inverse in a new session that names what it undoes, and refuses a second time', async () => {
		const { gateway, dir, file, keyId } = await appliedBatch();
		expect(await keyStatus(gateway, keyId)).toBe('Inactive');
		const run = io(['y'], true);
		expect(await runAuditUndo({ file, seq: 1, logDir: dir }, settings, run.io, { gateway })).toBe(0);
		expect(run.out()).toContain(`Undo action 1 of ${basename(file)}: Deactivate access key ${keyId} of user dave`);
		expect(run.out()).toContain(`1. Re-activate access key ${keyId} of user dave`);
		// An undo brings the finding back: the preview says so rather than claiming to fix it.
		expect(run.out()).toMatch(/^ {3}reopens KEY_NOT_ROTATED/m);
		expect(run.out()).not.toMatch(/^ {3}fixes /m);
		expect(run.out()).toContain('Undone: Re-activate access key');
		expect(await keyStatus(gateway, keyId)).toBe('Active');
		expect(gateway.history().map((h) => [h.action.kind, (h.action.params as { Status?: string }).Status])).toContainEqual(['iam:UpdateAccessKey', 'Active']);

		const report = await verifyLogs([dir]);
		expect(report.summary).toMatch(/^OK: 2 session files/);
		const undoFile = report.files.find((f) => f !== file)!;
		const undoRecords = (await readLines(undoFile)).map(parse);
		expect(undoRecords[0]).toMatchObject({ type: 'header', command: 'undo', undoes: { file: basename(file), seq: 1 }, prevSession: basename(file) });
		expect(undoRecords.map((r) => r.type)).toEqual(['header', 'intent', 'result', 'seal']);

		const again = io(['y'], true);
		expect(await runAuditUndo({ file, seq: 1, logDir: dir }, settings, again.io, { gateway })).toBe(1);
		expect(again.err()).toContain(`was already undone, by session ${basename(undoFile)}`);
	});

	test('the undo session first reconciles a session a crash left mid-call in its log directory', async () => {
		const { gateway, file, keyId } = await appliedBatch();
		const logDir = await tempDir();
		const crashed = await writeCrashedSession(logDir, await machineKey(), { applied: 1, pending: deactivateKey('erin', 'AKIAEXAMPLEERIN00001') });
		const run = io([], false);
		expect(await runAuditUndo({ file, seq: 1, logDir, yes: true }, settings, run.io, { gateway })).toBe(0);
		expect(run.err()).toContain(`Reconciled the interrupted session ${basename(crashed)} first: not-applied.`);
		expect(await keyStatus(gateway, keyId)).toBe('Active');
		const report = await verifyLogs([logDir]);
		expect(report.ok).toBe(true);
		expect(report.reconciled).toEqual([basename(crashed)]);
		const undoFile = report.files.find((f) => f !== crashed)!;
		expect((await readLines(undoFile)).map((l) => parse(l).type)).toEqual(['header', 'reconciliation', 'intent', 'result', 'seal']);
		// Already undone is found in the log directory too, not only beside the original file.
		const again = io([], false);
		expect(await runAuditUndo({ file, seq: 1, logDir, yes: true }, settings, again.io, { gateway })).toBe(1);
		expect(again.err()).toContain('was already undone');
	});

	test('nothing changes when the operator says no, or without a terminal and --yes', async () => {
		const { gateway, dir, file, keyId } = await appliedBatch();
		const no = io(['n'], true);
		expect(await runAuditUndo({ file, seq: 1, logDir: dir }, settings, no.io, { gateway })).toBe(1);
		expect(no.err()).toContain('Not confirmed: nothing was changed.');
		await expect(runAuditUndo({ file, seq: 1, logDir: dir }, settings, io().io, { gateway })).rejects.toThrow(UsageError);
		expect(await keyStatus(gateway, keyId)).toBe('Inactive');
		expect((await verifyLogs([dir])).files).toEqual([file]);
	});

	test('refuses a log that fails verification, and a log of another account', async () => {
		const { gateway, dir, file } = await appliedBatch();
		const lines = await readLines(file);
		await writeLines(file, [lines[0], lines[1].replace('CHG-2026-117', 'CHG-0000-000'), ...lines.slice(2)]);
		const tampered = io();
		expect(await runAuditUndo({ file, seq: 1, logDir: dir, yes: true }, settings, tampered.io, { gateway })).toBe(1);
		expect(tampered.err()).toMatch(/Will not undo from a log that fails verification: .*record 2 \(line 2, intent, seq 1\): modified/);

		const other = await appliedBatch();
		const elsewhere = { ...other.gateway, callerIdentity: async () => ({ account: '210987654321', arn: 'arn:aws:iam::210987654321:user/x', userId: 'X' }) };
		const wrong = io();
		expect(await runAuditUndo({ file: other.file, seq: 1, logDir: other.dir, yes: true }, settings, wrong.io, { gateway: elsewhere as SandboxGateway })).toBe(1);
		expect(wrong.err()).toContain('records changes to account 123456789012, but you are signed in to account 210987654321');
	});
});

describe('audit undo, the account the log was made on', () => {
	test('a log made on the demo account, undone without --demo, says to add --demo rather than reaching for AWS', async () => {
		const { gateway, file, keyId } = await appliedBatch();
		const run = captureIo();
		expect(await runProgram(['audit', 'undo', file, '--seq', '1', '--yes'], run)).toBe(2);
		expect(run.err()).toBe(`iam-wizard: ${basename(file)} records changes to the demo account: run audit undo with --demo.\n`);
		expect(run.out()).toBe('');
		expect(await keyStatus(gateway, keyId)).toBe('Inactive');
	});

	test('a log made on AWS, undone with --demo, is refused before the demo account is changed', async () => {
		const dir = await tempDir();
		const log = await openAuditLog({ dir, key: await machineKey(), session: { ...session, mode: 'live', command: 'apply' }, now });
		await logApplied(log, deactivateKey('dave', 'AKIAIOSFODNN7EXAMPLE'), now);
		await log.close();
		const run = captureIo();
		expect(await runProgram(['audit', 'undo', log.file, '--seq', '1', '--yes', '--demo', '--log-dir', dir], run)).toBe(2);
		expect(run.err()).toBe(`iam-wizard: ${basename(log.file)} records changes to AWS account 123456789012, not the demo account: run audit undo without --demo, signed in to that account.\n`);
		expect(run.out()).toBe('');
	});
});

describe('audit undo, what the inverse alone would leave wrong', () => {
	const policyArn = 'arn:aws:iam::123456789012:policy/data-lake-full';
	const narrow: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::acme-data-lake/*'] }] };

	async function versionsOf(gateway: SandboxGateway) {
		const policy = (await gateway.readAccount()).policies.find((p) => p.arn === policyArn)!;
		return policy.versions.map((v) => `${v.versionId}${v.isDefault ? '*' : ''}`).sort();
	}

	test("undoing a new default version deletes it too, so undoing the batch's deletion of an old version fits in the five-version limit", async () => {
		const gateway = createSandboxGateway({ state: createSeedState(now()), now });
		// Five versions, as step 3 meets a policy that has used them all.
		for (let i = 0; i < 2; i++) {
			await gateway.apply({ kind: 'iam:CreatePolicyVersion', params: { PolicyArn: policyArn, PolicyDocument: narrow, SetAsDefault: false }, step: 3, findingIds: [], summary: 'setup' });
		}
		expect(await versionsOf(gateway)).toEqual(['v1', 'v2', 'v3*', 'v4', 'v5']);
		const actions: Action[] = [
			{ kind: 'iam:DeletePolicyVersion', params: { PolicyArn: policyArn, VersionId: 'v1' }, step: 3, findingIds: ['POLICY_SERVICE_WILDCARD'], summary: `Delete version v1 of ${policyArn}` },
			{ kind: 'iam:CreatePolicyVersion', params: { PolicyArn: policyArn, PolicyDocument: narrow, SetAsDefault: true }, step: 3, findingIds: ['POLICY_SERVICE_WILDCARD'], summary: `Scope ${policyArn}` },
		];
		const dir = await tempDir();
		const log = await openAuditLog({ dir, key: await machineKey(), session: { ...session, command: 'apply' }, now });
		expect((await executeActions(actions, { gateway, audit: log, step: 3, reason: 'CHG-1', previewHash: 'ef'.repeat(32), now })).failed).toBeUndefined();
		await log.close();
		expect(await versionsOf(gateway)).toEqual(['v2', 'v3', 'v4', 'v5', 'v6*']);

		const second = io([], false);
		expect(await runAuditUndo({ file: log.file, seq: 2, logDir: dir, yes: true }, settings, second.io, { gateway })).toBe(0);
		expect(second.out()).toContain(`2. Delete version v6 of ${policyArn}, which the undone change created`);
		expect(await versionsOf(gateway)).toEqual(['v2', 'v3*', 'v4', 'v5']);

		const first = io([], false);
		expect(await runAuditUndo({ file: log.file, seq: 1, logDir: dir, yes: true }, settings, first.io, { gateway })).toBe(0);
		expect(first.err()).toBe('');
		expect(await versionsOf(gateway)).toEqual(['v2', 'v3*', 'v4', 'v5', 'v7']);
		expect((await verifyLogs([dir])).ok).toBe(true);
	});

	test("refuses an undo that narrows a group the signed-in user is in (alice, in admins), naming the group, and changes nothing", async () => {
		const gateway = createSandboxGateway({ state: createSeedState(now()), now });
		const attach: Action = {
			kind: 'iam:AttachGroupPolicy',
			params: { GroupName: 'admins', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
			step: 3,
			findingIds: [],
			summary: 'Attach ReadOnlyAccess to group admins',
		};
		const dir = await tempDir();
		const log = await openAuditLog({ dir, key: await machineKey(), session: { ...session, command: 'apply' }, now });
		expect((await executeActions([attach], { gateway, audit: log, step: 3, reason: 'CHG-2', previewHash: 'ef'.repeat(32), now })).failed).toBeUndefined();
		await log.close();
		const attachedToAdmins = async () => (await gateway.readAccount()).groups.find((g) => g.name === 'admins')!.attachedPolicies.map((p) => p.name);
		expect(await attachedToAdmins()).toContain('ReadOnlyAccess');

		const run = io([], false);
		expect(await runAuditUndo({ file: log.file, seq: 1, logDir: dir, yes: true }, settings, run.io, { gateway })).toBe(1);
		expect(run.err()).toMatch(/Will not undo: .*group admins/);
		expect(await attachedToAdmins()).toContain('ReadOnlyAccess');
		expect((await verifyLogs([dir])).files).toEqual([log.file]);
	});
});
