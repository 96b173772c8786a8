/**
 * Step 4's screen: the generic step screen (findings, the boundary and its attachments,
 * selection, preview, the separate lock-out confirmation, apply, rollback) with the
 * breakage guard beside it. On the operator's request (l) it reads last-accessed data of
 * the principals proposed for a boundary through the gateway, then shows, for each
 * selected attachment, what that principal used recently that the boundary would remove.
 */
import { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import { useSelector } from '@xstate/react';
import type { Action } from '../../core/actions.js';
import type { LastAccessedReport } from '../../core/last-accessed.js';
import type { PolicyDocument } from '../../core/policy-document.js';
import { keyPriority } from '../../ui/KeyDispatcher.js';
import { muted, strong, tone } from '../../ui/theme.js';
import { useKeyLayer } from '../../ui/use-key-layer.js';
import { StepScreen, stateName, type StepScreenProps } from '../step-screen.js';
import { boundaryBreakage, type BreakageCheck } from './breakage-guard.js';
import { readLastAccessedForBoundaries } from './read-last-accessed.js';

const panelRows = 6;

function attachedName(action: Action): { type: 'user' | 'role'; name: string } | undefined {
	if (action.kind === 'iam:PutRolePermissionsBoundary') return { type: 'role', name: action.params.RoleName };
	if (action.kind === 'iam:PutUserPermissionsBoundary') return { type: 'user', name: action.params.UserName };
	return undefined;
}

export function BoundariesScreen(props: StepScreenProps) {
	const { actor, height, isActive } = props;
	const snapshot = useSelector(actor, (s) => s);
	const state = stateName(snapshot.value);
	const { model, plan, selected, gateway } = snapshot.context;
	const [reports, setReports] = useState<Record<string, LastAccessedReport> | undefined>();
	const [busy, setBusy] = useState(false);
	const [notice, setNotice] = useState<{ text: string; token: 'status.error' | 'status.ok' } | undefined>();
	const shown = state === 'reviewing' || state === 'previewing';

	const checks = useMemo((): BreakageCheck[] => {
		if (!model || !plan || !reports) return [];
		const create = plan.actions.find((a) => a.kind === 'iam:CreatePolicy');
		const document = create?.kind === 'iam:CreatePolicy' ? create.params.PolicyDocument : undefined;
		const existing = (arn: string): PolicyDocument | undefined => model.policies.find((p) => p.arn === arn)?.versions.find((v) => v.isDefault)?.document;
		const out: BreakageCheck[] = [];
		for (const index of selected) {
			const action = plan.actions[index]!;
			const target = attachedName(action);
			if (!target) continue;
			const principal = target.type === 'role' ? model.roles.find((r) => r.name === target.name) : model.users.find((u) => u.name === target.name);
			const boundary = document ?? existing((action.params as { PermissionsBoundary: string }).PermissionsBoundary);
			if (principal && boundary) out.push(boundaryBreakage(principal, boundary, reports[principal.arn]));
		}
		// What would break first, then what is kept only on some resources.
		return out.sort((a, b) => b.removed.length - a.removed.length || b.limited.length - a.limited.length);
	}, [model, plan, reports, selected]);

	useKeyLayer(
		({ input }) => {
			if (input !== 'l' || state !== 'reviewing' || busy || !model) return false;
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
					setNotice({ text: `Read last-accessed data of ${Object.keys(result).length} principal(s).`, token: 'status.ok' });
				},
				(error: unknown) => {
					setBusy(false);
					setNotice({ text: `Reading last-accessed data failed: ${(error as Error).message}`, token: 'status.error' });
				},
			);
			return true;
		},
		{ isActive: isActive && shown, priority: keyPriority.screen },
	);

	if (!shown) return <StepScreen {...props} />;
	const breaking = checks.filter((c) => c.removed.length > 0 || c.limited.length > 0);
	// Header, the lines, "…and N more", the notice: panelRows in all.
	const lines = breaking.slice(0, panelRows - 3).map((c) => c.note);
	return (
		<Box flexDirection="column">
			<StepScreen {...props} height={Math.max(6, height - panelRows)} />
			<Box flexDirection="column">
				<Text {...strong()}>Breakage guard</Text>
				{busy ? <Text {...tone('status.info')}>Reading last-accessed data…</Text> : null}
				{!busy && !reports ? <Text wrap="truncate-end" {...muted()}>l reads last-accessed data of the principals proposed for a boundary (until then each attachment's preview says what it knows).</Text> : null}
				{!busy && reports && lines.length === 0 ? <Text {...tone('status.ok')}>Of {checks.length} selected principal(s), none used recently what the boundary would remove.</Text> : null}
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
