import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../../source/aws/snapshot/load-snapshot.js';
import { awsFixture } from '../../fixtures-path.js';
import { folderWith, gatewayErrorOf, now, tempFolder } from './snapshot-test-helpers.js';

const detailsText = readFileSync(awsFixture('authorization-details.json'), 'utf8');
const reportText = readFileSync(awsFixture('credential-report.csv'), 'utf8');

/** The message loadSnapshot rejects with, after checking it is a one-line BadSnapshot error. */
async function badSnapshotMessage(path: string, options: { asOf?: Date } = {}): Promise<string> {
	const error = await gatewayErrorOf(loadSnapshot(path, { ...options, now }));
	expect(error.code).toBe('BadSnapshot');
	expect(error.message).not.toMatch(/\n|\bat .*\.[jt]s:\d+/);
	return error.message;
}

function fileWith(name: string, text: string): string {
	const path = join(tempFolder(), name);
	writeFileSync(path, text);
	return path;
}

describe('loadSnapshot refuses bad input with one sentence naming the file', () => {
	it('a path that does not exist', async () => {
		const path = join(tempFolder(), 'missing.json');
		expect(await badSnapshotMessage(path)).toBe(
			`${path} does not exist: give the file aws iam get-account-authorization-details printed, or the folder holding it`,
		);
	});

	it('a folder with no authorization details', async () => {
		const folder = folderWith([], { 'notes.json': '{"note": 1}', 'report.csv': reportText });
		expect(await badSnapshotMessage(folder)).toBe(
			`The folder ${folder} holds no authorization details (no .json file with UserDetailList or RoleDetailList): save the output of aws iam get-account-authorization-details there`,
		);
	});

	it('a folder with two authorization details files or two credential reports', async () => {
		const two = folderWith([], { 'a.json': detailsText, 'b.json': detailsText });
		expect(await badSnapshotMessage(two)).toBe(
			`The folder ${two} holds more than one authorization details file (${join(two, 'a.json')}, ${join(two, 'b.json')}): keep one`,
		);
		const reports = folderWith([], { 'auth.json': detailsText, 'march.csv': reportText, 'may.csv': reportText });
		expect(await badSnapshotMessage(reports)).toBe(
			`The folder ${reports} holds more than one credential report (${join(reports, 'march.csv')}, ${join(reports, 'may.csv')}): keep one`,
		);
	});

	it('truncated JSON, with the line and column where it stops', async () => {
		const cut = detailsText.slice(0, 1234);
		const lines = cut.split('\n');
		const path = fileWith('snapshot.json', cut);
		const message = await badSnapshotMessage(path);
		expect(message).toMatch(new RegExp(`^${path.replaceAll('\\', '\\\\')} is not valid JSON \\(.+ at line ${lines.length}, column \\d+\\): is the file truncated\\?$`));
	});

	it('a user listed twice, which would give two findings one fingerprint', async () => {
		const doc = JSON.parse(detailsText) as { UserDetailList: unknown[] };
		doc.UserDetailList.push(doc.UserDetailList[0]);
		const path = fileWith('snapshot.json', JSON.stringify(doc));
		expect(await badSnapshotMessage(path)).toBe(
			`${path} lists the user carol twice (UserDetailList entries 1 and 3): a snapshot lists each user once; save it again with aws iam get-account-authorization-details`,
		);
	});

	it('an empty file', async () => {
		const path = fileWith('snapshot.json', '');
		expect(await badSnapshotMessage(path)).toBe(`${path} is empty: is the file truncated?`);
	});

	it('malformed JSON in the middle, without quoting the file back', async () => {
		const path = fileWith('snapshot.json', '{\n  "UserDetailList": [,]\n}\n');
		expect(await badSnapshotMessage(path)).toBe(`${path} is not valid JSON (Unexpected token ',')`);
		const trailing = fileWith('trailing.json', '{\n  "UserDetailList": [],\n}\n');
		expect(await badSnapshotMessage(trailing)).toBe(`${trailing} is not valid JSON (Expected double-quoted property name at line 3, column 1)`);
	});

	it('output saved in text or table form', async () => {
		const path = fileWith('snapshot.json', 'USERDETAILLIST\tarn:aws:iam::123456789012:user/carol\n');
		expect(await badSnapshotMessage(path)).toBe(`${path} is not valid JSON (Unexpected token 'U'): save the output with --output json`);
	});

	it('a broken JSON file in a folder is reported rather than "no details found"', async () => {
		const folder = folderWith([], { 'auth.json': detailsText.slice(0, 500), 'report.csv': reportText });
		expect(await badSnapshotMessage(folder)).toMatch(new RegExp(`^${join(folder, 'auth.json')} is not valid JSON \\(.*\\): is the file truncated\\?$`));
	});

	it('JSON that is not authorization details', async () => {
		const path = fileWith('roles.json', '{"Roles": []}');
		expect(await badSnapshotMessage(path)).toBe(
			`${path} does not hold IAM authorization details (no UserDetailList, GroupDetailList, RoleDetailList or Policies at its top level): save the output of aws iam get-account-authorization-details`,
		);
	});

	it('a credential report given where the details belong', async () => {
		const path = fileWith('report.csv', reportText);
		expect(await badSnapshotMessage(path)).toBe(`${path} is a credential report, not authorization details: give the JSON file, or a folder holding both`);
	});

	it('a policy document that is not JSON', async () => {
		const details = JSON.parse(detailsText) as { RoleDetailList: { RolePolicyList: unknown[] }[] };
		details.RoleDetailList[2].RolePolicyList = [{ PolicyName: 'web-s3', PolicyDocument: '{"Version": "2012-10-17", "Statement": [' }];
		const path = fileWith('snapshot.json', JSON.stringify(details));
		expect(await badSnapshotMessage(path)).toBe(`In ${path}, the inline policy "web-s3" of role "web-host" is not valid JSON`);
	});

	it('a policy document with an invalid statement', async () => {
		const details = JSON.parse(detailsText) as { Policies: { PolicyVersionList: { Document: { Statement: { Effect: string }[] } }[] }[] };
		details.Policies[1].PolicyVersionList[0].Document.Statement[1].Effect = 'Block';
		const path = fileWith('snapshot.json', JSON.stringify(details));
		expect(await badSnapshotMessage(path)).toBe(
			`In ${path}, version v1 of the managed policy "ops-wide" is not a valid policy document (Statement 2 has Effect "Block", not "Allow" or "Deny")`,
		);
	});

	it('a malformed credential report, naming its line', async () => {
		const lines = reportText.trim().split('\n');
		lines[2] = lines[2].split(',').slice(0, 5).join(',');
		const folder = folderWith([], { 'auth.json': detailsText, 'report.csv': `${lines.join('\n')}\n` });
		expect(await badSnapshotMessage(folder)).toBe(`${join(folder, 'report.csv')} line 3 has 5 values where its header has 22 columns`);
	});

	it('a credential report of another account', async () => {
		const folder = folderWith([], { 'auth.json': detailsText, 'report.csv': reportText.replaceAll('123456789012', '999988887777') });
		expect(await badSnapshotMessage(folder)).toBe(
			`${join(folder, 'report.csv')} is the credential report of account 999988887777, not of account 123456789012 whose authorization details are in ${join(folder, 'auth.json')}`,
		);
	});

	it('details that name no account', async () => {
		const path = fileWith('empty.json', '{"UserDetailList": [], "RoleDetailList": []}');
		expect(await badSnapshotMessage(path)).toBe(
			`${path} names no account: it holds no users, groups, roles or customer policies, and no credential report lies beside it`,
		);
	});

	it('an --as-of that is not a date', async () => {
		expect(await badSnapshotMessage(awsFixture('authorization-details.json'), { asOf: new Date('someday') })).toBe('The --as-of date is not a valid date');
	});
});

describe('loadSnapshot accepts an account with only the root user when the report names it', () => {
	it('takes the account from the report', async () => {
		const folder = folderWith([], { 'auth.json': '{"UserDetailList": []}', 'report.csv': reportText.split('\n').slice(0, 2).join('\n') });
		const model = await (await loadSnapshot(folder, { now })).readAccount();
		expect(model.accountId).toBe('123456789012');
		expect(model.users).toEqual([]);
	});
});
