import { describe, expect, it } from 'vitest';
import { defaultBoundaryServices } from '../../../source/steps/boundaries/boundary-template.js';
import { editedTemplateOptions, parseServiceList } from '../../../source/steps/boundaries/edit-template.js';
import { planBoundariesWith } from '../../../source/steps/boundaries/plan.js';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { planContext } from '../../helpers/model-builder.js';

describe('editing the boundary template', () => {
	it('parses service prefixes and refuses what is not one', () => {
		expect(parseServiceList('s3, DynamoDB:*  sqs s3')).toEqual({ services: ['s3', 'dynamodb', 'sqs'], problems: [] });
		expect(parseServiceList('s3 arn:aws:s3:::x').problems).toEqual(['"arn:aws:s3:::x" is not a service prefix']);
		expect(parseServiceList(' ').problems).toEqual(['give at least one service prefix']);
	});

	it('names an edited template after its content, and keeps the default name for the default list', () => {
		expect(editedTemplateOptions(defaultBoundaryServices)).toEqual({});
		const a = editedTemplateOptions(['s3', 'logs']);
		expect(a.name).toMatch(/^iam-wizard-developer-boundary-[0-9a-f]{6}$/);
		expect(editedTemplateOptions(['s3', 'logs']).name).toBe(a.name);
		expect(editedTemplateOptions(['s3']).name).not.toBe(a.name);
	});

	it('an edited template allows only the listed services', async () => {
		const now = new Date('2026-11-27T12:00:00Z');
		const model = await createSandboxGateway({ now: () => now }).readAccount();
		const plan = planBoundariesWith(editedTemplateOptions(['s3', 'logs']))(model, planContext(now));
		const create = plan.actions[0]!;
		expect(create.kind).toBe('iam:CreatePolicy');
		expect(JSON.stringify(create.params)).toContain('"s3:*","logs:*"');
		expect(JSON.stringify(create.params)).not.toContain('ec2:*');
	});
});
