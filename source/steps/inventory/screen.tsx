/**
 * Step 1's own screen: a dashboard of the account (counts, access keys by age, console users
 * and MFA, root, idle roles, the credential report's age), then the findings table. Actions
 * are offered where they apply: regenerate a stale credential report (g), and move the
 * direct policies of the user under the cursor to a group (m), previewed as one batch. Every
 * other state of the step (loading, a batch in flight) is the generic step screen's.
 */
import { useMemo, useState } from 'react';
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { useSelector } from '@xstate/react';
import type { Finding } from '../../core/finding.js';
import { findingIdsOfStep } from '../../core/finding-catalogue.js';
import type { AccountModel } from '../../core/model.js';
import type { PlanContext } from '../../core/settings.js';
import { commandHint, hints, keyLabel } from '../../ui/key-bindings.js';
import { keyPriority } from '../../ui/KeyDispatcher.js';
import { TextField } from '../../ui/TextField.js';
import { muted, strong, tone } from '../../ui/theme.js';
import { useKeyLayer } from '../../ui/use-key-layer.js';
import { useWholeLines, WholeLines } from '../../ui/WholeLines.js';
import { CustomBatchView, useCustomBatch } from '../step-screen-custom-batch.js';
import { FindingsTable, type FindingsTableView } from '../step-screen-findings-table.js';
import { findingsOfPlan } from '../step-screen-review.js';
import { StepScreen, stateName, type StepScreenProps } from '../step-screen.js';
import { credentialReportAgeHours, credentialReportMaxAgeHours, defaultGroupFor, groupNameProblem, movableUsers, moveToGroupActions, regenerateReportAction } from './inventory-actions.js';
import { summariseInventory, type InventorySummary } from './inventory-summary.js';
import { inventoryKeys } from './inventory-keys.js';

const n = (value: number) => value.toLocaleString('en-US');
const stepOneIds = new Set<string>(findingIdsOfStep(1));

export function dashboardLines(summary: InventorySummary, reportAgeHours: number | undefined, options: { credentialsKnown?: boolean; readOnly?: boolean } = {}): string[] {
	const known = options.credentialsKnown ?? true;
	const keys = summary.accessKeys;
	const root = summary.root;
	const rootParts = [
		root.mfa === undefined ? 'MFA unknown' : root.mfa ? 'MFA on' : 'NO MFA',
		root.accessKeys === undefined ? 'keys unknown' : root.accessKeys === 0 ? 'no active keys' : `${root.accessKeys} ACTIVE KEY${root.accessKeys === 1 ? '' : 'S'}`,
		root.lastUsed === undefined ? 'last use unknown' : root.lastUsed === null ? 'never used' : `last used ${root.lastUsed.slice(0, 10)}`,
	];
	return [
		`Users ${n(summary.users)} · Groups ${n(summary.groups)} · Roles ${n(summary.roles)} · Policies ${n(summary.policies)} (+${n(summary.awsManagedPoliciesInUse)} AWS-managed in use)`,
		known
			? `Access keys: ${n(keys.active)} active of ${n(keys.total)} · <30 days ${n(keys.byAge.under30)} · 30–90 days ${n(keys.byAge.from30to90)} · >90 days ${n(keys.byAge.over90)} · never used ${n(keys.byAge.neverUsed)}`
			: 'Access keys: unknown (no credential report)',
		known ? `Console users: ${n(summary.consoleUsers.withMfa)} with MFA · ${n(summary.consoleUsers.withoutMfa)} without MFA` : 'Console users: unknown (no credential report)',
		`Root user: ${rootParts.join(' · ')}`,
		`Roles unused 90+ days: ${n(summary.rolesUnused)}`,
		`Credential report: ${reportAgeHours === undefined ? 'none' : `generated ${reportAgeHours < 1 ? 'less than an hour' : `${Math.floor(reportAgeHours)} hour${Math.floor(reportAgeHours) === 1 ? '' : 's'}`} ago`}${
			options.readOnly ? '' : reportAgeHours === undefined ? ' (c generates one)' : reportAgeHours > credentialReportMaxAgeHours ? ` (older than ${credentialReportMaxAgeHours} hours: c regenerates it)` : ''
		}`,
	];
}

interface GroupPrompt {
	userArn: string;
	value: string;
	problem?: string;
}

/** In a short terminal the findings need the rows more: pairs of short lines share one. */
export function compactDashboard(lines: string[]): string[] {
	return [lines[0]!, lines[1]!, `${lines[2]} · ${lines[3]}`, `${lines[4]} · ${lines[5]}`];
}

/** The dashboard's lines, none left out. */
function fullDashboard(model: AccountModel, planContext: PlanContext, readOnly: boolean, summary: InventorySummary): string[] {
	// Without a report, keys and passwords are only known when the adapter listed them.
	const credentialsKnown = model.credentialReport !== undefined || model.users.some((u) => u.loginProfile !== undefined);
	return dashboardLines(summary, credentialReportAgeHours(model, planContext.now), { credentialsKnown, readOnly });
}

function Dashboard({ model, planContext, readOnly, compact }: { model: AccountModel; planContext: PlanContext; readOnly: boolean; compact: boolean }) {
	const summary = useMemo(() => summariseInventory(model, planContext.now, planContext.thresholds), [model, planContext]);
	const full = fullDashboard(model, planContext, readOnly, summary);
	const lines = compact ? compactDashboard(full) : full;
	const rootLine = compact ? 2 : 3;
	return (
		<Box flexDirection="column">
			{lines.map((line, i) => (
				<Text key={i} wrap="truncate-end" {...(i === rootLine && (summary.root.mfa === false || (summary.root.accessKeys ?? 0) > 0) ? tone('status.warning') : {})}>
					{line}
				</Text>
			))}
		</Box>
	);
}

export function InventoryScreen(props: StepScreenProps) {
	const { step, actor, height, isActive, readOnly, log } = props;
	const snapshot = useSelector(actor, (s) => s);
	const state = stateName(snapshot);
	const { plan, model, planContext } = snapshot.context;
	const findings = useMemo(() => findingsOfPlan(plan), [plan]);
	const batch = useCustomBatch(actor);
	const [cursor, setCursor] = useState<Finding | undefined>();
	const [tableView, setTableView] = useState<FindingsTableView>('list');
	const [prompt, setPrompt] = useState<GroupPrompt | undefined>();
	const [notice, setNotice] = useState<string | undefined>();
	const movable = useMemo(() => (model && plan ? movableUsers(model, plan.findings, planContext.excluded) : []), [model, plan, planContext.excluded]);
	const reviewing = state === 'reviewing' && !batch.batch && model !== null && plan !== null;
	const cursorUser = cursor ? movable.find((u) => u.arn === cursor.resource) : undefined;
	/** ! shows the dashboard and the notes whole: 80 columns cut most of its lines. */
	const whole = useWholeLines({ isActive: isActive && reviewing && !prompt && tableView === 'list', priority: keyPriority.screen });

	useKeyLayer(
		(event) => {
			if (!model) return false;
			if (event.command === 'retry') {
				actor.send({ type: 'RELOAD' });
				return true;
			}
			const action = inventoryKeys.match(event);
			if (action === 'regenerateReport') {
				const regenerate = regenerateReportAction(model, planContext.now);
				if (!regenerate) setNotice(`The credential report is less than ${credentialReportMaxAgeHours} hours old: no need to regenerate it.`);
				else batch.start([regenerate]);
				return true;
			}
			if (action === 'moveToGroup') {
				const user = cursor ? movable.find((u) => u.arn === cursor.resource) : undefined;
				if (!user) {
					const glass = cursor && planContext.excluded.find((e) => e.arn === cursor.resource);
					setNotice(glass ? `${cursor!.resource} is a break-glass principal: never proposed for a change (${glass.reason}).` : 'Put the cursor on a USER_DIRECT_POLICY finding to move that user\'s policies to a group.');
					return true;
				}
				setNotice(undefined);
				setPrompt({ userArn: user.arn, value: defaultGroupFor(user, model).name });
				return true;
			}
			return false;
		},
		{ isActive: isActive && reviewing && !prompt && tableView === 'list' && !whole, priority: keyPriority.screen, keys: inventoryKeys },
	);

	if (batch.batch) return <CustomBatchView step={step} control={batch} height={height} isActive={isActive} readOnly={readOnly} log={log} />;
	if (!reviewing) return <StepScreen {...props} />;

	const submitGroup = (value: string) => {
		const user = movable.find((u) => u.arn === prompt!.userArn)!;
		const name = value.trim();
		const create = !model.groups.some((g) => g.name === name);
		const problem = groupNameProblem(name, model, create);
		if (problem) {
			setPrompt({ ...prompt!, value, problem });
			return;
		}
		const addressed = plan.findings.filter((f) => f.id === 'USER_DIRECT_POLICY' && f.resource === user.arn);
		setPrompt(undefined);
		batch.start(moveToGroupActions(user, { name, create }, model, addressed.map((f) => f.fingerprint)), { findings: addressed });
	};

	const compact = height < 22;
	const dashboard = compact ? 4 : 6;
	// What the adapter could not read that step 1's findings need (a snapshot's missing credential report).
	const notes = [...plan.notEvaluated, ...model.notEvaluated.filter((n) => n.findingIds.some((id) => stepOneIds.has(id)))].slice(0, 1);
	const footer = 1 + (notice ? 1 : 0) + (prompt ? 2 : 0) + notes.length;
	const wholeLines = [
		...fullDashboard(model, planContext, readOnly, summariseInventory(model, planContext.now, planContext.thresholds)),
		...[...plan.notEvaluated, ...model.notEvaluated.filter((n) => n.findingIds.some((id) => stepOneIds.has(id)))].map((n) => `Not checked: ${n.reason}`),
	].map((text) => ({ text }));
	return (
		<Box flexDirection="column">
			{whole ? <WholeLines title={`Step ${step.number} · ${step.title}: the dashboard and notes, whole`} lines={wholeLines} height={height} isActive={isActive} backTo="the findings" /> : null}
			{/* Hidden, not unmounted, while the whole lines are open: the table keeps its cursor. */}
			<Box flexDirection="column" display={whole ? 'none' : 'flex'}>
				<Text {...strong()}>
					Step {step.number} · {step.title}
				</Text>
				<Dashboard model={model} planContext={planContext} readOnly={readOnly} compact={compact} />
				{notes.map((note) => (
					<Text key={note.area} wrap="truncate-end" {...muted()}>
						Not checked: {note.reason}
					</Text>
				))}
				<FindingsTable findings={findings} height={Math.max(3, height - 1 - dashboard - footer)} isActive={isActive && !prompt && !whole} onCursorChange={setCursor} onViewChange={setTableView} />
				{prompt ? (
					<Box flexDirection="column">
						<Box>
							<Text>Group for {prompt.userArn.split('/').pop()} (an existing group, or a new name): </Text>
							<TextField value={prompt.value} onChange={(value) => setPrompt({ ...prompt, value, problem: undefined })} onSubmit={submitGroup} onLeave={() => setPrompt(undefined)} isActive={isActive} />
						</Box>
						<Text wrap="truncate-end" {...(prompt.problem ? tone('status.error') : muted())}>{prompt.problem ?? `Groups: ${model.groups.map((g) => g.name).join(', ') || 'none'} · ${keyLabel('next')} preview · ${keyLabel('cancel')} cancel`}</Text>
					</Box>
				) : null}
				{notice ? (
					<Text wrap="truncate-end" {...tone('status.warning')}>
						{notice}
					</Text>
				) : null}
				<Text wrap="truncate-end" {...muted()}>
					{hints(
						`${keyLabel('notes')} whole lines`,
						inventoryKeys.hint('moveToGroup', `move ${cursorUser ? `${cursorUser.name}'s` : "the user's"} direct policies to a group`),
						inventoryKeys.hint('regenerateReport'),
						commandHint('retry', 're-read'),
						commandHint('help', 'help'),
					)}
				</Text>
			</Box>
		</Box>
	);
}
