/**
 * The Ink shell: header, step list, the current step's screen, help and quit. Each step
 * has its own lifecycle machine, started the first time the step is opened and kept while
 * the operator moves between steps, so a step's selection, progress and outcome survive.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import { Box, Static } from 'ink';
import { Text } from './ui/Text.js';
import type { AwsGateway } from './aws/gateway.js';
import type { AuditSink } from './core/audit-sink.js';
import type { AccountModel, CallerIdentity } from './core/model.js';
import type { PlanContext } from './core/settings.js';
import type { StepPlan } from './core/step-plan.js';
import type { WizardStep } from './steps/registry.js';
import { StepScreen, type StepActor } from './steps/step-screen.js';
import { StepServicesProvider, useStepServices } from './steps/step-services.js';
import { DebugLog } from './ui/DebugLog.js';
import { Header } from './ui/Header.js';
import { HelpOverlay } from './ui/HelpOverlay.js';
import { commandHint, hints, keyLabel, stepOfCommand, yesNoKeys, type ScreenKeys } from './ui/key-bindings.js';
import { KeyDispatcher, keyPriority } from './ui/KeyDispatcher.js';
import type { StyledLine } from './ui/ScrollText.js';
import { StepList, stepListRows, type StepListEntry } from './ui/StepList.js';
import { TerminalSizeGuard } from './ui/TerminalSizeGuard.js';
import { muted, strong, tone } from './ui/theme.js';
import { useKeyLayer, useKeyRegistry } from './ui/use-key-layer.js';
import { createBatchRegistry } from './wizard/batch-registry.js';
import { countedPlan, isMidApply, stepStatusOf, type SessionStatuses } from './wizard/session.js';
import { createStepActor } from './wizard/step-machine.js';
import type { StepMachineInput, StepServices } from './wizard/step-machine-types.js';

export interface AppProps {
	gateway: AwsGateway;
	audit: AuditSink;
	planContext: PlanContext;
	steps: readonly WizardStep[];
	/** Called once when the operator quits (after any batch in flight has stopped): 'interrupt' after Ctrl+C, 'quit' after q. */
	onExit: (how: 'quit' | 'interrupt') => void;
	/** The clock for audit records; defaults to the system clock. */
	now?: () => Date;
	/** Show what libraries wrote to stderr (caught by routeStderr). */
	debug?: boolean;
	/** Verification tuning (tests pass a no-op sleep). */
	verify?: StepMachineInput['verify'];
	/** The step open at start (1–6). */
	initialStep?: number;
	/** Warnings about the account data and the options (an --exclude that is not an ARN…), shown under the header once it is read. */
	warningsFor?: (model: AccountModel) => string[];
}

/** What the step's screen lists: its own findings and those of other steps it remediates. */
function findingCount(plan: StepPlan | null): number {
	return plan ? plan.findings.length + (plan.addresses?.length ?? 0) : 0;
}

interface StepActors {
	actorOf(step: WizardStep): StepActor;
	existing(number: number): StepActor | undefined;
	all(): StepActor[];
	/** Bumped whenever any step's machine changes. */
	version: number;
	latestModel(): AccountModel | undefined;
}

/** One machine per step, created when first opened and bound to the session's services; every change re-renders the shell once. */
function useStepActors(props: AppProps, services: StepServices): StepActors {
	const actors = useRef(new Map<number, StepActor>());
	const model = useRef<AccountModel | undefined>(undefined);
	const [version, bump] = useReducer((n: number) => n + 1, 0);
	const { planContext, now, verify } = props;

	useEffect(() => {
		const map = actors.current;
		return () => {
			for (const actor of map.values()) actor.stop();
		};
	}, []);

	const actorOf = useCallback(
		(step: WizardStep) => {
			let actor = actors.current.get(step.number);
			if (actor) return actor;
			actor = createStepActor(services, {
				step: step.number,
				planStep: step.planStep,
				planContext,
				now: now ?? (() => new Date()),
				// The account read by an earlier step: one read serves all; r re-reads.
				...(model.current ? { model: model.current } : {}),
				...(verify ? { verify } : {}),
			});
			actors.current.set(step.number, actor);
			actor.start();
			// Subscribed after start: start() reports synchronously, and this runs during render.
			actor.subscribe((snapshot) => {
				// After a batch, the account as it left it (the step re-reads it while its outcome stays on screen).
				const latest = snapshot.context.replanned?.model ?? snapshot.context.model;
				if (latest) model.current = latest;
				bump();
			});
			return actor;
		},
		[services, planContext, now, verify],
	);

	return {
		actorOf,
		existing: (n) => actors.current.get(n),
		all: () => [...actors.current.values()],
		version,
		latestModel: () => model.current,
	};
}

const noSubscription = () => () => undefined;
const noBatches = () => 0;

export function App(props: AppProps) {
	const { gateway, audit } = props;
	// One value per gateway and log: the step machines and the screens' own reads and batches share it.
	const services = useMemo<StepServices>(() => ({ gateway, audit, batches: createBatchRegistry() }), [gateway, audit]);
	return (
		<KeyDispatcher>
			<StepServicesProvider services={services}>
				<WizardShell {...props} />
			</StepServicesProvider>
		</KeyDispatcher>
	);
}

function WizardShell(props: AppProps) {
	const { gateway, steps, onExit, debug = false, warningsFor } = props;
	const [current, setCurrent] = useState(() => Math.min(Math.max(props.initialStep ?? 1, 1), steps.length));
	/** The help overlay, open with the key tables of the screen it was opened from; false when closed. */
	const [help, setHelp] = useState<false | ScreenKeys<string>[]>(false);
	const registry = useKeyRegistry();
	const [askQuit, setAskQuit] = useState(false);
	/** 'stopping': quit was confirmed while a batch ran; exits once it has stopped. */
	const [quitting, setQuitting] = useState<false | 'now' | 'stopping'>(false);
	/** Ctrl+C rather than q: the command exits 130, as an interrupted program does. */
	const interrupted = useRef(false);
	const [log, setLog] = useState<StyledLine[]>([]);
	const [caller, setCaller] = useState<CallerIdentity | undefined>();
	const services = useStepServices();
	const actors = useStepActors(props, services);
	const step = steps[current - 1]!;
	const actor = actors.actorOf(step);

	useEffect(() => {
		let live = true;
		gateway.callerIdentity().then(
			(identity) => live && setCaller(identity),
			() => undefined, // The step's load reports the credentials problem with its own message.
		);
		return () => {
			live = false;
		};
	}, [gateway]);

	const statuses = useMemo<SessionStatuses>(() => {
		const result: SessionStatuses = {};
		for (const a of actors.all()) {
			const snapshot = a.getSnapshot();
			result[snapshot.context.step] = stepStatusOf(snapshot);
		}
		return result;
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [actors.version]);
	// The batches composed on step screens run on machines of their own: counted apart.
	const batches = services.batches;
	const screenBatches = useSyncExternalStore(batches?.subscribe ?? noSubscription, batches?.count ?? noBatches);
	const busy = isMidApply(statuses) || screenBatches > 0;

	const exited = useRef(false);
	useEffect(() => {
		if (!quitting || busy || exited.current) return;
		exited.current = true;
		onExit(interrupted.current ? 'interrupt' : 'quit');
	}, [quitting, busy, onExit]);

	const appendLog = useCallback((line: StyledLine) => setLog((lines) => [...lines, line]), []);

	const quit = () => {
		if (!busy) {
			setQuitting('now');
			return;
		}
		setAskQuit(true);
	};

	/** Ctrl+C: leave now. A batch in flight is told to stop and the wizard exits once it has (nothing half-applied). */
	const interrupt = () => {
		interrupted.current = true;
		setAskQuit(false);
		setHelp(false);
		if (!busy) {
			setQuitting('now');
			return;
		}
		for (const a of actors.all()) a.send({ type: 'CANCEL' });
		batches?.stopAll();
		setQuitting('stopping');
	};

	// Above every screen, prompt, text field and overlay: Ctrl+C always reaches the shell.
	useKeyLayer(
		({ command }) => {
			if (command !== 'interrupt') return false;
			interrupt();
			return true;
		},
		{ priority: keyPriority.interrupt },
	);

	useKeyLayer(
		({ command }) => {
			if (!command) return false;
			if (command === 'quit') quit();
			else if (command === 'help') setHelp((h) => (h ? false : registry.activeKeys()));
			else if (command === 'prevStep') setCurrent((c) => Math.max(1, c - 1));
			else if (command === 'nextStep') setCurrent((c) => Math.min(steps.length, c + 1));
			else if (stepOfCommand(command) !== undefined) setCurrent(Math.min(steps.length, stepOfCommand(command)!));
			else return false;
			return true;
		},
		{ priority: keyPriority.shell, isActive: !askQuit },
	);

	useKeyLayer(
		(event) => {
			const { command } = event;
			if (askQuit) {
				const answer = yesNoKeys.match(event);
				if (answer === 'yes') {
					for (const a of actors.all()) a.send({ type: 'CANCEL' });
					setAskQuit(false);
					setQuitting('stopping');
				} else if (answer === 'no' || command === 'cancel' || command === 'next') {
					setAskQuit(false);
				}
				return true;
			}
			if (command === 'help' || command === 'cancel') {
				setHelp(false);
				return true;
			}
			return command === 'quit' ? false : command !== 'up' && command !== 'down' && command !== 'pageUp' && command !== 'pageDown' && command !== 'home' && command !== 'end';
		},
		{ priority: keyPriority.overlay, isActive: help !== false || askQuit, ...(askQuit ? { keys: yesNoKeys } : {}) },
	);

	const model = actors.latestModel();
	const warnings = useMemo(() => (model && warningsFor ? warningsFor(model) : []), [model, warningsFor]);
	const entries: StepListEntry[] = steps.map((s) => {
		const snapshot = actors.existing(s.number)?.getSnapshot();
		const status = statuses[s.number];
		if (!snapshot || !status) return { number: s.number, title: s.title, status: {} };
		const phase = status.phase === 'reviewing' || status.phase === 'applied' ? undefined : status.phase;
		if (status.phase === 'loading') return { number: s.number, title: s.title, status: { phase: 'loading' } };
		return {
			number: s.number,
			title: s.title,
			status: { findings: findingCount(countedPlan(snapshot.context)), selected: status.selected, applied: status.applied, phase },
		};
	});

	return (
		<>
			{/*
			  The applied changes, one line each, printed above the last frame when the wizard ends, so they stay in
			  the terminal's scrollback. Not while it runs: a line printed above a screen shorter than the terminal
			  pushed the header down until a taller screen scrolled it back (the Done screen itself shows what was applied).
			*/}
			<Static items={quitting ? log : []}>
				{(line, index) => (
					<Text key={index} {...(line.token ? tone(line.token) : {})}>
						{line.text}
					</Text>
				)}
			</Static>
			<TerminalSizeGuard>
				{(size) => {
					const debugLines = debug ? 3 : 0;
					const warningLines = warnings.length > 0 ? 1 : 0;
					const screenHeight = size.rows - 2 - warningLines - stepListRows(entries, current, size) - 1 - 1 - debugLines - 1;
					// Every frame is at least as tall as the terminal less the row Ink leaves for the cursor, however short the screen:
					// the header keeps its row, and when a narrower terminal re-wraps the old frame onto more rows, Ink's erase
					// of its rows still reaches the top (a shorter frame left fragments of its wrapped lines above the header).
					return (
						<Box flexDirection="column" width={size.columns} minHeight={size.rows - 1}>
							<Header
								accountId={model?.accountId ?? caller?.account ?? '…'}
								alias={model?.alias}
								callerArn={model?.caller.arn ?? caller?.arn ?? 'reading the caller identity…'}
								mode={gateway.mode}
								description={gateway.description}
							/>
							{warnings.length > 0 ? (
								<Text wrap="truncate-end" {...tone('status.warning')}>
									{`Warning: ${warnings[0]}${warnings.length > 1 ? ` (and ${warnings.length - 1} more: iam-wizard scan lists them)` : ''}`}
								</Text>
							) : null}
							<StepList steps={entries} current={current} size={size} />
							<Box height={1} />
							{help ? (
								<HelpOverlay height={screenHeight} screens={help} />
							) : (
								(() => {
									const Screen = step.Screen ?? StepScreen;
									return (
										<Screen
											key={step.number}
											step={step}
											actor={actor}
											height={screenHeight}
											isActive={!askQuit}
											readOnly={gateway.mode === 'snapshot'}
											log={appendLog}
										/>
									);
								})()
							)}
							{askQuit ? (
								<Text {...tone('status.warning', { bold: true })}>
									Changes are being applied. Quit anyway? The batch stops after the current change; what was applied stays applied and logged. [{yesNoKeys.label('yes')}/{yesNoKeys.label('no').toUpperCase()}]
								</Text>
							) : quitting === 'stopping' ? (
								<Text {...strong()}>Stopping after the current change…</Text>
							) : (
								<Text wrap="truncate-end" {...muted()}>
									{hints(`${keyLabel('prevStep')} ${keyLabel('nextStep')} or 1–${steps.length} steps`, commandHint('help', 'help'), commandHint('quit', 'quit'))}
								</Text>
							)}
							{debug ? <DebugLog lines={debugLines} /> : null}
						</Box>
					);
				}}
			</TerminalSizeGuard>
		</>
	);
}
