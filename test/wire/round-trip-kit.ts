/**
 * A batch through the live adapter on the wire, as the wizard runs it: the executor reads
 * each action's state and applies it, every change is verified by a direct re-read, then
 * the batch's inverses are applied (newest first), verified, and the account compared with
 * the one before. The fake's state is the account, so "restored" means byte-for-byte.
 */
import type { Action } from '../../source/core/actions.js';
import { createLiveGateway } from '../../source/aws/live/live-gateway.js';
import { executeActions, rollbackPlan, type ExecutionReport } from '../../source/wizard/executor.js';
import { verifyActions, type VerificationReport } from '../../source/wizard/verify-actions.js';
import { MemoryAuditSink } from '../helpers/memory-audit-sink.js';
import type { FakeAccount } from './fake-account.js';
import { now } from './wire-kit.js';

export interface RoundTrip {
	applied: ExecutionReport;
	verified: VerificationReport;
	/** The inverses the rollback applied, in order. */
	undo: Action[];
	/** Applied actions that cannot be undone (kinds). */
	cannotUndo: string[];
	rolledBack: ExecutionReport;
	rollbackVerified: VerificationReport;
	/** The account's state before the batch and after its rollback, as JSON. */
	before: string;
	after: string;
	/** The account as iam-wizard reads it (readAccount, without readAt) before and after. */
	modelBefore: unknown;
	modelAfter: unknown;
}

/** What each unverified action observed, for a readable failure. */
export function unverified(report: VerificationReport): unknown[] {
	return report.actions.filter((a) => !a.verified).map((a) => [a.action.kind, a.action.summary, a.observed, a.error]);
}

export async function roundTrip(account: FakeAccount, actions: Action[]): Promise<RoundTrip> {
	const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 1, now: () => now });
	const deps = { gateway, audit: new MemoryAuditSink(), step: actions[0]?.step ?? 1, reason: 'wire round trip', now: () => now };
	const read = async () => {
		const { readAt: _readAt, ...model } = await gateway.readAccount();
		return model;
	};
	const modelBefore = await read();
	const before = JSON.stringify(account.state);
	const applied = await executeActions(actions, deps);
	const verified = await verifyActions(applied.applied, { gateway, sleep: async () => {}, attempts: 1 });
	const plan = rollbackPlan(applied);
	const rolledBack = await executeActions(plan.actions, { ...deps, reason: 'wire round trip rollback' });
	const rollbackVerified = await verifyActions(rolledBack.applied, { gateway, sleep: async () => {}, attempts: 1, reportFindings: false });
	return {
		applied,
		verified,
		undo: plan.actions,
		cannotUndo: plan.cannotUndo.map((a) => a.action.kind),
		rolledBack,
		rollbackVerified,
		before,
		after: JSON.stringify(account.state),
		modelBefore,
		modelAfter: await read(),
	};
}
