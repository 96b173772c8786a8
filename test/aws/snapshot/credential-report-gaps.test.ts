/**
 * A credential report beside a snapshot is used when its fields are quoted (as CSV allows),
 * and one that leaves out the root user or some users says what it could not evaluate
 * instead of silently dropping those findings.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../../source/aws/snapshot/load-snapshot.js';
import { awsFixture } from '../../fixtures-path.js';
import { folderWith, now } from './snapshot-test-helpers.js';

const details = awsFixture('authorization-details.json');
const report = readFileSync(awsFixture('credential-report.csv'), 'utf8');

/** Every field in double quotes, as a spreadsheet saves it. */
function quoted(csv: string): string {
	return csv
		.split('\n')
		.map((line) => (line === '' ? line : line.split(',').map((field) => `"${field}"`).join(',')))
		.join('\n');
}

async function modelWith(reportText: string) {
	const folder = folderWith([[details, 'details.json']], { 'credential-report.csv': reportText });
	return (await loadSnapshot(folder, { now })).readAccount();
}

describe('a credential report beside a snapshot', () => {
	it('with quoted fields reads the same as the plain one', async () => {
		const plain = await modelWith(report);
		const withQuotes = await modelWith(quoted(report));
		expect(withQuotes.credentialReport).toBeDefined();
		expect(withQuotes.credentialReport?.rows).toEqual(plain.credentialReport?.rows);
		expect(withQuotes.notEvaluated.map((e) => e.area)).not.toContain('credential-report');
	});

	it('with only its header names the root and credential findings it could not evaluate', async () => {
		const model = await modelWith(`${report.split('\n')[0]}\n`);
		const root = model.notEvaluated.find((e) => e.area === 'credential-report-root');
		expect(root?.findingIds).toEqual(['ROOT_ACCESS_KEY', 'ROOT_NO_MFA', 'ROOT_RECENTLY_USED']);
		const users = model.notEvaluated.find((e) => e.area === 'credential-report-users');
		expect(users?.reason).toContain('no row for 2 users (carol, report-bot)');
		expect(users?.findingIds).toEqual(['CONSOLE_USER_NO_MFA', 'KEY_CREATED_AT_SETUP', 'CREDENTIAL_UNUSED', 'MULTIPLE_ACTIVE_KEYS', 'KEY_NOT_ROTATED']);
	});

	it('that is whole lists no such gaps', async () => {
		const areas = (await modelWith(report)).notEvaluated.map((e) => e.area);
		expect(areas).not.toContain('credential-report-root');
		expect(areas).not.toContain('credential-report-users');
	});
});
