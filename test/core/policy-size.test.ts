/** The size IAM counts for a policy (its JSON without whitespace) and the limit each kind must fit. */
import { expect, it } from 'vitest';
import { normalisePolicyDocument, policyDocumentToJson } from '../../source/core/policy-document.js';
import { checkInlineAggregateSize, checkManagedPolicySize, policySize } from '../../source/core/policy-size.js';

const document = normalisePolicyDocument({ Version: '2012-10-17', Statement: [{ Sid: 'Read Only', Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }] });

it('counts the characters of the JSON sent, whitespace removed (inside strings too, as IAM does)', () => {
	const json = policyDocumentToJson(document);
	expect(policySize(document)).toBe(json.replace(/\s/g, '').length);
	expect(policySize(document)).toBe(json.length - 1);
});

it('says what each limit applies to', () => {
	expect(checkManagedPolicySize(document)).toEqual({ size: policySize(document), limit: 6144, what: 'a managed policy version', fits: true });
	expect(checkInlineAggregateSize('role', [], 'p', document)).toEqual({ size: policySize(document), limit: 10240, what: 'the inline policies of a role together', fits: true });
	expect(checkInlineAggregateSize('user', [], 'p', document).what).toBe('the inline policies of a user together');
});
