import { describe, expect, it } from 'vitest';
import type { Action } from '../../source/core/actions.js';
import type { AuditSink } from '../../source/core/audit-sink.js';
import { GatewayError } from '../../source/core/gateway-error.js';
import { MemoryAuditSink } from '../helpers/memory-audit-sink.js';
import { executeActions, mergeReports, remainingActions, rollbackPlan, type ProgressEvent } from '../../source/wizard/executor.js';
import { deactivateKey, FakeGateway, fiveKeys } from './fake-gateway.js';
import { fixedNow } from './machine-harness.js';

function deps(gateway: FakeGateway, audit: AuditSink = new MemoryAuditSink(), extra: Partial<Parameters<typeof executeActions>[1]> = {}) {
	return { gateway, audit, step: 5 as const, reason: 'CHG-1', now: fixedNow, ...extra };
}

const keysOf = (actions: Action[]) => actions.map((a) => (a.params as { AccessKeyId: string }).AccessKeyId);

describe('executeActions', () => {
	it('reads the prior state, writes the intent before the call and the result (with the inverse) after it', async () => {
		const gateway = new FakeGateway({ keys: fiveKeys().slice(0, 2) });
		const audit = new MemoryAuditSink();
		const order: string[] = [];
		const tracing: AuditSink = {
			intent: async (r) => {
				order.push(`intent ${gateway.applyCalls.length}`);
				return audit.intent(r);
			},
			result: async (r) => {
				order.push(`result ${gateway.applyCalls.length}`);
				return audit.result(r);
			},
			attestation: (r) => audit.attestation(r),
			close: () => audit.close(),
		};
		const events: ProgressEvent[] = [];
		const actions = [deactivateKey('alice', 'AKIA1'), deactivateKey('bob', 'AKIA2')];
		const report = await executeActions(actions, deps(gateway, tracing, { previewHash: 'abc', onProgress: (e) => events.push(e) }));

		expect(order).toEqual(['intent 0', 'result 1', 'intent 1', 'result 2']);
		expect(report.failed).toBeUndefined();
		expect(report.applied.map((a) => [a.before, a.inverse?.params])).toEqual([
			[{ Status: 'Active' }, { UserName: 'alice', AccessKeyId: 'AKIA1', Status: 'Active' }],
			[{ Status: 'Active' }, { UserName: 'bob', AccessKeyId: 'AKIA2', Status: 'Active' }],
		]);
		expect(events.map((e) => `${e.index}/${e.total} ${e.phase}`)).toEqual([
			'0/2 reading',
			'0/2 applying',
			'0/2 applied',
			'1/2 reading',
			'1/2 applying',
			'1/2 applied',
		]);
		const [intent, result] = audit.entries;
		expect(intent).toMatchObject({
			type: 'intent',
			seq: 1,
			time: '2026-03-01T12:00:00.000Z',
			step: 5,
			reason: 'CHG-1',
			previewHash: 'abc',
			findingIds: actions[0].findingIds,
			action: actions[0],
		});
		expect(result).toMatchObject({ type: 'result', seq: 1, ok: true, before: { Status: 'Active' }, result: { requestId: 'req-1' } });
		expect(result.type === 'result' && result.inverse?.kind).toBe('iam:UpdateAccessKey');
	});

	it('refuses the whole batch, before any call, when it touches the caller’s own key', async () => {
		const gateway = new FakeGateway({ keys: [...fiveKeys().slice(0, 1), { userName: 'operator', id: 'AKIAOPERATOR', status: 'Active' }] });
		const audit = new MemoryAuditSink();
		const actions = [deactivateKey('alice', 'AKIA1'), deactivateKey('operator', 'AKIAOPERATOR')];
		const report = await executeActions(actions, deps(gateway, audit));
		expect(report.failed).toMatchObject({ index: 1, error: { code: 'CallersOwnKey' } });
		expect(report.applied).toEqual([]);
		expect(gateway.applyCalls).toEqual([]);
		expect(gateway.readCalls).toEqual([]);
		expect(audit.entries).toEqual([]);
		expect(gateway.state.keys.AKIAOPERATOR.status).toBe('Active');
	});

	it('touches the caller’s own key only with the separate explicit override', async () => {
		const gateway = new FakeGateway({ keys: [{ userName: 'operator', id: 'AKIAOPERATOR', status: 'Active' }] });
		const report = await executeActions([deactivateKey('operator', 'AKIAOPERATOR')], deps(gateway, undefined, { allowCallerKey: true }));
		expect(report.applied).toHaveLength(1);
		expect(gateway.state.keys.AKIAOPERATOR.status).toBe('Inactive');
	});

	it('uses the caller it is given rather than asking the gateway', async () => {
		const gateway = new FakeGateway({ keys: fiveKeys().slice(0, 1) });
		const report = await executeActions([deactivateKey('alice', 'AKIA1')], deps(gateway, undefined, { caller: { ...gateway.caller, accessKeyId: 'AKIA1' } }));
		expect(report.failed?.error.code).toBe('CallersOwnKey');
		expect(gateway.applyCalls).toEqual([]);
	});

	it('does not make the call when the intent cannot be recorded', async () => {
		const gateway = new FakeGateway({ keys: fiveKeys().slice(0, 2) });
		const broken: AuditSink = {
			intent: async () => {
				throw new Error('disk full');
			},
			result: async () => {},
			attestation: async () => {},
			close: async () => {},
		};
		const report = await executeActions([deactivateKey('alice', 'AKIA1'), deactivateKey('bob', 'AKIA2')], deps(gateway, broken));
		expect(report.failed).toMatchObject({ index: 0, error: { code: 'AuditWriteFailed' } });
		expect(report.failed?.error.message).toContain('disk full');
		expect(gateway.applyCalls).toEqual([]);
		expect(keysOf(report.notAttempted)).toEqual(['AKIA2']);
	});

	it('stops when the prior state cannot be read, without a log record or a call', async () => {
		const gateway = new FakeGateway({ keys: fiveKeys().slice(0, 1) });
		const audit = new MemoryAuditSink();
		const report = await executeActions([deactivateKey('ghost', 'AKIAGHOST'), deactivateKey('alice', 'AKIA1')], deps(gateway, audit));
		expect(report.failed).toMatchObject({ index: 0, error: { code: 'NoSuchEntity' } });
		expect(audit.entries).toEqual([]);
		expect(gateway.applyCalls).toEqual([]);
	});

	it('marks a result that could not be recorded, so a retry does not apply that action twice', async () => {
		const gateway = new FakeGateway({ keys: fiveKeys().slice(0, 2) });
		const audit = new MemoryAuditSink();
		const flaky: AuditSink = {
			intent: (r) => audit.intent(r),
			result: async () => {
				throw new Error('log closed');
			},
			attestation: async () => {},
			close: async () => {},
		};
		const actions = [deactivateKey('alice', 'AKIA1'), deactivateKey('bob', 'AKIA2')];
		const report = await executeActions(actions, deps(gateway, flaky));
		expect(report.applied).toHaveLength(1);
		expect(report.failed).toMatchObject({ index: 0, afterApply: true, error: { code: 'AuditWriteFailed' } });
		expect(keysOf(remainingActions(report))).toEqual(['AKIA2']);
	});

	it('stops before the next action once aborted', async () => {
		const gateway = new FakeGateway({ keys: fiveKeys() });
		const controller = new AbortController();
		const actions = fiveKeys().map((k) => deactivateKey(k.userName, k.id));
		const report = await executeActions(
			actions,
			deps(gateway, undefined, {
				signal: controller.signal,
				onProgress: (e) => {
					if (e.index === 1 && e.phase === 'applied') controller.abort();
				},
			}),
		);
		expect(report.aborted).toBe(true);
		expect(report.applied).toHaveLength(2);
		expect(keysOf(report.notAttempted)).toEqual(['AKIA3', 'AKIA4', 'AKIA5']);
		expect(gateway.applyCalls).toHaveLength(2);
	});

	it('numbers a retry after the earlier part of the batch and merges the reports', async () => {
		let failures = 1;
		const gateway = new FakeGateway({
			keys: fiveKeys().slice(0, 3),
			failOn: (a) => ((a.params as { AccessKeyId: string }).AccessKeyId === 'AKIA2' && failures-- > 0 ? new GatewayError('Throttled', 'Rate exceeded') : undefined),
		});
		const actions = fiveKeys().slice(0, 3).map((k) => deactivateKey(k.userName, k.id));
		const first = await executeActions(actions, deps(gateway));
		expect(first.failed?.index).toBe(1);
		const events: ProgressEvent[] = [];
		const second = await executeActions(remainingActions(first), deps(gateway, undefined, { startIndex: 1, onProgress: (e) => events.push(e) }));
		expect(events.filter((e) => e.phase === 'applied').map((e) => `${e.index}/${e.total}`)).toEqual(['1/3', '2/3']);
		expect(keysOf(mergeReports(first, second).applied.map((a) => a.action))).toEqual(['AKIA1', 'AKIA2', 'AKIA3']);
	});
});

describe('rollbackPlan', () => {
	it('gives the inverses of the applied prefix in reverse order and names what cannot be undone', () => {
		const a = deactivateKey('alice', 'AKIA1');
		const b: Action = { kind: 'iam:DeleteAccessKey', params: { UserName: 'bob', AccessKeyId: 'AKIA2' }, step: 5, findingIds: [], summary: 'Delete AKIA2' };
		const c = deactivateKey('carol', 'AKIA3');
		const inverse = (x: Action): Action => ({ ...x, params: { ...(x.params as object), Status: 'Active' } as never });
		const plan = rollbackPlan({
			applied: [
				{ action: a, before: { Status: 'Active' }, result: {}, inverse: inverse(a) },
				{ action: b, before: { exists: true }, result: {}, inverse: null },
				{ action: c, before: { Status: 'Active' }, result: {}, inverse: inverse(c) },
			],
		});
		expect(keysOf(plan.actions)).toEqual(['AKIA3', 'AKIA1']);
		expect(plan.cannotUndo.map((x) => x.action)).toEqual([b]);
	});
});
