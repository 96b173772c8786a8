/**
 * `apply --anchors s3://BUCKET/PREFIX`: the bucket's Object Lock is checked before anything is
 * applied, the session's anchor is kept there under COMPLIANCE retention as the session ends,
 * and the anchor line is still the last line printed, for the change ticket.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnchors } from '../../source/audit/session-anchor.js';
import { runAuditUndo } from '../../source/commands/audit-undo.js';
import { runAuditVerify } from '../../source/commands/audit-verify.js';
import { readSettings, settingsFile } from '../../source/settings/settings-store.js';
import { captureIo } from '../helpers/command-io.js';
import { apply, makePlan, now, sandbox, workspace } from './plan-apply-kit.js';

const bucket = 'iam-wizard-anchors-123456789012';

describe('apply --anchors s3://…', () => {
	it("keeps the session's anchor in the Object Lock bucket, says where, and prints the anchor line last", async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		const { plan } = await makePlan(dir, gateway);
		const result = await apply(dir, logDir, gateway, { anchors: `s3://${bucket}/ops` });
		expect(result.code).toBe(0);
		expect(result.io.err()).toBe('');
		const session = readdirSync(logDir).find((f) => f.endsWith('.jsonl'))!;
		const key = `ops/${session.replace(/\.jsonl$/, '')}.anchor`;
		const lines = result.io.out().trimEnd().split('\n');
		expect(lines.at(-2)).toMatch(new RegExp(`^Anchor kept in s3://${bucket}/${key} \\(version [0-9a-f-]+\\), Object Lock COMPLIANCE until 2027-11-27T12:00:00.000Z\\.$`));
		const kept = gateway.currentState().anchorObjects!;
		expect(kept).toHaveLength(1);
		expect(kept[0]).toMatchObject({ bucket, key, mode: 'COMPLIANCE', retainUntil: '2027-11-27T12:00:00.000Z', body: `${lines.at(-1)}\n` });
		expect(parseAnchors(lines.at(-1)!)[0]).toMatchObject({ file: session, records: 2 * plan.actions.length + 2 });
		const io = captureIo({ now });
		expect(await runAuditVerify({ paths: [logDir], anchors: `s3://${bucket}/ops`, gateway }, io)).toBe(0);
		expect(io.out()).toContain('1 anchored session present, whole and unchanged.');
	});

	it('an undo session keeps its anchor too, so the log still verifies against the bucket', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		await makePlan(dir, gateway);
		const anchors = `s3://${bucket}/undo`;
		expect((await apply(dir, logDir, gateway, { anchors })).code).toBe(0);
		const file = join(logDir, readdirSync(logDir).find((f) => f.endsWith('.jsonl'))!);
		const undoIo = captureIo({ now: new Date(now.getTime() + 60_000) });
		expect(await runAuditUndo({ file, seq: 1, logDir, yes: true, anchors }, readSettings(), undoIo, { gateway })).toBe(0);
		expect(undoIo.out().trimEnd().split('\n').at(-2)).toMatch(new RegExp(`^Anchor kept in s3://${bucket}/undo/`));
		expect(gateway.currentState().anchorObjects).toHaveLength(2);
		const io = captureIo({ now });
		expect(await runAuditVerify({ paths: [logDir], anchors, gateway }, io)).toBe(0);
		expect(io.out()).toContain('2 anchored sessions present, whole and unchanged.');
	});

	it('the anchors setting keeps the anchor there without the flag', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		await makePlan(dir, gateway);
		mkdirSync(dirname(settingsFile()), { recursive: true });
		writeFileSync(settingsFile(), JSON.stringify({ anchors: `s3://${bucket}/from-settings` }));
		try {
			const result = await apply(dir, logDir, gateway);
			expect(result.code).toBe(0);
			expect(result.io.out()).toContain(`Anchor kept in s3://${bucket}/from-settings/`);
			expect(gateway.currentState().anchorObjects!.map((o) => o.key.split('/')[0])).toEqual(['from-settings']);
		} finally {
			rmSync(settingsFile(), { force: true });
		}
	});

	it('refuses a bucket without Object Lock before applying anything', async () => {
		const { dir, logDir } = workspace();
		const gateway = sandbox();
		await makePlan(dir, gateway);
		const before = gateway.history().length;
		const result = await apply(dir, logDir, gateway, { anchors: 's3://iam-wizard-reports-123456789012/ops' });
		expect(result.code).toBe(2);
		expect(result.io.err()).toBe(
			'iam-wizard: The bucket iam-wizard-reports-123456789012 does not have S3 Object Lock enabled, so an anchor kept there could be deleted or overwritten by anyone who can write to it; anchors need a bucket created with Object Lock (aws s3api create-bucket --object-lock-enabled-for-bucket), or use --anchors FILE.\n',
		);
		expect(gateway.history()).toHaveLength(before);
		expect(readdirSync(dir)).not.toContain('logs');
	});
});
