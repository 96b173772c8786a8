/**
 * The read-only AwsGateway over an account model read from a snapshot. Every read returns a
 * model of its own, so a caller that edits its model cannot change what the next read
 * returns: the first read hands out the model built when the snapshot was opened (copying
 * a 5,000-role account cost a scan a tenth of a second and as much again in garbage
 * collection), each later one a model built anew.
 */
import type { Action } from '../../core/actions.js';
import { GatewayError } from '../../core/gateway-error.js';
import type { AccountModel } from '../../core/model.js';
import type { AwsGateway } from '../gateway.js';

export const snapshotReadOnlyMessage = 'This is a snapshot: it is read-only, so nothing can be applied. Run against a live account to make changes.';

/** `build` makes the model from the snapshot's files, each call a model of its own; it runs once here, so a bad snapshot fails when opened. */
export function createSnapshotGateway(build: () => AccountModel, description: string): AwsGateway {
	let unread: AccountModel | undefined = build();
	const caller = structuredClone(unread.caller);
	return {
		mode: 'snapshot',
		description,
		region: '',
		callerIdentity: async () => structuredClone(caller),
		readAccount: async (options) => {
			options?.onProgress?.(`Reading the ${description}`);
			const model = unread ?? build();
			unread = undefined;
			return model;
		},
		readState: async (action: Action) => {
			throw new GatewayError('ReadOnly', snapshotReadOnlyMessage, { operation: action.kind });
		},
		apply: async (action: Action) => {
			throw new GatewayError('ReadOnly', snapshotReadOnlyMessage, { operation: action.kind });
		},
	};
}
