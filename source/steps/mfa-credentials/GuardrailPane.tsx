/**
 * Step 5's MFA guardrail section: the organization (the account's path, SCPs at each
 * level), the guardrail iam-wizard proposes (the RequireMFA SCP on the test OU, or the
 * force-MFA IAM policy), and its impact — who would be denied, how they sign in and when
 * they last did, blockers first — beside what the seed's SCP as written would deny.
 * h, x and t edit the role patterns of people, the exemptions and the target in a prompt;
 * the impact list is evaluated again on what was entered, and p previews the guardrail as
 * edited (the same preview, confirmation and undo as any plan). ! shows the organization and
 * guardrail lines whole, wrapped, where the pane cuts them at the terminal's edge.
 */
import { useMemo, useState } from 'react';
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { hints, keyLabel } from '../../ui/key-bindings.js';
import { keyPriority } from '../../ui/KeyDispatcher.js';
import { ScrollList } from '../../ui/ScrollList.js';
import { TextField } from '../../ui/TextField.js';
import { muted, tone } from '../../ui/theme.js';
import { useKeyLayer } from '../../ui/use-key-layer.js';
import { useWholeLines, WholeLines } from '../../ui/WholeLines.js';
import { applyGuardrailEdit, fieldText, guardrailFieldLabels, type GuardrailField } from './guardrail-edits.js';
import { guardrailRows, guardrailSummary } from './guardrail-lines.js';
import { planGuardrail } from './guardrail-plan.js';
import { OrganizationSummary, organizationSummaryLines } from './OrganizationSummary.js';
import type { Step5PaneProps } from './pane-props.js';
import { guardrailKeys } from './step5-keys.js';

export function GuardrailPane({ model, plan, planContext, height, isActive, readOnly, batch, notice, setNotice, guardrailOptions, setGuardrailOptions }: Step5PaneProps) {
	const guardrail = useMemo(() => planGuardrail(model, planContext, guardrailOptions), [model, planContext, guardrailOptions]);
	const rows = useMemo(() => guardrailRows(guardrail), [guardrail]);
	const summary = guardrailSummary(guardrail);
	const [prompt, setPrompt] = useState<{ field: GuardrailField; text: string; problem?: string } | undefined>();
	const edited = Object.keys(guardrailOptions).length > 0;
	/** The organization and guardrail lines whole (!), wrapped to the terminal. */
	const whole = useWholeLines({ isActive: isActive && !prompt, priority: keyPriority.pane });

	useKeyLayer(
		(event) => {
			if (event.command === 'preview') {
				if (guardrail.actions.length === 0) return false;
				const findings = plan.findings.filter((f) => f.id === 'MFA_NOT_ENFORCED');
				// As edited, on purpose: a workload left denied (or you) is asked about on its own at confirmation.
				batch.start(guardrail.actions, { findings, overrideLockout: true });
				return true;
			}
			const edit = guardrailKeys.match(event);
			// Already enforced: there is no proposal to edit (the prompt would open on nothing and change nothing).
			if (!edit || guardrail.mode === 'none') return false;
			if (edit === 'defaults') {
				setGuardrailOptions({});
				setNotice({ text: "Back to iam-wizard's proposal.", token: 'status.ok' });
			} else setPrompt({ field: edit, text: fieldText(edit, guardrail) });
			return true;
		},
		{ isActive: isActive && !prompt && !whole, priority: keyPriority.pane, keys: guardrailKeys },
	);

	function submit(field: GuardrailField, text: string): void {
		const result = applyGuardrailEdit(model, guardrail, guardrailOptions, field, text);
		if ('problem' in result) {
			setPrompt({ field, text, problem: result.problem });
			return;
		}
		setPrompt(undefined);
		setGuardrailOptions(result.options);
		setNotice({ text: `Edited: the impact below is evaluated again; ${keyLabel('preview')} previews the guardrail as edited.`, token: 'status.ok' });
	}

	// The organization's lines, the summary, the list's overflow line, the notice or the prompt (two lines), the footer;
	// the OU tree only when the impact list keeps at least eight rows.
	const others = summary.length + 1 + (prompt ? 2 : notice ? 1 : 0) + 1;
	const orgLines = organizationSummaryLines(model, height - others - 2 - 8);
	const fixed = orgLines.length + others;
	if (whole) {
		const lines = [...organizationSummaryLines(model, Number.POSITIVE_INFINITY), ...summary];
		return <WholeLines title="MFA guardrail: the organization and the proposal, whole" lines={lines} height={height} isActive={isActive} backTo="the impact list" />;
	}
	return (
		<Box flexDirection="column">
			<OrganizationSummary lines={orgLines} />
			{summary.map((line) => (
				<Text key={line.text} wrap="truncate-end" {...(line.token ? tone(line.token) : {})}>
					{line.text}
				</Text>
			))}
			<ScrollList
				items={rows}
				height={Math.max(2, height - fixed)}
				isActive={isActive && !prompt}
				renderRow={(row) => <Text {...(row.token ? tone(row.token) : {})}>{row.text}</Text>}
				emptyText="Nobody would be denied."
			/>
			{prompt ? (
				<>
					<Text wrap="truncate-end">{guardrailFieldLabels[prompt.field]}</Text>
					{/* Truncated at the start: the end of a long list, where typing happens, stays in sight. */}
					<Text wrap="truncate-start">
						{'> '}
						<TextField value={prompt.text} onChange={(text) => setPrompt({ ...prompt, text })} onSubmit={(text) => submit(prompt.field, text)} onLeave={() => setPrompt(undefined)} isActive={isActive} />
					</Text>
				</>
			) : notice ? (
				<Text wrap="truncate-end" {...tone(notice.token)}>
					{notice.text}
				</Text>
			) : null}
			<Text wrap="truncate-end" {...(prompt?.problem ? tone('status.error') : muted())}>
				{prompt
					? (prompt.problem ?? `Enter applies the edit (checked first) · ${keyLabel('cancel')} cancel`)
					: hints(
							guardrail.actions.length > 0 ? `${keyLabel('preview')} preview${edited ? ' as edited' : ''} (${guardrail.actions.length} change${guardrail.actions.length === 1 ? '' : 's'})${readOnly ? ', preview only' : ''}` : 'Nothing to apply here.',
							`${keyLabel('notes')} whole lines`,
							guardrail.mode !== 'none' && guardrailKeys.hint('roles'),
							guardrail.mode !== 'none' && guardrailKeys.hint('exempt'),
							guardrail.mode !== 'none' && guardrailKeys.hint('target'),
							edited && guardrailKeys.hint('defaults'),
						)}
			</Text>
		</Box>
	);
}
