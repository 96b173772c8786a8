/**
 * Policies Access Analyzer generated from CloudTrail (step 2), kept by job ID in
 * $XDG_DATA_HOME/iam-wizard/generated-policies.json so step 3 can offer one as the scope of
 * a principal's policy. The newest entry for a principal comes first.
 */
import { join } from 'node:path';
import type { PolicyDocument } from '../core/policy-document.js';
import { readJsonFile, writeJsonFile } from './json-file.js';
import { appPaths } from './paths.js';

export interface GeneratedPolicyEntry {
	jobId: string;
	principalArn: string;
	document: PolicyDocument;
	/** When the job finished (or was saved), ISO-8601. */
	createdAt: string;
	/** The trail and window it was generated from, when known. */
	trailArn?: string;
	window?: { start: string; end: string };
}

export function generatedPoliciesPath(): string {
	return join(appPaths().data, 'generated-policies.json');
}

function isEntryList(value: unknown): value is GeneratedPolicyEntry[] {
	return (
		Array.isArray(value) &&
		value.every(
			(e) =>
				e !== null &&
				typeof e === 'object' &&
				typeof (e as GeneratedPolicyEntry).jobId === 'string' &&
				typeof (e as GeneratedPolicyEntry).principalArn === 'string' &&
				typeof (e as GeneratedPolicyEntry).createdAt === 'string' &&
				Array.isArray((e as GeneratedPolicyEntry).document?.Statement),
		)
	);
}

/** Every saved generated policy, newest first; an unreadable file reads as none. */
export function readGeneratedPolicies(): GeneratedPolicyEntry[] {
	return [...readJsonFile(generatedPoliciesPath(), [], isEntryList)].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The newest generated policy for a principal, if any. */
export function latestGeneratedPolicy(principalArn: string): GeneratedPolicyEntry | undefined {
	return readGeneratedPolicies().find((e) => e.principalArn === principalArn);
}

/** Saves (or replaces, by job ID) one generated policy. */
export function saveGeneratedPolicy(entry: GeneratedPolicyEntry): void {
	const others = readGeneratedPolicies().filter((e) => e.jobId !== entry.jobId);
	writeJsonFile(generatedPoliciesPath(), [structuredClone(entry), ...others]);
}
