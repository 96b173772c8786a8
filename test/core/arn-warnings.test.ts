/** The ARNs accepted with a warning: principals outside the account read, and exclusions that protect nobody. */
import { describe, expect, it } from 'vitest';
import { exclusionWarnings, modelArnWarnings } from '../../source/core/arn-warnings.js';
import { buildGroup, buildModel, buildRole, buildUser, testAccountId } from '../helpers/model-builder.js';

const model = buildModel({ users: [buildUser('alice'), buildUser('ops-bot', { path: '/bots/' })], roles: [buildRole('deploy')], groups: [buildGroup('admins')] });

describe('modelArnWarnings', () => {
	it('says nothing of principals whose ARN is an IAM ARN of the account', () => {
		expect(modelArnWarnings(model)).toEqual([]);
	});

	it('names a principal whose Arn is not an IAM ARN, and one whose ARN is in another account', () => {
		const odd = buildModel({
			users: [buildUser('alice', { arn: 'alice' })],
			roles: [buildRole('deploy', { arn: 'arn:aws:iam::999988887777:role/deploy' })],
			groups: [buildGroup('admins', { arn: `arn:aws:iam::${testAccountId}:policy/admins` })],
		});
		expect(modelArnWarnings(buildModel({ users: [buildUser('alice', { arn: `xarn:aws:iam::${testAccountId}:user/alice` })] }))).toEqual([
			`The user alice has the Arn "xarn:aws:iam::${testAccountId}:user/alice", which is not the ARN of an IAM user: findings about it name that Arn.`,
		]);
		expect(modelArnWarnings(odd)).toEqual([
			'The user alice has the Arn "alice", which is not the ARN of an IAM user: findings about it name that Arn.',
			`The role deploy has an ARN in account 999988887777, not in account ${testAccountId} being read: is the data from two accounts?`,
			`The group admins has the Arn "arn:aws:iam::${testAccountId}:policy/admins", which is not the ARN of an IAM group: findings about it name that Arn.`,
		]);
	});
});

describe('exclusionWarnings', () => {
	const entry = (arn: string) => ({ arn, reason: 'break-glass', where: 'settings: excluded' });

	it('says nothing of entries that match a principal: by ARN, by wildcard, a group or a role', () => {
		const entries = ['arn:aws:iam::????????????:user/alice', `arn:aws:iam::${testAccountId}:user/alice`, `arn:aws:iam::${testAccountId}:user/bots/*`, `arn:aws:iam::${testAccountId}:role/deploy`, `arn:aws:iam::${testAccountId}:group/admins`, 'arn:aws:iam::*:user/al?ce'];
		expect(exclusionWarnings(entries.map(entry), model)).toEqual([]);
	});

	it.each([
		['alice', `settings: excluded "alice" is not an ARN, so it excludes nothing: user alice is arn:aws:iam::${testAccountId}:user/alice.`],
		['nobody', `settings: excluded "nobody" is not an ARN, so it excludes nothing: give one such as arn:aws:iam::${testAccountId}:user/NAME.`],
		['deploy', `settings: excluded "deploy" is not an ARN, so it excludes nothing: role deploy is arn:aws:iam::${testAccountId}:role/deploy.`],
		[`arn:aws:iam::${testAccountId}:policy/admins`, `settings: excluded "arn:aws:iam::${testAccountId}:policy/admins" is not the ARN of an IAM user, role or group, so it excludes nothing.`],
		[`arn:aws:iam::${testAccountId}:user/alice\n`, `settings: excluded "arn:aws:iam::${testAccountId}:user/alice\\n" is not the ARN of an IAM user, role or group, so it excludes nothing.`],
		['arn:aws:s3:::bucket', 'settings: excluded "arn:aws:s3:::bucket" is not the ARN of an IAM user, role or group, so it excludes nothing.'],
		['arn:aws:iam::999988887777:user/alice', `settings: excluded "arn:aws:iam::999988887777:user/alice" is in account 999988887777, not in account ${testAccountId} being read, so it excludes nothing here.`],
		[`arn:aws:iam::${testAccountId}:user/bob`, `settings: excluded "arn:aws:iam::${testAccountId}:user/bob" matches no user, role or group in account ${testAccountId}, so it excludes nothing.`],
		[`arn:aws:iam::${testAccountId}:role/alice`, `settings: excluded "arn:aws:iam::${testAccountId}:role/alice" matches no user, role or group in account ${testAccountId}, so it excludes nothing.`],
	])('warns of %s', (arn, warning) => {
		expect(exclusionWarnings([entry(arn)], model)).toEqual([warning]);
	});

	it('quotes a long entry cut to 80 characters', () => {
		const long = `arn:aws:iam::${testAccountId}:user/${'x'.repeat(100)}`;
		const [warning] = exclusionWarnings([entry(long)], model);
		expect(warning).toBe(`settings: excluded "${long.slice(0, 79)}…" matches no user, role or group in account ${testAccountId}, so it excludes nothing.`);
	});
});
