/** A finding takes its severity, step, title and controls from the catalogue, and a stable fingerprint. */
import { expect, it } from 'vitest';
import { makeFinding } from '../../source/core/finding.js';
import { findingCatalogue } from '../../source/core/finding-catalogue.js';
import { emptyStepPlan } from '../../source/core/step-plan.js';

it('builds a finding from the catalogue entry, with its own copy of the controls', () => {
	const finding = makeFinding('ROOT_ACCESS_KEY', 'arn:aws:iam::123456789012:root', 'The root user has an active access key.', { keys: 1 });
	expect(finding).toEqual({
		id: 'ROOT_ACCESS_KEY',
		severity: 'critical',
		step: 1,
		resource: 'arn:aws:iam::123456789012:root',
		title: 'Root user has an active access key',
		detail: 'The root user has an active access key.',
		controls: ['CIS-5.0:1.3', 'SecurityHub:IAM.4'],
		evidence: { keys: 1 },
		fingerprint: 'ROOT_ACCESS_KEY|arn:aws:iam::123456789012:root|',
	});
	expect(finding.controls).not.toBe(findingCatalogue.ROOT_ACCESS_KEY.controls);
	expect(makeFinding('ROOT_NO_MFA', 'r', 'd').evidence).toEqual({});
});

it('keys the fingerprint on the qualifier, else the method; keeps the method and the path', () => {
	const path = [{ principal: 'arn:aws:iam::123456789012:user/dev', method: 'CreatePolicyVersion', permissions: ['iam:CreatePolicyVersion'], to: 'admin' }];
	const escalation = makeFinding('PRIVILEGE_ESCALATION', 'arn:aws:iam::123456789012:user/dev', 'd', {}, { method: 'CreatePolicyVersion', path });
	expect(escalation).toMatchObject({ fingerprint: 'PRIVILEGE_ESCALATION|arn:aws:iam::123456789012:user/dev|CreatePolicyVersion', method: 'CreatePolicyVersion', path });
	const qualified = makeFinding('PRIVILEGE_ESCALATION', 'u', 'd', {}, { method: 'PassRoleEC2', qualifier: 'via-role' });
	expect(qualified.fingerprint).toBe('PRIVILEGE_ESCALATION|u|via-role');
	const plain = makeFinding('CONSOLE_USER_NO_MFA', 'u', 'd', {}, { qualifier: 'console' });
	expect(plain.fingerprint).toBe('CONSOLE_USER_NO_MFA|u|console');
	expect('method' in plain).toBe(false);
	expect('path' in plain).toBe(false);
});

it('an empty step plan has nothing in it', () => {
	expect(emptyStepPlan(4)).toEqual({ step: 4, findings: [], actions: [], notEvaluated: [], excluded: [] });
});
