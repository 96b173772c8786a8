/**
 * A small in-memory gateway for the executor and machine tests: access keys and role
 * boundaries, with the calls it received recorded, failures injected per action and
 * eventually consistent reads (the old state for the first N reads after a change).
 */
import type { Action, ApplyResult, PriorState } from '../../source/core/actions.js';
import { GatewayError } from '../../source/core/gateway-error.js';
import { emptyAccountModel, type AccountModel, type CallerIdentity } from '../../source/core/model.js';
import type { AwsGateway } from '../../source/aws/gateway.js';

export const accountId = '111122223333';

export interface FakeKey {
	userName: string;
	id: string;
	status: 'Active' | 'Inactive';
}

export interface FakeOptions {
	keys?: FakeKey[];
	roles?: Record<string, string | null>;
	caller?: Partial<CallerIdentity>;
	failOn?: (action: Action) => GatewayError | undefined;
	/** How many reads after each change still return the state before it. */
	staleReads?: number;
}

export interface FakeState {
	keys: Record<string, FakeKey>;
	roles: Record<string, string | null>;
}

export class FakeGateway implements AwsGateway {
	readonly mode = 'demo' as const;
	readonly description = 'fake';
	readonly region = 'us-east-1';
	readonly caller: CallerIdentity;
	state: FakeState;
	/** Every apply call, in order (including ones that failed). */
	readonly applyCalls: Action[] = [];
	readonly readCalls: Action[] = [];
	private stale: { state: FakeState; reads: number } | null = null;

	constructor(private readonly options: FakeOptions = {}) {
		this.caller = {
			account: accountId,
			arn: `arn:aws:iam::${accountId}:user/operator`,
			userId: 'AIDAOPERATOR',
			accessKeyId: 'AKIAOPERATOR',
			...options.caller,
		};
		this.state = {
			keys: Object.fromEntries((options.keys ?? []).map((k) => [k.id, { ...k }])),
			roles: { ...(options.roles ?? {}) },
		};
	}

	snapshot(): FakeState {
		return structuredClone(this.state);
	}

	async callerIdentity(): Promise<CallerIdentity> {
		return this.caller;
	}

	async readAccount(): Promise<AccountModel> {
		const model = emptyAccountModel(this.caller, this.region, '2026-01-01T00:00:00Z');
		const keysByUser = new Map<string, FakeKey[]>();
		for (const key of Object.values(this.state.keys)) keysByUser.set(key.userName, [...(keysByUser.get(key.userName) ?? []), key]);
		model.users = [...keysByUser].map(([name, keys]) => ({
			name,
			id: `AIDA${name.toUpperCase()}`,
			arn: `arn:aws:iam::${accountId}:user/${name}`,
			path: '/',
			createDate: '2024-01-01T00:00:00Z',
			inlinePolicies: [],
			attachedPolicies: [],
			groups: [],
			tags: [],
			accessKeys: keys.map((k) => ({ id: k.id, userName: name, status: k.status, createDate: '2024-01-01T00:00:00Z' })),
			mfaDevices: [],
		}));
		return model;
	}

	async readState(action: Action): Promise<PriorState> {
		this.readCalls.push(action);
		let state = this.state;
		if (this.stale && this.stale.reads > 0) {
			this.stale.reads -= 1;
			state = this.stale.state;
		}
		return readFrom(state, action);
	}

	async apply(action: Action): Promise<ApplyResult> {
		this.applyCalls.push(action);
		const failure = this.options.failOn?.(action);
		if (failure) throw failure;
		const before = this.options.staleReads ? this.snapshot() : null;
		const p = action.params as Record<string, string>;
		switch (action.kind) {
			case 'iam:UpdateAccessKey':
				this.key(p.AccessKeyId).status = p.Status as FakeKey['status'];
				break;
			case 'iam:PutRolePermissionsBoundary':
				this.role(p.RoleName);
				this.state.roles[p.RoleName] = p.PermissionsBoundary;
				break;
			case 'iam:DeleteRolePermissionsBoundary':
				this.role(p.RoleName);
				this.state.roles[p.RoleName] = null;
				break;
			default:
				throw new GatewayError('NotImplemented', `The fake gateway cannot ${action.kind}`);
		}
		if (before && this.options.staleReads) this.stale = { state: before, reads: this.options.staleReads };
		return { requestId: `req-${this.applyCalls.length}` };
	}

	private key(id: string): FakeKey {
		const key = this.state.keys[id];
		if (!key) throw new GatewayError('NoSuchEntity', `The access key ${id} does not exist`);
		return key;
	}

	private role(name: string): void {
		if (!(name in this.state.roles)) throw new GatewayError('NoSuchEntity', `The role ${name} does not exist`);
	}
}

function readFrom(state: FakeState, action: Action): PriorState {
	const p = action.params as Record<string, string>;
	switch (action.kind) {
		case 'iam:UpdateAccessKey': {
			const key = state.keys[p.AccessKeyId];
			if (!key) throw new GatewayError('NoSuchEntity', `The access key ${p.AccessKeyId} does not exist`);
			return { Status: key.status };
		}
		case 'iam:PutRolePermissionsBoundary':
		case 'iam:DeleteRolePermissionsBoundary':
			if (!(p.RoleName in state.roles)) throw new GatewayError('NoSuchEntity', `The role ${p.RoleName} does not exist`);
			return { PermissionsBoundary: state.roles[p.RoleName] };
		default:
			throw new GatewayError('NotImplemented', `The fake gateway cannot read ${action.kind}`);
	}
}

export function deactivateKey(userName: string, id: string, findingIds: string[] = [`KEY_NOT_ROTATED|${userName}|${id}`]): Action {
	return {
		kind: 'iam:UpdateAccessKey',
		params: { UserName: userName, AccessKeyId: id, Status: 'Inactive' },
		step: 5,
		findingIds,
		summary: `Deactivate access key ${id} of user ${userName}`,
	};
}

export function fiveKeys(): FakeKey[] {
	return ['alice', 'bob', 'carol', 'dave', 'erin'].map((userName, i) => ({ userName, id: `AKIA${i + 1}`, status: 'Active' as const }));
}
