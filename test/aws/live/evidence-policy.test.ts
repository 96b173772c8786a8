/**
 * policies/change-log-evidence.json is what README tells operators to grant for the change
 * log's evidence options: --signing-key (KMS), --anchors s3://… and --cloudtrail. It must grant
 * every call those live adapters make, scoped to the key, the bucket and the prefix, and
 * nothing else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { iamActionOf } from '../../../source/aws/iam-action-of.js';
import { loadIamCatalogue } from '../../../source/aws/iam-catalogue.js';

const root = new URL('../../../', import.meta.url).pathname;
const prefixOf: Record<string, string> = { 'client-kms': 'kms', 'client-s3': 's3', 'client-cloudtrail': 'cloudtrail' };

interface Statement {
	Action: string[];
	Resource: string;
}

/** The IAM actions of the SDK commands a live adapter file imports. */
function callsOf(file: string): string[] {
	const text = readFileSync(join(root, 'source/aws/live', file), 'utf8');
	const calls: string[] = [];
	for (const [, names, from] of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/(client-[a-z0-9-]+)'/g)) {
		for (const name of names!.split(',').map((n) => n.trim())) {
			const command = /^(\w+)Command$/.exec(name)?.[1];
			if (command) calls.push(iamActionOf(`${prefixOf[from!]}:${command}`));
		}
	}
	return calls;
}

describe('policies/change-log-evidence.json', () => {
	const statements = (JSON.parse(readFileSync(join(root, 'policies/change-log-evidence.json'), 'utf8')) as { Statement: Statement[] }).Statement;
	const actions = statements.flatMap((s) => s.Action);
	// A put with ObjectLockMode and a retain-until date also needs s3:PutObjectRetention; a GetObject by VersionId is s3:GetObjectVersion.
	const needed = [...callsOf('kms-signing.ts'), ...callsOf('s3-anchor-objects.ts'), ...callsOf('read-cloudtrail-events.ts'), 's3:PutObjectRetention', 's3:GetObjectVersion'];

	it('grants every call of KMS signing, S3 anchors and the CloudTrail comparison, and nothing else', () => {
		expect([...needed].sort()).toEqual(expect.arrayContaining(['kms:Sign', 'kms:GetPublicKey', 's3:GetBucketObjectLockConfiguration', 's3:PutObject', 's3:ListBucketVersions', 'cloudtrail:LookupEvents']));
		expect(needed.filter((a) => !actions.includes(a))).toEqual([]);
		expect(actions.filter((a) => !needed.includes(a))).toEqual([]);
	});

	it('scopes KMS to one key and S3 to the anchor bucket and prefix (only LookupEvents, which has no resource, is on *)', () => {
		const resourceOf = (action: string) => statements.find((s) => s.Action.includes(action))!.Resource;
		expect(resourceOf('kms:Sign')).toMatch(/^arn:aws:kms:[^:]+:[^:]+:key\/.+$/);
		expect(resourceOf('s3:PutObject')).toBe('arn:aws:s3:::ANCHOR_BUCKET/ANCHOR_PREFIX/*');
		expect(resourceOf('s3:ListBucketVersions')).toBe('arn:aws:s3:::ANCHOR_BUCKET');
		expect(statements.filter((s) => s.Resource === '*').flatMap((s) => s.Action)).toEqual(['cloudtrail:LookupEvents']);
	});

	it('names only actions that exist in the IAM catalogue', async () => {
		const catalogue = await loadIamCatalogue();
		const known = (action: string) => {
			const [prefix, name] = action.split(':') as [string, string];
			return catalogue.services[prefix]?.actions.some((a) => a.name.toLowerCase() === name.toLowerCase()) ?? false;
		};
		expect(actions.filter((a) => !known(a))).toEqual([]);
	});
});
