/**
 * The call names in debug lines, counts and error messages come from the SDK command's
 * class name; the bundle renames classes whose names collide across clients
 * (AssumeRoleCommand2), and the name must not carry the number.
 */
import { describe, expect, it } from 'vitest';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { AwsCaller } from '../../../source/aws/live/aws-caller.js';

describe('AwsCaller.operationName', () => {
	it('names an SDK command by its operation', () => {
		expect(AwsCaller.operationName('sts', new GetCallerIdentityCommand({}))).toBe('sts:GetCallerIdentity');
	});

	it('drops the number the bundler adds to a class whose name collides', () => {
		const renamed = { AssumeRoleCommand2: class {}, GetFindingV2Command3: class {} };
		expect(AwsCaller.operationName('sts', new renamed.AssumeRoleCommand2())).toBe('sts:AssumeRole');
		// A digit that belongs to the operation stays.
		expect(AwsCaller.operationName('accessAnalyzer', new renamed.GetFindingV2Command3())).toBe('access-analyzer:GetFindingV2');
	});
});
