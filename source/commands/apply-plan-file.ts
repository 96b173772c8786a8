/**
 * Reading a plan file for `apply`, and the checks that need no AWS call: it exists, is
 * JSON, is a plan this version understands, is signed by this machine's change-log key and
 * was not edited since, and was not made from a snapshot. Usage problems exit 2; a plan
 * that reads fine but must not be applied is refused with exit 1.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AuditInputError, isNodeError } from '../audit/audit-input-error.js';
import { readSigningKey } from '../audit/signing-key.js';
import { compareVersions, planFormatName, planFormatVersion, planShapeProblem, type PlanFile } from '../core/plan-file.js';
import { appPaths } from '../settings/paths.js';
import { jsonSyntaxProblem } from '../core/json-syntax.js';
import { toolVersion } from '../tool-version.js';
import { exitCodes, UsageError } from './command-io.js';
import { checkPlanKmsCertificate, checkPlanSignature } from './plan-signature.js';
import type { PublicSigningKey } from '../audit/signing-key.js';

/** A plan that must not be applied: one sentence, exit 1, nothing applied. */
export function refusal(message: string): UsageError {
	return new UsageError(message, exitCodes.findingsOrRefused);
}

export function readPlanFile(file: string): PlanFile {
	const name = basename(file);
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		if (isNodeError(error, 'ENOENT')) throw new UsageError(`The plan file ${file} does not exist.`);
		if (isNodeError(error, 'EISDIR')) throw new UsageError(`${file} is a folder; --plan takes the file \`iam-wizard plan --out\` wrote.`);
		throw new UsageError(`Could not read the plan file ${file}: ${(error as Error).message}.`);
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new UsageError(`${name} is not valid JSON (${jsonSyntaxProblem(text, error).text}); --plan takes the file \`iam-wizard plan --out\` wrote.`);
	}
	const raw = value as Partial<PlanFile> | null;
	if (raw && typeof raw === 'object' && raw.format === planFormatName) {
		const writtenBy = typeof raw.tool?.version === 'string' ? raw.tool.version : undefined;
		const format = typeof raw.formatVersion === 'number' ? raw.formatVersion : undefined;
		const newerFormat = format !== undefined && format > planFormatVersion;
		const newerTool = writtenBy !== undefined && compareVersions(writtenBy, toolVersion) > 0;
		if (newerFormat || newerTool) {
			// Name what differs: a newer format from the same version number is a development build's plan.
			const by = newerTool ? `iam-wizard ${writtenBy}` : 'a newer iam-wizard';
			const later = newerTool ? `iam-wizard ${writtenBy} or later` : `an iam-wizard that reads plan format ${format}`;
			throw new UsageError(`${name} was written by ${by} (plan format ${format ?? 'unknown'}); this is iam-wizard ${toolVersion} (plan format ${planFormatVersion}): apply it with ${later}.`);
		}
	}
	const problem = planShapeProblem(value);
	if (problem) throw new UsageError(`${name} is not a plan iam-wizard can apply: ${problem}.`);
	return value as PlanFile;
}

/** Refuses a plan that was edited or was made from a snapshot (checks that need no key of ours). */
export function checkPlanIntact(plan: PlanFile, file: string): void {
	const name = basename(file);
	const check = checkPlanSignature(plan);
	if (!check.ok) throw refusal(`Will not apply ${name}: ${check.problem}.`);
	if (plan.source.kind === 'snapshot') {
		throw refusal(`Will not apply ${name}: it was made from a snapshot (${plan.source.path ?? 'offline files'}), which may not be the account as it is; make a plan from the live account.`);
	}
}

/** Refuses a plan that was edited, is signed by another key, or was made from a snapshot. */
export async function checkPlanTrust(plan: PlanFile, file: string, signingKeyFile: string | undefined): Promise<void> {
	const name = basename(file);
	const check = checkPlanSignature(plan);
	if (!check.ok) throw refusal(`Will not apply ${name}: ${check.problem}.`);
	let key;
	try {
		key = await readSigningKey({ keysDir: appPaths().keys, ...(signingKeyFile ? { keyFile: signingKeyFile } : {}) });
	} catch (error) {
		if (error instanceof AuditInputError) throw new UsageError(`${error.message}.`);
		throw error;
	}
	const kms = plan.signature.certificate?.kmsKey;
	if (kms && key?.fingerprint !== check.fingerprint) throw refusal(`Will not apply ${name}: it is certified by the KMS key ${kms}; apply it with --signing-key ${kms}.`);
	if (!key) throw refusal(`Will not apply ${name}: it is signed by ${check.fingerprint}, and this machine has no change-log key to trust it with; pass that key with --signing-key.`);
	if (key.fingerprint !== check.fingerprint) {
		throw refusal(`Will not apply ${name}: it is signed by ${check.fingerprint}, not by this change-log key (${key.fingerprint}); apply it where it was made, or pass its key with --signing-key.`);
	}
	checkPlanIntact(plan, file);
}

/** With --signing-key ARN: the plan must be certified by that KMS key (see checkPlanKmsCertificate). */
export function checkPlanKmsTrust(plan: PlanFile, file: string, arn: string, kms: PublicSigningKey): void {
	checkPlanIntact(plan, file);
	const check = checkPlanKmsCertificate(plan, arn, kms);
	if (!check.ok) throw refusal(`Will not apply ${basename(file)}: ${check.problem}.`);
}
