/**
 * apply's stale check: every action's state, read now, must have the digest the plan recorded.
 * Two changes are the plan's own, not staleness: an action whose change is already in place
 * (core/already-in-place.ts; an earlier apply of this plan stopped after it, or someone made the
 * same change), which the executor then records without sending; and an action whose resource
 * an earlier action of the plan that is in place changed (starting the Config recorder that the
 * plan's PutConfigurationRecorder created). So a saved plan applied again after a partial apply
 * carries on where it stopped. Anything else changed refuses the whole plan, and so does S3's
 * 403 for a bucket the plan creates, in one sentence (another account owns the name now).
 */
import type { AwsGateway } from '../aws/gateway.js';
import { alreadyInPlace } from '../core/already-in-place.js';
import { isGatewayError } from '../core/gateway-error.js';
import type { PlanFile } from '../core/plan-file.js';
import { refusal } from './apply-plan-file.js';
import { stateDigestOf } from './plan-signature.js';

/** What the plan already holds in place: the indices (into plan.actions) of those actions. */
export interface StaleCheck {
	inPlace: number[];
}

/** S3's 403 to HeadBucket for a bucket the plan creates: the name is another account's now, or not this identity's to see. */
function bucketForbidden(error: unknown, entry: PlanFile['actions'][number]): boolean {
	return isGatewayError(error) && error.code === 'Forbidden' && entry.action.kind === 's3:CreateBucket';
}

export async function checkNotStale(plan: PlanFile, gateway: AwsGateway): Promise<StaleCheck> {
	const changed: string[] = [];
	const inPlace: number[] = [];
	const changedByPlan = new Set<string>();
	for (const [index, entry] of plan.actions.entries()) {
		if (entry.stateDigest === null) {
			changed.push(`${entry.resource} (its state was not read when the plan was made)`);
			continue;
		}
		let state: unknown;
		let gone = false;
		try {
			state = await gateway.readState(entry.action);
		} catch (error) {
			if (bucketForbidden(error, entry)) {
				throw refusal(
					`Will not apply: S3 answers 403 Forbidden for ${entry.resource}, which the plan creates: another account owns that name now, or this identity may not read it (s3:ListBucket). Nothing was applied. Make a new plan, or name another bucket in the wizard's step 6.`,
				);
			}
			// What the plan read is gone (a policy version it deletes, say): stale, not unreadable, unless gone is what the action makes.
			if (!isGatewayError(error) || !/NoSuch|NotFound/.test(error.code)) throw error;
			state = null;
			gone = true;
		}
		const unchanged = !gone && stateDigestOf(state) === entry.stateDigest;
		if (alreadyInPlace(entry.action, state)) {
			inPlace.push(index);
			if (!unchanged) changedByPlan.add(entry.resource);
		} else if (gone) changed.push(`${entry.resource} (it no longer exists)`);
		else if (!unchanged && !changedByPlan.has(entry.resource)) changed.push(entry.resource);
	}
	if (changed.length === 0) return { inPlace };
	const list = changed.length <= 5 ? changed.join(', ') : `${changed.slice(0, 5).join(', ')} and ${changed.length - 5} more`;
	throw refusal(`Will not apply a stale plan: ${list} changed since the plan was made at ${plan.createdAt}; nothing was applied. Make a new plan.`);
}
