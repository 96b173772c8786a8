import { parse } from 'csv-parse/sync';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { runProgram } from '../../source/commands/program.js';
import type { ScanReport } from '../../source/commands/scan-report.js';
import { formatScanCsv } from '../../source/commands/scan-formats/format-scan-csv.js';
import { artifactUriFor, fingerprintKey } from '../../source/commands/scan-formats/format-scan-sarif.js';
import { findingCatalogue, findingIds } from '../../source/core/finding-catalogue.js';
import { makeFinding } from '../../source/core/finding.js';
import { awsFixture } from '../fixtures-path.js';
import { captureIo } from '../helpers/command-io.js';
import { formulaName, newlineName, writeHostileSnapshot } from '../helpers/hostile-snapshot.js';

const now = new Date('2026-11-27T12:00:00Z');

async function scan(format: string, extra: string[] = []): Promise<string> {
	const io = captureIo({ now });
	expect(await runProgram(['scan', '--format', format, ...extra], io)).toBe(0);
	expect(io.err()).toBe('');
	return io.out();
}

/**
 * The SARIF 2.1.0 schema as shipped in @microsoft/jest-sarif (the OASIS schema, draft-04).
 * Its language-tag pattern is not valid with the `u` flag, hence unicodeRegExp: false.
 */
function sarifValidator() {
	const schema = createRequire(import.meta.url)('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
	// CommonJS packages: under NodeNext their default export is `.default` of the module.
	const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
	ajvFormats.default(ajv);
	return ajv.compile(schema);
}

interface SarifLog {
	version: string;
	runs: {
		tool: { driver: { name: string; rules: { id: string; help: { text: string }; properties: { tags: string[]; 'security-severity': string } }[] } };
		results: {
			ruleId: string;
			ruleIndex: number;
			level: string;
			locations: { physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: { fullyQualifiedName: string }[] }[];
			partialFingerprints: Record<string, string>;
			suppressions?: { justification: string }[];
		}[];
	}[];
}

describe('scan --format sarif', () => {
	it('validates against the SARIF 2.1.0 schema, on the demo account and on a snapshot', async () => {
		const validate = sarifValidator();
		for (const args of [['--demo', '--reset'], ['--snapshot', awsFixture('authorization-details.json')]]) {
			const log = JSON.parse(await scan('sarif', args)) as SarifLog;
			const valid = validate(log);
			expect(validate.errors ?? [], args.join(' ')).toEqual([]);
			expect(valid).toBe(true);
		}
	});

	it('the validator is not vacuous: a result without a message fails it', async () => {
		const validate = sarifValidator();
		const log = JSON.parse(await scan('sarif', ['--demo'])) as { runs: { results: Record<string, unknown>[] }[] };
		delete log.runs[0]!.results[0]!.message;
		expect(validate(log)).toBe(false);
	});

	it('gives GitHub what it needs: rules from the catalogue, relative paths, the ARN, fingerprints', async () => {
		const log = JSON.parse(await scan('sarif', ['--demo'])) as SarifLog;
		const run = log.runs[0]!;
		expect(run.tool.driver.name).toBe('iam-wizard');
		expect(run.tool.driver.rules.map((r) => r.id)).toEqual(findingIds);
		const rootKey = run.tool.driver.rules.find((r) => r.id === 'ROOT_ACCESS_KEY')!;
		expect(rootKey.help.text).toContain(findingCatalogue.ROOT_ACCESS_KEY.help);
		expect(rootKey.properties.tags).toEqual(expect.arrayContaining(['security', 'CIS-5.0:1.3', 'SecurityHub:IAM.4']));
		expect(rootKey.properties['security-severity']).toBe('9.5');
		expect(run.results.length).toBeGreaterThan(10);
		for (const result of run.results) {
			expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
			const uri = result.locations[0]!.physicalLocation.artifactLocation.uri;
			expect(uri).toMatch(/^iam\/123456789012\/[^:]+$/);
			expect(uri).not.toMatch(/^\/|\.\.|\/\//);
			expect(result.locations[0]!.logicalLocations[0]!.fullyQualifiedName).toMatch(/^arn:aws:(iam|events):[a-z0-9-]*:123456789012:/);
			expect(result.partialFingerprints[fingerprintKey]).toMatch(new RegExp(`^${result.ruleId}\\|arn:aws:`));
		}
		const root = run.results.find((r) => r.ruleId === 'ROOT_NO_MFA')!;
		expect(root.level).toBe('error');
		expect(root.locations[0]!.physicalLocation.artifactLocation.uri).toBe('iam/123456789012/iam/root');
	});

	it('makes stable, relative paths from ARNs of any service', () => {
		expect(artifactUriFor('arn:aws:iam::123456789012:user/dev/alice', '123456789012')).toBe('iam/123456789012/iam/user/dev/alice');
		expect(artifactUriFor('arn:aws:s3:::my-bucket', '123456789012')).toBe('iam/123456789012/s3/my-bucket');
		expect(artifactUriFor('arn:aws:kms:eu-west-1:123456789012:key/abcd', '123456789012')).toBe('iam/123456789012/kms/eu-west-1/key/abcd');
		expect(artifactUriFor('arn:aws:iam::123456789012:user/a b#c', '123456789012')).toBe('iam/123456789012/iam/user/a%20b%23c');
	});
});

describe('scan --format csv', () => {
	it('prints one row per finding with a header, readable back by a CSV parser', async () => {
		const text = await scan('csv', ['--demo']);
		const json = JSON.parse(await scan('json', ['--demo'])) as ScanReport;
		const rows = parse(text, { columns: true }) as Record<string, string>[];
		expect(rows).toHaveLength(json.findings.length);
		expect(rows[0]).toMatchObject({
			severity: json.findings[0]!.severity,
			id: json.findings[0]!.id,
			resource: json.findings[0]!.resource,
			fingerprint: json.findings[0]!.fingerprint,
			suppressed: 'no',
		});
		expect(rows.find((r) => r.id === 'ROOT_ACCESS_KEY')?.controls).toBe('CIS-5.0:1.3; SecurityHub:IAM.4');
	});

	it('neutralises cells a spreadsheet would run as a formula', () => {
		const finding = makeFinding('USER_DIRECT_POLICY', 'arn:aws:iam::123456789012:user/x', '=cmd|"/c calc"!A1 has a policy', { user: '=cmd' });
		const report = { findings: [finding] } as unknown as ScanReport;
		const [, row] = parse(formatScanCsv(report)) as string[][];
		expect(row![5]).toBe('\'=cmd|"/c calc"!A1 has a policy');
	});

	it('keeps a name with a line break, commas and quotes inside one quoted cell', async () => {
		const snapshot = writeHostileSnapshot({ users: ['carol', newlineName] });
		const text = await scan('csv', ['--snapshot', snapshot]);
		const json = JSON.parse(await scan('json', ['--snapshot', snapshot])) as ScanReport;
		const rows = parse(text, { columns: true }) as Record<string, string>[];
		expect(rows).toHaveLength(json.findings.length);
		expect(rows.map((r) => r.fingerprint)).toEqual(json.findings.map((f) => f.fingerprint));
		expect(rows.find((r) => r.id === 'USER_DIRECT_POLICY')?.resource).toBe(`arn:aws:iam::123456789012:user/${newlineName}`);
	});

	it('neutralises a formula in a name from a snapshot', async () => {
		const rows = parse(await scan('csv', ['--snapshot', writeHostileSnapshot({ users: ['carol', formulaName] })]), { columns: true }) as Record<string, string>[];
		expect(rows.find((r) => r.id === 'USER_DIRECT_POLICY')?.detail).toMatch(/^'=HYPERLINK/);
	});
});

describe('scan --format md', () => {
	it('prints a Markdown report with a findings table and what was not evaluated', async () => {
		const md = await scan('md', ['--snapshot', awsFixture('authorization-details.json')]);
		expect(md).toMatch(/^# iam-wizard scan of 123456789012\n/);
		expect(md).toContain('| severity | ID | resource | detail | controls |');
		expect(md).toMatch(/\| low \| USER_DIRECT_POLICY \| `arn:aws:iam::123456789012:user\//);
		expect(md).toContain('## Not evaluated');
	});
});
