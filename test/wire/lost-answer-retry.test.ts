/**
 * A call that went through and whose answer the network lost, on the wire: the fake AWS
 * makes the change and resets the connection, the real SDK retries (ECONNRESET is
 * transient), and the retry meets the first attempt's change. The executor reads the
 * resource again and records the call as applied, so a retry of the batch does not stop on
 * "already exists" and the rollback undoes what the lost attempt made.
 */
import { describe, expect, it } from 'vitest';
import { createLiveGateway } from '../../source/aws/live/live-gateway.js';
import type { Action } from '../../source/core/actions.js';
import { executeActions, rollbackPlan } from '../../source/wizard/executor.js';
import { MemoryAuditSink } from '../helpers/memory-audit-sink.js';
import { fakeAws, now } from './wire-kit.js';

const trust = { Version: '2012-10-17' as const, Statement: [{ Effect: 'Allow' as const, Principal: { Service: ['ec2.amazonaws.com'] }, Action: ['sts:AssumeRole'] }] };

function act(action: Pick<Action, 'kind' | 'params'>): Action {
	return { ...action, step: 1, findingIds: [], summary: `${action.kind} on the wire` } as Action;
}

async function execute(actions: Action[]) {
	const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 3, now: () => now });
	const audit = new MemoryAuditSink();
	const report = await executeActions(actions, { gateway, audit, step: 1, reason: 'lost answer on the wire', now: () => now });
	return { report, audit };
}

describe('an answer lost after the change was made, retried by the SDK', () => {
	it('CreateRole: the retry answers EntityAlreadyExists, the role is read again, the call is recorded as applied and can be undone', async () => {
		const { account, server } = await fakeAws({ faults: { 'iam:CreateRole': [{ lostAfterApplying: true }] } });
		const { report, audit } = await execute([act({ kind: 'iam:CreateRole', params: { RoleName: 'wire-app', AssumeRolePolicyDocument: trust } })]);
		expect(server.requests.filter((r) => r.operation === 'iam:CreateRole')).toHaveLength(2);
		expect(report.failed).toBeUndefined();
		expect(report.applied.map((a) => a.inverse?.kind)).toEqual(['iam:DeleteRole']);
		const result = audit.entries.find((e) => e.type === 'result');
		expect(result).toMatchObject({ ok: true, error: { code: 'EntityAlreadyExists' } });
		expect((result as { error: { message: string } }).error.message).toBe(
			"iam:CreateRole failed with EntityAlreadyExists: Role with name wire-app already exists; that answer was to the SDK's retry: the first attempt's answer was lost, and reading the resource again shows that attempt made the change.",
		);
		expect(rollbackPlan(report).actions.map((a) => a.kind)).toEqual(['iam:DeleteRole']);
		expect((account.state.details.RoleDetailList as { RoleName: string }[]).filter((r) => r.RoleName === 'wire-app')).toHaveLength(1);
	});

	it('CreateRole of a role the account already had: EntityAlreadyExists on the first attempt stops the batch, nothing recorded as applied', async () => {
		const { account } = await fakeAws();
		const existing = (account.state.details.RoleDetailList as { RoleName: string }[])[0]!.RoleName;
		const { report } = await execute([act({ kind: 'iam:CreateRole', params: { RoleName: existing, AssumeRolePolicyDocument: trust } })]);
		expect(report.applied).toEqual([]);
		expect(report.failed?.error).toMatchObject({ code: 'EntityAlreadyExists', message: `iam:CreateRole failed with EntityAlreadyExists: Role with name ${existing} already exists.` });
	});
});
