/**
 * The sandbox adapter: an in-memory AWS account behind the AwsGateway port, with AWS's
 * semantics, used by `--demo` and by most tests of the product. Each apply works on a copy
 * of the state and commits it only when the call succeeds (then saves it, given a store),
 * so a failed call changes nothing. Everything handed out is a deep copy.
 */
import { sandboxKmsPublicKey, sandboxKmsSign } from './sandbox-kms.js';
import { sandboxLookupEvents, sandboxTrailEvent } from './sandbox-cloudtrail.js';
import { orAbsentNow } from '../absence.js';
import { sandboxDeleteObject, sandboxGetObjectText, sandboxListObjectVersions, sandboxObjectLockConfiguration, sandboxPutLockedObject } from './sandbox-anchor-bucket.js';
import type { Action, ApplyResult, PriorState } from '../../core/actions.js';
import { dirname } from 'node:path';
import { acquireLock } from '../../fs/file-lock.js';
import { makeDirectory } from '../../fs/make-directory.js';
import { GatewayError, isGatewayError } from '../../core/gateway-error.js';
import type { AccountModel, CallerIdentity } from '../../core/model.js';
import type { AwsGateway, ReadAccountOptions } from '../gateway.js';
import { toAccountModel, type SandboxArea } from './account-model.js';
import { injectedError, lostAnswer, ProcessDied, throttledAfterRetries, type SandboxFaults } from './sandbox-faults.js';
import { applyToState } from './apply-action.js';
import { GenerationPolls, listSandboxFindings, sandboxTrails, withAnalyzerFindings } from './analyzer-reads.js';
import { readSandboxState, sandboxTestEventPattern } from './read-state.js';
import { mintUuid, uuidFor } from './sandbox-ids.js';
import type { SandboxAnalyzerFinding, SandboxPolicyGeneration, SandboxState } from './sandbox-state.js';
import { openSandboxStore, type SandboxStore } from './sandbox-store.js';
import { createSeedState, withRootMfa } from './seed.js';
import { sandboxServiceLastAccessed } from './service-last-accessed.js';
import { sandboxValidatePolicy } from './validate-policy.js';
import { readAlertTopic, withChosenAlertTopic } from './read-alert-topic.js';
import { awsError } from './sandbox-lookup.js';

export interface SandboxGatewayOptions {
	/** The account to start from; else what the store holds; else a fresh seed (at `now()`). */
	state?: SandboxState;
	now?: () => Date;
	/** When given, the state is saved after every successful apply (and setRootMfa). */
	store?: SandboxStore;
	/**
	 * Test hook: called before each apply with the action and its 1-based attempt number on
	 * this gateway; a returned error is thrown instead of applying ("failure at action 3 of 5").
	 */
	failOn?: (action: Action, attempt: number) => GatewayError | undefined;
	/** Throttling, errors on a named call, latency, a crash: see sandbox-faults.ts. */
	faults?: SandboxFaults;
	/** Parts readAccount leaves out and lists in notEvaluated, as if their calls were denied. */
	unreadable?: SandboxArea[];
	/** The alert topic the operator chose (setting, --alert-topic): readAccount reads it unless a read names another. */
	alertTopicArn?: string;
}

export interface SandboxApplyRecord {
	attempt: number;
	action: Action;
	ok: boolean;
	result?: ApplyResult;
	error?: { code: string; message: string };
}

export interface SandboxGateway extends AwsGateway {
	readonly mode: 'demo';
	/** A deep copy of the whole sandbox state. */
	currentState(): SandboxState;
	/** Every apply call so far, in order, with its outcome: what the gateway received. */
	history(): SandboxApplyRecord[];
	/** Sandbox-only, what an operator does in the console: give root a virtual or hardware MFA device, or none. */
	setRootMfa(kind: 'virtual' | 'hardware' | null): void;
	/** Access Analyzer findings (the port has no call for them yet). */
	analyzerFindings(): SandboxAnalyzerFinding[];
	/** A policy generation started with StartPolicyGeneration, by job ID. */
	policyGeneration(jobId: string): SandboxPolicyGeneration | undefined;
	/** Sandbox-only, what someone holding the keys can do: DeleteObject without a version, leaving a delete marker. */
	deleteObject(bucket: string, key: string): Promise<void>;
}

export function createSandboxGateway(options: SandboxGatewayOptions = {}): SandboxGateway {
	const now = options.now ?? (() => new Date());
	let state = structuredClone(options.state ?? options.store?.load(now()) ?? createSeedState(now()));
	const records: SandboxApplyRecord[] = [];
	let attempts = 0;
	const generations = new GenerationPolls();

	/**
	 * Another process may have changed the saved demo account since it was loaded: every call
	 * starts from what is saved, and a change is made and saved under the file's lock, so two
	 * runs at once never lose each other's changes (the second waits its turn).
	 */
	function reload(): void {
		if (options.store) state = options.store.load(now());
	}

	async function underLock<T>(run: () => T | Promise<T>): Promise<T> {
		const store = options.store;
		if (!store) return run();
		makeDirectory(dirname(store.path));
		const lock = await acquireLock(`${store.path}.lock`, {
			purpose: `demo account ${store.path}`,
			waitMs: 30_000,
			busyHint: 'wait for the other iam-wizard --demo run to finish',
		});
		try {
			reload();
			return await run();
		} finally {
			await lock.release();
		}
	}

	function commit(next: SandboxState): void {
		options.store?.save(next);
		state = next;
	}

	function failed(action: Action, error: unknown, requestId: string): never {
		const gatewayError = isGatewayError(error)
			? new GatewayError(error.code, error.message, { operation: error.operation ?? action.kind, requestId: error.requestId ?? requestId, ...(error.attempts ? { attempts: error.attempts } : {}) })
			: new GatewayError('InternalFailure', `The sandbox failed on ${action.kind}: ${(error as Error)?.message ?? String(error)}.`, { operation: action.kind, requestId, cause: error });
		records.push({ attempt: attempts, action, ok: false, error: { code: gatewayError.code, message: gatewayError.message } });
		throw gatewayError;
	}

	let requests = 0;
	let applied = 0;

	async function applyWithFaults(input: Action, faults: SandboxFaults): Promise<ApplyResult> {
		for (let attempt = 1; ; attempt += 1) {
			if (faults.crash?.dead) throw new ProcessDied('the process has died');
			if (faults.latencyMs) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
			requests += 1;
			const injected = injectedError(faults, input, requests);
			if (!injected) break;
			// Throttling and network errors are retried, as the SDK's adaptive retry does; the rest are not.
			const retryable = injected.code === 'ThrottlingException' || injected.code === 'NetworkingError';
			if (retryable && attempt < (faults.maxAttempts ?? 3)) continue;
			attempts += 1;
			const final = injected.code === 'ThrottlingException' ? throttledAfterRetries(input, attempt) : injected;
			failed(structuredClone(input), final, uuidFor(`fault:${state.account.id}:${requests}`));
		}
		const result = applyNow(input);
		applied += 1;
		const lost = lostAnswer(faults, input);
		if (lost && faults.loseAnswer?.retried) return retryAfterLostAnswer(input);
		if (lost) throw lost;
		if (faults.crashAfterCalls !== undefined && applied >= faults.crashAfterCalls && faults.crash) {
			faults.crash.dead = true;
			throw new ProcessDied(`the process died after call ${applied}`);
		}
		return result;
	}

	/** The SDK's second request after the first one's answer was lost: its answer, success or error, is the call's. */
	function retryAfterLostAnswer(input: Action): ApplyResult {
		try {
			return applyNow(input);
		} catch (error) {
			if (!isGatewayError(error)) throw error;
			throw new GatewayError(error.code, error.message, { operation: error.operation ?? input.kind, ...(error.requestId ? { requestId: error.requestId } : {}), attempts: 2 });
		}
	}

	function applyNow(input: Action): ApplyResult {
		attempts += 1;
		const action = structuredClone(input);
		const failedRequestId = uuidFor(`failed:${state.account.id}:${state.sequence}:${attempts}`);
		const injected = options.failOn?.(structuredClone(action), attempts);
		if (injected) failed(action, injected, failedRequestId);
		const running = action.kind === 'access-analyzer:StartPolicyGeneration' ? generations.running(state) : undefined;
		if (running) {
			// AWS validates the request before it looks for a running job.
			try {
				applyToState({ state: structuredClone(state), now: now(), operation: action.kind }, action);
			} catch (error) {
				failed(action, error, failedRequestId);
			}
			failed(action, awsError('ConflictException', `Policy generation job ${running.jobId} is still running; Access Analyzer runs one at a time.`, action.kind), failedRequestId);
		}
		const working = structuredClone(state);
		let outputs: Record<string, string> | void;
		try {
			outputs = applyToState({ state: working, now: now(), operation: action.kind }, action);
		} catch (error) {
			failed(action, error, failedRequestId);
		}
		const result: ApplyResult = { requestId: mintUuid(working, 'request'), ...(outputs ? { outputs } : {}) };
		working.cloudTrailEvents = [...(working.cloudTrailEvents ?? []), sandboxTrailEvent(working, action.kind, result.requestId as string, now())];
		commit(working);
		if (action.kind === 'access-analyzer:StartPolicyGeneration' && outputs?.jobId) generations.started(outputs.jobId);
		records.push({ attempt: attempts, action, ok: true, result: structuredClone(result) });
		return result;
	}

	return {
		mode: 'demo',
		get description() {
			return `demo: ${state.account.displayName} (${state.account.id})`;
		},
		get region() {
			return state.account.region;
		},
		async callerIdentity(): Promise<CallerIdentity> {
			return structuredClone(state.caller);
		},
		async readAccount(read: ReadAccountOptions = {}): Promise<AccountModel> {
			reload();
			read.onProgress?.('Reading IAM authorization details');
			read.onProgress?.('Reading the credential report and password policy');
			read.onProgress?.('Reading Organizations, Access Analyzer, AWS Config and EventBridge');
			const model = withAnalyzerFindings(toAccountModel(state, now(), options.unreadable), state);
			return withChosenAlertTopic(model, state, read.alertTopicArn ?? options.alertTopicArn);
		},
		async readState(action: Action): Promise<PriorState> {
			reload();
			return structuredClone(readSandboxState(state, structuredClone(action), now()));
		},
		apply: (input: Action): Promise<ApplyResult> => underLock(() => (options.faults ? applyWithFaults(input, options.faults) : applyNow(input))),
		validatePolicy: (document, policyType) => sandboxValidatePolicy(document, policyType),
		serviceLastAccessed: async (principalArn) => sandboxServiceLastAccessed(state, principalArn, now()),
		currentState: () => structuredClone(state),
		history: () => structuredClone(records),
		setRootMfa(kind) {
			commit(withRootMfa(state, kind, now()));
		},
		analyzerFindings: () => structuredClone(state.analyzerFindings),
		policyGeneration: (jobId) => structuredClone(state.policyGenerations.find((g) => g.jobId === jobId)),
		listAnalyzerFindings: async (analyzerArn, listOptions) => listSandboxFindings(state, analyzerArn, listOptions),
		listTrails: async () => sandboxTrails(state),
		testEventPattern: async (eventPattern, event) => sandboxTestEventPattern(eventPattern, event),
		readAlertTopic: async (arn) => {
			reload();
			return readAlertTopic(state, arn);
		},
		getPolicyGeneration: async (jobId) => generations.job(state, jobId, true),
		listPolicyGenerations: async () => state.policyGenerations.map((g) => generations.job(state, g.jobId, false)),
		kmsPublicKey: async (keyId) => sandboxKmsPublicKey(keyId),
		kmsSign: async (keyId, message) => sandboxKmsSign(keyId, message),
		lookupEvents: async (query) => sandboxLookupEvents(state, query),
		objectLockConfiguration: async (bucket) => {
			reload();
			return orAbsentNow(() => sandboxObjectLockConfiguration(state, bucket), null);
		},
		putLockedObject: (put) =>
			underLock(() => {
				const working = structuredClone(state);
				const answer = sandboxPutLockedObject(working, put, now());
				commit(working);
				return answer;
			}),
		deleteObject: (bucket, key) =>
			underLock(() => {
				const working = structuredClone(state);
				sandboxDeleteObject(working, bucket, key, now());
				commit(working);
			}),
		listObjectVersions: async (bucket, prefix) => {
			reload();
			return sandboxListObjectVersions(state, bucket, prefix);
		},
		getObjectText: async (bucket, key, versionId) => {
			reload();
			return sandboxGetObjectText(state, bucket, key, versionId);
		},
	};
}

export interface DemoGatewayOptions {
	/** Where sandbox.json lives: appPaths().data for the CLI. */
	dataDir: string;
	/** Start again from a fresh seed. */
	reset?: boolean;
	now?: () => Date;
	/** The alert topic the operator chose. */
	alertTopicArn?: string;
}

/** The `--demo` gateway: the saved demo account (seeded on first use), saved after every change. */
export function createDemoGateway(options: DemoGatewayOptions): SandboxGateway {
	const now = options.now ?? (() => new Date());
	const store = openSandboxStore(options.dataDir);
	const state = options.reset ? store.reset(now()) : store.load(now());
	return createSandboxGateway({ state, now, store, ...(options.alertTopicArn ? { alertTopicArn: options.alertTopicArn } : {}) });
}
