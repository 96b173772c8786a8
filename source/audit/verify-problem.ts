/** What `audit verify` reports when a log does not check out. */
export type TamperKind =
	| 'modified'
	| 'deleted'
	| 'inserted'
	| 'reordered'
	| 'truncated'
	| 'signed-by-another-key'
	| 'malformed'
	| 'session-missing'
	| 'non-canonical'
	| 'duplicate-key'
	| 'misnamed'
	| 'unexpected-file'
	| 'reconciled'
	| 'unanchored';

export interface VerifyProblem {
	/** Full path of the session file. */
	file: string;
	/** The record's line in the file (1-based). */
	line: number;
	recordType?: string;
	kind: TamperKind;
	/** What is wrong, without the file and record: "its signature does not match its content". */
	detail: string;
	/** One sentence naming the file, the record and what is wrong. */
	message: string;
	/** Crash damage (an unsealed end, a half-written last line) that a later session's reconciliation excuses. */
	excusedByReconciliation?: boolean;
}

export const tamperKindLabels: Record<TamperKind, string> = {
	modified: 'modified',
	deleted: 'deleted',
	inserted: 'inserted',
	reordered: 'reordered',
	truncated: 'truncated',
	'signed-by-another-key': 'signed by another key',
	malformed: 'malformed line',
	'session-missing': 'session missing',
	'non-canonical': 'not canonical',
	'duplicate-key': 'duplicated key',
	misnamed: 'misnamed',
	'unexpected-file': 'unexpected file',
	reconciled: 'reconciled (--strict)',
	unanchored: 'not anchored',
};
