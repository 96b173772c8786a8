/**
 * The one port through which iam-wizard talks to AWS. Three adapters implement it: `live`
 * (AWS SDK v3), `sandbox` (an in-memory account with AWS's semantics, for --demo and
 * tests) and `snapshot` (read-only, from `get-account-authorization-details` output).
 * Every failure is a GatewayError whose message is one sentence for the operator.
 */
import type { Action, ApplyResult, PriorState } from '../core/actions.js';
import type { AccountModel, CallerIdentity } from '../core/model.js';

export type GatewayMode = 'live' | 'demo' | 'snapshot';

export interface ReadAccountOptions {
	/** Progress lines for a spinner ("Reading IAM authorization details (page 2)"). */
	onProgress?: (message: string) => void;
}

export interface AwsGateway {
	readonly mode: GatewayMode;
	/** For headers and plans: "demo: Acme sandbox", "profile prod, eu-west-1", "snapshot ./auth.json". */
	readonly description: string;
	/** Where the region comes from; empty for snapshots. */
	readonly region: string;
	callerIdentity(): Promise<CallerIdentity>;
	/** Reads the whole account model. Parts that cannot be read are listed in `notEvaluated`. */
	readAccount(options?: ReadAccountOptions): Promise<AccountModel>;
	/**
	 * Reads, directly and not from the credential report, the current state of what `action`
	 * changes. Before applying it gives the inverse; after applying it verifies the change.
	 */
	readState(action: Action): Promise<PriorState>;
	/** Makes the one AWS call `action` names. The snapshot adapter refuses with code ReadOnly. */
	apply(action: Action): Promise<ApplyResult>;
}
