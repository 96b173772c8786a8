import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../source/app.js';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { MemoryAuditSink } from '../../helpers/memory-audit-sink.js';
import type { Action } from '../../../source/core/actions.js';
import { updateInactiveKeys, type InactiveKeys } from '../../../source/core/inactive-keys.js';
import { defaultThresholds, type PlanContext } from '../../../source/core/settings.js';
import { recordingReads } from '../../../source/commands/recording-gateway.js';
import { wizardSteps } from '../../../source/steps/registry.js';
import { ENTER, cleanupInk, renderInk } from '../../helpers/render-ink.js';
import { renderSandboxWizard } from '../../helpers/render-wizard.js';

afterEach(cleanupInk);

const now = new Date('2026-11-27T12:00:00Z');

function renderStep5(gateway: ReturnType<typeof createSandboxGateway>, columns = 80, rows = 24) {
	return renderSandboxWizard(gateway, { initialStep: 5, columns, rows, now });
}

async function openKeys(ui: ReturnType<typeof renderInk>) {
	await ui.waitForText('MFA guardrail │');
	ui.press('[', '[');
	return ui.waitForText('keys: deactivate, delete after 30 days unused');
}

describe("step 5's access-key section", () => {
	it('lists each workload migration with its state and each retiring key with its phase, at 80x24', async () => {
		const { ui } = renderStep5(createSandboxGateway({ now: () => now }));
		const frame = await openKeys(ui);
		expect(frame).toMatch(/report-bot +3 deactivate the key +role last used 2026-11-2\d, key la/);
		expect(frame).toMatch(/ci-deploy +1 propose a role +workload on access key/);
		expect(frame).toMatch(/old-jenkins \w+ +deactivated +first seen inactive on 2026-11-27/);
		expect(frame).toContain('m next migration step · x abandon');
		// The rows are cut at 80 columns; the one under the cursor is shown whole beneath the list: both last uses side
		// by side, and for a retiring key the date it becomes deletable.
		expect(frame.replace(/\s+/g, ' ')).toMatch(/report-bot: role report-bot-workload · role last used 2026-11-2\d, key last used 2026-11-\d\d: the workload moved to the role/);
		ui.press('j', 'j', 'j', 'j', 'j');
		const key = (await ui.waitForText('old-jenkins: key')).replace(/\s+/g, ' ');
		expect(key).toMatch(/old-jenkins: key AKIA\w+ deactivated · first seen inactive on 2026-11-27, last used \d{4}-\d\d-\d\d \(s3\), deletable on 2026-12-27/);
		expect(key).toContain('m next migration step · x abandon');
	});

	it('migrates monitoring-exporter to an EC2 role through preview and confirmation, then abandons it, key first', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		const { ui, audit } = renderStep5(gateway, 120, 40);
		await openKeys(ui);
		ui.press('j');
		ui.press('j');
		await ui.waitForText('monitoring-exporter: no role yet');
		ui.press('m');
		await ui.waitForText("Where does monitoring-exporter's workload run?");
		ui.press('i');
		const preview = await ui.waitForText('Nothing has been changed yet.');
		expect(preview).toContain('Preview: 5 changes to account 123456789012.');
		expect(preview).toContain('1. Create role monitoring-exporter-workload for EC2 instance (instance profile)');
		expect(gateway.history()).toEqual([]);
		ui.press(ENTER);
		await ui.waitForText('Reason or ticket ID');
		ui.type('SEC-42 move to a role');
		ui.press(ENTER);
		await ui.waitForText('[y/N]');
		ui.type('y');
		await ui.waitForText('Done:');
		expect(gateway.history().map((h) => h.action.kind)).toEqual(['iam:CreateRole', 'iam:AttachRolePolicy', 'iam:AttachRolePolicy', 'iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile']);
		const role = gateway.currentState().roles.find((r) => r.name === 'monitoring-exporter-workload')!;
		expect(role.tags).toEqual([{ Key: 'iam-wizard:migrates-user', Value: 'monitoring-exporter' }]);
		expect(audit.entries.filter((r) => r.type === 'intent').map((r) => (r as unknown as { action: { kind: string } }).action.kind)).toContain('iam:CreateRole');

		// Back on the list: the migration waits for the role to be used; the key is untouched.
		ui.press('b');
		await ui.waitForFrame((f) => /monitoring-exporter +2 wait for use/.test(f));
		// Started migrations come first: it is the second row now.
		ui.press('j');
		await ui.waitForText('monitoring-exporter: role monitoring-exporter-workload');
		ui.press('x');
		const abandon = await ui.waitForText('Nothing has been changed yet.');
		// The key was never deactivated, so the role's parts go, last made first: the profile, the policies, the role.
		expect(abandon).toContain('Preview: 5 changes');
		const numbered = [...abandon.matchAll(/^(\d+)\. (.+)$/gm)].map((m) => m[2]!);
		expect(numbered[0]).toMatch(/^Remove role monitoring-exporter-workload from instance profile monitoring-exporter-workload/);
		expect(numbered[1]).toMatch(/^Delete instance profile monitoring-exporter-workload/);
	});

	it("takes report-bot's migration through its last two states on the screen: m deactivates the key, and after the grace period m deletes it with the account ID typed", async () => {
		// A clock both the sandbox and the wizard read, and the wizard's edge wiring (wizard-command.tsx): every read of the
		// account brings the record of inactive keys up to date, with the deactivations the change log holds.
		let clock = new Date(now);
		const audit = new MemoryAuditSink();
		const deactivatedByUs = (): Record<string, string> => {
			const intents = new Map(audit.entries.flatMap((e) => (e.type === 'intent' ? [[e.seq, e.action as Action] as const] : [])));
			const out: Record<string, string> = {};
			for (const e of audit.entries) {
				const action = e.type === 'result' && e.ok ? intents.get(e.seq) : undefined;
				if (action?.kind === 'iam:UpdateAccessKey' && action.params.Status === 'Inactive') out[action.params.AccessKeyId] = e.type === 'result' ? e.time : '';
			}
			return out;
		};
		const sandbox = createSandboxGateway({ now: () => clock });
		const planContext: PlanContext = { now: clock, thresholds: defaultThresholds, excluded: [], inactiveKeys: {} as InactiveKeys };
		const gateway = recordingReads(sandbox, (model) => {
			planContext.inactiveKeys = updateInactiveKeys(planContext.inactiveKeys ?? {}, model, clock, deactivatedByUs());
		});
		const ui = renderInk(
			<App
				gateway={gateway}
				audit={audit}
				planContext={planContext}
				steps={wizardSteps}
				onExit={() => undefined}
				now={() => clock}
				verify={{ attempts: 2, delayMs: 0, sleep: async () => undefined }}
				initialStep={5}
			/>,
			{ columns: 220, rows: 40 },
		);
		await openKeys(ui);
		const keyId = sandbox.currentState().users.find((u) => u.name === 'report-bot')!.accessKeys[0]!.id;

		// State 3: the role is used and the key is not; m previews the deactivation alone.
		await ui.waitForText('report-bot: role report-bot-workload');
		ui.press('m');
		let preview = await ui.waitForText('Nothing has been changed yet.');
		expect(preview).toContain('Preview: 1 change to account 123456789012.');
		expect(preview).toContain(`calls iam:UpdateAccessKey UserName=report-bot AccessKeyId=${keyId} Status=Inactive`);
		expect(sandbox.history()).toEqual([]);
		ui.press(ENTER);
		await ui.waitForText('Reason or ticket ID');
		ui.type('SEC-51 report-bot moved to its role');
		ui.press(ENTER);
		await ui.waitForText('[y/N]');
		ui.type('y');
		await ui.waitForText('Done:');
		expect(sandbox.currentState().users.find((u) => u.name === 'report-bot')!.accessKeys[0]!.status).toBe('Inactive');

		// The grace period passes (31 days), the key unused: back on the list, the account is re-read.
		clock = new Date(clock.getTime() + 31 * 86_400_000);
		planContext.now = clock;
		ui.press('b');
		const listed = await ui.waitForFrame((f) => /report-bot +4 delete after grace/.test(f));
		expect(listed).toMatch(/report-bot +4 delete after grace +.*deactivated on 2026-11-27, last used 2026-11-\d\d.*deletable since 2026-12-27/);
		await ui.waitForText('report-bot: role report-bot-workload');
		ui.press('m');
		preview = await ui.waitForText('Nothing has been changed yet.');
		expect(preview).toContain('Preview: 1 change to account 123456789012.');
		expect(preview).toContain(`calls iam:DeleteAccessKey UserName=report-bot AccessKeyId=${keyId}`);
		expect(preview).toContain('Cannot be undone: a deleted key cannot be restored');
		ui.press(ENTER);
		await ui.waitForText('Reason or ticket ID');
		ui.type('SEC-51 grace period over');
		ui.press(ENTER);
		// The confirmation says why the account ID is typed: this key, for good (not "many principals").
		const typed = await ui.waitForText('Type the account ID 123456789012 to apply 1 change');
		expect(typed).toContain(`Deletes access key ${keyId} for good (a deleted key cannot be restored).`);
		expect(typed).not.toContain('many principals');
		expect(typed).toContain('1 of these changes cannot be undone.');
		ui.type('123456789012');
		ui.press(ENTER);
		await ui.waitForText('Done:');
		expect(sandbox.currentState().users.find((u) => u.name === 'report-bot')!.accessKeys).toEqual([]);
		ui.press('b');
		await ui.waitForFrame((f) => /report-bot +done: key deleted/.test(f));
		// The change log tells the story in order: deactivated, then deleted, each with its reason.
		const intents = audit.entries.flatMap((e) => (e.type === 'intent' ? [`${e.action.kind} ${e.reason}`] : []));
		expect(intents).toEqual(['iam:UpdateAccessKey SEC-51 report-bot moved to its role', 'iam:DeleteAccessKey SEC-51 grace period over']);
	});
});
