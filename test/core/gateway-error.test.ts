/** The one error type adapters throw, and which failures leave a change's outcome unknown. */
import { describe, expect, it } from 'vitest';
import { GatewayError, isGatewayError, outcomeIsUnknown, retryMetItsOwnChange } from '../../source/core/gateway-error.js';

describe('GatewayError', () => {
	it('carries the code, the call, the request id and the cause it was given', () => {
		const cause = new Error('socket hang up');
		const error = new GatewayError('NoSuchEntity', 'The user bob does not exist.', { operation: 'iam:GetUser', requestId: 'req-1', cause });
		expect(error).toBeInstanceOf(Error);
		expect(error).toMatchObject({ name: 'GatewayError', code: 'NoSuchEntity', message: 'The user bob does not exist.', operation: 'iam:GetUser', requestId: 'req-1', cause });
		const bare = new GatewayError('AccessDenied', 'Denied.');
		expect(bare.operation).toBeUndefined();
		expect(bare.requestId).toBeUndefined();
		expect('cause' in bare).toBe(false);
	});

	it('is recognised by its name too (an error from another copy of the module)', () => {
		expect(isGatewayError(new GatewayError('Throttled', 'Slow down.'))).toBe(true);
		expect(isGatewayError(Object.assign(new Error('x'), { name: 'GatewayError', code: 'Throttled' }))).toBe(true);
		expect(isGatewayError(new Error('x'))).toBe(false);
		expect(isGatewayError({ name: 'TypeError' })).toBe(false);
		expect(isGatewayError(null)).toBe(false);
		expect(isGatewayError('GatewayError')).toBe(false);
	});
});

describe('outcomeIsUnknown', () => {
	it.each(['NetworkingError', 'EndpointUnreachable', 'Timeout', 'TimeoutError', 'RequestTimeout', 'InternalFailure', 'InternalError', 'ServiceUnavailable', 'NotAws', 'UnexpectedResponse'])(
		'%s: the request left and its answer did not come back whole',
		(code) => {
			expect(outcomeIsUnknown(new GatewayError(code, 'x'))).toBe(true);
		},
	);

	it.each(['AccessDenied', 'NoSuchEntity', 'Throttled', 'LimitExceeded', 'ExpiredToken', 'NoCredentials'])('%s: AWS answered, the change was not made', (code) => {
		expect(outcomeIsUnknown(new GatewayError(code, 'x'))).toBe(false);
	});

	it('is false for an error that is not a gateway error, whatever its code', () => {
		expect(outcomeIsUnknown(Object.assign(new Error('x'), { code: 'Timeout' }))).toBe(false);
		expect(outcomeIsUnknown(undefined)).toBe(false);
	});
});

describe('retryMetItsOwnChange', () => {
	// Every "already there / already gone" answer of the calls iam-wizard makes, as each service's API reference names it.
	it.each([
		'EntityAlreadyExists',
		'DuplicatePolicyException',
		'DuplicatePolicyAttachmentException',
		'PolicyTypeAlreadyEnabledException',
		'ConflictException',
		'ResourceConflictException',
		'BucketAlreadyOwnedByYou',
		'NoSuchEntity',
		'NotFound',
		'ResourceNotFoundException',
		'ResourceNotFound',
		'PolicyNotFoundException',
		'PolicyNotAttachedException',
		'PolicyTypeNotEnabledException',
		'NoSuchConfigurationRecorderException',
		'NoSuchDeliveryChannelException',
		'NoSuchConfigRuleException',
		'NoSuchBucket',
		'NoSuchBucketPolicy',
		'InvalidAccessException',
	])(
		'%s on a retry: the first attempt may have made the change',
		(code) => {
			expect(retryMetItsOwnChange(new GatewayError(code, 'x', { attempts: 2 }))).toBe(true);
			expect(retryMetItsOwnChange(new GatewayError(code, 'x', { attempts: 1 }))).toBe(false);
			expect(retryMetItsOwnChange(new GatewayError(code, 'x'))).toBe(false);
		},
	);

	it.each(['AccessDenied', 'Throttled', 'LimitExceeded', 'MalformedPolicyDocument', 'DeleteConflict'])('%s on a retry: an answer about the request, not about an earlier attempt', (code) => {
		expect(retryMetItsOwnChange(new GatewayError(code, 'x', { attempts: 3 }))).toBe(false);
	});
});
