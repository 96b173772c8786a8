/**
 * Step 3's own screen: the policies with findings, each with what would be proposed and
 * why not when nothing is. The operator adds evidence and choices to the policy under the
 * cursor — l reads last-accessed data, e picks resource ARNs, m toggles the MFA template,
 * i adds source IP ranges, t a time window, v validates the proposal through the gateway —
 * and p previews the marked (or current) policies' changes as one batch, run by the generic
 * screen's preview, confirmation, executor and rollback. The proposals themselves come from
 * the pure plan (analyseScope), re-run on every change of evidence or choice.
 */
import { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import { useSelector } from '@xstate/react';
import type { PolicyDocument } from '../../core/policy-document.js';
import { isBlockingIssue } from '../../core/policy-validation-types.js';
import { readGeneratedPolicies } from '../../settings/generated-policies.js';
import { commandHint, hints } from '../../ui/key-bindings.js';
import { keyPriority } from '../../ui/KeyDispatcher.js';
import { ScrollList } from '../../ui/ScrollList.js';
import { TextField } from '../../ui/TextField.js';
import { muted, strong, tone } from '../../ui/theme.js';
import { useKeyLayer } from '../../ui/use-key-layer.js';
import { CustomBatchView, useCustomBatch } from '../step-screen-custom-batch.js';
import { StepScreen, stateName, type StepScreenProps } from '../step-screen.js';
import { analyseScope, validatedByLabel, type PolicyScope, type ScopeInputs } from './plan.js';
import { candidateArns, knownResources, parseArnAnswer, scopableStatements } from './resource-choices.js';
import { readLastAccessed, validateDocument, withLastAccessed, withValidation } from './scope-evidence.js';
import { scopeKeys } from './scope-keys.js';
import type { ScopeChoices } from './scope-proposal.js';

type Prompt = { kind: 'ip' } | { kind: 'time' } | { kind: 'arns'; statement: number; label: string; candidates: string[] };

function generatedByPrincipal(): Record<string, PolicyDocument> {
	const out: Record<string, PolicyDocument> = {};
	// Newest first: keep the first entry of each principal.
	for (const entry of readGeneratedPolicies()) out[entry.principalArn] ??= entry.document;
	return out;
}

function status(scope: PolicyScope): { mark: string; token: 'status.ok' | 'status.warning' | 'status.muted' } {
	if (scope.actions.length > 0) return { mark: '✓', token: 'status.ok' };
	if (scope.blocked) return { mark: '–', token: 'status.muted' };
	return { mark: '·', token: 'status.muted' };
}

function choicesLine(choices: ScopeChoices | undefined): string {
	if (!choices) return 'none';
	const parts: string[] = [];
	if (choices.mfa !== undefined) parts.push(`MFA ${choices.mfa ? 'on' : 'off'}`);
	if (choices.sourceIp?.length) parts.push(`source IP ${choices.sourceIp.join(', ')}`);
	if (choices.timeWindow) parts.push(`time ${choices.timeWindow.start} → ${choices.timeWindow.end}`);
	for (const [index, arns] of Object.entries(choices.resources ?? {})) parts.push(`statement ${Number(index) + 1}: ${arns.length} ARN(s)`);
	return parts.length > 0 ? parts.join(' · ') : 'none';
}

export function ScopePoliciesScreen(props: StepScreenProps) {
	const { step, actor, height, isActive, readOnly, log } = props;
	const snapshot = useSelector(actor, (s) => s);
	const state = stateName(snapshot.value);
	const { model, gateway, planContext } = snapshot.context;
	const batch = useCustomBatch(actor);
	const [inputs, setInputs] = useState<ScopeInputs>(() => ({ generated: generatedByPrincipal() }));
	const [cursor, setCursor] = useState<PolicyScope | undefined>();
	const [marked, setMarked] = useState<Set<string>>(new Set());
	const [prompt, setPrompt] = useState<Prompt | undefined>();
	const [text, setText] = useState('');
	const [busy, setBusy] = useState<string | undefined>();
	const [notice, setNotice] = useState<{ text: string; token: 'status.warning' | 'status.ok' | 'status.error' } | undefined>();

	const analysis = useMemo(() => (model ? analyseScope(model, planContext, inputs) : undefined), [model, planContext, inputs]);
	const scopes = analysis?.scopes ?? [];
	const current = scopes.find((s) => s.source.key === cursor?.source.key) ?? scopes[0];
	const catalogue = planContext.catalogue;
	const reviewing = state === 'reviewing' && !batch.batch && analysis !== undefined;

	const setChoices = (key: string, update: (c: ScopeChoices) => ScopeChoices) =>
		setInputs((prev) => ({ ...prev, choices: { ...prev.choices, [key]: update(prev.choices?.[key] ?? {}) } }));

	const run = (label: string, task: () => Promise<void>) => {
		setBusy(label);
		setNotice(undefined);
		task().then(
			() => setBusy(undefined),
			(error: unknown) => {
				setBusy(undefined);
				setNotice({ text: `${label} failed: ${(error as Error).message}`, token: 'status.error' });
			},
		);
	};

	const startBatch = (ready: PolicyScope[]) => {
		const keys = new Set(ready.map((s) => s.source.key));
		batch.start(
			ready.flatMap((s) => s.actions),
			{
				findings: ready.flatMap((s) => s.findings),
				// The applied documents replace the ones the choices were made on.
				onApplied: () => {
					setMarked(new Set());
					setInputs((prev) => ({ ...prev, choices: Object.fromEntries(Object.entries(prev.choices ?? {}).filter(([k]) => !keys.has(k))) }));
				},
			},
		);
	};

	/**
	 * Before the preview, every proposal only checked locally is validated through the gateway
	 * (Access Analyzer when live): one that fails there is not previewed, and says why.
	 */
	const preview = () => {
		const chosenKeys = marked.size > 0 ? [...marked] : current ? [current.source.key] : [];
		const ready = scopes.filter((s) => chosenKeys.includes(s.source.key) && s.actions.length > 0);
		if (ready.length === 0) {
			setNotice({ text: current?.blocked ? `Nothing to apply for ${current.source.name}: ${current.blocked}` : 'Nothing to apply: add evidence or choices first.', token: 'status.warning' });
			return;
		}
		const unchecked = ready.filter((s) => s.proposalIssues?.by === 'local' && s.proposal);
		if (unchecked.length === 0 || !gateway.validatePolicy || !model) {
			startBatch(ready);
			return;
		}
		run('Validating through the gateway before the preview', async () => {
			let next = inputs;
			for (const scope of unchecked) next = withValidation(next, scope.source.key, await validateDocument(gateway, scope.proposal!.document));
			setInputs(next);
			const rechecked = analyseScope(model, planContext, next).scopes.filter((s) => chosenKeys.includes(s.source.key));
			const failed = rechecked.filter((s) => s.actions.length === 0);
			if (failed.length > 0) {
				setNotice({ text: `Not previewed: ${failed.map((s) => `${s.source.name}: ${s.blocked ?? 'no change'}`).join('; ')}`, token: 'status.error' });
				return;
			}
			startBatch(rechecked);
		});
	};

	const idle = reviewing && !prompt && !busy;
	useKeyLayer(
		(event) => {
			const { command } = event;
			if (!current) return false;
			const key = current.source.key;
			if (command === 'preview' || command === 'next') {
				preview();
				return true;
			}
			if (command === 'toggle') {
				setMarked((prev) => {
					const next = new Set(prev);
					if (next.has(key)) next.delete(key);
					else next.add(key);
					return next;
				});
				return true;
			}
			if (command) return false;
			const action = scopeKeys.match(event);
			if (action === 'mfa') setChoices(key, (c) => ({ ...c, mfa: !(c.mfa ?? current.proposal?.changes.some((line) => line.includes('MFA')) ?? false) }));
			else if (action === 'sourceIp' || action === 'timeWindow') {
				setText('');
				setPrompt(action === 'sourceIp' ? { kind: 'ip' } : { kind: 'time' });
			} else if (action === 'resourceArns') {
				const statements = catalogue ? scopableStatements(catalogue, current.source.document) : [];
				if (statements.length === 0) {
					setNotice({ text: `${current.source.name} has no statement on Resource "*" whose actions take specific resources.`, token: 'status.warning' });
					return true;
				}
				const done = new Set(Object.keys(inputs.choices?.[key]?.resources ?? {}).map(Number));
				const target = statements.find((s) => !done.has(s.index)) ?? statements[0]!;
				// Choosing again for a statement starts from what was chosen.
				setText((inputs.choices?.[key]?.resources?.[target.index] ?? []).join(', '));
				setPrompt({ kind: 'arns', statement: target.index, label: `${target.label} (${target.actions.slice(0, 4).join(', ')}${target.actions.length > 4 ? ', …' : ''})`, candidates: model ? candidateArns(catalogue!, knownResources(model), target.actions) : [] });
			} else if (action === 'lastAccessed') {
				run('Reading last-accessed data', async () => {
					const reports = await readLastAccessed(gateway, current.source.principals);
					setInputs((prev) => withLastAccessed(prev, reports));
					setNotice({ text: `Read last-accessed data of ${Object.keys(reports).length} principal(s).`, token: 'status.ok' });
				});
			} else if (action === 'validate') {
				const document = current.proposal?.document ?? current.source.document;
				run('Validating', async () => {
					const result = await validateDocument(gateway, document);
					setInputs((prev) => withValidation(prev, key, result));
					const blocking = result.issues.filter(isBlockingIssue);
					const by = result.by === 'access-analyzer' ? 'Access Analyzer' : "The sandbox's checks";
					setNotice(
						blocking.length > 0
							? { text: `${by}: ${blocking.map((i) => i.issueCode).join(', ')}`, token: 'status.error' }
							: { text: `${by}: no errors or security warnings (${result.issues.length} other note(s)).`, token: 'status.ok' },
					);
				});
			} else if (action === 'clearChoices') setInputs((prev) => ({ ...prev, choices: Object.fromEntries(Object.entries(prev.choices ?? {}).filter(([k]) => k !== key)) }));
			else return false;
			return true;
		},
		{ isActive: isActive && idle, priority: keyPriority.screen, keys: scopeKeys },
	);

	if (batch.batch) return <CustomBatchView step={step} control={batch} height={height} isActive={isActive} readOnly={readOnly} log={log} />;
	if (!reviewing) return <StepScreen {...props} />;

	const submit = (value: string) => {
		if (!current || !prompt) return;
		const key = current.source.key;
		if (prompt.kind === 'ip') {
			const cidrs = value.split(/[\s,]+/).filter(Boolean);
			setChoices(key, (c) => ({ ...c, sourceIp: cidrs }));
		} else if (prompt.kind === 'time') {
			const [start, end] = value.trim().split(/\s+/);
			setChoices(key, (c) => ({ ...c, ...(start && end ? { timeWindow: { start, end } } : {}) }));
			if (!start || !end) setNotice({ text: 'Give two instants: START END (ISO-8601).', token: 'status.warning' });
		} else {
			const { arns, problems } = parseArnAnswer(value, prompt.candidates);
			if (problems.length > 0) setNotice({ text: problems.join('; '), token: 'status.warning' });
			if (arns.length > 0) setChoices(key, (c) => ({ ...c, resources: { ...c.resources, [prompt.statement]: arns } }));
		}
		setPrompt(undefined);
	};

	const ready = scopes.filter((s) => s.actions.length > 0).length;
	const notes = analysis!.plan.notEvaluated.filter((n) => n.findingIds.length > 0);
	const detailRows = prompt ? 6 + (prompt.kind === 'arns' ? Math.min(prompt.candidates.length, 9) : 0) : 9;
	const listRows = Math.max(3, height - 4 - notes.length - detailRows);
	return (
		<Box flexDirection="column">
			<Text {...strong()}>
				Step {step.number} · {step.title}
			</Text>
			<Text wrap="truncate-end" {...muted()}>
				Findings ({analysis!.plan.findings.length}) in {scopes.length} policies · {ready} with a change ready · {marked.size} marked · ✓ ready, – not proposed, · nothing to do
			</Text>
			{notes.map((n) => (
				<Text key={n.area} wrap="truncate-end" {...muted()}>
					Not checked: {n.reason}
				</Text>
			))}
			<ScrollList
				items={scopes}
				height={listRows}
				isActive={isActive && idle}
				isSelected={(s) => marked.has(s.source.key)}
				onCursorChange={(s) => setCursor(s)}
				renderRow={(s) => {
					const mark = status(s);
					return (
						<Text>
							<Text {...tone(mark.token)}>{mark.mark} </Text>
							{s.source.name} <Text {...muted()}>({s.source.kind}) {[...new Set(s.findings.map((f) => f.id.replace('POLICY_', '')))].join(' ')}</Text>
						</Text>
					);
				}}
				emptyText="No policy has a step-3 finding."
			/>
			{current ? <ScopeDetail scope={current} choices={inputs.choices?.[current.source.key]} /> : null}
			{prompt ? (
				<Box flexDirection="column">
					<Text {...strong()}>
						{prompt.kind === 'ip' ? 'Source IP ranges (CIDR, comma-separated):' : prompt.kind === 'time' ? 'Time window: START END (ISO-8601, UTC):' : `ARNs for ${prompt.label}: numbers or ARNs, comma-separated`}
					</Text>
					{prompt.kind === 'arns'
						? prompt.candidates.slice(0, 8).map((arn, i) => (
								<Text key={arn} wrap="truncate-end" {...muted()}>
									{i + 1}. {arn}
								</Text>
							))
						: null}
					{prompt.kind === 'arns' && prompt.candidates.length > 8 ? <Text {...muted()}>…{prompt.candidates.length - 8} more known; type any ARN (wildcards allowed)</Text> : null}
					<TextField value={text} onChange={setText} onSubmit={submit} onLeave={() => setPrompt(undefined)} isActive={isActive} placeholder={prompt.kind === 'time' ? '2026-12-01T00:00:00Z 2026-12-31T23:59:59Z' : ''} />
				</Box>
			) : null}
			{busy ? <Text {...tone('status.info')}>{busy}…</Text> : null}
			{notice ? (
				<Text wrap="truncate-end" {...tone(notice.token)}>
					{notice.text}
				</Text>
			) : null}
			<Text wrap="truncate-end" {...muted()}>
				{hints(
					commandHint('toggle', 'mark'),
					commandHint('preview', 'preview'),
					...(['lastAccessed', 'resourceArns', 'mfa', 'sourceIp', 'timeWindow', 'validate', 'clearChoices'] as const).map((a) => scopeKeys.hint(a)),
					commandHint('help', 'help'),
				)}
			</Text>
		</Box>
	);
}

function ScopeDetail({ scope, choices }: { scope: PolicyScope; choices: ScopeChoices | undefined }) {
	const { source, proposal, proposalIssues } = scope;
	const who = source.principals.length === 0 ? 'attached to nothing' : `attached to ${source.principals.length === 1 ? `${source.principals[0]!.type} ${source.principals[0]!.name}` : `${source.principals.length} principals`}`;
	const issues = proposalIssues?.issues.filter(isBlockingIssue) ?? [];
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text wrap="truncate-end" {...strong()}>
				{source.name} <Text {...muted()}>({source.kind}, {who})</Text>
			</Text>
			<Text wrap="truncate-end">Choices: {choicesLine(choices)}</Text>
			{scope.blocked ? (
				<Text wrap="truncate-end" {...tone('status.warning')}>
					No change proposed: {scope.blocked}
				</Text>
			) : null}
			{(proposal?.changes ?? []).slice(0, 3).map((line) => (
				<Text key={line} wrap="truncate-end" {...tone('status.ok')}>
					+ {line}
				</Text>
			))}
			{(proposal?.warnings ?? []).slice(0, 2).map((line) => (
				<Text key={line} wrap="truncate-end" {...tone('status.warning')}>
					! {line}
				</Text>
			))}
			{proposalIssues && !scope.blocked ? (
				<Text wrap="truncate-end" {...muted()}>
					Validated {validatedByLabel(proposalIssues.by)}{proposalIssues.by === 'local' ? ` (${scopeKeys.label('validate')} asks the gateway)` : ''}: {issues.length === 0 ? 'no errors or security warnings' : issues.map((i) => i.issueCode).join(', ')}
					{scope.actions.length > 0 ? ` · ${scope.actions.length} action(s): ${scope.actions.map((a) => a.kind.replace('iam:', '')).join(', ')}` : ''}
				</Text>
			) : null}
		</Box>
	);
}
