import { describe, expect, it } from 'vitest';
import type { Role } from '../../../source/core/model.js';
import { isServiceLinkedRole, roleFindings } from '../../../source/steps/inventory/role-findings.js';
import { buildModel, buildRole, daysBefore, planContext, roleArn } from '../../helpers/model-builder.js';

const now = '2026-12-01T12:00:00.000Z';
const context = planContext(now);

function findings(roles: Role[], ctx = context) {
	return roleFindings(buildModel({ roles }), ctx);
}

describe('ROLE_UNUSED', () => {
	it('is raised for a role last used 91 days ago, not 89', () => {
		const [finding] = findings([buildRole('etl', { lastUsed: { date: daysBefore(now, 91), region: 'eu-west-1' } })]);
		expect(finding).toMatchObject({
			id: 'ROLE_UNUSED',
			resource: roleArn('etl'),
			severity: 'low',
			evidence: { role: 'etl', lastUsedDate: daysBefore(now, 91), lastUsedRegion: 'eu-west-1', idleDays: 91, roleUnusedDays: 90 },
		});
		expect(finding.detail).toBe(`Role etl was last used 91 days ago (${daysBefore(now, 91).slice(0, 10)}); the limit is 90 days.`);
		expect(findings([buildRole('etl', { lastUsed: { date: daysBefore(now, 89) } })])).toEqual([]);
	});

	it('counts a never-used role from its creation: 91 days old yes, 89 no', () => {
		const [finding] = findings([buildRole('new', { createDate: daysBefore(now, 91) })]);
		expect(finding.evidence).toMatchObject({ lastUsedDate: null, idleDays: 91 });
		expect(finding.detail).toContain('has no recorded use and was created 91 days ago');
		expect(findings([buildRole('new', { createDate: daysBefore(now, 89) })])).toEqual([]);
		expect(findings([buildRole('new', { createDate: daysBefore(now, 89), lastUsed: {} })])).toEqual([]);
	});

	it('skips service-linked roles, however long unused', () => {
		const linked = buildRole('AWSServiceRoleForSupport', { path: '/aws-service-role/support.amazonaws.com/', createDate: daysBefore(now, 900) });
		expect(isServiceLinkedRole(linked)).toBe(true);
		expect(findings([linked])).toEqual([]);
	});

	it('still reports Identity Center and other reserved roles', () => {
		const sso = buildRole('AWSReservedSSO_Admin_abc', { path: '/aws-reserved/sso.amazonaws.com/', createDate: daysBefore(now, 900) });
		expect(findings([sso]).map((f) => f.resource)).toEqual([sso.arn]);
	});

	it('follows roleUnusedDays', () => {
		const roles = [buildRole('etl', { lastUsed: { date: daysBefore(now, 40) } })];
		expect(findings(roles)).toEqual([]);
		expect(findings(roles, planContext(now, { thresholds: { roleUnusedDays: 30 } }))).toHaveLength(1);
	});
});
