/**
 * Step 5's root user section: the console checklist (what the API cannot do from this
 * account's own credentials), each item's state as the account shows it, and c to record
 * that you did the item under the cursor — an attestation in the change log; the account is
 * then re-read, so the item turns done only when AWS shows it. The notice saying it was
 * recorded is kept by the screen, so it is still there after the re-read. Where the
 * organization's centralized root access is usable from here, p previews the plan's
 * sts:AssumeRoot (the root access keys deleted in a root session) as a batch of its own.
 * The centralized-root-access commands wrap whole; when they do not fit under the list, the
 * list keeps its rows and ! opens them in full.
 */
import { useMemo, useState } from 'react';
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { hints, keyLabel } from '../../ui/key-bindings.js';
import { keyPriority } from '../../ui/KeyDispatcher.js';
import { ScrollList } from '../../ui/ScrollList.js';
import { muted, strong, tone } from '../../ui/theme.js';
import { useKeyLayer } from '../../ui/use-key-layer.js';
import { useTerminalSize } from '../../ui/use-terminal-size.js';
import { useWholeLines, WholeLines } from '../../ui/WholeLines.js';
import { wrapLines } from '../../ui/wrap-lines.js';
import type { Step5PaneProps } from './pane-props.js';
import { useStepServices } from '../step-services.js';
import { attestationStatement, centralizedRootAccessLines, rootChecklist, type RootChecklistItem } from './root-checklist.js';
import { step5Keys } from './step5-keys.js';

export function RootUserPane({ model, plan, planContext, actor, batch, height, isActive, readOnly, now, notice, setNotice }: Step5PaneProps) {
	const { audit } = useStepServices();
	const items = useMemo(() => rootChecklist(model, planContext), [model, planContext]);
	const [cursor, setCursor] = useState<RootChecklistItem | undefined>(items[0]);
	const notes = useMemo(() => centralizedRootAccessLines(model, items).map((text) => ({ text })), [model, items]);
	const { columns } = useTerminalSize();
	// Commands wrap rather than truncate, so they stay whole to copy.
	const wrapped = useMemo(() => wrapLines(notes, Math.max(20, columns - 1)), [notes, columns]);
	const whole = useWholeLines({ isActive, available: notes.length > 0, priority: keyPriority.pane });
	// Centralized root access usable from here: the API path, previewed on its own; the risk is chosen on purpose, so the
	// confirmation's separate question about it is the override.
	const session = plan.actions.find((a) => a.kind === 'sts:AssumeRoot');

	useKeyLayer(
		({ command }) => {
			if (command !== 'preview' || !session) return false;
			batch.start([session], { findings: (plan.addresses ?? []).filter((f) => session.findingIds.includes(f.fingerprint)), overrideLockout: true });
			return true;
		},
		{ isActive: isActive && !whole, priority: keyPriority.pane },
	);

	useKeyLayer(
		(event) => {
			if (step5Keys.match(event) !== 'attest' || !cursor) return false;
			if (readOnly) {
				setNotice({ text: 'A snapshot is read-only: nothing is recorded.', token: 'status.warning' });
				return true;
			}
			if (cursor.state === 'done') {
				setNotice({ text: 'The account already shows this done: nothing to attest.', token: 'status.ok' });
				return true;
			}
			audit
				.attestation({ time: now().toISOString(), step: 5, statement: attestationStatement(cursor, model.accountId), findingIds: cursor.findings.map((f) => f.fingerprint), reason: 'root checklist, done in the console' })
				.then(
					() => {
						setNotice({ text: 'Recorded in the change log; ✓ only once the account shows it done.', token: 'status.ok' });
						actor.send({ type: 'RELOAD' });
					},
					(error: unknown) => setNotice({ text: `Not recorded: ${(error as Error).message}`, token: 'status.error' }),
				);
			return true;
		},
		{ isActive: isActive && !whole, priority: keyPriority.pane, keys: step5Keys },
	);

	if (whole) return <WholeLines title="Root user: centralized root access, whole" lines={notes} height={height} isActive={isActive} backTo="the checklist" />;
	// The title, the hint, a notice, the list's "rows" line; at least three rows of the list, then the commands as far as they fit.
	const fixed = 3 + (notice ? 1 : 0);
	const room = Math.max(0, height - fixed - Math.min(items.length, 3));
	const cut = wrapped.length > room;
	const shown = cut ? wrapped.slice(0, Math.max(0, room - 1)) : wrapped;

	const mark = (item: RootChecklistItem) => (item.state === 'done' ? '✓' : item.state === 'open' ? '✗' : '?');
	return (
		<Box flexDirection="column">
			<Text {...strong()}>Root user: do these in the console, then confirm each here</Text>
			<ScrollList
				items={items}
				height={Math.max(2, height - fixed - shown.length - (cut ? 1 : 0))}
				isActive={isActive}
				onCursorChange={setCursor}
				renderRow={(item) => (
					<Text {...tone(item.state === 'done' ? 'status.ok' : item.state === 'open' ? 'status.error' : 'status.muted')}>
						{mark(item)} {item.task}
					</Text>
				)}
			/>
			{shown.map((line, i) => (
				<Text key={`${i}:${line.text}`} wrap="truncate-end" {...muted()}>
					{line.text}
				</Text>
			))}
			{cut ? <Text {...muted()}>…{wrapped.length - shown.length} more lines: {keyLabel('notes')} shows the commands in full</Text> : null}
			{notice ? (
				<Text wrap="truncate-end" {...tone(notice.token)}>
					{notice.text}
				</Text>
			) : null}
			<Text wrap="truncate-end" {...muted()}>
				{session ? `${keyLabel('preview')} preview sts:AssumeRoot (irreversible) · ` : ''}
				{hints(step5Keys.hint('attest'))}
			</Text>
		</Box>
	);
}
