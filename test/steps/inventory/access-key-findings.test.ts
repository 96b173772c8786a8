import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../source/core/finding.js';
import type { AccessKey, CredentialReportRow } from '../../../source/core/model.js';
import { accessKeyFindings } from '../../../source/steps/inventory/access-key-findings.js';
import {
	buildAccessKey,
	buildModel,
	buildReport,
	buildUser,
	daysBefore,
	planContext,
	reportRow,
	rootReportRow,
	userArn,
} from '../../helpers/model-builder.js';

const now = '2026-12-01T12:00:00.000Z';
const context = planContext(now);
const recently = daysBefore(now, 1);

function findings(rows: CredentialReportRow[], keys: AccessKey[] = [], ctx = context): Finding[] {
	const users = [...new Set(rows.filter((r) => !r.isRoot).map((r) => r.user))].map((name) => buildUser(name, { accessKeys: keys.filter((k) => k.userName === name) }));
	return accessKeyFindings(buildModel({ users, credentialReport: buildReport(rows) }), ctx);
}

function only(list: Finding[], id: string): Finding[] {
	return list.filter((f) => f.id === id);
}

describe('accessKeyFindings', () => {
	it('raises nothing without a credential report', () => {
		expect(accessKeyFindings(buildModel({ users: [buildUser('bob', { accessKeys: [buildAccessKey('bob', 'AKIAOLD')] })] }), context)).toEqual([]);
	});

	it("leaves the root row's keys to the root findings", () => {
		const root = rootReportRow({ key1: { active: true, lastRotated: daysBefore(now, 400), lastUsedDate: daysBefore(now, 200) } });
		expect(findings([root])).toEqual([]);
	});

	describe('KEY_NOT_ROTATED', () => {
		it('is raised for an active key 91 days old, not 89 or exactly 90', () => {
			const old = findings([reportRow('bob', { key1: { active: true, lastRotated: daysBefore(now, 91), lastUsedDate: recently } })]);
			expect(only(old, 'KEY_NOT_ROTATED')).toHaveLength(1);
			expect(old[0]).toMatchObject({
				resource: userArn('bob'),
				severity: 'medium',
				detail: 'Access key 1 of bob is 91 days old; the limit is 90.',
				evidence: { accessKeySlot: 1, ageDays: 91, keyMaxAgeDays: 90, lastRotated: daysBefore(now, 91) },
			});
			for (const age of [89, 90]) {
				expect(findings([reportRow('bob', { key1: { active: true, lastRotated: daysBefore(now, age), lastUsedDate: recently } })])).toEqual([]);
			}
		});

		it('ignores inactive keys', () => {
			expect(findings([reportRow('bob', { key2: { active: false, lastRotated: daysBefore(now, 400), lastUsedDate: daysBefore(now, 300) } })])).toEqual([]);
		});

		it('follows keyMaxAgeDays', () => {
			const rows = [reportRow('bob', { key1: { active: true, lastRotated: daysBefore(now, 31), lastUsedDate: recently } })];
			expect(findings(rows)).toEqual([]);
			const strict = findings(rows, [], planContext(now, { thresholds: { keyMaxAgeDays: 30 } }));
			expect(strict.map((f) => f.detail)).toEqual(['Access key 1 of bob is 31 days old; the limit is 30.']);
		});
	});

	describe('CREDENTIAL_UNUSED for keys', () => {
		const used = (days: number) => reportRow('bob', { key1: { active: true, lastRotated: daysBefore(now, 60), lastUsedDate: daysBefore(now, days), lastUsedService: 's3' } });
		const neverUsed = (days: number) => reportRow('bob', { key2: { active: true, lastRotated: daysBefore(now, days), lastUsedDate: 'N/A' } });

		it('is raised for a key last used 46 days ago, not 44', () => {
			const stale = only(findings([used(46)]), 'CREDENTIAL_UNUSED');
			expect(stale).toHaveLength(1);
			expect(stale[0].detail).toBe(`Access key 1 of bob was last used 46 days ago (${daysBefore(now, 46).slice(0, 10)}); the limit is 45 days.`);
			expect(stale[0].evidence).toMatchObject({ credential: 'access-key', accessKeySlot: 1, lastUsedService: 's3', credentialUnusedDays: 45 });
			expect(only(findings([used(44)]), 'CREDENTIAL_UNUSED')).toEqual([]);
		});

		it('is raised for a never-used key created 46 days ago, not 44', () => {
			const stale = only(findings([neverUsed(46)]), 'CREDENTIAL_UNUSED');
			expect(stale).toHaveLength(1);
			expect(stale[0].detail).toContain('Access key 2 of bob has never been used and was created 46 days ago');
			expect(stale[0].fingerprint).toBe(`CREDENTIAL_UNUSED|${userArn('bob')}|key2`);
			expect(only(findings([neverUsed(44)]), 'CREDENTIAL_UNUSED')).toEqual([]);
		});

		it('is raised at exactly the limit, 45 days ("45 days or more", CIS 1.11), used or never used', () => {
			expect(only(findings([used(45)]), 'CREDENTIAL_UNUSED').map((f) => f.detail)).toEqual([`Access key 1 of bob was last used 45 days ago (${daysBefore(now, 45).slice(0, 10)}); the limit is 45 days.`]);
			expect(only(findings([neverUsed(45)]), 'CREDENTIAL_UNUSED')).toHaveLength(1);
		});

		it('ignores inactive keys', () => {
			const row = reportRow('bob', { key1: { active: false, lastRotated: daysBefore(now, 60), lastUsedDate: daysBefore(now, 50) } });
			expect(findings([row])).toEqual([]);
		});

		it('follows credentialUnusedDays', () => {
			expect(only(findings([used(46)], [], planContext(now, { thresholds: { credentialUnusedDays: 60 } })), 'CREDENTIAL_UNUSED')).toEqual([]);
			expect(only(findings([used(31)], [], planContext(now, { thresholds: { credentialUnusedDays: 30 } })), 'CREDENTIAL_UNUSED')).toHaveLength(1);
		});

		it('counts a use the key listing saw after the report was generated', () => {
			const row = reportRow('bob', { key1: { active: true, lastRotated: daysBefore(now, 60), lastUsedDate: daysBefore(now, 50) } });
			const key = buildAccessKey('bob', 'AKIABOB1', { slot: 1, createDate: daysBefore(now, 60), lastUsed: { date: recently } });
			expect(only(findings([row], [key]), 'CREDENTIAL_UNUSED')).toEqual([]);
		});
	});

	describe('KEY_CREATED_AT_SETUP', () => {
		const created = daysBefore(now, 10);
		const atSetup = (keyOffsetMs: number, lastUsedDate = 'N/A', active = true) =>
			reportRow('bob', {
				userCreationTime: created,
				passwordEnabled: true,
				key1: { active, lastRotated: new Date(Date.parse(created) + keyOffsetMs).toISOString(), lastUsedDate },
			});

		it('is raised for a never-used key created seconds after its user', () => {
			const list = only(findings([atSetup(30_000)]), 'KEY_CREATED_AT_SETUP');
			expect(list).toHaveLength(1);
			expect(list[0]).toMatchObject({ severity: 'low', evidence: { secondsAfterUserCreation: 30, passwordEnabled: true, userCreationTime: created, lastUsedDate: 'N/A' } });
			expect(list[0].detail).toBe(`Access key 1 of bob was created 30 s after the user (${created.slice(0, 10)}) and has never been used.`);
		});

		it('is raised up to the five-minute tolerance and not beyond', () => {
			expect(only(findings([atSetup(300_000)]), 'KEY_CREATED_AT_SETUP')).toHaveLength(1);
			expect(only(findings([atSetup(301_000)]), 'KEY_CREATED_AT_SETUP')).toEqual([]);
			expect(only(findings([atSetup(24 * 3_600_000)]), 'KEY_CREATED_AT_SETUP')).toEqual([]);
		});

		it('is not raised once the key has been used, or when it is inactive', () => {
			expect(only(findings([atSetup(0, recently)]), 'KEY_CREATED_AT_SETUP')).toEqual([]);
			expect(only(findings([atSetup(0, 'N/A', false)]), 'KEY_CREATED_AT_SETUP')).toEqual([]);
		});

		it('matches the fixture report-bot row: key rotated at the same second the user was created, never used', () => {
			const row = reportRow('report-bot', {
				userCreationTime: '2026-11-27T19:29:08+00:00',
				key1: { active: true, lastRotated: '2026-11-27T19:29:08+00:00', lastUsedDate: 'N/A', lastUsedRegion: 'not_supported', lastUsedService: 'not_supported' },
			});
			expect(findings([row]).map((f) => f.id)).toEqual(['KEY_CREATED_AT_SETUP']);
		});
	});

	describe('MULTIPLE_ACTIVE_KEYS', () => {
		it('is raised once when both keys are active, not when one is inactive', () => {
			const key = { lastRotated: daysBefore(now, 10), lastUsedDate: recently };
			const both = only(findings([reportRow('bob', { key1: { ...key, active: true }, key2: { ...key, active: true } })]), 'MULTIPLE_ACTIVE_KEYS');
			expect(both).toHaveLength(1);
			expect(both[0]).toMatchObject({ resource: userArn('bob'), evidence: { accessKeySlots: [1, 2], accessKeyIds: [] }, fingerprint: `MULTIPLE_ACTIVE_KEYS|${userArn('bob')}|` });
			expect(both[0].detail).toBe('bob has 2 active access keys (key 1, key 2).');
			expect(findings([reportRow('bob', { key1: { ...key, active: true }, key2: { ...key, active: false } })])).toEqual([]);
		});
	});

	describe('tying report slots to listed keys', () => {
		const old1 = daysBefore(now, 120);
		const old2 = daysBefore(now, 100);
		const row = reportRow('bob', {
			key1: { active: true, lastRotated: old1.replace(/\.\d{3}Z$/, '+00:00'), lastUsedDate: recently },
			key2: { active: true, lastRotated: old2.replace(/\.\d{3}Z$/, '+00:00'), lastUsedDate: recently },
		});
		const rotated = (list: Finding[]) => only(list, 'KEY_NOT_ROTATED');

		it('uses key1/key2 as qualifiers, distinct and stable across runs, when keys are not listed', () => {
			const first = rotated(findings([row]));
			const second = rotated(findings([row]));
			expect(first.map((f) => f.fingerprint)).toEqual([`KEY_NOT_ROTATED|${userArn('bob')}|key1`, `KEY_NOT_ROTATED|${userArn('bob')}|key2`]);
			expect(second.map((f) => f.fingerprint)).toEqual(first.map((f) => f.fingerprint));
			expect(first.every((f) => !('accessKeyId' in f.evidence))).toBe(true);
		});

		it('uses the slot the adapter gave', () => {
			const keys = [buildAccessKey('bob', 'AKIASECOND', { slot: 2, createDate: old2 }), buildAccessKey('bob', 'AKIAFIRST', { slot: 1, createDate: old1 })];
			const list = rotated(findings([row], keys));
			expect(list.map((f) => [f.evidence.accessKeySlot, f.evidence.accessKeyId, f.fingerprint.split('|')[2]])).toEqual([
				[1, 'AKIAFIRST', 'AKIAFIRST'],
				[2, 'AKIASECOND', 'AKIASECOND'],
			]);
			expect(list[0].detail).toBe('Access key 1 (AKIAFIRST) of bob is 120 days old; the limit is 90.');
		});

		it('matches by creation time when slots are unknown', () => {
			const keys = [buildAccessKey('bob', 'AKIASECOND', { createDate: old2 }), buildAccessKey('bob', 'AKIAFIRST', { createDate: old1 })];
			expect(rotated(findings([row], keys)).map((f) => f.evidence.accessKeyId)).toEqual(['AKIAFIRST', 'AKIASECOND']);
		});

		it('pairs by order of creation when times do not line up but the counts do', () => {
			const keys = [buildAccessKey('bob', 'AKIALATER', { createDate: daysBefore(now, 99) }), buildAccessKey('bob', 'AKIAEARLIER', { createDate: daysBefore(now, 119) })];
			expect(rotated(findings([row], keys)).map((f) => f.evidence.accessKeyId)).toEqual(['AKIAEARLIER', 'AKIALATER']);
		});

		it('leaves a slot unnamed when it cannot be tied to a listed key', () => {
			const keys = [buildAccessKey('bob', 'AKIAELSEWHERE', { createDate: daysBefore(now, 5) })];
			const list = rotated(findings([row], keys));
			expect(list.map((f) => f.fingerprint.split('|')[2])).toEqual(['key1', 'key2']);
		});

		it('names both keys of MULTIPLE_ACTIVE_KEYS when known', () => {
			const keys = [buildAccessKey('bob', 'AKIAFIRST', { slot: 1 }), buildAccessKey('bob', 'AKIASECOND', { slot: 2 })];
			const multiple = only(findings([row], keys), 'MULTIPLE_ACTIVE_KEYS');
			expect(multiple[0].evidence.accessKeyIds).toEqual(['AKIAFIRST', 'AKIASECOND']);
			expect(multiple[0].detail).toBe('bob has 2 active access keys (key 1 (AKIAFIRST), key 2 (AKIASECOND)).');
		});
	});
});
