/** Which of the read's blind spots a step's findings depend on, and the reason an area was not read. */
import { describe, expect, it } from 'vitest';
import { accountNotEvaluated, unreadReason } from '../../source/core/account-not-evaluated.js';
import type { NotEvaluated } from '../../source/core/model.js';

const organizations: NotEvaluated = { area: 'organizations', reason: 'organizations:DescribeOrganization was denied: grant it.', findingIds: ['MFA_NOT_ENFORCED', 'PRIVILEGE_ESCALATION'] };
const config: NotEvaluated = { area: 'config', reason: 'config:DescribeConfigurationRecorders was denied.', findingIds: ['CONFIG_RECORDER_OFF'] };
const workloads: NotEvaluated = { area: 'workloads', reason: 'lambda:ListFunctions was denied.', findingIds: [] };
const model = { notEvaluated: [organizations, config, workloads] };

describe('accountNotEvaluated', () => {
	it.each([
		[[5], [organizations]],
		[[4], [organizations]],
		[[6], [config]],
		[[1], [workloads]],
		[[2, 3], []],
		[[1, 4, 6], [organizations, config, workloads]],
		[[], []],
	] as const)('steps %j: the entries naming one of their findings (an entry naming none belongs to step 1)', (steps, expected) => {
		expect(accountNotEvaluated(model, steps)).toEqual(expected);
	});
});

describe('unreadReason', () => {
	it('gives the reason of the area asked about, and nothing for an area that was read', () => {
		expect(unreadReason(model, 'config')).toBe('config:DescribeConfigurationRecorders was denied.');
		expect(unreadReason(model, 'organizations')).toBe(organizations.reason);
		expect(unreadReason(model, 'securityhub')).toBeUndefined();
	});
});
