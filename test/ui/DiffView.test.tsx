import { afterEach, describe, expect, it } from 'vitest';
import type { Action } from '../../source/core/actions.js';
import { makeFinding } from '../../source/core/finding.js';
import { emptyAccountModel } from '../../source/core/model.js';
import type { PolicyDocument } from '../../source/core/policy-document.js';
import { ActionPreview } from '../../source/ui/ActionPreview.js';
import { formatCall } from '../../source/ui/describe-action.js';
import { policyDiffLines, settingChanges } from '../../source/ui/diff-lines.js';
import { DiffView } from '../../source/ui/DiffView.js';
import { KeyDispatcher, cleanupInk, renderInk } from '../helpers/render-ink.js';

afterEach(cleanupInk);

const wide: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] }] };
const scoped: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::reports/*'] }] };

describe('DiffView', () => {
	it('shows removed and added lines of two policy documents', async () => {
		const ui = renderInk(
			<KeyDispatcher>
				<DiffView lines={policyDiffLines('policy reports-read', wide, scoped)} />
			</KeyDispatcher>,
		);
		const frame = await ui.waitForText('+++');
		expect(frame.split('\n')).toEqual([
			'--- policy reports-read (now)',
			'+++ policy reports-read (after)',
			'@@ -4,10 +4,10 @@',
			'     {',
			'       "Effect": "Allow",',
			'       "Action": [',
			'-        "s3:*"',
			'+        "s3:GetObject"',
			'       ],',
			'       "Resource": [',
			'-        "*"',
			'+        "arn:aws:s3:::reports/*"',
			'       ]',
			'     }',
			'   ]',
		]);
	});

	it('diffs a new document against nothing', () => {
		const lines = policyDiffLines('policy new', null, scoped);
		expect(lines[0]).toEqual({ kind: 'header', text: '--- /dev/null' });
		expect(lines.filter((l) => l.kind === 'removed')).toEqual([]);
		expect(lines.filter((l) => l.kind === 'added').length).toBeGreaterThan(5);
	});

	it('lists settings before → after, changed fields only', () => {
		expect(settingChanges({ MinimumPasswordLength: 8, RequireSymbols: true }, { MinimumPasswordLength: 14, RequireSymbols: true, PasswordReusePrevention: 24 })).toEqual([
			{ name: 'MinimumPasswordLength', before: '8', after: '14' },
			{ name: 'PasswordReusePrevention', before: '(not set)', after: '24' },
		]);
	});
});

describe('ActionPreview', () => {
	const model = emptyAccountModel({ account: '123456789012', arn: 'arn:aws:iam::123456789012:user/admin', userId: 'AIDA' }, 'eu-west-1', '2026-01-01T00:00:00Z');
	model.users.push({
		name: 'alice',
		id: 'AIDAALICE',
		arn: 'arn:aws:iam::123456789012:user/alice',
		path: '/',
		createDate: '2024-01-01T00:00:00Z',
		inlinePolicies: [],
		attachedPolicies: [],
		groups: [],
		tags: [],
		accessKeys: [{ id: 'AKIAALICE0000000001', userName: 'alice', status: 'Active', createDate: '2024-01-01T00:00:00Z' }],
		mfaDevices: [],
	});
	const finding = makeFinding('KEY_NOT_ROTATED', 'arn:aws:iam::123456789012:user/alice', 'Key AKIAALICE0000000001 is 700 days old.', {}, { qualifier: 'AKIAALICE0000000001' });
	const deactivate: Action = {
		kind: 'iam:UpdateAccessKey',
		params: { UserName: 'alice', AccessKeyId: 'AKIAALICE0000000001', Status: 'Inactive' },
		step: 5,
		findingIds: [finding.fingerprint],
		summary: 'Deactivate access key AKIAALICE0000000001 of alice (not rotated)',
	};
	const remove: Action = {
		kind: 'iam:DeleteAccessKey',
		params: { UserName: 'alice', AccessKeyId: 'AKIAALICE0000000001' },
		step: 5,
		findingIds: [],
		summary: 'Delete access key AKIAALICE0000000001 of alice',
	};

	it('writes the exact call', () => {
		expect(formatCall(deactivate)).toBe('iam:UpdateAccessKey UserName=alice AccessKeyId=AKIAALICE0000000001 Status=Inactive');
	});

	it('shows the call, the finding, the status change and whether it can be undone, wrapping what is wider than the terminal', async () => {
		const ui = renderInk(
			<KeyDispatcher>
				<ActionPreview actions={[deactivate, remove]} findings={[finding]} model={model} height={30} />
			</KeyDispatcher>,
		);
		const frame = await ui.waitForText('2. Delete');
		expect(frame.split('\n')).toEqual([
			'1. Deactivate access key AKIAALICE0000000001 of alice (not rotated)',
			'   calls iam:UpdateAccessKey UserName=alice AccessKeyId=AKIAALICE0000000001 Status=Inactive',
			'   fixes KEY_NOT_ROTATED Access key not rotated: arn:aws:iam::123456789012:user/alice',
			'   Can be undone: the state it replaces is recorded first.',
			'   Access key AKIAALICE0000000001 status: Active → Inactive',
			'',
			'2. Delete access key AKIAALICE0000000001 of alice',
			'   calls iam:DeleteAccessKey UserName=alice AccessKeyId=AKIAALICE0000000001',
			'   Cannot be undone: rollback will not restore this.',
			// Wrapped at the terminal's width (100 here), never cut: the operator confirms every word.
			'   Access key AKIAALICE0000000001 of alice: Inactive, last used never → deleted for good (cannot',
			'     be undone)',
		]);
	});
});
