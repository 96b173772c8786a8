/** The ARNs of the service-linked roles step 6 creates, as AWS names them. */
import { expect, it } from 'vitest';
import { serviceLinkedRoleArn } from '../../source/core/service-linked-roles.js';

it.each([
	['aws', 'config.amazonaws.com', 'arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig'],
	['aws-us-gov', 'securityhub.amazonaws.com', 'arn:aws-us-gov:iam::123456789012:role/aws-service-role/securityhub.amazonaws.com/AWSServiceRoleForSecurityHub'],
])('%s %s', (partition, service, arn) => {
	expect(serviceLinkedRoleArn(partition, '123456789012', service)).toBe(arn);
});

it('knows no role for another service', () => {
	expect(serviceLinkedRoleArn('aws', '123456789012', 'lambda.amazonaws.com')).toBeUndefined();
	expect(serviceLinkedRoleArn('aws', '123456789012', 'toString')).toBeUndefined();
});
