import { GatewayError } from '../../core/gateway-error.js';

/** Every snapshot input problem is one of these: one sentence naming the file. */
export function badSnapshot(message: string, cause?: unknown): GatewayError {
	return new GatewayError('BadSnapshot', message, cause === undefined ? {} : { cause });
}
