/**
 * The one place that changes AWS. For each confirmed action, in order: read the state it
 * will replace, write a durable audit intent, make the call, build the inverse from the
 * state read before, write the audit result. The batch stops at the first failure, so
 * what was applied is always a prefix that `rollbackPlan` can undo.
 */
import type { Action, ActionParams, ApplyResult, PriorState, StepNumber } from '../core/actions.js';
import type { AuditSink } from '../core/audit-sink.js';
import { isCallersOwnKey } from '../core/break-glass.js';
import { accountOwnsBucketAlready, isGatewayError, outcomeIsUnknown, retryMetItsOwnChange } from '../core/gateway-error.js';
import { createdVersionCleanup, inverseOf } from '../core/inverse-action.js';
import type { CallerIdentity } from '../core/model.js';
import type { AwsGateway } from '../aws/gateway.js';
import { observeOutcome, outcomeNote } from './observed-outcome.js';
import { alreadyAsWanted, alreadyInPlace, alreadyInPlaceCode, alreadyInPlaceMessage } from '../core/already-in-place.js';

function withoutStop(message: string): string {
	return message.replace(/\.$/, '');
}

export type ProgressPhase = 'reading' | 'applying' | 'applied' | 'failed';

export interface ProgressEvent {
	/** Position in the whole batch (a retry continues the numbering). */
	index: number;
	total: number;
	action: Action;
	phase: ProgressPhase;
	error?: ExecutionError;
	/** 'applied' without a call: the change was already in place (`skipInPlace`). */
	inPlace?: true;
}

export interface ExecutionError {
	code: string;
	message: string;
	requestId?: string;
}

export interface AppliedAction {
	action: Action;
	/** What readState returned just before the call. */
	before: PriorState;
	result: ApplyResult;
	/** null: the action cannot be undone. */
	inverse: Action | null;
	/** Not sent: the state read before the call already showed its change (`skipInPlace`). */
	inPlace?: true;
}

export interface ExecutionReport {
	applied: AppliedAction[];
	failed?: {
		index: number;
		action: Action;
		error: ExecutionError;
		/** The call itself succeeded (the action is in `applied`) but recording its result failed. */
		afterApply?: boolean;
	};
	notAttempted: Action[];
	/** The operator stopped the batch between two actions. */
	aborted?: boolean;
}

export interface ExecuteDeps {
	gateway: AwsGateway;
	audit: AuditSink;
	step: StepNumber;
	/** The change reason or ticket ID, asked once per batch. */
	reason: string;
	previewHash?: string;
	now: () => Date;
	onProgress?: (event: ProgressEvent) => void;
	/** Checked between actions: the one in flight finishes, the rest are not attempted. */
	signal?: AbortSignal;
	/** Who is signed in; read from the gateway when absent and the batch touches access keys. */
	caller?: CallerIdentity;
	/** The separate, explicit override without which the caller's own key is never touched. */
	allowCallerKey?: boolean;
	/** Where this batch starts in a larger one (a retry), for progress numbering. */
	startIndex?: number;
	/**
	 * An action whose change the state read before the call already shows is recorded as in place
	 * (result ok, AlreadyInPlace, no inverse) and not sent: apply resuming a saved plan.
	 */
	skipInPlace?: boolean;
}

export const callersOwnKeyCode = 'CallersOwnKey';

export function toExecutionError(error: unknown): ExecutionError {
	if (isGatewayError(error)) {
		return { code: error.code, message: error.message, ...(error.requestId ? { requestId: error.requestId } : {}) };
	}
	return { code: 'Unexpected', message: error instanceof Error ? error.message : String(error) };
}

async function refusedOwnKey(actions: Action[], deps: ExecuteDeps): Promise<number> {
	if (deps.allowCallerKey === true) return -1;
	if (!actions.some((a) => a.kind === 'iam:UpdateAccessKey' || a.kind === 'iam:DeleteAccessKey')) return -1;
	const caller = deps.caller ?? (await deps.gateway.callerIdentity());
	return actions.findIndex((a) => isCallersOwnKey(a, caller));
}

export async function executeActions(actions: Action[], deps: ExecuteDeps): Promise<ExecutionReport> {
	const start = deps.startIndex ?? 0;
	const total = start + actions.length;
	const applied: AppliedAction[] = [];
	const progress = (i: number, phase: ProgressPhase, error?: ExecutionError, inPlace = false) =>
		deps.onProgress?.({ index: start + i, total, action: actions[i], phase, ...(error ? { error } : {}), ...(inPlace ? { inPlace } : {}) });

	let ownKey: number;
	try {
		ownKey = await refusedOwnKey(actions, deps);
	} catch (error) {
		return { applied, failed: { index: start, action: actions[0], error: toExecutionError(error) }, notAttempted: actions.slice(1) };
	}
	if (ownKey >= 0) {
		const action = actions[ownKey];
		const error = {
			code: callersOwnKeyCode,
			message: `Refused the whole batch: ${action.summary} would change the access key you are signed in with`,
		};
		progress(ownKey, 'failed', error);
		return { applied, failed: { index: start + ownKey, action, error }, notAttempted: actions.filter((_, i) => i !== ownKey) };
	}

	for (let i = 0; i < actions.length; i += 1) {
		const action = actions[i];
		if (deps.signal?.aborted) return { applied, notAttempted: actions.slice(i), aborted: true };
		const fail = (error: ExecutionError, afterApply = false): ExecutionReport => {
			progress(i, 'failed', error);
			return {
				applied,
				failed: { index: start + i, action, error, ...(afterApply ? { afterApply } : {}) },
				notAttempted: actions.slice(i + 1),
			};
		};

		progress(i, 'reading');
		let before: PriorState;
		try {
			before = await deps.gateway.readState(action);
		} catch (error) {
			return fail(toExecutionError(error));
		}

		let seq: number;
		try {
			seq = await deps.audit.intent({
				time: deps.now().toISOString(),
				step: deps.step,
				action,
				findingIds: action.findingIds,
				reason: deps.reason,
				...(deps.previewHash ? { previewHash: deps.previewHash } : {}),
			});
		} catch (error) {
			// Without a durable intent the call is not made.
			return fail({ code: 'AuditWriteFailed', message: `The change log could not record the intent: ${toExecutionError(error).message}` });
		}

		if (deps.skipInPlace && alreadyInPlace(action, before)) {
			applied.push({ action, before, result: {}, inverse: null, inPlace: true });
			try {
				await deps.audit.result({ seq, time: deps.now().toISOString(), ok: true, result: {}, inverse: null, before, after: before, error: { code: alreadyInPlaceCode, message: alreadyInPlaceMessage } });
			} catch (error) {
				return fail({ code: 'AuditWriteFailed', message: `Already in place, but the change log could not record it: ${toExecutionError(error).message}` }, true);
			}
			progress(i, 'applied', undefined, true);
			continue;
		}

		progress(i, 'applying');
		let result: ApplyResult;
		try {
			result = await deps.gateway.apply(action);
		} catch (error) {
			let failure = toExecutionError(error);
			// The call may have gone through with its answer lost: look, rather than assume either way. So may a
			// retried call AWS answered "already exists" (or "already gone") when it was not so just before the call.
			const retried = retryMetItsOwnChange(error) && !alreadyAsWanted(action, before);
			// And so is S3's BucketAlreadyOwnedByYou, its answer outside us-east-1 where us-east-1 answers 200 OK: the
			// bucket is the account's, so a re-run behaves the same in every Region. Not this call's creation: undo keeps it.
			const owned = !retried && accountOwnsBucketAlready(error);
			const found = outcomeIsUnknown(error) || retried || owned ? await observeOutcome(deps.gateway, action) : undefined;
			if (found) failure = { ...failure, message: `${withoutStop(failure.message)}; ${outcomeNote(found.outcome, retried ? 'retried' : owned ? 'owned' : 'lost')}.` };
			if (found?.outcome === 'applied') {
				const result: ApplyResult = {};
				const inverse = owned ? null : inverseOf(action, before, result);
				applied.push({ action, before, result, inverse });
				try {
					await deps.audit.result({ seq, time: deps.now().toISOString(), ok: true, result, inverse, before, after: found.observed as PriorState, error: failure });
				} catch (auditError) {
					return fail({ code: 'AuditWriteFailed', message: `Applied, but the change log could not record the result: ${toExecutionError(auditError).message}` }, true);
				}
				progress(i, 'applied');
				continue;
			}
			try {
				await deps.audit.result({ seq, time: deps.now().toISOString(), ok: false, error: failure, before, ...(found ? { after: found.observed as PriorState } : {}) });
			} catch {
				// The AWS failure is what the operator needs to see; the missing result shows in the log as an intent without one.
			}
			return fail(failure);
		}

		const inverse = inverseOf(action, before, result);
		applied.push({ action, before, result, inverse });
		try {
			await deps.audit.result({ seq, time: deps.now().toISOString(), ok: true, result, inverse, before });
		} catch (error) {
			return fail({ code: 'AuditWriteFailed', message: `Applied, but the change log could not record the result: ${toExecutionError(error).message}` }, true);
		}
		progress(i, 'applied');
	}
	return { applied, notAttempted: [] };
}

/**
 * A restore the same rollback makes moot: putting back the policy a topic had when the topic
 * itself is deleted next (a topic the batch created: AWS gives a new topic a default policy,
 * so its policy change has an inverse). Applied, it would be verified after the deletion and
 * never be seen.
 */
function deletedLater(inverse: Action, later: Action[]): boolean {
	if (inverse.kind !== 'sns:SetTopicAttributes') return false;
	const topic = (inverse.params as ActionParams['sns:SetTopicAttributes']).TopicArn;
	return later.some((a) => a.kind === 'sns:DeleteTopic' && (a.params as ActionParams['sns:DeleteTopic']).TopicArn === topic);
}

/** What undoing a report's applied prefix takes: the inverses in reverse order, and what cannot be undone. */
export function rollbackPlan(report: Pick<ExecutionReport, 'applied'>): { actions: Action[]; cannotUndo: AppliedAction[] } {
	const reversed = [...report.applied].reverse();
	const actions = reversed.flatMap((a) => (a.inverse ? [a.inverse, ...createdVersionCleanup(a.action, a.result)] : []));
	return {
		actions: actions.filter((a, i) => !deletedLater(a, actions.slice(i + 1))),
		cannotUndo: reversed.filter((a) => a.inverse === null),
	};
}

/** The actions a retry applies: the failed one again (unless it did go through), then the rest. */
export function remainingActions(report: ExecutionReport): Action[] {
	if (!report.failed) return report.notAttempted;
	return report.failed.afterApply ? report.notAttempted : [report.failed.action, ...report.notAttempted];
}

/** One report for a batch that was retried: the earlier applied prefix, then the retry's outcome. */
export function mergeReports(earlier: ExecutionReport | null, later: ExecutionReport): ExecutionReport {
	if (!earlier) return later;
	return { ...later, applied: [...earlier.applied, ...later.applied] };
}
