/**
 * policies/remediate.json is what README tells operators to grant to apply changes (with
 * policies/scan-only.json for the reads of a scan). It must grant every action kind
 * iam-wizard has (read from core/actions.ts, so a new kind fails here until it is granted),
 * every read that apply's state checks make, and ValidatePolicy; and nothing more than
 * that and the role passing the services need.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { iamActionOf } from '../../../source/aws/iam-action-of.js';
import { loadIamCatalogue } from '../../../source/aws/iam-catalogue.js';

const root = new URL('../../../', import.meta.url).pathname;

interface Statement {
	Action: string[];
	Resource: string;
	Condition?: Record<string, Record<string, string | string[]>>;
}

function granted(file: string): Statement[] {
	return (JSON.parse(readFileSync(join(root, 'policies', file), 'utf8')) as { Statement: Statement[] }).Statement;
}

/** Every key of the ActionParams interface: the action kinds, each named after the IAM action it makes. */
function actionKinds(): string[] {
	const text = readFileSync(join(root, 'source/core/actions.ts'), 'utf8');
	const body = /export interface ActionParams \{([\s\S]*?)\n\}/.exec(text)?.[1] ?? '';
	return [...body.matchAll(/^\t'([a-z0-9-]+:[A-Za-z0-9]+)'\??:/gm)].map((m) => m[1]!);
}

const prefixOf: Record<string, string> = {
	'client-iam': 'iam',
	'client-organizations': 'organizations',
	'client-accessanalyzer': 'access-analyzer',
	'client-config-service': 'config',
	'client-eventbridge': 'events',
	'client-sns': 'sns',
	'client-cloudtrail': 'cloudtrail',
	'client-securityhub': 'securityhub',
	'client-s3': 's3',
	'client-cloudwatch-logs': 'logs',
	'client-cloudwatch': 'cloudwatch',
	'client-kms': 'kms',
};

/** The SDK read commands of readState and the local modules it imports, followed transitively. */
function stateReads(): string[] {
	const seen = new Set<string>();
	const reads = new Set<string>();
	const visit = (file: string) => {
		if (seen.has(file)) return;
		seen.add(file);
		const text = readFileSync(file, 'utf8');
		for (const [, names, from] of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
			const sdk = /^@aws-sdk\/(client-[a-z0-9-]+)$/.exec(from!)?.[1];
			if (sdk && prefixOf[sdk]) {
				for (const name of names!.split(',').map((n) => n.trim())) {
					const command = /^(\w+)Command$/.exec(name)?.[1];
					if (command && /^(Get|List|Describe)/.test(command)) reads.add(iamActionOf(`${prefixOf[sdk]}:${command}`));
				}
			} else if (from!.startsWith('./') && !/^import\s+type/.test(text)) {
				visit(join(dirname(file), from!.replace(/\.js$/, '.ts')));
			}
		}
	};
	visit(join(root, 'source/aws/live/read-state.ts'));
	return [...reads].sort();
}

describe('policies/remediate.json', () => {
	const statements = granted('remediate.json');
	const actions = new Set(statements.flatMap((s) => s.Action));
	const scanOnly = new Set(granted('scan-only.json').flatMap((s) => s.Action));
	const kinds = actionKinds();

	it('grants every action kind iam-wizard can apply', () => {
		expect(kinds.length).toBeGreaterThan(50);
		expect(kinds.filter((kind) => !actions.has(kind))).toEqual([]);
	});

	it('grants the reads apply makes before and after each change, and ValidatePolicy', () => {
		const reads = stateReads();
		expect(reads).toContain('iam:GetPolicy');
		expect(reads.filter((read) => !actions.has(read) && !scanOnly.has(read))).toEqual([]);
		expect(actions.has('access-analyzer:ValidatePolicy')).toBe(true);
	});

	it('grants nothing else but role passing, limited by condition to the services that need it', () => {
		// TestEventPattern proves a rule before it is created; HeadBucket (s3:ListBucket) and GetBucketPolicy read the Config bucket;
		// step 4's plan narrows each boundary by last-accessed data (test/wire/policy-coverage.test.ts sees the calls on the wire).
		const lastAccessed = ['iam:GenerateServiceLastAccessedDetails', 'iam:GetServiceLastAccessedDetails'];
		const needed = new Set([...kinds, ...stateReads(), ...lastAccessed, 'access-analyzer:ValidatePolicy', 'events:TestEventPattern', 's3:ListBucket', 's3:GetBucketPolicy']);
		const extras = statements.flatMap((s) => s.Action.filter((a) => !needed.has(a)).map((a) => ({ action: a, condition: s.Condition })));
		expect(extras.map((e) => e.action).sort()).toEqual(['iam:PassRole']);
		expect(extras.every((e) => e.condition !== undefined)).toBe(true);
		expect(statements.flatMap((s) => s.Action).filter((a) => a.includes('*'))).toEqual([]);
	});

	it('names only actions that exist in the IAM catalogue', async () => {
		const catalogue = await loadIamCatalogue();
		const known = (action: string) => {
			const [prefix, name] = action.split(':') as [string, string];
			return catalogue.services[prefix]?.actions.some((a) => a.name.toLowerCase() === name.toLowerCase()) ?? false;
		};
		expect([...actions].filter((a) => !known(a))).toEqual([]);
	});
});
