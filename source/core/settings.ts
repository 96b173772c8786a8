/** Settings the pure code needs, passed in as data (the conf-backed store lives in source/settings). */
import type { LastAccessedReport } from './last-accessed.js';
import type { IamCatalogue } from './policy-engine/catalogue.js';

export interface Thresholds {
	/** KEY_NOT_ROTATED: an active key older than this. */
	keyMaxAgeDays: number;
	/** CREDENTIAL_UNUSED: a password or active key unused this long. */
	credentialUnusedDays: number;
	/** ROLE_UNUSED. */
	roleUnusedDays: number;
	/** ROOT_RECENTLY_USED. */
	rootRecentDays: number;
	/** Step 5: days a key stays deactivated and unused before its deletion is proposed. */
	keyDeletionGraceDays: number;
}

export const defaultThresholds: Thresholds = {
	keyMaxAgeDays: 90,
	credentialUnusedDays: 45,
	roleUnusedDays: 90,
	rootRecentDays: 30,
	keyDeletionGraceDays: 30,
};

/** What iam-wizard knows of an access key it has seen inactive (kept in the data folder). */
export interface InactiveKeyRecord {
	userName: string;
	/** When it was deactivated (iam-wizard's own change log) or first seen inactive by a scan. */
	since: string;
	source: 'iam-wizard' | 'first-seen';
	/** When a later read found it active again: it is never deleted on this record. */
	reactivated?: string;
	/** When a later read found it gone. */
	deleted?: string;
}

/** A principal never proposed for a change (break-glass), with why. */
export interface ExcludedPrincipal {
	arn: string;
	reason: string;
}

export interface PlanContext {
	now: Date;
	thresholds: Thresholds;
	excluded: ExcludedPrincipal[];
	/**
	 * The IAM action catalogue, when the edge has loaded it (source/aws/iam-catalogue.ts,
	 * `loadIamCatalogue()`). Steps that need it say so in `notEvaluated` when it is absent.
	 */
	catalogue?: IamCatalogue;
	/**
	 * Last-accessed reports by principal ARN, when the edge has read them (for step 4's
	 * breakage guard); absent principals have none, and the guard says so.
	 */
	lastAccessed?: Record<string, LastAccessedReport>;
	/**
	 * Inactive keys by access key ID, as the data folder keeps them; absent when not read
	 * (a key then counts as first seen inactive now, and no deletion is proposed).
	 */
	inactiveKeys?: Record<string, InactiveKeyRecord>;
	/**
	 * Only findings and notEvaluated are wanted (`scan`): steps may skip working out actions
	 * whose findings do not depend on them (step 3's scoped versions, step 4's boundary
	 * attachments and the paths each one cuts). Findings and notEvaluated stay the same.
	 */
	findingsOnly?: boolean;
}
