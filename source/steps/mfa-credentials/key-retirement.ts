/**
 * The second phase of retiring an access key: deletion, which cannot be undone, so it is
 * proposed only for a key that has been inactive — and unused — for the whole grace period
 * (settings, default 30 days). The start of that period is when iam-wizard deactivated the
 * key, or, for a key someone else deactivated, when a scan first saw it inactive (both kept
 * in the data folder and passed in as `context.inactiveKeys`). A key used after that date,
 * or found active again, is never deleted, and the screen says why.
 */
import type { Action } from '../../core/actions.js';
import { addDays, shortDate } from '../../core/dates.js';
import type { AccessKey, AccountModel, IsoDate, User } from '../../core/model.js';
import type { ExcludedPrincipal, PlanContext } from '../../core/settings.js';

export type KeyRetirementPhase =
	/** In use or simply active: not this phase's business. */
	| 'active'
	/** Inactive and unused, within the grace period. */
	| 'grace'
	/** Inactive and unused for the whole grace period: deletion is proposed. */
	| 'due'
	/** Used after it was deactivated: never deleted. */
	| 'used-after'
	/** Active again after iam-wizard saw it inactive: never deleted. */
	| 'reactivated';

export interface KeyRetirement {
	user: User;
	key: AccessKey;
	phase: KeyRetirementPhase;
	/** When the grace period started (deactivation, or first seen inactive). */
	inactiveSince?: IsoDate;
	source?: 'iam-wizard' | 'first-seen';
	/** True when the start date is not yet in the data folder (seen inactive for the first time now). */
	firstSeenNow?: boolean;
	deletableOn?: IsoDate;
	/** Why it is, or is not, proposed for deletion: one line for the screen and the log. */
	why: string;
	/** Why it is never proposed even when due: the caller's key, a break-glass user. */
	excludedBecause?: string;
}

function lastUse(key: AccessKey): string {
	return key.lastUsed?.date ? `last used ${shortDate(key.lastUsed.date)}${key.lastUsed.service ? ` (${key.lastUsed.service})` : ''}` : 'never used';
}

function retirementOf(user: User, key: AccessKey, context: PlanContext, excluded: Map<string, string>, callerKey: string | undefined): KeyRetirement {
	const record = context.inactiveKeys?.[key.id];
	const live = record && !record.deleted ? record : undefined;
	const excludedBecause = key.id === callerKey ? 'it is the key you are signed in with' : excluded.get(user.arn);
	const base = { user, key, ...(excludedBecause ? { excludedBecause } : {}) };
	if (key.status === 'Active') {
		if (live) {
			return { ...base, phase: 'reactivated', inactiveSince: live.since, source: live.source, why: `active again after being inactive since ${shortDate(live.since)}: never deleted while someone relies on it` };
		}
		return { ...base, phase: 'active', why: `active, ${lastUse(key)}` };
	}
	const fresh = !live || live.reactivated !== undefined;
	const since = fresh ? context.now.toISOString() : live.since;
	const source = fresh ? 'first-seen' : live.source;
	const sinceText = source === 'iam-wizard' ? `deactivated on ${shortDate(since)}` : `first seen inactive on ${shortDate(since)}`;
	const usedAt = key.lastUsed?.date;
	if (usedAt && Date.parse(usedAt) > Date.parse(since)) {
		return { ...base, phase: 'used-after', inactiveSince: since, source, why: `${sinceText}, yet used on ${shortDate(usedAt)}: never deleted` };
	}
	const deletableOn = addDays(since, context.thresholds.keyDeletionGraceDays);
	const due = !fresh && context.now.getTime() >= Date.parse(deletableOn);
	return {
		...base,
		phase: due ? 'due' : 'grace',
		inactiveSince: since,
		source,
		...(fresh ? { firstSeenNow: true } : {}),
		deletableOn,
		why: `${sinceText}, ${lastUse(key)}, ${due ? 'deletable since' : 'deletable on'} ${shortDate(deletableOn)}`,
	};
}

/** Every access key of the account with its retirement phase, users in the model's order. */
export function keyRetirements(model: AccountModel, context: PlanContext): KeyRetirement[] {
	const excluded = new Map(context.excluded.map((e: ExcludedPrincipal) => [e.arn, e.reason]));
	return model.users.flatMap((user) => user.accessKeys.map((key) => retirementOf(user, key, context, excluded, model.caller.accessKeyId)));
}

/** The deletion of a due key, with what the change log must keep: its last use and the reason. */
export function keyDeletionAction(retirement: KeyRetirement, graceDays: number): Action<'iam:DeleteAccessKey'> {
	const { user, key } = retirement;
	return {
		kind: 'iam:DeleteAccessKey',
		params: { UserName: user.name, AccessKeyId: key.id },
		step: 5,
		findingIds: [],
		summary: `Delete access key ${key.id} of ${user.name} (${retirement.why}; grace period ${graceDays} days)`,
		notes: [
			'Cannot be undone: a deleted key cannot be restored; anything still holding it stops working for good.',
			`Key ${key.id}: ${lastUse(key)}; inactive since ${retirement.inactiveSince ? shortDate(retirement.inactiveSince) : 'unknown'}.`,
		],
	};
}

export interface KeyDeletionPlan {
	actions: Action<'iam:DeleteAccessKey'>[];
	/** Due keys that are never deleted from here (the caller's, break-glass). */
	excluded: { arn: string; reason: string; findingIds: string[] }[];
}

/** The deletions that are due now. */
export function planKeyDeletions(model: AccountModel, context: PlanContext): KeyDeletionPlan {
	const plan: KeyDeletionPlan = { actions: [], excluded: [] };
	for (const retirement of keyRetirements(model, context)) {
		if (retirement.phase !== 'due') continue;
		if (retirement.excludedBecause) {
			plan.excluded.push({ arn: retirement.user.arn, reason: `access key ${retirement.key.id} is due for deletion but ${retirement.excludedBecause}`, findingIds: [] });
			continue;
		}
		plan.actions.push(keyDeletionAction(retirement, context.thresholds.keyDeletionGraceDays));
	}
	return plan;
}
