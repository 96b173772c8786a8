/**
 * The wizard's gateway, with one thing added at the edge: every account read brings the
 * data folder's record of inactive keys up to date (when each was first seen inactive), so
 * step 5's grace periods count from dates that survive sessions. The plan stays pure: it
 * is handed the records through the shared plan context.
 */
import type { AwsGateway } from '../aws/gateway.js';
import type { AccountModel } from '../core/model.js';

export function recordingReads(gateway: AwsGateway, onModel: (model: AccountModel) => void): AwsGateway {
	return new Proxy(gateway, {
		get(target, property) {
			if (property === 'readAccount') {
				return async (...args: Parameters<AwsGateway['readAccount']>) => {
					const model = await target.readAccount(...args);
					onModel(model);
					return model;
				};
			}
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
		},
	});
}
