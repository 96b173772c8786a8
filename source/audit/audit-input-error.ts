/**
 * A failure the operator caused or can fix (a missing file, a key that is not Ed25519, a
 * log directory another session is writing, an action that cannot be undone). The message
 * is one sentence; commands turn it into a UsageError (exit 2) or a refusal (exit 1).
 */
export class AuditInputError extends Error {
	override name = 'AuditInputError';
}

/** Another live session holds the lock on a log file or directory. */
export class AuditLogBusyError extends AuditInputError {
	override name = 'AuditLogBusyError';
}

/** `audit undo` cannot reverse this action (unknown, failed, irreversible, already undone). */
export class UndoRefusedError extends AuditInputError {
	override name = 'UndoRefusedError';
}

export function isNodeError(error: unknown, code: string): boolean {
	return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}
