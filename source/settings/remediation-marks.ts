/**
 * Analyzer findings the operator marked in step 2 for remediation in a later step (3: scope
 * the policy; 5: remove the idle credential), kept in $XDG_DATA_HOME/iam-wizard/
 * remediation-marks.json. A file rather than the step's state, so the mark survives the
 * session and the later step (and a later run) can read it.
 */
import { join } from 'node:path';
import { readJsonFile, writeJsonFile } from './json-file.js';
import { appPaths } from './paths.js';

export interface RemediationMark {
	/** The iam-wizard finding's fingerprint (`UNUSED_ACCESS|arn|analyzer-finding-id`). */
	fingerprint: string;
	analyzerFindingId: string;
	analyzerArn: string;
	resource: string;
	step: 3 | 5;
	markedAt: string;
}

export function remediationMarksPath(): string {
	return join(appPaths().data, 'remediation-marks.json');
}

function isMarkList(value: unknown): value is RemediationMark[] {
	return Array.isArray(value) && value.every((m) => m !== null && typeof m === 'object' && typeof (m as RemediationMark).fingerprint === 'string' && ((m as RemediationMark).step === 3 || (m as RemediationMark).step === 5));
}

export function readRemediationMarks(): RemediationMark[] {
	return readJsonFile(remediationMarksPath(), [], isMarkList);
}

/** Marks a finding for a step (replacing an earlier mark of the same finding). */
export function markForRemediation(mark: RemediationMark): void {
	writeJsonFile(remediationMarksPath(), [...readRemediationMarks().filter((m) => m.fingerprint !== mark.fingerprint), mark]);
}

export function unmarkRemediation(fingerprint: string): void {
	writeJsonFile(remediationMarksPath(), readRemediationMarks().filter((m) => m.fingerprint !== fingerprint));
}
