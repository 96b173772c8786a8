/** Input limits with their own sentences: a snapshot nested 10,000 levels deep is refused before any walk overflows the stack. */
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../../source/commands/program.js';
import { captureIo } from '../../helpers/command-io.js';
import { folderWith } from './snapshot-test-helpers.js';

const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
const user = (document: string) =>
	`{"UserDetailList":[{"UserName":"x","UserId":"AIDAX","Path":"/","CreateDate":"2020-01-01T00:00:00Z","Arn":"arn:aws:iam::123456789012:user/x","GroupList":[],"AttachedManagedPolicies":[],"UserPolicyList":[{"PolicyName":"p","PolicyDocument":${document}}]}]}`;

describe('a snapshot nested 10,000 levels deep', () => {
	it.each([
		['in a condition', user(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":${deep}}]}`)],
		['as a whole', `[${'['.repeat(9_999)}${']'.repeat(9_999)}]`],
	])('%s is one sentence and exit 2, not a stack overflow', async (_where, text) => {
		const folder = folderWith([], { 'details.json': text });
		const io = captureIo();
		expect(await runProgram(['scan', '--snapshot', `${folder}/details.json`], io)).toBe(2);
		expect(io.err()).toBe(`iam-wizard: ${folder}/details.json nests more than 64 levels deep, which IAM authorization details never do: it is not a snapshot iam-wizard can read\n`);
	});
});

describe('brackets inside strings', () => {
	const condition = (value: string) => user(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":${value}}}}]}`);

	it('do not count, after an escaped quote or backslash', async () => {
		const folder = folderWith([], { 'details.json': condition(`"say \\"${'['.repeat(100)}\\" and \\\\${'{'.repeat(100)}"`) });
		const io = captureIo();
		expect(await runProgram(['scan', '--snapshot', `${folder}/details.json`, '--format', 'json'], io)).toBe(0);
		expect(io.err()).toBe('');
	});

	it('end at a quote after an even run of backslashes: what follows counts', async () => {
		const folder = folderWith([], { 'details.json': condition(`["ends in a backslash \\\\", ${deep}]`) });
		const io = captureIo();
		expect(await runProgram(['scan', '--snapshot', `${folder}/details.json`], io)).toBe(2);
		expect(io.err()).toContain('nests more than 64 levels deep');
	});
});
