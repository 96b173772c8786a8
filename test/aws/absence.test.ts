/**
 * The absence table (source/aws/absence.ts) against the code and AWS's own models: every
 * read the live adapter makes has a row, every row names only errors its operation
 * declares, and both adapters turn those errors into the absent value.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { absenceAnswers, absentError, isAbsence, orAbsent, orAbsentNow } from '../../source/aws/absence.js';
import { getAccountPasswordPolicy } from '../../source/aws/sandbox/password-policy.js';
import { createSandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { GatewayError } from '../../source/core/gateway-error.js';

const root = new URL('../../', import.meta.url).pathname;

/** The SDK package of each IAM action prefix. */
const sdkPackage: Record<string, string> = {
	iam: 'client-iam',
	sts: 'client-sts',
	organizations: 'client-organizations',
	'access-analyzer': 'client-accessanalyzer',
	config: 'client-config-service',
	events: 'client-eventbridge',
	sns: 'client-sns',
	cloudtrail: 'client-cloudtrail',
	securityhub: 'client-securityhub',
	s3: 'client-s3',
	logs: 'client-cloudwatch-logs',
	cloudwatch: 'client-cloudwatch',
	kms: 'client-kms',
};
const prefixOf = Object.fromEntries(Object.entries(sdkPackage).map(([prefix, pkg]) => [`@aws-sdk/${pkg}`, prefix]));

/** Errors S3 documents in its error-code list that its Smithy model (and so the SDK) leaves out. */
const unmodeled = new Set(['s3:GetBucketPolicy NoSuchBucketPolicy', 's3:GetBucketPolicy NoSuchBucket', 's3:HeadBucket NotFound', 's3:GetObjectLockConfiguration ObjectLockConfigurationNotFoundError']);

/** "iam:GetRole" for every SDK read command the live adapter's files import. */
function liveReads(): string[] {
	const dir = join(root, 'source/aws/live');
	const reads = new Set<string>();
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
		const text = readFileSync(join(dir, file), 'utf8');
		for (const [, names, from] of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(@aws-sdk\/client-[a-z-]+)'/g)) {
			const prefix = prefixOf[from!];
			if (!prefix) continue;
			for (const name of names!.split(',').map((n) => n.trim().replace(/^type\s+/, ''))) {
				const command = /^(\w+)Command$/.exec(name)?.[1];
				if (command && /^(Get|List|Describe|Generate|Head)/.test(command)) reads.add(`${prefix}:${command}`);
			}
		}
	}
	return [...reads].sort();
}

/** Query-protocol codes that differ from the SDK's class names ("ReportNotPresent" → CredentialReportNotPresentException). */
function wireCodes(prefix: string): Map<string, string> {
	const text = readFileSync(join(root, 'node_modules/@aws-sdk', sdkPackage[prefix]!, 'dist-cjs/index.js'), 'utf8');
	return new Map([...text.matchAll(/var (\w+)\$ = \[-3, \w+, \w+,\s*\{ \[_aQE\]: \[`(\w+)`/g)].map((m) => [m[2]!, m[1]!]));
}

/** The exception names the SDK's model says `operation` throws. */
function declaredErrors(operation: string): string[] {
	const [prefix, command] = operation.split(':') as [string, string];
	const file = join(root, 'node_modules/@aws-sdk', sdkPackage[prefix]!, 'dist-types/commands', `${command}Command.d.ts`);
	return [...readFileSync(file, 'utf8').matchAll(/@throws \{@link (\w+)\}/g)].map((m) => m[1]!);
}

describe('the absence table', () => {
	it('has a row for every read the live adapter makes', () => {
		const reads = liveReads();
		expect(reads.length).toBeGreaterThan(40);
		expect(reads.filter((op) => !(op in absenceAnswers))).toEqual([]);
	});

	it('names only errors each operation declares (the wire code, or the SDK class name of it)', () => {
		const wrong: string[] = [];
		for (const [operation, codes] of Object.entries(absenceAnswers)) {
			const declared = declaredErrors(operation);
			const classOf = wireCodes(operation.split(':')[0]!);
			for (const code of codes as readonly string[]) {
				if (unmodeled.has(`${operation} ${code}`)) continue;
				if (![code, `${code}Exception`, classOf.get(code)].some((name) => name !== undefined && declared.includes(name))) wrong.push(`${operation} ${code} (declares ${declared.join(', ')})`);
			}
		}
		expect(wrong).toEqual([]);
	});

	it('turns exactly those answers into the absent value, and nothing else', async () => {
		const missing = new GatewayError('NoSuchEntity', 'Policy x does not exist.', { operation: 'iam:GetPolicy' });
		const denied = new GatewayError('AccessDenied', 'Access denied to iam:GetPolicy.', { operation: 'iam:GetPolicy' });
		const elsewhere = new GatewayError('NoSuchEntity', 'x', { operation: 'iam:GetAccountAuthorizationDetails' });
		expect(await orAbsent(() => Promise.reject(missing), 'absent')).toBe('absent');
		await expect(orAbsent(() => Promise.reject(denied), 'absent')).rejects.toBe(denied);
		expect(isAbsence(elsewhere)).toBe(false);
		expect(orAbsentNow(() => { throw absentError('organizations:DescribeOrganization', 'not in one'); }, null)).toBeNull();
	});

	it('makes the sandbox answer a missing password policy with IAM\'s error, read as "none"', async () => {
		const gateway = createSandboxGateway({ now: () => new Date('2026-11-27T12:00:00Z') });
		const state = { ...gateway.currentState(), passwordPolicy: null };
		expect(() => getAccountPasswordPolicy(state)).toThrow(expect.objectContaining({ code: 'NoSuchEntity', operation: 'iam:GetAccountPasswordPolicy' }));
		const model = await createSandboxGateway({ state, now: () => new Date('2026-11-27T12:00:00Z') }).readAccount();
		expect(model.passwordPolicy).toBeNull();
		expect(model.notEvaluated.some((n) => n.area === 'password-policy')).toBe(false);
	});
});
