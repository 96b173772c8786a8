/** The public shape of the step lifecycle machine: what the screens send and read. */
import type { Action, StepNumber } from '../core/actions.js';
import type { AuditSink } from '../core/audit-sink.js';
import type { CallerAccess, Confirmation } from '../core/confirmation.js';
import type { AccountModel, CallerIdentity } from '../core/model.js';
import type { PlanContext } from '../core/settings.js';
import type { PlanStep, StepPlan } from '../core/step-plan.js';
import type { AwsGateway } from '../aws/gateway.js';
import type { AppliedAction, ExecutionError, ExecutionReport, ProgressEvent } from './executor.js';
import type { PolicyGate, ValidationMode } from './policy-gate.js';
import type { VerificationReport, VerifyDeps } from './verify-actions.js';
import type { BatchRegistry } from './batch-registry.js';

/** No gateway and no change log: those are the machine's services (`createStepMachine(services)`), never its input or context. */
export interface StepMachineInput {
	step: StepNumber;
	planStep: PlanStep;
	planContext: PlanContext;
	/** Defaults to the account ID of the model read. */
	accountId?: string;
	now: () => Date;
	/** An account model already read (shared between steps); RELOAD reads afresh. */
	model?: AccountModel;
	/** Verification tuning (tests pass a no-op sleep). */
	verify?: Pick<VerifyDeps, 'attempts' | 'delayMs' | 'sleep'>;
	/**
	 * false: once a batch ends, no re-read (`replanned` stays null). A batch composed on a step's screen runs
	 * on a machine of its own, and the step's machine re-reads for it (RELOAD): one read, not two.
	 */
	replanAfterBatch?: boolean;
}

/** A plan action that cannot be selected, with the reason the screen shows. */
export interface BlockedAction {
	index: number;
	action: Action;
	reason: string;
	/** A break-glass principal, or the access key the caller signs with. */
	cause: 'break-glass' | 'callers-key';
}

/** A batch in flight: the main one, or the rollback of its applied prefix. */
export interface BatchRun {
	/** What the preview showed and the operator confirmed. */
	actions: Action[];
	confirmation: Confirmation;
	previewHash: string;
	reason: string;
	/** What the next applyActions run applies (the batch, or what a retry resumes). */
	pending: Action[];
	pendingStart: number;
	/** Events of the finished actions (applied, failed), in order: the lines a screen logs. */
	progress: ProgressEvent[];
	/** The latest event of any phase (reading, applying, applied, failed): what a spinner shows. */
	current: ProgressEvent | null;
	report: ExecutionReport | null;
	verification: VerificationReport | null;
	/**
	 * The policy gate's answer for the documents this batch writes (as `apply --plan` runs it),
	 * null while it runs; a rollback restores what was there and is not gated.
	 */
	validation: PolicyGate | null;
	/** 'local' once the operator chose the local checks because Access Analyzer could not answer. */
	validationMode: ValidationMode;
}

export interface RollbackRun extends BatchRun {
	/** Where the rollback was offered: after a failure, or after a batch that succeeded. */
	from: 'failed' | 'done';
	/** Applied actions that have no inverse: named in the rollback preview. */
	cannotUndo: AppliedAction[];
}

export interface StepMachineContext {
	step: StepNumber;
	planStep: PlanStep;
	planContext: PlanContext;
	now: () => Date;
	verifyOptions: StepMachineInput['verify'];
	/** Used by the first load only. */
	preloaded: AccountModel | undefined;
	accountId: string | undefined;
	model: AccountModel | null;
	plan: StepPlan | null;
	blocked: BlockedAction[];
	/** Plan action index → its lockout risk: never selected by default, confirmed with overrideLockout. */
	lockout: Record<number, string>;
	/** Indexes into plan.actions, ascending. */
	selected: number[];
	/** The main batch, from PREVIEW on. */
	batch: BatchRun | null;
	rollback: RollbackRun | null;
	/** Why the last CONFIRM was refused (empty reason, wrong account ID, unacknowledged lockout). */
	confirmRejection: string | null;
	/** A load failure, a batch failure, or a verification that could not run. */
	error: ExecutionError | null;
	/** While in `batch` or `rollback`: the state of the run machine that step is running (see `stepState`). */
	runState: RunState | null;
	/** Changes applied (and kept) by batches the step's own screen composed and ran on their own machines. */
	appliedElsewhere: number;
	/**
	 * Changes this machine's earlier batches applied and did not roll back, counted when a re-read (RELOAD)
	 * cleared their runs: the account still has them, so the step list goes on counting them (see keptChanges).
	 */
	appliedEarlier: number;
	/**
	 * Once a batch that applied something is verified or rolled back (done, rolledBack): the account read again and
	 * the step's checks run on it, while the outcome stays on screen with the plan it was applied from. The step list
	 * counts these; null until the re-read ends (or when it failed), and again from RELOAD on (r reads afresh).
	 */
	replanned: { model: AccountModel; plan: StepPlan; selected: number[] } | null;
	replanAfterBatch: boolean;
	/**
	 * What the step's own screen selected when it keeps its own selection (step 3 marks
	 * policies, not plan actions): the step list counts these instead of `selected`. Kept
	 * here so the marks survive moving to another step and back.
	 */
	marked: string[] | null;
}

export type ConfirmEvent = { type: 'CONFIRM'; reason: string; typedAccountId?: string; overrideLockout?: boolean };

/** Events a screen sends. */
export type StepMachineEvent =
	| { type: 'TOGGLE'; index: number }
	| { type: 'SELECT_ALL' }
	| { type: 'SELECT_NONE' }
	| { type: 'PREVIEW' }
	/** In a batch's preview, when Access Analyzer could not validate: rely on the local checks only. */
	| { type: 'VALIDATE_LOCALLY' }
	/** From the preview to the confirmation prompt. */
	| { type: 'NEXT' }
	| { type: 'BACK' }
	| ConfirmEvent
	| { type: 'CANCEL' }
	| { type: 'RETRY' }
	| { type: 'ROLLBACK' }
	| { type: 'SKIP' }
	| { type: 'RELOAD' }
	/** A batch composed on the step's screen kept `count` changes: the step list counts them. */
	| { type: 'APPLIED_ELSEWHERE'; count: number }
	/** The step's screen selects by its own keys (policies on step 3): the step list counts them. */
	| { type: 'MARK'; keys: string[] };

/** Events the applyActions actor sends back. */
export type ApplierEvent =
	| { type: 'PROGRESS'; event: ProgressEvent }
	| { type: 'APPLY_DONE'; report: ExecutionReport }
	| { type: 'APPLY_ERROR'; error: ExecutionError };

export interface LoadStepInput {
	planStep: PlanStep;
	planContext: PlanContext;
	model?: AccountModel;
}

export interface LoadStepOutput {
	model: AccountModel;
	plan: StepPlan;
}

export interface ApplyActionsInput {
	actions: Action[];
	startIndex: number;
	step: StepNumber;
	reason: string;
	previewHash: string;
	now: () => Date;
	caller?: AccountModel['caller'];
}

export interface VerifyActionsInput {
	applied: AppliedAction[];
	/** The confirmed batch. */
	targeted: Action[];
	plannedActions: Action[];
	/** false when verifying a rollback. */
	reportFindings: boolean;
	options: StepMachineInput['verify'];
}

/** What a step changes AWS and the change log through: bound into the machines' actors, never passed in an actor's input. */
export interface StepServices {
	gateway: AwsGateway;
	audit: AuditSink;
	/** The batches composed on step screens that are applying now (the shell waits for them before it quits). */
	batches?: BatchRegistry;
}

/** The two runs a step makes: its batch, and the rollback of what the batch applied. */
export type RunKind = 'batch' | 'rollback';

/** The states of a run a screen draws (the run machine's own, before it finishes). */
export type RunState = 'previewing' | 'confirming' | 'applying' | 'verifying' | 'failed';

/** What a run needs besides its actions, all plain values. */
export interface RunSettings {
	step: StepNumber;
	/** The account a typed confirmation must name. */
	accountId: string | undefined;
	/** Who is signed in: their own key is never touched. */
	caller?: CallerIdentity;
	/** The caller's groups and managed policies (a narrowing change to one is a lockout risk); absent when not known. */
	callerAccess?: CallerAccess;
	now: () => Date;
	/** Every action the step proposed (a batch's targeted finding that also needs one not applied remains); [] for a rollback. */
	plannedActions: Action[];
	verify: StepMachineInput['verify'];
}

export interface RunInput {
	kind: RunKind;
	/** What the preview shows and a confirmation applies. */
	actions: Action[];
	settings: RunSettings;
	/** The error shown until this run makes its own (a rollback is offered under its batch's failure). */
	error?: ExecutionError | null;
	/** Back to a run that failed, as it was (its rollback's preview was left): starts in `failed`. */
	resume?: BatchRun;
}

/**
 * How a run ended: `back` / `cancelled` before anything was applied, `verified` after apply
 * and verification, `skipped` (the failure kept as it is), `rollback` (undo what it applied).
 */
export type RunOutcome = 'back' | 'cancelled' | 'verified' | 'skipped' | 'rollback';

export interface RunOutput {
	outcome: RunOutcome;
	run: BatchRun;
	error: ExecutionError | null;
}

/** Events the run machine takes from a screen (through the step machine). */
export type RunEvent = Extract<StepMachineEvent, { type: 'NEXT' | 'BACK' | 'CONFIRM' | 'CANCEL' | 'RETRY' | 'SKIP' | 'ROLLBACK' | 'VALIDATE_LOCALLY' }> | ApplierEvent;

export interface ValidatePoliciesInput {
	kind: RunKind;
	actions: Action[];
	mode: ValidationMode;
}
