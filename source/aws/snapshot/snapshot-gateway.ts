/**
 * The read-only AwsGateway over an account model read from a snapshot. Every read returns a
 * copy, so a caller that edits its model cannot change what the next read returns.
 */
import type { Action } from '../../core/actions.js';
import { GatewayError } from '../../core/gateway-error.js';
import type { AccountModel } from '../../core/model.js';
import type { AwsGateway } from '../gateway.js';

export const snapshotReadOnlyMessage = 'This is a snapshot: it is read-only, so nothing can be applied. Run against a live account to make changes.';

export function createSnapshotGateway(model: AccountModel, description: string): AwsGateway {
	return {
		mode: 'snapshot',
		description,
		region: '',
		callerIdentity: async () => structuredClone(model.caller),
		readAccount: async (options) => {
			options?.onProgress?.(`Reading the ${description}`);
			return structuredClone(model);
		},
		readState: async (action: Action) => {
			throw new GatewayError('ReadOnly', snapshotReadOnlyMessage, { operation: action.kind });
		},
		apply: async (action: Action) => {
			throw new GatewayError('ReadOnly', snapshotReadOnlyMessage, { operation: action.kind });
		},
	};
}
