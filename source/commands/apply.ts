/**
 * `iam-wizard apply --plan FILE`: applies a reviewed plan exactly as written, or nothing.
 * Re-reads the account and refuses (exit 1), naming the resource, when anything an action
 * depends on changed since the plan, but for changes already in place, which it records and
 * does not send again (a plan applied again after it stopped part-way); refuses a plan for another account, an edited or
 * foreign-signed plan, or one made from a snapshot. Then previews, confirms, applies
 * through the wizard's executor and change log, and verifies by re-reading.
 */
import { resolve } from 'node:path';
import type { AwsGateway } from '../aws/gateway.js';
import type { Action } from '../core/actions.js';
import { confirmationFor, lockoutRiskOf, typedAccountIdMatches } from '../core/confirmation.js';
import type { Finding } from '../core/finding.js';
import type { CallerIdentity } from '../core/model.js';
import type { PlanFile } from '../core/plan-file.js';
import type { StoredSettings } from '../settings/settings-store.js';
import { previewLines } from '../ui/preview-lines.js';
import { executeActions, mergeReports, type ExecutionReport } from '../wizard/executor.js';
import { previewHashOf } from '../wizard/preview-hash.js';
import { verifyActions } from '../wizard/verify-actions.js';
import { checkImpactUnchanged } from './apply-impact.js';
import { checkPoliciesValidate, parseValidationMode, validationNote } from './apply-validation.js';
import { withDemoClock } from './demo-clock.js';
import { checkPlanIntact, checkPlanKmsTrust, checkPlanTrust, readPlanFile, refusal } from './apply-plan-file.js';
import { logDirectory, openChangeLogSession } from './change-log-session.js';
import { isKmsKeyArn, kmsSignerPublicKey } from './kms-session-key.js';
import { anchorBucketFor, finishSessionAnchor } from './session-anchor-output.js';
import { exitCodes, UsageError, type CommandIo } from './command-io.js';
import { openGateway } from './open-gateway.js';
import { planIdOf } from './plan-signature.js';
import { checkNotStale } from './apply-stale-check.js';

export interface ApplyOptions {
	plan: string;
	yes?: boolean;
	reason?: string;
	confirmAccount?: string;
	allowLockoutRisk?: boolean;
	profile?: string;
	region?: string;
	maxAttempts?: number;
	logDir?: string;
	signingKey?: string;
	/** s3://BUCKET/PREFIX: keep the session's anchor there under Object Lock (default: the `anchors` setting). */
	anchors?: string;
	debug?: boolean;
	/** `--validation local`: check policy documents locally only, when Access Analyzer cannot (default: the plan's choice, else aws). */
	validation?: string;
}

export interface ApplyDeps {
	/** The gateway to use instead of the one the plan names (tests: a sandbox with failOn). */
	gateway?: AwsGateway;
	/** The wait between verification re-reads (tests). */
	sleep?: (ms: number) => Promise<void>;
}

async function gatewayFor(plan: PlanFile, options: ApplyOptions, settings: StoredSettings, io: CommandIo): Promise<AwsGateway> {
	const debug = options.debug ? (line: string) => io.stderr(`debug: ${line}\n`) : undefined;
	if (plan.source.kind === 'demo') return openGateway({ demo: true }, settings, withDemoClock(io, { demo: true }).now, debug);
	return openGateway(
		{ profile: options.profile ?? plan.source.profile, region: options.region ?? plan.source.region, maxAttempts: options.maxAttempts },
		settings,
		io.now,
		debug,
	);
}

function checkAccount(plan: PlanFile, caller: CallerIdentity, options: ApplyOptions): void {
	if (plan.account.id !== caller.account) {
		throw refusal(`Will not apply: the plan is for account ${plan.account.id}, but you are signed in to account ${caller.account} (${caller.arn}).`);
	}
	if (options.confirmAccount !== undefined && !typedAccountIdMatches(options.confirmAccount, caller.account)) {
		throw refusal(`Will not apply: --confirm-account ${options.confirmAccount} is not the account you are signed in to (${caller.account}).`);
	}
}

function checkConfirmations(plan: PlanFile, caller: CallerIdentity, options: ApplyOptions): void {
	const actions = plan.actions.map((a) => a.action);
	const context = { accountId: caller.account, callerArn: caller.arn };
	// The plan's own risks too: it was made with the account read (the caller's groups), which apply does not read again.
	const lockouts = [...new Set(plan.actions.flatMap((a) => [...(a.lockoutRisk ? [a.lockoutRisk] : []), ...(lockoutRiskOf(a.action, context) ?? [])]))];
	if (lockouts.length > 0 && !options.allowLockoutRisk) {
		throw refusal(`Will not apply without --allow-lockout-risk: ${lockouts.join('; ')}.`);
	}
	const confirmation = confirmationFor(actions, context);
	if (confirmation.level === 'typed-account-id' && options.confirmAccount === undefined) {
		throw refusal(`Will not apply without --confirm-account ${caller.account}: ${confirmation.reasons.join('; ')}.`);
	}
}

function inPlaceLines(actions: Action[], inPlace: number[]): string {
	const listed = inPlace.map((i) => `  ${i + 1}. ${actions[i]!.summary}\n`).join('');
	return (
		`${inPlace.length} of its ${actions.length} actions ${inPlace.length === 1 ? 'is' : 'are'} already in place: the account shows the change made since the plan ` +
		`(an earlier apply of this plan that stopped, or someone else). The change log records ${inPlace.length === 1 ? 'it' : 'them'} as already in place; ${inPlace.length === 1 ? 'it is' : 'they are'} not sent again:\n${listed}` +
		'Nothing else it depends on has changed since.\n\n'
	);
}

async function confirmed(io: CommandIo, options: ApplyOptions, count: number): Promise<boolean> {
	if (options.yes) return true;
	if (!io.isTTY || !io.prompt) throw new UsageError('Confirming a plan needs a terminal; pass --yes to apply it without the question. Nothing was applied.');
	return /^y(es)?$/i.test((await io.prompt(`Apply these ${count} action${count === 1 ? '' : 's'}? [y/N] `)).trim());
}

/** Runs the batch through the executor one step at a time, so each intent records its own step; stops at the first failure. */
async function executeByStep(actions: Action[], run: (batch: Action[], start: number) => Promise<ExecutionReport>): Promise<ExecutionReport> {
	let report: ExecutionReport | null = null;
	let start = 0;
	while (start < actions.length) {
		let end = start + 1;
		while (end < actions.length && actions[end]!.step === actions[start]!.step) end += 1;
		const part = await run(actions.slice(start, end), start);
		report = mergeReports(report, part);
		if (part.failed || part.aborted) return { ...report, notAttempted: [...part.notAttempted, ...actions.slice(end)] };
		start = end;
	}
	return report ?? { applied: [], notAttempted: [] };
}

export async function runApply(options: ApplyOptions, settings: StoredSettings, io: CommandIo, deps: ApplyDeps = {}): Promise<number> {
	const file = resolve(io.cwd, options.plan);
	const plan = readPlanFile(file);
	// With a KMS key ARN the change log is signed in KMS, and the plan must be certified by the same key.
	const kmsKey = options.signingKey !== undefined && isKmsKeyArn(options.signingKey);
	const signingKey = options.signingKey ? (kmsKey ? options.signingKey : resolve(io.cwd, options.signingKey)) : undefined;
	if (kmsKey) checkPlanIntact(plan, file);
	else await checkPlanTrust(plan, file, signingKey);
	const id = planIdOf(plan);
	const actions = plan.actions.map((a) => a.action);
	const validation = parseValidationMode(options.validation) ?? plan.validation ?? 'aws';

	const gateway = deps.gateway ?? (await gatewayFor(plan, options, settings, io));
	if (kmsKey) checkPlanKmsTrust(plan, file, signingKey as string, await kmsSignerPublicKey(gateway, signingKey as string));
	const caller = await gateway.callerIdentity();
	checkAccount(plan, caller, options);
	checkConfirmations(plan, caller, options);
	if (actions.length === 0) {
		io.stdout(`Plan ${id} has no actions: nothing to apply.\n`);
		return exitCodes.ok;
	}
	// Checked before anything is applied: a bucket without Object Lock is refused here, not after the changes.
	const anchorBucket = await anchorBucketFor(options.anchors ?? settings.anchors, gateway);
	const logDir = resolve(io.cwd, logDirectory(options, settings));
	const { session } = await openChangeLogSession({ logDir, signingKey }, settings, gateway, 'apply', io.now);
	try {
		for (const { file: interrupted, outcome } of await session.reconcile(logDir, gateway)) {
			io.stderr(`An earlier session (${interrupted}) stopped in the middle of a change; re-read it and recorded: ${outcome}.\n`);
		}
		const { inPlace } = await checkNotStale(plan, gateway);
		if (inPlace.length === actions.length) {
			io.stdout(`Every action of plan ${id} is already in place: nothing to apply.\n`);
			return exitCodes.ok;
		}
		const validated = validationNote(await checkPoliciesValidate(actions, gateway, validation));

		const model = await gateway.readAccount();
		checkImpactUnchanged(actions, model, io.now());
		io.stdout(`Plan ${id} for account ${plan.account.id}, made ${plan.createdAt} by ${plan.caller} with iam-wizard ${plan.tool.version}\n`);
		if (plan.caller !== caller.arn) io.stdout(`Applying as ${caller.arn}, not the plan's author.\n`);
		io.stdout(inPlace.length === 0 ? 'Nothing it depends on has changed since.\n\n' : inPlaceLines(actions, inPlace));
		// previewLines reads only the fingerprint, ID, title and resource of each finding.
		io.stdout(`${previewLines(actions, plan.findings as unknown as Finding[], model).map((line) => line.text).join('\n')}\n\n`);
		if (!(await confirmed(io, options, actions.length - inPlace.length))) throw refusal('Not confirmed: nothing was applied.');

		// The change log records which validation the policy documents passed, in each intent's reason.
		const reason = `${options.reason?.trim() || 'apply of a reviewed plan'} [plan ${id}]${validated ? ` [${validated}]` : ''}`;
		const report = await executeByStep(actions, (batch, startIndex) =>
			executeActions(batch, {
				gateway,
				audit: session,
				step: batch[0]!.step,
				reason,
				previewHash: previewHashOf(actions),
				now: io.now,
				caller,
				startIndex,
				skipInPlace: true,
				onProgress: (event) => {
					if (event.phase === 'applied') io.stdout(`${event.inPlace ? 'already in place' : 'applied'} ${event.index + 1}/${actions.length}: ${event.action.summary}\n`);
				},
			}),
		);
		return await reportOutcome(io, report, actions, gateway, deps, await session.file());
	} finally {
		await session.close();
		await finishSessionAnchor(session, anchorBucket, io);
	}
}

const sent = (report: ExecutionReport) => report.applied.filter((a) => !a.inPlace).length;

function inPlaceNote(report: ExecutionReport): string {
	const count = report.applied.length - sent(report);
	return count === 0 ? '' : ` (and ${count} already in place, not sent again)`;
}

async function reportOutcome(io: CommandIo, report: ExecutionReport, actions: Action[], gateway: AwsGateway, deps: ApplyDeps, logFile: string | undefined): Promise<number> {
	const logLines = logFile ? `Change log: ${logFile}\nCheck it with: iam-wizard audit verify ${logFile}\n` : '';
	if (report.failed) {
		const f = report.failed;
		io.stderr(`Stopped at action ${f.index + 1} of ${actions.length} (${f.action.summary}): ${f.error.message} (${f.error.code}${f.error.requestId ? `, request ${f.error.requestId}` : ''}).\n`);
		io.stdout(`Applied ${sent(report)} of ${actions.length} actions${inPlaceNote(report)}:\n`);
		for (const a of report.applied) io.stdout(`  ${a.inPlace ? 'already in place' : 'applied'}: ${a.action.summary}\n`);
		if (!f.afterApply) io.stdout(`  failed: ${f.action.summary}\n`);
		for (const a of report.notAttempted) io.stdout(`  not attempted: ${a.summary}\n`);
		io.stdout(`${logLines}The change log records exactly what was applied; undo an action with: iam-wizard audit undo ${logFile ?? 'FILE'} --seq N\n`);
		return exitCodes.findingsOrRefused;
	}
	const verification = await verifyActions(report.applied, { gateway, targeted: actions, ...(deps.sleep ? { sleep: deps.sleep } : {}) });
	const verified = verification.actions.filter((a) => a.verified && a.unverifiable === undefined).length;
	io.stdout(`Applied ${sent(report)} of ${actions.length} actions${inPlaceNote(report)}; re-read and verified ${verified}.\n`);
	for (const a of verification.actions.filter((x) => !x.verified)) io.stdout(`  not yet visible: ${a.action.summary}${a.error ? ` (${a.error.message})` : ''}\n`);
	io.stdout(logLines);
	return exitCodes.ok;
}
