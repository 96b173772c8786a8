/**
 * After a batch, re-read each changed resource directly (readState, never the credential
 * report) until it shows the change. IAM is eventually consistent, so a read right after
 * the call may still show the old state: retry a few times before calling it unverified.
 */
import type { Action } from '../core/actions.js';
import { expectedStateAfter, stateMatches, type ExpectedState } from '../core/expected-state.js';
import { isGatewayError } from '../core/gateway-error.js';
import type { AwsGateway } from '../aws/gateway.js';
import { toExecutionError, type AppliedAction, type ExecutionError } from './executor.js';

export interface ActionVerification {
	action: Action;
	expected: ExpectedState;
	/** The change is visible (or, for an unverifiable action, the call succeeded). */
	verified: boolean;
	/** Why nothing could be re-read for this action. */
	unverifiable?: string;
	/** The last state read (null: the target no longer exists). */
	observed?: unknown;
	/** The last read error, when reading kept failing. */
	error?: ExecutionError;
	attempts: number;
}

export interface VerificationReport {
	actions: ActionVerification[];
	/** Findings whose every addressing action was verified by a re-read. */
	findingsGone: string[];
	/** Findings with at least one addressing action not verified. */
	findingsRemaining: string[];
	/** Findings addressed only by actions that leave nothing to re-read. */
	findingsUnconfirmed: string[];
	allVerified: boolean;
}

export interface VerifyDeps {
	gateway: Pick<AwsGateway, 'readState'>;
	sleep?: (ms: number) => Promise<void>;
	/** Reads per action before giving up. */
	attempts?: number;
	/** Wait before each re-read; doubles each round. */
	delayMs?: number;
	/** The confirmed batch: its findings are the targeted ones (defaults to the applied actions). */
	targeted?: Action[];
	/**
	 * Every action the step proposed: a targeted finding that also needs an action that was
	 * not applied (left unselected, or not reached after a failure) remains.
	 */
	plannedActions?: Action[];
	/** false for a rollback: undoing a change brings its findings back, so none are reported gone. */
	reportFindings?: boolean;
}

export const defaultVerifyAttempts = 5;
export const defaultVerifyDelayMs = 500;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function observe(gateway: VerifyDeps['gateway'], action: Action): Promise<{ observed?: unknown; error?: ExecutionError }> {
	try {
		return { observed: await gateway.readState(action) };
	} catch (error) {
		if (isGatewayError(error) && error.code === 'NoSuchEntity') return { observed: null };
		return { error: toExecutionError(error) };
	}
}

export async function verifyActions(applied: AppliedAction[], deps: VerifyDeps): Promise<VerificationReport> {
	const attempts = Math.max(1, deps.attempts ?? defaultVerifyAttempts);
	const sleep = deps.sleep ?? realSleep;
	let delay = deps.delayMs ?? defaultVerifyDelayMs;

	const results: ActionVerification[] = applied.map(({ action, result }) => {
		const expected = expectedStateAfter(action, result);
		return 'unverifiable' in expected
			? { action, expected, verified: true, unverifiable: expected.unverifiable, attempts: 0 }
			: { action, expected, verified: false, attempts: 0 };
	});

	for (let round = 0; round < attempts; round += 1) {
		const pending = results.filter((r) => !r.verified);
		if (pending.length === 0) break;
		if (round > 0) {
			await sleep(delay);
			delay *= 2;
		}
		for (const r of pending) {
			const read = await observe(deps.gateway, r.action);
			r.attempts += 1;
			if (read.error) {
				r.error = read.error;
				continue;
			}
			delete r.error;
			r.observed = read.observed;
			r.verified = stateMatches(r.expected, read.observed);
		}
	}

	const findings =
		deps.reportFindings === false
			? { findingsGone: [], findingsRemaining: [], findingsUnconfirmed: [] }
			: findingOutcomes(results, deps.targeted ?? [], deps.plannedActions ?? []);
	return { actions: results, ...findings, allVerified: results.every((r) => r.verified) };
}

/** Identifies an action by what it does, so a plan's copy matches the applied one. */
function actionKey(action: Action): string {
	return `${action.kind} ${JSON.stringify(action.params)}`;
}

function groupByFinding<T>(items: T[], actionOf: (item: T) => Action): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const item of items) {
		for (const id of actionOf(item).findingIds) {
			const list = out.get(id);
			if (list) list.push(item);
			else out.set(id, [item]);
		}
	}
	return out;
}

/**
 * The targeted findings are those of the confirmed batch; one is gone when every action
 * addressing it (in the batch or elsewhere in the step's plan) was applied and verified.
 * Indexed by finding, so a plan of thousands of actions stays linear.
 */
function findingOutcomes(
	results: ActionVerification[],
	targeted: Action[],
	planned: Action[],
): Pick<VerificationReport, 'findingsGone' | 'findingsRemaining' | 'findingsUnconfirmed'> {
	const appliedKeys = new Set(results.map((r) => actionKey(r.action)));
	const doneByFinding = groupByFinding(results, (r) => r.action);
	const neededByFinding = groupByFinding([...targeted, ...planned], (a) => a);
	const ids = new Set([...targeted.flatMap((a) => a.findingIds), ...doneByFinding.keys()]);
	const gone: string[] = [];
	const remaining: string[] = [];
	const unconfirmed: string[] = [];
	for (const id of ids) {
		const done = doneByFinding.get(id) ?? [];
		const allApplied = (neededByFinding.get(id) ?? []).every((a) => appliedKeys.has(actionKey(a)));
		if (!allApplied || done.length === 0 || done.some((r) => !r.verified)) remaining.push(id);
		else if (done.every((r) => r.unverifiable !== undefined)) unconfirmed.push(id);
		else gone.push(id);
	}
	return { findingsGone: gone, findingsRemaining: remaining, findingsUnconfirmed: unconfirmed };
}
