/**
 * The wizard command with --signing-key ARN (the demo sandbox's KMS key): a change applied in
 * the wizard is logged in a session whose key KMS certified, through the wizard's own path
 * (runWizardCommand: its gateway wrapper, its change-log session), and the log verifies
 * against the KMS key, pinned on this first use. With --anchors s3://…, the wizard keeps the
 * session's anchor in the sandbox's Object Lock bucket as it ends.
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../source/audit/signing-key.js';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import { sandboxKmsPublicKey, sandboxKmsSigningKeyArn } from '../../source/aws/sandbox/sandbox-kms.js';
import { runWizardCommand } from '../../source/commands/wizard-command.js';
import { readPinnedSigner } from '../../source/settings/pinned-signer.js';
import { readSettings } from '../../source/settings/settings-store.js';
import { captureIo } from '../helpers/command-io.js';
import { ENTER, FakeStdin, FakeStdout } from '../helpers/render-ink.js';
import { drawnSince, useNodeConsole } from '../helpers/wizard-command-screen.js';

const now = new Date('2026-11-27T12:00:00Z');

useNodeConsole();

describe('the wizard with --signing-key ARN (KMS)', () => {
	it('logs a change applied in the wizard in a KMS-certified session that verifies against the KMS key, and keeps its anchor in S3', async () => {
		const logDir = join(await mkdtemp(join(tmpdir(), 'wizard-kms-')), 'logs');
		const stdin = new FakeStdin();
		const stdout = new FakeStdout(140, 80);
		const io = captureIo({ now });
		const waitFor = drawnSince(stdout);
		const running = runWizardCommand({ demo: true, reset: true, signingKey: sandboxKmsSigningKeyArn, logDir, anchors: 's3://iam-wizard-anchors-123456789012/wizard' }, readSettings(), io, {
			stdin: stdin as unknown as NodeJS.ReadStream,
			stdout: stdout as unknown as NodeJS.WriteStream,
		});
		const press = (key: string) => stdin.write(key);
		await waitFor('Findings (');
		press('5');
		await waitFor('MFA guardrail │');
		press('[');
		await waitFor('Proposed actions:');
		press('[');
		await waitFor('Long-lived access keys');
		press('p');
		await waitFor('Preview: 3 changes to account 123456789012.');
		press(ENTER);
		await waitFor('Reason or ticket ID');
		stdin.write('SEC-KMS');
		press(ENTER);
		await waitFor('Apply 3 changes to account 123456789012? [y/N]');
		press('y');
		await waitFor('Done: 3 changes applied to account 123456789012');
		press('q');
		expect(await running).toBe(0);

		const file = /^Change log: (\S+)$/m.exec(io.out())?.[1];
		expect(file).toBeDefined();
		const header = JSON.parse(readFileSync(file!, 'utf8').split('\n')[0]!) as { command: string; signer: { certificate?: { kmsKey: string; fingerprint: string } } };
		const kmsFingerprint = fingerprintOf(createPublicKey({ key: Buffer.from(sandboxKmsPublicKey(sandboxKmsSigningKeyArn).spkiDer), format: 'der', type: 'spki' }));
		expect(header.command).toBe('wizard');
		expect(header.signer.certificate).toMatchObject({ kmsKey: sandboxKmsSigningKeyArn, fingerprint: kmsFingerprint });
		expect(readPinnedSigner()?.fingerprint).toBe(kmsFingerprint);
		const pinned = readPinnedSigner()!;
		const report = await verifyLogs([logDir], { pubkey: pinned.publicKey });
		expect(report.ok).toBe(true);
		expect(report.signers).toEqual([`${kmsFingerprint} (KMS ${sandboxKmsSigningKeyArn}, a key per session)`]);
		// With --anchors s3://…, the wizard also kept the session's anchor in the sandbox's Object Lock bucket.
		const last = io.out().trimEnd().split('\n');
		expect(last.at(-1)).toMatch(/^iam-wizard anchor: /);
		expect(last.at(-2)).toMatch(/^Anchor kept in s3:\/\/iam-wizard-anchors-123456789012\/wizard\/\S+\.anchor \(version [0-9a-f-]+\), Object Lock COMPLIANCE until 2027-11-27T12:00:00\.000Z\.$/);
	});
});
