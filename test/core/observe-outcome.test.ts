/**
 * What became of a call whose answer was lost: the resource read again and compared with what
 * the action would have made it. A NoSuchEntity read is a state (the thing is not there), any
 * other failed read leaves the outcome unknown; a new default policy version is judged by the
 * document of the policy's default version.
 */
import { describe, expect, it } from 'vitest';
import type { Action } from '../../source/core/actions.js';
import { GatewayError } from '../../source/core/gateway-error.js';
import { observeOutcome } from '../../source/core/observe-outcome.js';

const deactivate: Action = { kind: 'iam:UpdateAccessKey', params: { UserName: 'dave', AccessKeyId: 'AKIAEXAMPLE', Status: 'Inactive' }, step: 5, findingIds: [], summary: 'Deactivate' };
const deleteGroup: Action = { kind: 'iam:DeleteGroup', params: { GroupName: 'old' }, step: 1, findingIds: [], summary: 'Delete group old' };
const createGroup: Action = { kind: 'iam:CreateGroup', params: { GroupName: 'new' }, step: 1, findingIds: [], summary: 'Create group new' };
const report: Action = { kind: 'iam:GenerateCredentialReport', params: {}, step: 1, findingIds: [], summary: 'Report' };
const sent = { Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] }] };
const policyArn = 'arn:aws:iam::123456789012:policy/scoped';
const newDefault: Action = { kind: 'iam:CreatePolicyVersion', params: { PolicyArn: policyArn, PolicyDocument: sent, SetAsDefault: true }, step: 3, findingIds: [], summary: 'New default' };

const reading = (state: unknown) => async () => state;
const failing = (error: unknown) => async () => {
	throw error;
};

describe('observeOutcome', () => {
	it('applied when the re-read shows what the action makes, not applied otherwise; the read is kept', async () => {
		expect(await observeOutcome(reading({ Status: 'Inactive' }), deactivate)).toEqual({ outcome: 'applied', observed: { Status: 'Inactive' } });
		expect(await observeOutcome(reading({ Status: 'Active' }), deactivate)).toEqual({ outcome: 'not-applied', observed: { Status: 'Active' } });
	});

	it('a NoSuchEntity read is the state "not there": a deletion applied, a creation not', async () => {
		const missing = failing(new GatewayError('NoSuchEntity', 'The group cannot be found.'));
		expect(await observeOutcome(missing, deleteGroup)).toEqual({ outcome: 'applied', observed: null });
		expect(await observeOutcome(missing, createGroup)).toEqual({ outcome: 'not-applied', observed: null });
	});

	it('any other failed read leaves it unknown, naming the error code (Unexpected for what is not a gateway error)', async () => {
		expect(await observeOutcome(failing(new GatewayError('AccessDenied', 'no')), deleteGroup)).toEqual({ outcome: 'unknown', observed: { readFailed: 'AccessDenied' } });
		expect(await observeOutcome(failing(new Error('socket hang up')), deleteGroup)).toEqual({ outcome: 'unknown', observed: { readFailed: 'Unexpected' } });
	});

	it('an action that leaves nothing to compare is unknown, with what was read', async () => {
		expect(await observeOutcome(reading({ State: 'COMPLETE' }), report)).toEqual({ outcome: 'unknown', observed: { State: 'COMPLETE' } });
		const notDefault: Action = { ...newDefault, params: { ...newDefault.params, SetAsDefault: false } } as Action;
		expect(await observeOutcome(reading({ DefaultVersionId: 'v3' }), notDefault)).toEqual({ outcome: 'unknown', observed: { DefaultVersionId: 'v3' } });
	});
});

describe('observeOutcome for a new default policy version', () => {
	/** The policy read answers its default version; the version read (as DeletePolicyVersion's state) answers `version`. */
	function policyWith(defaultVersionId: unknown, version: () => Promise<unknown>) {
		const asked: Action[] = [];
		const readState = async (action: Action) => {
			asked.push(action);
			return action.kind === 'iam:CreatePolicyVersion' ? { DefaultVersionId: defaultVersionId } : version();
		};
		return { readState, asked };
	}

	it('applied when the default version holds the document the call sent (compared as policies), and says what it holds', async () => {
		const reformatted = { Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }, Version: '2012-10-17' };
		const { readState, asked } = policyWith('v4', async () => ({ PolicyDocument: reformatted }));
		expect(await observeOutcome(readState, newDefault)).toEqual({ outcome: 'applied', observed: { DefaultVersionId: 'v4', defaultVersionDocument: reformatted } });
		expect(asked.map((a) => [a.kind, a.params])).toEqual([
			['iam:CreatePolicyVersion', newDefault.params],
			['iam:DeletePolicyVersion', { PolicyArn: policyArn, VersionId: 'v4' }],
		]);
	});

	it('not applied when the default holds another document, or none', async () => {
		const other = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] }] };
		expect(await observeOutcome(policyWith('v3', async () => ({ PolicyDocument: other })).readState, newDefault)).toEqual({ outcome: 'not-applied', observed: { DefaultVersionId: 'v3', defaultVersionDocument: other } });
		expect(await observeOutcome(policyWith('v3', async () => null).readState, newDefault)).toEqual({ outcome: 'not-applied', observed: { DefaultVersionId: 'v3', defaultVersionDocument: null } });
	});

	it('unknown when the default version cannot be named or its read fails', async () => {
		for (const id of [undefined, '', 4]) {
			expect((await observeOutcome(policyWith(id, async () => ({ PolicyDocument: sent })).readState, newDefault)).outcome).toBe('unknown');
		}
		const failed = policyWith('v4', async () => {
			throw new GatewayError('Throttling', 'slow down');
		});
		expect(await observeOutcome(failed.readState, newDefault)).toEqual({ outcome: 'unknown', observed: { DefaultVersionId: 'v4' } });
		expect(await observeOutcome(failing(new GatewayError('NoSuchEntity', 'no policy')), newDefault)).toEqual({ outcome: 'unknown', observed: null });
	});
});
