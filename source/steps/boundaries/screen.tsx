/**
 * Step 4's screen: the generic step screen (findings, the boundary and its attachments,
 * selection, preview, the separate lock-out confirmation, apply, rollback) with the
 * breakage guard beside it. On the operator's request (l) it reads last-accessed data of
 * the principals proposed for a boundary through the gateway, then shows, for each
 * selected attachment, what that principal used recently that the boundary would remove.
 * e edits the template's services; an edited template is previewed (p) as its own batch
 * for the principals selected in the list, through the same preview and confirmation.
 */
import { useMemo, useState } from 'react';
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { useSelector } from '@xstate/react';
import type { Action } from '../../core/actions.js';
import type { LastAccessedReport } from '../../core/last-accessed.js';
import type { PolicyDocument } from '../../core/policy-document.js';
import { hints, keyLabel } from '../../ui/key-bindings.js';
import { keyPriority } from '../../ui/KeyDispatcher.js';
import { TextField } from '../../ui/TextField.js';
import { muted, strong, tone } from '../../ui/theme.js';
import { useKeyLayer } from '../../ui/use-key-layer.js';
import { useTerminalSize } from '../../ui/use-terminal-size.js';
import { CustomBatchView, useCustomBatch } from '../step-screen-custom-batch.js';
import { StepScreen, stateName, type StepScreenProps } from '../step-screen.js';
import { useStepServices } from '../step-services.js';
import { defaultBoundaryServices } from './boundary-template.js';
import { boundaryBreakage, type BreakageCheck } from './breakage-guard.js';
import { editedTemplateOptions, parseServiceList } from './edit-template.js';
import { planBoundariesWith } from './plan.js';
import { principalDetail, principalRows } from './principal-rows.js';
import { readLastAccessedForBoundaries } from './read-last-accessed.js';
import { boundaryKeys } from './boundary-keys.js';
import { plural } from '../../core/plural.js';

const panelRows = 7;

function attachedName(action: Action): { type: 'user' | 'role'; name: string } | undefined {
	if (action.kind === 'iam:PutRolePermissionsBoundary') return { type: 'role', name: action.params.RoleName };
	if (action.kind === 'iam:PutUserPermissionsBoundary') return { type: 'user', name: action.params.UserName };
	return undefined;
}

export function BoundariesScreen(props: StepScreenProps) {
	const { step, actor, height, isActive, readOnly, log } = props;
	const snapshot = useSelector(actor, (s) => s);
	const state = stateName(snapshot);
	const { model, plan: basePlan, selected, planContext } = snapshot.context;
	const { gateway } = useStepServices();
	const [reports, setReports] = useState<Record<string, LastAccessedReport> | undefined>();
	const [busy, setBusy] = useState(false);
	const [notice, setNotice] = useState<{ text: string; token: 'status.error' | 'status.ok' | 'status.warning' } | undefined>();
	const [services, setServices] = useState<string[] | undefined>();
	const [editing, setEditing] = useState(false);
	const [text, setText] = useState('');
	const { columns } = useTerminalSize();
	const batch = useCustomBatch(actor);
	const shown = state === 'reviewing' || state === 'previewing';

	const edited = useMemo(() => (model && services ? planBoundariesWith(editedTemplateOptions(services))(model, planContext) : undefined), [model, services, planContext]);
	/** The selected attachments, by principal, whichever template they use. */
	const selectedNames = useMemo(() => new Set(selected.flatMap((i) => {
		const t = basePlan ? attachedName(basePlan.actions[i]!) : undefined;
		return t ? [`${t.type}/${t.name}`] : [];
	})), [basePlan, selected]);
	const plan = edited ?? basePlan;

	const checks = useMemo((): BreakageCheck[] => {
		if (!model || !plan || !reports) return [];
		const create = plan.actions.find((a) => a.kind === 'iam:CreatePolicy');
		const document = create?.kind === 'iam:CreatePolicy' ? create.params.PolicyDocument : undefined;
		const existing = (arn: string): PolicyDocument | undefined => model.policies.find((p) => p.arn === arn)?.versions.find((v) => v.isDefault)?.document;
		const out: BreakageCheck[] = [];
		for (const action of plan.actions) {
			const target = attachedName(action);
			if (!target || !selectedNames.has(`${target.type}/${target.name}`)) continue;
			const principal = target.type === 'role' ? model.roles.find((r) => r.name === target.name) : model.users.find((u) => u.name === target.name);
			const boundary = document ?? existing((action.params as { PermissionsBoundary: string }).PermissionsBoundary);
			if (principal && boundary) out.push(boundaryBreakage(principal, boundary, reports[principal.arn]));
		}
		// What would break first, then what is kept only on some resources.
		return out.sort((a, b) => b.removed.length - a.removed.length || b.limited.length - a.limited.length);
	}, [model, plan, reports, selectedNames]);

	const previewEdited = () => {
		if (!edited) return;
		const chosen = edited.actions.filter((a) => {
			const t = attachedName(a);
			return !t || selectedNames.has(`${t.type}/${t.name}`);
		});
		// The caller's own principal keeps its separate lock-out confirmation: only through the list, with the default template.
		const actions = chosen.filter((a) => !a.risk?.lockout);
		if (actions.length < chosen.length) setNotice({ text: 'Your own principal is left out of the edited batch: box it in from the list, where the lock-out is confirmed separately.', token: 'status.warning' });
		if (!actions.some((a) => attachedName(a))) {
			setNotice({ text: 'Select at least one principal in the list to put the edited boundary on.', token: 'status.warning' });
			return;
		}
		batch.start(actions, { findings: edited.findings });
	};

	useKeyLayer(
		(event) => {
			if (state !== 'reviewing' || busy || !model || editing) return false;
			if (event.command === 'preview' && edited) {
				previewEdited();
				return true;
			}
			if (event.command) return false;
			const action = boundaryKeys.match(event);
			if (action === 'editTemplate') {
				setText((services ?? defaultBoundaryServices).join(', '));
				setEditing(true);
				return true;
			}
			if (action === 'defaultTemplate' && services) {
				setServices(undefined);
				setNotice({ text: 'Back to the default template.', token: 'status.ok' });
				return true;
			}
			if (action !== 'readLastAccessed') return false;
			if (!gateway.serviceLastAccessed) {
				setNotice({ text: 'This source cannot read last-accessed data (a snapshot has none): the breakage guard uses access-key last use only.', token: 'status.error' });
				return true;
			}
			const read = gateway.serviceLastAccessed.bind(gateway);
			setBusy(true);
			setNotice(undefined);
			readLastAccessedForBoundaries(model, read).then(
				(result) => {
					setBusy(false);
					setReports(result);
					setNotice({ text: `Read last-accessed data of ${plural(Object.keys(result).length, 'principal')}.`, token: 'status.ok' });
				},
				(error: unknown) => {
					setBusy(false);
					setNotice({ text: `Reading last-accessed data failed: ${(error as Error).message}`, token: 'status.error' });
				},
			);
			return true;
		},
		// Above the review's own layer, so p previews the edited template when there is one.
		{ isActive: isActive && shown && !batch.batch, priority: keyPriority.pane, keys: boundaryKeys },
	);

	const submit = (value: string) => {
		const parsed = parseServiceList(value, planContext.catalogue);
		setEditing(false);
		if (parsed.problems.length > 0) {
			setNotice({ text: `Template not changed: ${parsed.problems.join('; ')}.`, token: 'status.error' });
			return;
		}
		setServices(parsed.services);
		setNotice({ text: `Edited template: ${plural(parsed.services.length, 'service')}. ${keyLabel('preview')} previews it for the selected principals; ${boundaryKeys.label('defaultTemplate')} goes back to the default.`, token: 'status.ok' });
	};

	if (batch.batch) return <CustomBatchView step={step} control={batch} height={height} isActive={isActive} readOnly={readOnly} log={log} />;
	const review = { findings: principalRows, detail: principalDetail };
	if (!shown) return <StepScreen {...props} review={review} />;
	const breaking = checks.filter((c) => c.removed.length > 0 || c.limited.length > 0);
	// Header, the lines, "…and N more", the notice: panelRows in all.
	// A short terminal keeps the principals list: the panel folds to its template line and one guard line.
	const compact = height < 20;
	const lines = breaking.slice(0, compact ? 1 : panelRows - 4).map((c) => c.note);
	// Editing, the template line becomes the field's label and the list it wraps to (the cursor one place past its end).
	const editRows = editing ? Math.ceil((text.length + 1) / Math.max(20, columns)) : 0;
	return (
		<Box flexDirection="column">
			<StepScreen {...props} review={review} height={Math.max(6, height - (compact ? 3 : panelRows) - editRows)} isActive={isActive && !editing} />
			<Box flexDirection="column">
				{editing ? (
					<Box flexDirection="column">
						<Text {...strong()}>Services the boundary allows (comma-separated; IAM changes stay denied):</Text>
						<TextField value={text} onChange={setText} onSubmit={submit} onLeave={() => setEditing(false)} isActive={isActive} />
					</Box>
				) : (
					<Text wrap="truncate-end" {...muted()}>
						Template: {edited ? `edited, ${services!.length} services (${services!.slice(0, 8).join(', ')}${services!.length > 8 ? ', …' : ''})` : 'developer boundary, default services'} · {hints(boundaryKeys.hint('editTemplate'), edited && boundaryKeys.hint('defaultTemplate'), boundaryKeys.hint('readLastAccessed'))}
					</Text>
				)}
				{compact ? null : <Text {...strong()}>Breakage guard</Text>}
				{busy ? <Text {...tone('status.info')}>Reading last-accessed data…</Text> : null}
				{!busy && !reports ? <Text wrap="truncate-end" {...muted()}>{boundaryKeys.label('readLastAccessed')} reads last-accessed data of the principals proposed for a boundary (until then each attachment's preview says what it knows).</Text> : null}
				{!busy && reports && lines.length === 0 ? <Text {...tone('status.ok')}>Of {plural(checks.length, 'selected principal')}, none used recently what the boundary would remove.</Text> : null}
				{lines.map((line) => (
					<Text key={line} wrap="truncate-end" {...tone('status.warning')}>
						{line.replace(/^Breakage guard: /, '')}
					</Text>
				))}
				{breaking.length > lines.length ? <Text {...muted()}>…and {breaking.length - lines.length} more</Text> : null}
				{notice ? (
					<Text wrap="truncate-end" {...tone(notice.token)}>
						{notice.text}
					</Text>
				) : null}
			</Box>
		</Box>
	);
}
