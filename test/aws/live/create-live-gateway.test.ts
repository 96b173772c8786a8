import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLiveGateway } from '../../../source/aws/live/live-gateway.js';

function writeAwsConfig(text: string): void {
	writeFileSync(process.env.AWS_CONFIG_FILE as string, text);
}

beforeEach(() => {
	process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
	process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret-for-tests';
	writeAwsConfig('');
	writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE as string, '');
});

afterEach(() => {
	for (const key of ['AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION']) delete process.env[key];
});

describe('createLiveGateway', () => {
	it('refuses a profile that is in neither shared file', async () => {
		writeAwsConfig('[profile prod]\nregion = eu-west-1\n');
		await expect(createLiveGateway({ profile: 'prdo' })).rejects.toMatchObject({
			name: 'GatewayError',
			code: 'UnknownProfile',
			message: 'The AWS profile "prdo" is not in ~/.aws/config or ~/.aws/credentials.',
		});
	});

	it('says when the unknown profile came from AWS_PROFILE', async () => {
		process.env.AWS_PROFILE = 'ghost';
		await expect(createLiveGateway({ region: 'us-east-1' })).rejects.toMatchObject({
			code: 'UnknownProfile',
			message: 'The AWS profile "ghost" (named by AWS_PROFILE) is not in ~/.aws/config or ~/.aws/credentials.',
		});
	});

	it('takes the region from the profile and describes itself by profile and region', async () => {
		writeAwsConfig('[profile prod]\nregion = eu-west-1\n');
		const gateway = await createLiveGateway({ profile: 'prod' });
		expect(gateway.mode).toBe('live');
		expect(gateway.region).toBe('eu-west-1');
		expect(gateway.description).toBe('profile prod, eu-west-1');
	});

	it('accepts a profile that only the credentials file has', async () => {
		writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE as string, '[ci]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = fake\n');
		const gateway = await createLiveGateway({ profile: 'ci', region: 'us-east-2' });
		expect(gateway.description).toBe('profile ci, us-east-2');
	});

	it('prefers --region over AWS_REGION, and uses AWS_REGION without a profile', async () => {
		process.env.AWS_REGION = 'ap-southeast-2';
		expect((await createLiveGateway({ region: 'eu-central-1' })).region).toBe('eu-central-1');
		const fromEnv = await createLiveGateway();
		expect(fromEnv.region).toBe('ap-southeast-2');
		expect(fromEnv.description).toBe('default credentials, ap-southeast-2');
	});

	it('tells the operator how to set a region when none is set', async () => {
		await expect(createLiveGateway()).rejects.toMatchObject({
			code: 'NoRegion',
			message: 'No AWS region is set: pass --region or set AWS_REGION (or a region in the AWS profile).',
		});
	});

	it('refuses a misspelt region and suggests the closest one', async () => {
		await expect(createLiveGateway({ region: 'eu-wst-1' })).rejects.toMatchObject({
			code: 'InvalidRegion',
			message: '"eu-wst-1" is not an AWS region the SDK knows (did you mean eu-west-1?)',
		});
		await expect(createLiveGateway({ region: 'us-esat-2' })).rejects.toMatchObject({ message: '"us-esat-2" is not an AWS region the SDK knows (did you mean us-east-2?)' });
		await expect(createLiveGateway({ region: 'mars-1' })).rejects.toMatchObject({ code: 'InvalidRegion' });
	});

	it('accepts regions of every partition, and a new region built like the known ones', async () => {
		for (const region of ['us-gov-west-1', 'cn-north-1', 'il-central-1', 'eu-south-9']) {
			expect((await createLiveGateway({ region })).region).toBe(region);
		}
	});
});
