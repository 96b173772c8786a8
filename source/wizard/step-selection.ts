/**
 * Which of a plan's actions the operator may select, and which are selected at first:
 * break-glass principals and the caller's own key are blocked outright; actions with a
 * lockout risk may be selected, but never by default.
 */
import type { Action } from '../core/actions.js';
import { isCallersOwnKey, partitionExcluded } from '../core/break-glass.js';
import { callerAccessOf, confirmationFor, lockoutRiskOf, roomMadeFor, typedAccountIdMatches, type CallerAccess, type Confirmation } from '../core/confirmation.js';
import type { AccountModel } from '../core/model.js';
import type { ExcludedPrincipal } from '../core/settings.js';
import type { StepPlan } from '../core/step-plan.js';
import type { BlockedAction, ConfirmEvent } from './step-machine-types.js';

export interface SelectionRules {
	blocked: BlockedAction[];
	lockout: Record<number, string>;
	selected: number[];
}

export function selectionRules(plan: StepPlan, model: AccountModel, accountId: string, excluded: ExcludedPrincipal[]): SelectionRules {
	const blocked: BlockedAction[] = [];
	const lockout: Record<number, string> = {};
	const breakGlass = new Map(
		partitionExcluded(plan.actions, excluded, accountId, model.partition).excluded.map((e) => [e.action, e]),
	);
	const callerAccess = callerAccessOf(model);
	plan.actions.forEach((action, index) => {
		if (isCallersOwnKey(action, model.caller)) {
			blocked.push({ index, action, cause: 'callers-key', reason: 'This is the access key you are signed in with; it is never changed' });
			return;
		}
		const hit = breakGlass.get(action);
		if (hit) {
			blocked.push({ index, action, cause: 'break-glass', reason: `${hit.principal.arn} is a break-glass principal: ${hit.reason}` });
			return;
		}
		const risk = lockoutRiskOf(action, { accountId, callerArn: model.caller.arn, ...callerAccess });
		if (risk) lockout[index] = risk;
	});
	const isBlocked = new Set(blocked.map((b) => b.index));
	const risky = new Set(Object.keys(lockout).map(Number));
	// A version deletion that only makes room for a risky new version starts unselected with it.
	const roomOnly = roomMadeFor(plan.actions, risky);
	const selected = plan.actions.map((_, i) => i).filter((i) => !isBlocked.has(i) && !risky.has(i) && !roomOnly.has(i));
	return { blocked, lockout, selected };
}

export function toggled(selected: number[], index: number, rules: Pick<SelectionRules, 'blocked'>, count: number): number[] {
	if (index < 0 || index >= count || rules.blocked.some((b) => b.index === index)) return selected;
	return selected.includes(index) ? selected.filter((i) => i !== index) : [...selected, index].sort((a, b) => a - b);
}

/** Every selectable action without a lockout risk, keeping any lockout action already chosen. */
export function allSelected(selected: number[], rules: Pick<SelectionRules, 'blocked' | 'lockout'>, count: number): number[] {
	const isBlocked = new Set(rules.blocked.map((b) => b.index));
	return Array.from({ length: count }, (_, i) => i).filter(
		(i) => !isBlocked.has(i) && (rules.lockout[i] === undefined || selected.includes(i)),
	);
}

export function batchOf(actions: Action[], selected: number[]): Action[] {
	return selected.map((i) => actions[i]);
}

export function confirmationOf(actions: Action[], accountId: string | undefined, callerArn: string | undefined, callerAccess?: CallerAccess): Confirmation {
	return confirmationFor(actions, { accountId: accountId ?? '', callerArn: callerArn ?? '', ...callerAccess });
}

/** Why a CONFIRM cannot be accepted, or null when it can. */
export function confirmProblem(confirmation: Confirmation, accountId: string | undefined, event: ConfirmEvent): string | null {
	if (event.reason.trim() === '') return 'Give a change reason or ticket ID';
	if (confirmation.level === 'typed-account-id' && !typedAccountIdMatches(event.typedAccountId, accountId ?? '')) {
		return 'Type the account ID to confirm this batch';
	}
	if (confirmation.lockoutRisks.length > 0 && event.overrideLockout !== true) {
		return 'This batch could lock you out; acknowledge the risk separately to go on';
	}
	return null;
}
