/**
 * A tiny in-memory account for screen tests until they run on the sandbox: users with
 * access keys, a gateway that records every apply, and a step whose plan deactivates
 * the flagged keys (the shape of step 5's first slice).
 */
import type { Action } from '../../source/core/actions.js';
import { makeFinding } from '../../source/core/finding.js';
import { GatewayError } from '../../source/core/gateway-error.js';
import { emptyAccountModel, type AccountModel } from '../../source/core/model.js';
import { defaultThresholds, type PlanContext } from '../../source/core/settings.js';
import type { PlanStep } from '../../source/core/step-plan.js';
import type { AwsGateway } from '../../source/aws/gateway.js';
import type { WizardStep } from '../../source/steps/registry.js';

export const accountId = '123456789012';
export const callerArn = `arn:aws:iam::${accountId}:user/admin`;

export interface FakeGateway extends AwsGateway {
	keys: Map<string, { user: string; status: 'Active' | 'Inactive' }>;
	/** Every apply call, in order. */
	applied: Action[];
	/** Makes apply fail for matching actions. */
	failWhen?: (action: Action) => boolean;
}

export function createFakeGateway(users: string[] = ['alice', 'bob', 'carol']): FakeGateway {
	const keys = new Map(users.map((user) => [`AKIA${user.toUpperCase().padEnd(16, '0')}`, { user, status: 'Active' as 'Active' | 'Inactive' }]));
	const gateway: FakeGateway = {
		mode: 'demo',
		description: 'demo: fake account',
		region: 'eu-west-1',
		keys,
		applied: [],
		callerIdentity: async () => ({ account: accountId, arn: callerArn, userId: 'AIDAADMIN' }),
		readAccount: async () => {
			const model = emptyAccountModel({ account: accountId, arn: callerArn, userId: 'AIDAADMIN' }, 'eu-west-1', '2026-11-27T00:00:00Z');
			for (const [id, key] of keys) {
				model.users.push({
					name: key.user,
					id: `AIDA${key.user.toUpperCase()}`,
					arn: `arn:aws:iam::${accountId}:user/${key.user}`,
					path: '/',
					createDate: '2024-01-01T00:00:00Z',
					inlinePolicies: [],
					attachedPolicies: [],
					groups: [],
					tags: [],
					accessKeys: [{ id, userName: key.user, status: key.status, createDate: '2024-01-01T00:00:00Z' }],
					mfaDevices: [],
				});
			}
			return model;
		},
		readState: async (action) => {
			const { AccessKeyId } = action.params as { AccessKeyId: string };
			const key = keys.get(AccessKeyId);
			if (!key) throw new GatewayError('NoSuchEntity', `Access key ${AccessKeyId} does not exist.`);
			return { Status: key.status } as never;
		},
		apply: async (action) => {
			gateway.applied.push(action);
			if (gateway.failWhen?.(action)) throw new GatewayError('LimitExceeded', 'AWS refused the change (LimitExceeded).', { operation: action.kind });
			const { AccessKeyId, Status } = action.params as { AccessKeyId: string; Status: 'Active' | 'Inactive' };
			keys.get(AccessKeyId)!.status = Status;
			return { requestId: `req-${gateway.applied.length}` };
		},
	};
	return gateway;
}

/** Flags every active key; proposes deactivating each (except break-glass users, shown excluded). */
export const planStaleKeys: PlanStep = (model: AccountModel, context) => {
	const findings = model.users.flatMap((user) =>
		user.accessKeys
			.filter((k) => k.status === 'Active')
			.map((k) => makeFinding('KEY_NOT_ROTATED', user.arn, `Access key ${k.id} of ${user.name} is 1061 days old; the limit is 90.`, { user: user.name, accessKeyId: k.id }, { qualifier: k.id })),
	);
	const excluded = context.excluded.filter((e) => findings.some((f) => f.resource === e.arn)).map((e) => ({ ...e, findingIds: ['KEY_NOT_ROTATED'] }));
	const actions = findings
		.filter((f) => !excluded.some((e) => e.arn === f.resource))
		.map(
			(f): Action => ({
				kind: 'iam:UpdateAccessKey',
				params: { UserName: f.evidence.user as string, AccessKeyId: f.evidence.accessKeyId as string, Status: 'Inactive' },
				step: 5,
				findingIds: [f.fingerprint],
				summary: `Deactivate access key ${String(f.evidence.accessKeyId)} of ${String(f.evidence.user)} (not rotated)`,
			}),
		);
	return { step: 5, findings, actions, notEvaluated: [], excluded };
};

const nothing: PlanStep = () => ({ step: 1, findings: [], actions: [], notEvaluated: [], excluded: [] });

export const testSteps: WizardStep[] = [
	{ number: 1, title: 'Inventory', planStep: nothing, built: false },
	{ number: 2, title: 'Access Analyzer', planStep: nothing, built: false },
	{ number: 3, title: 'Scope policies', planStep: nothing, built: false },
	{ number: 4, title: 'Permission boundaries', planStep: nothing, built: false },
	{ number: 5, title: 'MFA and credentials', planStep: planStaleKeys, built: true },
	{ number: 6, title: 'Monitoring', planStep: nothing, built: false },
];

export function planContext(excluded: PlanContext['excluded'] = []): PlanContext {
	return { now: new Date('2026-11-27T00:00:00Z'), thresholds: defaultThresholds, excluded };
}
