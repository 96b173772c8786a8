/**
 * The SDK retries a request whose answer was lost (a reset connection, a timeout, a 5xx).
 * When the first request went through, the retry meets its change: a CreateGroup retried
 * answers EntityAlreadyExists, a DeleteGroup retried NoSuchEntity. The executor reads the
 * resource again and records the call as applied (with its inverse), unless the resource
 * was already so before the call: then "already exists" is the account's, and it stops.
 */
import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../source/aws/sandbox/seed.js';
import type { Action } from '../../source/core/actions.js';
import { GatewayError } from '../../source/core/gateway-error.js';
import { executeActions, rollbackPlan } from '../../source/wizard/executor.js';
import { MemoryAuditSink } from '../helpers/memory-audit-sink.js';

const now = () => new Date('2026-11-27T20:15:03Z');

const createGroup = (GroupName: string): Action => ({ kind: 'iam:CreateGroup', params: { GroupName }, step: 1, findingIds: [], summary: `Create group ${GroupName}` });
const deleteGroup = (GroupName: string): Action => ({ kind: 'iam:DeleteGroup', params: { GroupName }, step: 1, findingIds: [], summary: `Delete group ${GroupName}` });
const passwords: Action = { kind: 'iam:UpdateAccountPasswordPolicy', params: { MinimumPasswordLength: 14 }, step: 5, findingIds: [], summary: 'Require 14-character passwords' };

async function apply(actions: Action[], gateway: ReturnType<typeof createSandboxGateway>) {
	const audit = new MemoryAuditSink();
	const report = await executeActions(actions, { gateway, audit, step: 1, reason: 'retry test', now });
	return { report, audit };
}

describe('a retried call that meets its own first attempt', () => {
	it('CreateGroup answered EntityAlreadyExists on the retry: recorded as applied, undone by the rollback, and the batch goes on', async () => {
		const gateway = createSandboxGateway({ state: createSeedState(now()), now, faults: { loseAnswer: { kind: 'iam:CreateGroup', retried: true } } });
		const { report, audit } = await apply([createGroup('break-glass'), passwords], gateway);
		expect(report.failed).toBeUndefined();
		expect(report.applied.map((a) => a.action.kind)).toEqual(['iam:CreateGroup', 'iam:UpdateAccountPasswordPolicy']);
		const result = audit.entries.find((e) => e.type === 'result' && e.seq === 1);
		expect(result).toMatchObject({ ok: true, error: { code: 'EntityAlreadyExists' } });
		expect((result as { error: { message: string } }).error.message).toMatch(/already exists; that answer was to the SDK's retry: the first attempt's answer was lost, and reading the resource again shows that attempt made the change\.$/);
		expect(rollbackPlan(report).actions.map((a) => a.kind)).toEqual(['iam:UpdateAccountPasswordPolicy', 'iam:DeleteGroup']);
		expect(gateway.currentState().groups.filter((g) => g.name === 'break-glass')).toHaveLength(1);
	});

	it('DeleteGroup answered NoSuchEntity on the retry: recorded as applied', async () => {
		const gateway = createSandboxGateway({ state: createSeedState(now()), now, faults: { loseAnswer: { kind: 'iam:DeleteGroup', retried: true } } });
		await gateway.apply(createGroup('empty-team'));
		const { report, audit } = await apply([deleteGroup('empty-team')], gateway);
		expect(report.failed).toBeUndefined();
		expect(report.applied.map((a) => a.action.kind)).toEqual(['iam:DeleteGroup']);
		expect(audit.entries.find((e) => e.type === 'result')).toMatchObject({ ok: true, error: { code: 'NoSuchEntity' } });
		expect(gateway.currentState().groups.some((g) => g.name === 'empty-team')).toBe(false);
	});

	it('EntityAlreadyExists on a retry for a group that was there before the call: the account\'s answer, not applied, nothing to undo', async () => {
		const existed = new GatewayError('EntityAlreadyExists', 'Group with name admins already exists.', { operation: 'iam:CreateGroup', attempts: 2 });
		const gateway = createSandboxGateway({ state: createSeedState(now()), now, failOn: (a) => (a.kind === 'iam:CreateGroup' ? existed : undefined) });
		const { report } = await apply([createGroup('admins')], gateway);
		expect(report.applied).toEqual([]);
		expect(report.failed?.error).toMatchObject({ code: 'EntityAlreadyExists', message: 'Group with name admins already exists.' });
	});

	it('EntityAlreadyExists on a first attempt is the account\'s answer even when the group appeared after the read', async () => {
		const gateway = createSandboxGateway({ state: createSeedState(now()), now });
		const racing = { ...gateway, readState: async (a: Action) => {
			const before = await gateway.readState(a);
			await gateway.apply(createGroup('raced'));
			return before;
		} };
		const { report } = await apply([createGroup('raced')], racing);
		expect(report.applied).toEqual([]);
		expect(report.failed?.error.code).toBe('EntityAlreadyExists');
	});
});
