/**
 * Step 2's own screen. Two panes (Tab): the analyzer findings, grouped by resource and read
 * a page at a time; and the setup and trust findings (ANALYZER_MISSING, TRUST_*). Triage:
 * x archives with a reason (UpdateFindings, logged, reversible), d defers (marks) for step 3 or 5
 * (kept in remediation-marks.json so the later step finds it), f fixes a trust policy, c
 * creates the analyzers, l generates a policy from CloudTrail. Every change is previewed and
 * confirmed as a batch; loading and batches in flight are the generic step screen's.
 */
import { useEffect, useMemo, useState } from 'react';
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { useSelector } from '@xstate/react';
import { createActor } from 'xstate';
import { accountNotEvaluated } from '../../core/account-not-evaluated.js';
import type { Finding } from '../../core/finding.js';
import type { AnalyzerFinding } from '../../core/model.js';
import { saveGeneratedPolicy } from '../../settings/generated-policies.js';
import { markForRemediation, readRemediationMarks } from '../../settings/remediation-marks.js';
import { shortResource } from '../../ui/finding-subject.js';
import { commandHint, hints, keyLabel } from '../../ui/key-bindings.js';
import { keyPriority } from '../../ui/KeyDispatcher.js';
import type { StyledLine } from '../../ui/ScrollText.js';
import { muted, strong, tone } from '../../ui/theme.js';
import { useKeyLayer } from '../../ui/use-key-layer.js';
import { useWholeLines, WholeLines } from '../../ui/WholeLines.js';
import { CustomBatchView, useCustomBatch } from '../step-screen-custom-batch.js';
import { FindingsTable, type FindingsTableView } from '../step-screen-findings-table.js';
import { StepScreen, stateName, type StepScreenProps } from '../step-screen.js';
import { useStepServices } from '../step-services.js';
import { archiveActions, startGenerationAction } from './analyzer-actions.js';
import { activeExternalAnalyzers, activeUnusedAnalyzers, analyzerFindingToFinding } from './analyzer-findings.js';
import { AnalyzerFindingEvidence, AnalyzerFindingsPane } from './AnalyzerFindingsPane.js';
import { createFindingsLoader, type FindingsRow } from './findings-loader.js';
import { createGenerationMachine } from './generation-machine.js';
import { GenerationProgress, type GenerationActor } from './GenerationProgress.js';
import { ChoicePrompt, TextPrompt } from './LinePrompt.js';
import { PolicyGenerationForm, type GenerationRequest } from './PolicyGenerationForm.js';
import { useSetupPrompts, type SetupPrompt } from './setup-prompts.js';
import { analyzerKeys } from './analyzer-keys.js';

type Pane = 'analyzer' | 'setup';
type TriagePrompt = { kind: 'archive'; targets: AnalyzerFinding[]; value: string; problem?: string } | { kind: 'mark'; targets: AnalyzerFinding[] };

function targetsOf(row: FindingsRow | undefined, findings: readonly AnalyzerFinding[]): AnalyzerFinding[] {
	if (!row) return [];
	return row.kind === 'finding' ? [row.finding] : findings.filter((f) => f.resource === row.resource);
}

export function AccessAnalyzerScreen(props: StepScreenProps) {
	const { step, actor, height, isActive, readOnly, log } = props;
	const snapshot = useSelector(actor, (s) => s);
	const state = stateName(snapshot);
	const { plan, model, now } = snapshot.context;
	const { gateway } = useStepServices();
	const batch = useCustomBatch(actor);
	const [pane, setPane] = useState<Pane>('analyzer');
	const [row, setRow] = useState<FindingsRow | undefined>();
	const [setupCursor, setSetupCursor] = useState<Finding | undefined>();
	const [tableView, setTableView] = useState<FindingsTableView>('list');
	const [triage, setTriage] = useState<TriagePrompt | undefined>();
	const [notice, setNotice] = useState<string | undefined>();
	const [marks, setMarks] = useState(() => new Map(readRemediationMarks().map((m) => [m.analyzerFindingId, m.step as number])));
	const [generating, setGenerating] = useState(false);
	const [opened, setOpened] = useState<AnalyzerFinding | undefined>();
	const [generation, setGeneration] = useState<GenerationActor | undefined>();
	const [runningJob, setRunningJob] = useState<{ jobId: string; principalArn: string } | undefined>();

	const analyzers = useMemo(() => (model ? [...activeExternalAnalyzers(model), ...activeUnusedAnalyzers(model)] : []), [model]);
	const loader = useMemo(
		() => (model ? createActor(createFindingsLoader(), { input: { gateway, analyzers, fallback: model.analyzerFindings ?? [] } }) : undefined),
		[model, gateway, analyzers],
	);
	const [loaded, setLoaded] = useState<{ findings: AnalyzerFinding[]; pages: number; status: string; error: string | null }>({ findings: [], pages: 0, status: 'loading', error: null });
	useEffect(() => {
		if (!loader) return;
		const sub = loader.subscribe((s) => setLoaded({ findings: s.context.findings, pages: s.context.pages, status: String(s.value), error: s.context.error }));
		loader.start();
		return () => {
			sub.unsubscribe();
			loader.stop();
		};
	}, [loader]);
	const analyzerFindings = loaded.findings;
	const setupFindings = useMemo(() => (plan?.findings ?? []).filter((f) => f.id !== 'EXTERNAL_ACCESS' && f.id !== 'UNUSED_ACCESS'), [plan]);

	const followJob = (jobId: string, principalArn: string, extra: { trailArn?: string; window?: { start: string; end: string } } = {}) => {
		// The sandbox finishes in a few polls; AWS takes minutes, so poll it less often.
		const job = createActor(createGenerationMachine(), { input: { gateway, jobId, principalArn, now, save: saveGeneratedPolicy, pollMs: gateway.mode === 'demo' ? 500 : 5000, ...extra } });
		job.start();
		setRunningJob(undefined);
		setGeneration(job);
	};
	const setup = useSetupPrompts({ model, plan, batch, setNotice });
	const reviewing = state === 'reviewing' && !batch.batch && model !== null && plan !== null;
	const idle = reviewing && !triage && !setup.prompt && !generating && !generation && !opened && tableView === 'list';
	/** ! shows what the screen cuts at its edge (the analyzers, the counts) and what was not checked, whole. */
	const whole = useWholeLines({ isActive: isActive && idle, priority: keyPriority.screen });

	useKeyLayer(
		(event) => {
			const { command } = event;
			const action = analyzerKeys.match(event);
			if (command === 'switchPane') setPane((p) => (p === 'analyzer' ? 'setup' : 'analyzer'));
			else if (command === 'retry') actor.send({ type: 'RELOAD' });
			else if (command === 'preview') {
				// The plan's own proposals (create the analyzer, the default trust fixes) go through the step's machine.
				if (snapshot.context.selected.length > 0) actor.send({ type: 'PREVIEW' });
				else setNotice(`Nothing is proposed by default here: ${analyzerKeys.label('createAnalyzers')} creates analyzers, ${analyzerKeys.label('fixTrust')} fixes a trust policy, ${analyzerKeys.label('archive')} archives a finding.`);
			} else if (action === 'createAnalyzers') setup.openCreate();
			else if (action === 'generatePolicy') {
				setNotice(undefined);
				setGenerating(true);
			} else if (action === 'followJob' && runningJob) followJob(runningJob.jobId, runningJob.principalArn);
			else if (action === 'fixTrust') setup.openTrustFix(pane === 'setup' ? setupCursor : undefined);
			else if ((action === 'archive' || action === 'defer') && pane === 'analyzer') {
				const targets = targetsOf(row, analyzerFindings);
				if (targets.length === 0) setNotice('Put the cursor on an analyzer finding, or on a resource for all of its findings.');
				else setTriage(action === 'archive' ? { kind: 'archive', targets, value: '' } : { kind: 'mark', targets });
			} else return false;
			return true;
		},
		{ isActive: isActive && idle && !whole, priority: keyPriority.screen, keys: analyzerKeys },
	);

	if (batch.batch) return <CustomBatchView step={step} control={batch} height={height} isActive={isActive} readOnly={readOnly} log={log} />;
	if (!reviewing) return <StepScreen {...props} />;
	if (opened) return <AnalyzerFindingEvidence finding={opened} mark={marks.get(opened.id)} height={height} isActive={isActive} onClose={() => setOpened(undefined)} />;
	if (generation) return <GenerationProgress actor={generation} height={height} isActive={isActive} onClose={() => setGeneration(undefined)} />;
	if (generating) {
		const submit = async (request: GenerationRequest) => {
			setGenerating(false);
			const running = (await gateway.listPolicyGenerations?.().catch(() => []))?.find((j) => j.status === 'IN_PROGRESS');
			if (running) {
				setRunningJob({ jobId: running.jobId, principalArn: running.principalArn ?? request.role.arn });
				setNotice(`Policy generation job ${running.jobId} is already running${running.principalArn ? ` for ${running.principalArn}` : ''}: Access Analyzer runs one at a time. ${analyzerKeys.label('followJob')} follows it; start yours when it ends.`);
				return;
			}
			const action = startGenerationAction({ principalArn: request.role.arn, trailArn: request.trail.arn, accessRole: request.accessRole, days: request.days }, now());
			batch.start([action], {
				onApplied: (done) => {
					const jobId = done.getSnapshot().context.batch?.report?.applied[0]?.result.outputs?.jobId;
					if (jobId) followJob(jobId, request.role.arn, { trailArn: request.trail.arn, window: { start: action.params.startTime, end: action.params.endTime } });
				},
			});
		};
		return <PolicyGenerationForm model={model} gateway={gateway} height={height} isActive={isActive} onSubmit={(r) => void submit(r)} onCancel={() => setGenerating(false)} />;
	}

	const loadingNote = loaded.status === 'loading' ? ` · loading page ${loaded.pages + 1}…` : loaded.status === 'failed' ? ` · could not list: ${loaded.error}` : '';
	const analyzerLine =
		model.analyzers === undefined
			? 'Analyzers: not read'
			: `Analyzers: ${model.analyzers.map((a) => `${a.name} (${a.type}${a.unusedAccessAge ? `, ${a.unusedAccessAge} days` : ''}, ${a.status})`).join(' · ') || 'none'}${activeExternalAnalyzers(model).length === 0 ? ` · no external-access analyzer: ${analyzerKeys.label('createAnalyzers')} creates one` : ''}`;
	const findingsLine = `Findings (${analyzerFindings.length + setupFindings.length}) · analyzer findings by resource ${analyzerFindings.length}${loadingNote} · setup and trust ${setupFindings.length}`;
	const notes = [...new Set([...accountNotEvaluated(model, [step.number]), ...plan.notEvaluated].map((n) => n.reason))];
	const wholeLines: StyledLine[] = [{ text: analyzerLine }, { text: findingsLine }, ...notes.map((reason): StyledLine => ({ text: `Not checked: ${reason}` }))];
	const prompts = triage || setup.prompt ? 2 : 0;
	const cursorTargets = targetsOf(row, analyzerFindings);
	const listHeight = Math.max(3, height - 5 - prompts - (notice ? 1 : 0));
	return (
		<Box flexDirection="column">
			{whole ? <WholeLines title={`Step ${step.number} · ${step.title}: notes, whole`} lines={wholeLines} height={height} isActive={isActive} backTo="the findings" /> : null}
			{/* Hidden, not unmounted, while the whole lines are open: the lists keep their cursors. */}
			<Box flexDirection="column" display={whole ? 'none' : 'flex'}>
				<Text {...strong()}>
					Step {step.number} · {step.title}
				</Text>
				<Text wrap="truncate-end" {...(activeExternalAnalyzers(model).length === 0 ? tone('status.warning') : muted())}>
					{analyzerLine}
				</Text>
				<Text wrap="truncate-end">
					Findings ({analyzerFindings.length + setupFindings.length}) · Tab switches ·{' '}
					<Text {...(pane === 'analyzer' ? tone('focus.title', { bold: true }) : muted())}>analyzer findings by resource {analyzerFindings.length}{loadingNote}</Text> ·{' '}
					<Text {...(pane === 'setup' ? tone('focus.title', { bold: true }) : muted())}>setup and trust {setupFindings.length}</Text>
				</Text>
				{pane === 'analyzer' ? (
					<AnalyzerFindingsPane
						findings={analyzerFindings}
						marks={marks}
						height={listHeight}
						isActive={isActive && !triage && !setup.prompt && !whole}
						onCursorChange={setRow}
						onOpen={setOpened}
						emptyText={model.analyzers === undefined ? `Access Analyzer was not read: ${model.notEvaluated.find((n) => n.area === 'access-analyzer')?.reason ?? 'no reason given'}` : analyzers.length === 0 ? `No active analyzer, so no analyzer findings: ${analyzerKeys.label('createAnalyzers')} creates one.` : loaded.status === 'loading' ? 'Loading…' : 'No active analyzer findings.'}
					/>
				) : (
					<FindingsTable title="Setup and trust findings" findings={setupFindings} height={listHeight} isActive={isActive && !setup.prompt && !whole} onCursorChange={setSetupCursor} onViewChange={setTableView} />
				)}
				{triage?.kind === 'archive' ? (
					<TextPrompt
						label={`Archive ${triage.targets.length === 1 ? 'this finding' : `${triage.targets.length} findings`}: why (written to the change log)?`}
						value={triage.value}
						onChange={(value) => setTriage({ ...triage, value, problem: undefined })}
						onSubmit={(value) => {
							if (value.trim() === '') {
								setTriage({ ...triage, problem: 'Give the reason: it is what an auditor will read' });
								return;
							}
							setTriage(undefined);
							batch.start(archiveActions(triage.targets, value.trim(), (f) => analyzerFindingToFinding(f).fingerprint), { findings: triage.targets.map(analyzerFindingToFinding) });
						}}
						onCancel={() => setTriage(undefined)}
						problem={triage.problem}
						isActive={isActive}
						placeholder="e.g. intended: shared with our auditor (TICKET-12)"
					/>
				) : null}
				{triage?.kind === 'mark' ? (
					<ChoicePrompt
						label={`Mark ${triage.targets.length === 1 ? 'this finding' : `${triage.targets.length} findings`} for remediation in:`}
						choices={[
							{ key: '3', label: 'step 3 (scope the policy)' },
							{ key: '5', label: 'step 5 (remove the idle credential)' },
						]}
						onChoose={(key) => {
							const stepNumber = key === '3' ? 3 : 5;
							const next = new Map(marks);
							for (const target of triage.targets) {
								markForRemediation({ fingerprint: analyzerFindingToFinding(target).fingerprint, analyzerFindingId: target.id, analyzerArn: target.analyzerArn, resource: target.resource, step: stepNumber, markedAt: now().toISOString() });
								next.set(target.id, stepNumber);
							}
							setMarks(next);
							setTriage(undefined);
							setNotice(`Marked ${triage.targets.length} finding${triage.targets.length === 1 ? '' : 's'} for step ${stepNumber}; it stays active in Access Analyzer until it is fixed.`);
						}}
						onCancel={() => setTriage(undefined)}
						isActive={isActive}
					/>
				) : null}
				{setup.view(isActive)}
				{notice ? (
					<Text {...tone('status.warning')}>
						{notice}
					</Text>
				) : null}
				<Text wrap="truncate-end" {...muted()}>
					{hints(
						`${keyLabel('notes')} ${notes.length > 0 ? `notes (${notes.length})` : 'whole lines'}`,
						pane === 'analyzer'
							? hints(row?.kind === 'finding' && commandHint('next', 'details'), analyzerKeys.hint('archive'), `${analyzerKeys.hint('defer')}${cursorTargets.length > 0 ? ` (${cursorTargets.length} finding${cursorTargets.length === 1 ? '' : 's'} on ${shortResource(cursorTargets[0]!.resource)})` : ''}`)
							: `${analyzerKeys.hint('fixTrust')}${setupCursor?.id.startsWith('TRUST_') ? ` of ${shortResource(setupCursor.resource)}` : ''}`,
						analyzerKeys.hint('createAnalyzers'),
						analyzerKeys.hint('generatePolicy'),
						plan.actions.length > 0 && commandHint('preview', `preview the ${plan.actions.length} proposed change${plan.actions.length === 1 ? '' : 's'}`),
						commandHint('retry', 're-read'),
						commandHint('help', 'help'),
					)}
				</Text>
			</Box>
		</Box>
	);
}

export type { SetupPrompt };
