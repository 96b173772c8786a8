/** What every apply function gets: the state to change (a working copy), the clock, and the call's name for errors. */
import type { SandboxState } from './sandbox-state.js';

export interface ApplyContext {
	state: SandboxState;
	now: Date;
	/** The AWS call, e.g. "iam:CreatePolicyVersion", named in errors. */
	operation: string;
}

/** What the call returned that callers need (AWS's output names). */
export type Outputs = Record<string, string>;
