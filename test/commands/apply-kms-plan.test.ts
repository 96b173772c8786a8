/**
 * With the change log signed by a KMS key, apply checks the plan against that key, not the
 * key file on this machine: `plan --signing-key ARN` certifies the plan's own key with one
 * kms:Sign, and `apply --signing-key ARN` refuses a plan that is not certified by that KMS key
 * (before, it checked the plan with the local key even then, so whoever could edit the
 * machine's files could rewrite and re-sign a plan that a KMS-signed session then applied).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '../../source/audit/signing-key.js';
import { sandboxKmsSigningKeyArn } from '../../source/aws/sandbox/sandbox-kms.js';
import { signPlan } from '../../source/commands/plan-signature.js';
import { unsignedPlan, type PlanFile } from '../../source/core/plan-file.js';
import { appPaths } from '../../source/settings/paths.js';
import { apply, logRecords, makePlan, sandbox, workspace } from './plan-apply-kit.js';

const arn = sandboxKmsSigningKeyArn;

describe('apply --signing-key ARN checks the plan with the KMS key', () => {
	it('a plan certified by the KMS key applies, and the change log is signed through the same key', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		const { plan, run } = await makePlan(dir, gateway, { signingKey: arn });
		expect(run.code).toBe(0);
		expect(plan.signature.certificate).toMatchObject({ kmsKey: arn, algorithm: 'ED25519_SHA_512' });
		const result = await apply(dir, logDir, gateway, { signingKey: arn });
		expect(result.io.err()).toBe('');
		expect(result.code).toBe(0);
		const header = logRecords(logDir)[0] as { signer: { certificate?: { kmsKey: string } } };
		expect(header.signer.certificate?.kmsKey).toBe(arn);
	});

	it("a plan signed by this machine's key is refused, naming the KMS key to make it with, and nothing is applied", async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		const { plan } = await makePlan(dir, gateway);
		const before = gateway.history().length;
		const result = await apply(dir, logDir, gateway, { signingKey: arn });
		expect(result.code).toBe(1);
		expect(result.io.err()).toBe(
			`iam-wizard: Will not apply plan.json: it is signed by ${plan.signature.keyFingerprint}, a key on the machine that made it, and the change log is signed with the KMS key ${arn}; make the plan with plan --signing-key ${arn}, so that no one who can edit files can re-sign it.\n`,
		);
		expect(gateway.history()).toHaveLength(before);
	});

	it("a KMS-certified plan edited and re-signed with the machine's key, its certificate kept: refused", async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		const { plan, file } = await makePlan(dir, gateway, { signingKey: arn });
		const local = await loadOrCreateSigningKey({ keysDir: appPaths().keys });
		const edited = unsignedPlan({ ...plan, actions: plan.actions.slice(1) });
		const forged: PlanFile = { ...signPlan(edited, local), signature: { ...signPlan(edited, local).signature, certificate: plan.signature.certificate! } };
		writeFileSync(file, JSON.stringify(forged));
		const before = gateway.history().length;
		const result = await apply(dir, logDir, gateway, { signingKey: arn });
		expect(result.code).toBe(1);
		expect(result.io.err()).toBe(`iam-wizard: Will not apply plan.json: its KMS certificate does not verify under ${arn}'s public key: the plan's key was not certified by KMS for this account.\n`);
		expect(gateway.history()).toHaveLength(before);
	});

	it('a KMS-certified plan applied without --signing-key is refused, naming the key to pass', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		const { file } = await makePlan(dir, gateway, { signingKey: arn });
		expect((JSON.parse(readFileSync(file, 'utf8')) as PlanFile).signature.certificate).toBeDefined();
		const result = await apply(dir, logDir, gateway);
		expect(result.code).toBe(1);
		expect(result.io.err()).toBe(`iam-wizard: Will not apply plan.json: it is certified by the KMS key ${arn}; apply it with --signing-key ${arn}.\n`);
	});
});
