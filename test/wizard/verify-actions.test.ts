import { describe, expect, it } from 'vitest';
import type { Action, PriorState } from '../../source/core/actions.js';
import { GatewayError } from '../../source/core/gateway-error.js';
import { MemoryAuditSink } from '../helpers/memory-audit-sink.js';
import { executeActions, type AppliedAction } from '../../source/wizard/executor.js';
import { verifyActions } from '../../source/wizard/verify-actions.js';
import { deactivateKey, FakeGateway, fiveKeys } from './fake-gateway.js';
import { fixedNow } from './machine-harness.js';

async function applyAll(gateway: FakeGateway, actions: Action[]): Promise<AppliedAction[]> {
	const report = await executeActions(actions, { gateway, audit: new MemoryAuditSink(), step: 5, reason: 'CHG', now: fixedNow });
	return report.applied;
}

describe('verifyActions', () => {
	it('re-reads until an eventually consistent change shows, waiting between reads', async () => {
		const gateway = new FakeGateway({ keys: fiveKeys().slice(0, 1), staleReads: 2 });
		const action = deactivateKey('alice', 'AKIA1');
		const applied = await applyAll(gateway, [action]);
		gateway.readCalls.length = 0;
		const waits: number[] = [];

		const report = await verifyActions(applied, { gateway, sleep: async (ms) => void waits.push(ms), delayMs: 100 });

		expect(report.actions[0]).toMatchObject({ verified: true, attempts: 3, observed: { Status: 'Inactive' } });
		expect(gateway.readCalls).toHaveLength(3);
		expect(waits).toEqual([100, 200]);
		expect(report.allVerified).toBe(true);
		expect(report.findingsGone).toEqual(action.findingIds);
	});

	it('gives up after the attempts and says the finding remains', async () => {
		const gateway = new FakeGateway({ keys: fiveKeys().slice(0, 1), staleReads: 100 });
		const applied = await applyAll(gateway, [deactivateKey('alice', 'AKIA1')]);
		let sleeps = 0;
		const report = await verifyActions(applied, { gateway, sleep: async () => void (sleeps += 1), attempts: 4 });
		expect(report.actions[0]).toMatchObject({ verified: false, attempts: 4, observed: { Status: 'Active' } });
		expect(sleeps).toBe(3);
		expect(report.allVerified).toBe(false);
		expect(report.findingsRemaining).toEqual(applied[0].action.findingIds);
		expect(report.findingsGone).toEqual([]);
	});

	it('keeps the last read error when reading keeps failing', async () => {
		const applied: AppliedAction[] = [{ action: deactivateKey('alice', 'AKIA1'), before: { Status: 'Active' }, result: {}, inverse: null }];
		const gateway = {
			readState: async (): Promise<PriorState> => {
				throw new GatewayError('AccessDenied', 'You may not read access keys');
			},
		};
		const report = await verifyActions(applied, { gateway, sleep: async () => {} });
		expect(report.actions[0]).toMatchObject({ verified: false, attempts: 5, error: { code: 'AccessDenied' } });
	});

	it('takes NoSuchEntity after a delete as the target being gone', async () => {
		const del: Action = { kind: 'iam:DeleteAccessKey', params: { UserName: 'alice', AccessKeyId: 'AKIA1' }, step: 5, findingIds: ['F1'], summary: 'Delete' };
		const gateway = {
			readState: async (): Promise<PriorState> => {
				throw new GatewayError('NoSuchEntity', 'No such key');
			},
		};
		const report = await verifyActions([{ action: del, before: { exists: true }, result: {}, inverse: null }], { gateway, sleep: async () => {} });
		expect(report.actions[0]).toMatchObject({ verified: true, observed: null, attempts: 1 });
		expect(report.findingsGone).toEqual(['F1']);
	});

	it('does not re-read what leaves no state, and calls its findings unconfirmed', async () => {
		const report: Action = { kind: 'iam:GenerateCredentialReport', params: {}, step: 1, findingIds: ['R1'], summary: 'Generate' };
		const gateway = {
			readState: async (): Promise<PriorState> => {
				throw new Error('must not be called');
			},
		};
		const result = await verifyActions([{ action: report, before: { exists: false }, result: {}, inverse: null }], { gateway });
		expect(result.actions[0]).toMatchObject({ verified: true, attempts: 0 });
		expect(result.actions[0].unverifiable).toBeTruthy();
		expect(result.findingsUnconfirmed).toEqual(['R1']);
	});

	it('keeps a finding that also needs an action not applied', async () => {
		const gateway = new FakeGateway({ keys: [{ userName: 'alice', id: 'AKIA1', status: 'Active' }, { userName: 'alice', id: 'AKIA2', status: 'Active' }] });
		const first = deactivateKey('alice', 'AKIA1', ['CREDENTIAL_UNUSED|alice']);
		const second = deactivateKey('alice', 'AKIA2', ['CREDENTIAL_UNUSED|alice']);
		const applied = await applyAll(gateway, [first]);
		const report = await verifyActions(applied, { gateway, sleep: async () => {}, targeted: [first], plannedActions: [first, second] });
		expect(report.actions[0].verified).toBe(true);
		expect(report.findingsRemaining).toEqual(['CREDENTIAL_UNUSED|alice']);
	});
});
