/**
 * The root checklist's states as step 5 shows them (✓ done, ✗ open, ? unknown): an item is
 * done only when the account as read shows it done. The hardware-MFA item has no finding of
 * its own while root has no MFA at all, which must not read as done.
 */
import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { defaultThresholds } from '../../../source/core/settings.js';
import { rootChecklist } from '../../../source/steps/mfa-credentials/root-checklist.js';

const now = new Date('2026-11-27T12:00:00Z');
const context = { now, thresholds: defaultThresholds, excluded: [] };

function states(items: ReturnType<typeof rootChecklist>): Record<string, string> {
	return Object.fromEntries(items.map((i) => [i.id, i.state]));
}

describe('the root checklist', () => {
	it('the seed (root without MFA, with a key): every item is still to do, the hardware key too', async () => {
		const model = await createSandboxGateway({ now: () => now }).readAccount();
		expect(states(rootChecklist(model, context))).toEqual({ 'root-access-keys': 'open', 'root-mfa': 'open', 'root-hardware-mfa': 'open' });
	});

	it('a virtual device: MFA done, the hardware key open with its finding', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		gateway.setRootMfa('virtual');
		const items = rootChecklist(await gateway.readAccount(), context);
		expect(states(items)).toMatchObject({ 'root-mfa': 'done', 'root-hardware-mfa': 'open' });
		expect(items.find((i) => i.id === 'root-hardware-mfa')!.findings.map((f) => f.id)).toEqual(['ROOT_NO_HARDWARE_MFA']);
	});

	it('a hardware device: both MFA items done; unknown when the virtual devices could not be listed', async () => {
		const gateway = createSandboxGateway({ now: () => now });
		gateway.setRootMfa('hardware');
		const model = await gateway.readAccount();
		expect(states(rootChecklist(model, context))).toMatchObject({ 'root-mfa': 'done', 'root-hardware-mfa': 'done' });
		const { virtualMfaDevices: _, ...unlisted } = model;
		expect(states(rootChecklist(unlisted, context))).toMatchObject({ 'root-mfa': 'done', 'root-hardware-mfa': 'unknown' });
	});

	it('without a credential report nothing is known', async () => {
		const model = await createSandboxGateway({ now: () => now }).readAccount();
		const { credentialReport: _, ...unread } = model;
		expect(states(rootChecklist(unread, context))).toEqual({ 'root-access-keys': 'unknown', 'root-mfa': 'unknown', 'root-hardware-mfa': 'unknown' });
	});
});
