/**
 * A plan file: what `iam-wizard plan` proposes and `apply` applies, as data. What was
 * reviewed is what gets applied: each action carries the digest of the state it depends on
 * (read just before the plan was written), and the whole plan is signed with the
 * change-log key, so an edited or stale plan is refused instead of half-applied.
 *
 * Pure: parsing and checking shapes only. Digests and signatures live in commands/.
 */
import type { Action, StepNumber } from './actions.js';
import type { ConfirmationLevel } from './confirmation.js';
import { isFindingId, type FindingId, type Severity } from './finding-catalogue.js';

/** Bumped when a plan's meaning changes; an older tool refuses a plan with a newer one. */
export const planFormatVersion = 1;
export const planFormatName = 'iam-wizard-plan';

export interface PlanSource {
	kind: 'demo' | 'live' | 'snapshot';
	/** The gateway's description: "demo: Acme sandbox (1234…)", "profile prod, eu-west-1". */
	description: string;
	profile?: string;
	region?: string;
	/** The snapshot path a snapshot plan was made from. */
	path?: string;
}

export interface PlannedAction {
	action: Action;
	/** What the stale check and refusals name: "access key AKIA… of user dave". */
	resource: string;
	/** SHA-256 (hex) of the RFC 8785 JSON of `readState(action)` at plan time; null when it could not be read (snapshots). */
	stateDigest: string | null;
	/** Why this action could cut the caller's access; only present in plans made with --allow-lockout-risk. */
	lockoutRisk?: string;
}

export interface PlannedFinding {
	fingerprint: string;
	id: FindingId;
	severity: Severity;
	resource: string;
	title: string;
}

export interface HeldBackAction {
	summary: string;
	findingIds: string[];
	reason: string;
}

export interface PlanSignature {
	algorithm: 'Ed25519';
	/** `SHA256:<base64>` of the raw public key, as `audit pubkey` prints it. */
	keyFingerprint: string;
	publicKeyPem: string;
	/** Base64 Ed25519 signature over the RFC 8785 JSON of the plan without `signature`. */
	value: string;
	/**
	 * With `plan --signing-key ARN`: the plan's own key certified by the KMS key, as a change-log
	 * header's signer.certificate is (the statement's sessionKey is `keyFingerprint`).
	 */
	certificate?: { kmsKey: string; algorithm: string; issued: string; publicKey: string; fingerprint: string; signature: string };
}

export interface PlanFile {
	format: typeof planFormatName;
	formatVersion: number;
	tool: { name: string; version: string };
	account: { id: string; alias?: string };
	caller: string;
	createdAt: string;
	source: PlanSource;
	steps: StepNumber[];
	/** The `--only` filter the plan was made with (finding IDs or fingerprints). */
	only?: string[];
	/** One line per action, for people. */
	summary: string;
	actions: PlannedAction[];
	/** The findings the actions address. */
	findings: PlannedFinding[];
	confirmation: { level: ConfirmationLevel; reasons: string[] };
	/** Proposed by a step, left out of this plan (lock-out risk, break-glass, the caller's own key). */
	heldBack: HeldBackAction[];
	notes: string[];
	/** `plan --validation local`: the reviewer accepted local checks of policy documents when Access Analyzer cannot validate them. */
	validation?: 'aws' | 'local';
	signature: PlanSignature;
}

export type UnsignedPlan = Omit<PlanFile, 'signature'>;

export function unsignedPlan(plan: PlanFile): UnsignedPlan {
	const { signature: _signature, ...rest } = plan;
	return rest;
}

/**
 * Compares dotted numeric versions ("0.10.1" > "0.9.3"); a pre-release tag sorts before its
 * release, and tags compare as SemVer orders them: field by field, numbers as numbers
 * ("rc.10" > "rc.9"), a number before a word, and a tag that runs out first before a longer
 * one. Build metadata (`+…`) is ignored.
 */
export function compareVersions(a: string, b: string): number {
	const split = (v: string) => {
		const core = v.split('+', 1)[0]!;
		const dash = core.indexOf('-');
		const main = dash < 0 ? core : core.slice(0, dash);
		return { parts: main.split('.').map((x) => Number.parseInt(x, 10) || 0), pre: dash < 0 ? undefined : core.slice(dash + 1).split('.') };
	};
	const x = split(a);
	const y = split(b);
	for (let i = 0; i < Math.max(x.parts.length, y.parts.length); i += 1) {
		const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
		if (d !== 0) return Math.sign(d);
	}
	if (x.pre === undefined || y.pre === undefined) return x.pre === y.pre ? 0 : x.pre === undefined ? 1 : -1;
	for (let i = 0; i < Math.min(x.pre.length, y.pre.length); i += 1) {
		const d = compareTagField(x.pre[i]!, y.pre[i]!);
		if (d !== 0) return d;
	}
	return Math.sign(x.pre.length - y.pre.length);
}

/** One dot-separated field of a pre-release tag: numbers compare as numbers and sort before words. */
function compareTagField(p: string, q: string): number {
	const numeric = /^\d+$/;
	if (numeric.test(p) && numeric.test(q)) return Math.sign(Number(p) - Number(q));
	if (numeric.test(p) !== numeric.test(q)) return numeric.test(p) ? -1 : 1;
	return p === q ? 0 : p < q ? -1 : 1;
}

/** Why a parsed value is not a plan this version can read; undefined when it is one. */
export function planShapeProblem(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not a JSON object';
	const plan = value as Record<string, unknown>;
	if (plan.format !== planFormatName) return `it is not an iam-wizard plan (no "format": "${planFormatName}")`;
	if (typeof plan.formatVersion !== 'number') return 'it has no formatVersion';
	const tool = plan.tool as Record<string, unknown> | undefined;
	if (typeof tool?.version !== 'string') return 'it does not say which iam-wizard version wrote it';
	if (typeof (plan.account as Record<string, unknown> | undefined)?.id !== 'string') return 'it names no account';
	if (typeof plan.caller !== 'string' || typeof plan.createdAt !== 'string') return 'it has no caller or creation time';
	const source = plan.source as Record<string, unknown> | undefined;
	if (!source || !['demo', 'live', 'snapshot'].includes(source.kind as string)) return 'it does not say where it came from (source.kind)';
	if (!Array.isArray(plan.actions)) return 'it has no list of actions';
	for (const [i, entry] of (plan.actions as unknown[]).entries()) {
		const a = entry as Record<string, unknown> | null;
		const action = a?.action as Record<string, unknown> | undefined;
		if (!action || typeof action.kind !== 'string' || typeof action.params !== 'object' || !Array.isArray(action.findingIds)) return `action ${i + 1} is not an action`;
		if (typeof a?.resource !== 'string' || (a.stateDigest !== null && typeof a.stateDigest !== 'string')) return `action ${i + 1} has no resource or state digest`;
	}
	const sig = plan.signature as Record<string, unknown> | undefined;
	if (!sig || typeof sig.value !== 'string' || typeof sig.publicKeyPem !== 'string') return 'it is not signed';
	return undefined;
}

/** Splits `--only` entries into catalogue IDs and fingerprints; unknown IDs are returned apart. */
export function parseOnly(entries: string[]): { ids: Set<string>; fingerprints: Set<string>; unknown: string[] } {
	const ids = new Set<string>();
	const fingerprints = new Set<string>();
	const unknown: string[] = [];
	for (const entry of entries) {
		if (entry.includes('|')) fingerprints.add(entry);
		else if (isFindingId(entry)) ids.add(entry);
		else unknown.push(entry);
	}
	return { ids, fingerprints, unknown };
}

/** Whether an action addresses a finding that `--only` selected (by catalogue ID or by fingerprint). */
export function actionSelected(action: Action, only: { ids: Set<string>; fingerprints: Set<string> }): boolean {
	return action.findingIds.some((f) => only.fingerprints.has(f) || only.ids.has(f.split('|')[0]!));
}
