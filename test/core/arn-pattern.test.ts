/**
 * Whether a Resource pattern can name a resource of an ARN format: the token matcher on its
 * own (arnPatternFitsFormat), and through the catalogue (arnPatternFitsAction) as policy
 * validation and the escalation methods use it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIamCatalogue } from '../../source/aws/iam-catalogue.js';
import { arnPatternFitsAction, arnPatternFitsFormat } from '../../source/core/arn-pattern.js';
import type { IamCatalogue } from '../../source/core/policy-engine/catalogue.js';
import { normalisePolicyDocument } from '../../source/core/policy-document.js';
import { validatePolicyLocally } from '../../source/core/policy-validation.js';

let catalogue: IamCatalogue;
beforeAll(async () => {
	catalogue = await loadIamCatalogue();
});

const ssmDocument = 'arn:${Partition}:ssm:${Region}:${Account}:document/${DocumentName}';

describe('an ARN with no account', () => {
	it('fits a format with an account: AWS-owned SSM documents have none', () => {
		expect(arnPatternFitsFormat('arn:aws:ssm:us-east-1::document/AWS-RunShellScript', ssmDocument)).toBe(true);
		expect(arnPatternFitsAction(catalogue, 'ssm:SendCommand', 'arn:aws:ssm:us-east-1::document/AWS-RunShellScript')).toBe(true);
		expect(arnPatternFitsAction(catalogue, 'ssm:GetParameter', 'arn:aws:ssm:us-east-1::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64')).toBe(true);
	});

	it('is no resource mismatch in a policy that lets SendCommand run AWS-RunShellScript', () => {
		const document = normalisePolicyDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ssm:SendCommand', Resource: 'arn:aws:ssm:us-east-1::document/AWS-RunShellScript' }] });
		expect(validatePolicyLocally(document, 'IDENTITY_POLICY', catalogue)).toEqual([]);
	});

	it('still needs a partition', () => {
		expect(arnPatternFitsFormat('arn::ssm:us-east-1:123456789012:document/d', ssmDocument)).toBe(false);
	});
});
