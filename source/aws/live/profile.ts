/**
 * The AWS profile the gateway signs with. A misspelt profile would otherwise fall through
 * the credential chain and end as "no credentials"; naming the profile is clearer.
 */
import { loadSharedConfigFiles } from '@smithy/core/config';
import { GatewayError } from '../../core/gateway-error.js';

/** The profile named by --profile, else AWS_PROFILE; undefined means the SDK's default chain. */
export function chosenProfile(explicit: string | undefined): { name?: string; from?: 'option' | 'AWS_PROFILE' } {
	if (explicit) return { name: explicit, from: 'option' };
	const env = process.env.AWS_PROFILE;
	return env ? { name: env, from: 'AWS_PROFILE' } : {};
}

/**
 * Throws GatewayError('UnknownProfile') when the profile is in neither shared file. Reads
 * the files the SDK reads (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE honoured).
 */
export async function assertProfileExists(name: string, from: 'option' | 'AWS_PROFILE' = 'option'): Promise<void> {
	const files = await loadSharedConfigFiles({ ignoreCache: true });
	if (Object.hasOwn(files.configFile, name) || Object.hasOwn(files.credentialsFile, name)) return;
	const source = from === 'AWS_PROFILE' ? ' (named by AWS_PROFILE)' : '';
	throw new GatewayError('UnknownProfile', `The AWS profile ${JSON.stringify(name)}${source} is not in ~/.aws/config or ~/.aws/credentials.`);
}
