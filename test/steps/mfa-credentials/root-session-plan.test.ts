// Step 5's plan offers the API path for the root user's access keys only where centralized root access is on and usable from here.
import { describe, expect, it } from 'vitest';
import { confirmationFor } from '../../../source/core/confirmation.js';
import { isReversible } from '../../../source/core/inverse-action.js';
import { planMfaCredentials } from '../../../source/steps/mfa-credentials/plan.js';
import { previewLines } from '../../../source/ui/preview-lines.js';
import { planContext } from '../../helpers/model-builder.js';
import { sandbox, seedTime } from '../../aws/sandbox/sandbox-fixtures.js';

const context = planContext(seedTime);

async function delegatedAdminModel() {
	const state = sandbox().currentState();
	state.organization!.rootAccess!.delegatedAdministrator = state.account.id;
	return sandbox({ state }).readAccount();
}

describe('step 5 plan: the root session', () => {
	it('in the demo (a member account that may not use centralized root access) it proposes no sts:AssumeRoot', async () => {
		const model = await sandbox().readAccount();
		expect(planMfaCredentials(model, context).actions.filter((a) => a.kind === 'sts:AssumeRoot')).toEqual([]);
	});

	it("as IAM's delegated administrator: one sts:AssumeRoot whose preview lists every call, irreversible, a lock-out risk and a typed account ID", async () => {
		const model = await delegatedAdminModel();
		const plan = planMfaCredentials(model, context);
		const sessions = plan.actions.filter((a) => a.kind === 'sts:AssumeRoot');
		expect(sessions).toHaveLength(1);
		const session = sessions[0]!;
		expect(session.params).toEqual({ TargetPrincipal: '123456789012', TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials' }, DurationSeconds: 900, delete: ['accessKeys'] });
		expect(session.summary).toBe("Delete the root user's access keys of account 123456789012 in a root session (sts:AssumeRoot, centralized root access)");
		expect(session.notes).toEqual([
			'sts:AssumeRoot on account 123456789012, task policy IAMDeleteRootUserCredentials, for 900 s: a root session; its credentials are never shown or logged',
			"as the root user: iam:ListAccessKeys (the root user's keys), then iam:DeleteAccessKey for each key listed",
		]);
		expect(session.findingIds).toEqual([expect.stringMatching(/^ROOT_ACCESS_KEY\|/)]);
		expect(plan.addresses!.map((f) => f.id)).toContain('ROOT_ACCESS_KEY');
		expect(isReversible('sts:AssumeRoot')).toBe(false);
		const confirmation = confirmationFor([session], { accountId: model.accountId, callerArn: model.caller.arn });
		expect(confirmation).toMatchObject({
			level: 'typed-account-id',
			reasons: ["Deletes the root user's credentials of account 123456789012 for good, in a root session (sts:AssumeRoot)"],
			lockoutRisks: ["Deletes the root user's access keys of account 123456789012 for good: whatever still signs with them stops working"],
			irreversible: [session],
		});
	});

	it('the preview lists the calls of the root session, the lock-out risk, and that it cannot be undone', async () => {
		const model = await delegatedAdminModel();
		const session = planMfaCredentials(model, context).actions.find((a) => a.kind === 'sts:AssumeRoot')!;
		const text = previewLines([session], [], model).map((l) => l.text);
		expect(text[0]).toBe("1. Delete the root user's access keys of account 123456789012 in a root session (sts:AssumeRoot, centralized root access)");
		expect(text).toEqual(
			expect.arrayContaining([
				'   sts:AssumeRoot on account 123456789012, task policy IAMDeleteRootUserCredentials, for 900 s: a root session; its credentials are never shown or logged',
				"   as the root user: iam:ListAccessKeys (the root user's keys), then iam:DeleteAccessKey for each key listed",
				"   Lock-out risk: Deletes the root user's access keys of account 123456789012 for good: whatever still signs with them stops working",
				'   Cannot be undone: rollback will not restore this.',
			]),
		);
	});

	it('once the root has no access keys, nothing is proposed', async () => {
		const state = sandbox().currentState();
		state.organization!.rootAccess!.delegatedAdministrator = state.account.id;
		state.root.accessKeys = [];
		const model = await sandbox({ state }).readAccount();
		expect(planMfaCredentials(model, context).actions.filter((a) => a.kind === 'sts:AssumeRoot')).toEqual([]);
	});
});
