/**
 * `iam-wizard plan`: reads the account, computes the findings and the actions each chosen
 * step offers by default, reads the state each action depends on, and writes a signed plan
 * file that `apply` applies exactly as reviewed, or not at all. Nothing is changed.
 */
import { writeFileAtomic } from '../fs/atomic-write.js';
import { resolve } from 'node:path';
import { AuditInputError } from '../audit/audit-input-error.js';
import { loadOrCreateSigningKey } from '../audit/signing-key.js';
import type { AwsGateway } from '../aws/gateway.js';
import type { Action, StepNumber } from '../core/actions.js';
import { callerAccessOf, confirmationFor, lockoutRiskOf, roomMadeFor } from '../core/confirmation.js';
import type { Finding } from '../core/finding.js';
import { accountNotEvaluated } from '../core/account-not-evaluated.js';
import { isGatewayError } from '../core/gateway-error.js';
import { actionSelected, parseOnly, planFormatName, planFormatVersion, type HeldBackAction, type PlanFile, type PlanSource, type PlannedAction, type UnsignedPlan } from '../core/plan-file.js';
import { actionResource } from '../core/action-resource.js';
import type { StepPlan } from '../core/step-plan.js';
import { appPaths } from '../settings/paths.js';
import type { StoredSettings } from '../settings/settings-store.js';
import { stepInfo } from '../steps/step-plans.js';
import { toolName, toolVersion } from '../tool-version.js';
import { parseValidationMode } from './apply-validation.js';
import { exitCodes, UsageError, type CommandIo } from './command-io.js';
import { assertAlertTopicOfAccount, chosenAlertTopic, inputFiles, openGateway, parseAsOf, sourceName, type SourceOptions } from './open-gateway.js';
import { formatPlanMarkdown, formatPlanText } from './plan-markdown.js';
import { planIdOf, signPlan, stateDigestOf } from './plan-signature.js';
import { isKmsKeyArn, kmsSessionKey, kmsSignerPublicKey } from './kms-session-key.js';
import { arnWarnings, planContextFor } from './scan.js';
import { migrationActions, type MigrationOptions } from './plan-migrations.js';
import { withMigrationDeactivations, workloadMigrations } from '../steps/mfa-credentials/key-migration.js';
import { readKeyDeactivations } from '../audit/key-deactivations.js';
import { logDirectory } from './log-directory.js';
import { recordInactiveKeys } from '../settings/inactive-keys-store.js';
import { applySuppressions, loadSuppressions } from './suppressions.js';
import { loadIamCatalogue } from '../aws/iam-catalogue.js';
import { readLastAccessedForBoundaries } from '../steps/boundaries/read-last-accessed.js';

import { planFormats } from './formats.js';

export { planFormats };

export interface PlanOptions extends SourceOptions, MigrationOptions {
	/** The change logs that say when iam-wizard deactivated each key (default: settings, then the XDG state folder). */
	logDir?: string;
	out: string;
	steps?: string;
	only?: string;
	format?: string;
	allowLockoutRisk?: boolean;
	signingKey?: string;
	exclude?: string[];
	debug?: boolean;
	/** Accepted findings (as for scan): an action only for suppressed findings is held back. */
	suppressions?: string;
	/** `--validation local`: recorded in the plan, so apply may rely on local checks when Access Analyzer cannot validate. */
	validation?: string;
}

export interface PlanDeps {
	/** The gateway to use instead of opening one from the source options (tests). */
	gateway?: AwsGateway;
}

const allSteps: StepNumber[] = [1, 2, 3, 4, 5, 6];

export function parseSteps(value: string | undefined): StepNumber[] {
	if (value === undefined) return allSteps;
	const entries = value.split(',').map((x) => x.trim()).filter(Boolean);
	const bad = entries.filter((x) => !/^[1-6]$/.test(x));
	if (entries.length === 0 || bad.length > 0) {
		throw new UsageError(`--steps "${value}" is not a list of step numbers: use numbers from 1 to 6, such as --steps 1,3,5.`);
	}
	return [...new Set(entries.map((x) => Number(x) as StepNumber))].sort((a, b) => a - b);
}

function parseOnlyOption(value: string | undefined): ReturnType<typeof parseOnly> | undefined {
	if (value === undefined) return undefined;
	const only = parseOnly(value.split(',').map((x) => x.trim()).filter(Boolean));
	if (only.unknown.length > 0) {
		throw new UsageError(`--only names unknown finding ID${only.unknown.length === 1 ? '' : 's'} ${only.unknown.join(', ')}: use IDs from the findings catalogue (such as KEY_NOT_ROTATED) or fingerprints from a scan.`);
	}
	if (only.ids.size === 0 && only.fingerprints.size === 0) throw new UsageError('--only needs at least one finding ID or fingerprint.');
	return only;
}

function planSource(options: PlanOptions, settings: StoredSettings, gateway: AwsGateway): PlanSource {
	const kind = sourceName(options);
	const base = { kind, description: gateway.description };
	if (kind === 'snapshot') return { ...base, path: resolve(options.snapshot ?? '') };
	if (kind === 'demo') return base;
	const profile = options.profile ?? settings.profile;
	return { ...base, ...(profile ? { profile } : {}), ...(gateway.region ? { region: gateway.region } : {}) };
}

async function stateDigest(gateway: AwsGateway, action: Action): Promise<string | null> {
	try {
		return stateDigestOf(await gateway.readState(action));
	} catch (error) {
		// A snapshot cannot read live state: its plan can be read but never applied.
		if (isGatewayError(error) && error.code === 'ReadOnly') return null;
		throw error;
	}
}

function planSummary(accountId: string, steps: StepNumber[], actions: PlannedAction[]): string {
	const head = `${actions.length} action${actions.length === 1 ? '' : 's'} on account ${accountId}, step${steps.length === 1 ? '' : 's'} ${steps.join(', ')}`;
	return [head, ...actions.map((a, i) => `${i + 1}. ${a.action.summary}`)].join('\n');
}

/** Fingerprints of the findings a suppressions file accepts, with the reason; expired entries are said on stderr. */
async function acceptedFindings(plans: StepPlan[], options: PlanOptions, io: CommandIo): Promise<Map<string, string>> {
	const all = plans.flatMap((p) => [...p.findings, ...(p.addresses ?? [])]);
	const { findings, notices } = applySuppressions(all, await loadSuppressions(options.suppressions, io.cwd), io.now());
	for (const notice of notices) io.stderr(`iam-wizard: ${notice}\n`);
	return new Map(findings.flatMap((f) => (f.suppressed ? [[f.fingerprint, f.suppressed.reason] as const] : [])));
}

export async function buildPlan(options: PlanOptions, settings: StoredSettings, io: CommandIo, deps: PlanDeps = {}): Promise<UnsignedPlan> {
	const steps = parseSteps(options.steps);
	const only = parseOnlyOption(options.only);
	const validation = parseValidationMode(options.validation);
	const debug = options.debug ? (line: string) => io.stderr(`debug: ${line}\n`) : undefined;
	const gateway = deps.gateway ?? (await openGateway(options, settings, io.now, debug));
	const alertTopicArn = chosenAlertTopic(options, settings);
	const model = await gateway.readAccount({ onProgress: debug, ...(alertTopicArn ? { alertTopicArn } : {}) });
	assertAlertTopicOfAccount(options, settings, model);
	for (const warning of arnWarnings(model, settings, options.exclude)) io.stderr(`iam-wizard: ${warning}\n`);
	const now = parseAsOf(options.asOf) ?? io.now();
	const context = {
		...planContextFor(settings, now, options.exclude, options.graceDays),
		inactiveKeys: recordInactiveKeys(model, now, { save: sourceName(options) !== 'snapshot', deactivatedByUs: readKeyDeactivations(logDirectory(options, settings)) }),
		catalogue: await loadIamCatalogue(),
		// Step 4's breakage guard: what each boundary candidate used recently, so the plan a reviewer reads says what a boundary would take away.
		...(steps.includes(4) && gateway.serviceLastAccessed ? { lastAccessed: await readLastAccessedForBoundaries(model, (arn) => gateway.serviceLastAccessed!(arn)) } : {}),
	};
	const plans: StepPlan[] = steps.map((step) => stepInfo(step).plan(model, context));
	if ((options.migrate?.length || options.abandonMigration?.length) && !steps.includes(5)) {
		throw new UsageError('--migrate and --abandon-migration are step 5: include it in --steps.');
	}
	const step5 = plans.find((p) => p.step === 5);
	if (step5) {
		// A workload being moved to a role keeps its key until the role is seen in use.
		const migrating = new Set((options.migrate ?? []).map((m) => m.split('=')[0]));
		step5.actions = step5.actions.filter((a) => !(a.kind === 'iam:UpdateAccessKey' && migrating.has(a.params.UserName) && a.params.Status === 'Inactive'));
		// Workloads that moved to their role: their keys are deactivated (state 3 of a migration).
		step5.actions = withMigrationDeactivations(step5.actions, workloadMigrations(model, context));
		step5.actions.push(...(await migrationActions(model, context, gateway, options)));
	}
	const confirmationContext = { accountId: model.accountId, callerArn: model.caller.arn, ...callerAccessOf(model) };

	const heldBack: HeldBackAction[] = plans.flatMap((p) => p.excluded.map((e) => ({ summary: `Change ${e.arn}`, findingIds: e.findingIds, reason: e.reason })));
	const accepted = await acceptedFindings(plans, options, io);
	const planned: PlannedAction[] = [];
	const proposed = plans.flatMap((p) => p.actions);
	const risks = proposed.map((action) => lockoutRiskOf(action, confirmationContext));
	const roomOnly = options.allowLockoutRisk ? new Set<number>() : roomMadeFor(proposed, new Set(risks.flatMap((r, i) => (r ? [i] : []))));
	for (const [index, action] of proposed.entries()) {
		if (only && !actionSelected(action, only)) continue;
		const suppressed = action.findingIds.length > 0 && action.findingIds.every((id) => accepted.has(id)) ? accepted.get(action.findingIds[0]!) : undefined;
		if (suppressed !== undefined) {
			heldBack.push({ summary: action.summary, findingIds: action.findingIds, reason: `its findings are suppressed (accepted: ${suppressed})` });
			continue;
		}
		const lockout = risks[index];
		if (lockout && !options.allowLockoutRisk) {
			heldBack.push({ summary: action.summary, findingIds: action.findingIds, reason: `lock-out risk: ${lockout} (make the plan with --allow-lockout-risk to include it)` });
			continue;
		}
		if (roomOnly.has(index)) {
			heldBack.push({ summary: action.summary, findingIds: action.findingIds, reason: 'it only makes room for a new policy version held back as a lock-out risk' });
			continue;
		}
		let digest: string | null;
		try {
			digest = await stateDigest(gateway, action);
		} catch (error) {
			// A state that cannot be read (a service denied to the caller) holds the action back; the plan is still written.
			if (!isGatewayError(error) || error.code === 'NoCredentials' || error.code === 'ExpiredToken') throw error;
			heldBack.push({ summary: action.summary, findingIds: action.findingIds, reason: `its current state could not be read: ${error.message.replace(/\.$/, '')}` });
			continue;
		}
		planned.push({ action, resource: actionResource(action), stateDigest: digest, ...(lockout ? { lockoutRisk: lockout } : {}) });
	}

	const byFingerprint = new Map<string, Finding>();
	for (const f of plans.flatMap((p) => [...p.findings, ...(p.addresses ?? [])])) byFingerprint.set(f.fingerprint, f);
	const addressed = [...new Set(planned.flatMap((p) => p.action.findingIds))].flatMap((id) => {
		const f = byFingerprint.get(id);
		return f ? [{ fingerprint: f.fingerprint, id: f.id, severity: f.severity, resource: f.resource, title: f.title }] : [];
	});
	const confirmation = confirmationFor(
		planned.map((p) => p.action),
		confirmationContext,
	);
	const source = planSource(options, settings, gateway);
	const notes = [
		...new Set([
			...accountNotEvaluated(model, steps).map((n) => `Not evaluated: ${n.area}: ${n.reason}`),
			...plans.flatMap((p) => p.notEvaluated.map((n) => `Not evaluated: ${n.area}: ${n.reason}`)),
		]),
		...(source.kind === 'snapshot' ? ['Made from a snapshot: this plan can be read and reviewed but never applied.'] : []),
	];
	return {
		format: planFormatName,
		formatVersion: planFormatVersion,
		tool: { name: toolName, version: toolVersion },
		account: { id: model.accountId, ...(model.alias ? { alias: model.alias } : {}) },
		caller: model.caller.arn,
		createdAt: io.now().toISOString(),
		source,
		steps,
		...(options.only !== undefined ? { only: [...(only?.ids ?? []), ...(only?.fingerprints ?? [])] } : {}),
		summary: planSummary(model.accountId, steps, planned),
		actions: planned,
		findings: addressed,
		confirmation: { level: confirmation.level, reasons: confirmation.reasons },
		heldBack,
		notes,
		...(validation ? { validation } : {}),
	};
}

export async function runPlan(options: PlanOptions, settings: StoredSettings, io: CommandIo, deps: PlanDeps = {}): Promise<number> {
	const format = options.format ?? 'text';
	if (!(planFormats as readonly string[]).includes(format)) throw new UsageError(`--format "${format}" is not one of ${planFormats.join(', ')}.`);
	const kmsArn = options.signingKey !== undefined && isKmsKeyArn(options.signingKey) ? options.signingKey : undefined;
	// With a KMS key, the plan's own key is certified by it (one kms:Sign), as a change-log session's is.
	const gateway = kmsArn ? (deps.gateway ?? (await openGateway(options, settings, io.now, options.debug ? (line) => io.stderr(`debug: ${line}\n`) : undefined))) : deps.gateway;
	const body = await buildPlan(options, settings, io, { ...deps, ...(gateway ? { gateway } : {}) });
	let key;
	try {
		key = kmsArn
			? await kmsSessionKey(gateway as AwsGateway, kmsArn, body.account.id, io.now(), await kmsSignerPublicKey(gateway as AwsGateway, kmsArn))
			: await loadOrCreateSigningKey({ keysDir: appPaths().keys, ...(options.signingKey ? { keyFile: resolve(io.cwd, options.signingKey) } : {}) });
	} catch (error) {
		if (error instanceof AuditInputError) throw new UsageError(`${error.message}.`);
		throw error;
	}
	const plan: PlanFile = signPlan(body, key);
	const out = resolve(io.cwd, options.out);
	writeFileAtomic(out, `${JSON.stringify(plan, null, 2)}\n`, { inputs: inputFiles(options, io.cwd) });
	const id = planIdOf(plan);
	io.stdout(format === 'md' ? formatPlanMarkdown(plan, id) : formatPlanText(plan, id, options.out));
	if (format === 'md') io.stderr(`Plan ${id} written to ${options.out}.\n`);
	return exitCodes.ok;
}
