/**
 * Step 5's screen: one tab per section (the MFA guardrail, the password policy, the root
 * user, access keys, and the step's whole default plan). Each pane composes its own
 * batch, which runs through the same preview → confirm → apply → verify as any plan; the
 * "All changes" section is the generic step screen over the step's default plan.
 */
import { useState } from 'react';
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { useSelector } from '@xstate/react';
import { keyPriority } from '../../ui/KeyDispatcher.js';
import { strong } from '../../ui/theme.js';
import { useKeyLayer } from '../../ui/use-key-layer.js';
import { CustomBatchView, useCustomBatch } from '../step-screen-custom-batch.js';
import { StepScreen, stateName, type StepScreenProps } from '../step-screen.js';
import { findingsOfPlan } from '../step-screen-review.js';
import { GuardrailPane } from './GuardrailPane.js';
import type { GuardrailOptions } from './guardrail-plan.js';
import { KeyRetirementPane } from './KeyRetirementPane.js';
import type { PaneNotice, Step5PaneProps } from './pane-props.js';
import { PasswordPolicyPane } from './PasswordPolicyPane.js';
import { RootUserPane } from './RootUserPane.js';
import { SectionTabs } from './SectionTabs.js';
import { moveSection, type Step5Section } from './step5-sections.js';

export function MfaCredentialsScreen(props: StepScreenProps) {
	const { step, actor, height, isActive, readOnly, log } = props;
	const snapshot = useSelector(actor, (s) => s);
	const state = stateName(snapshot);
	const { model, plan, planContext, now } = snapshot.context;
	const [section, setSection] = useState<Step5Section>('guardrail');
	// Each section's notice lives here: a re-read of the account unmounts the panes, and "Recorded" must survive it.
	const [guardrailOptions, setGuardrailOptions] = useState<GuardrailOptions>({});
	const [notices, setNotices] = useState<Partial<Record<Step5Section, PaneNotice>>>({});
	const batch = useCustomBatch(actor);
	const reviewing = state === 'reviewing' && model !== null && plan !== null;

	useKeyLayer(
		({ command }) => {
			if (command !== 'nextSection' && command !== 'prevSection') return false;
			setSection((current) => moveSection(current, command === 'nextSection' ? 1 : -1));
			return true;
		},
		{ isActive: isActive && reviewing && !batch.batch, priority: keyPriority.pane },
	);

	if (batch.batch) return <CustomBatchView step={step} control={batch} height={height} isActive={isActive} readOnly={readOnly} log={log} />;
	if (!reviewing) return <StepScreen {...props} />;
	const paneHeight = Math.max(4, height - (section === 'all' ? 1 : 2));
	const setNotice = (notice: PaneNotice | undefined) => setNotices((current) => ({ ...current, [section]: notice }));
	const pane: Step5PaneProps = { model, plan, planContext, actor, height: paneHeight, isActive, readOnly, batch, now, ...(notices[section] ? { notice: notices[section] } : {}), setNotice, guardrailOptions, setGuardrailOptions };
	return (
		<Box flexDirection="column">
			{section === 'all' ? null : (
				<Text {...strong()}>
					Step {step.number} · {step.title} · {findingsOfPlan(plan).length} findings
				</Text>
			)}
			<SectionTabs current={section} />
			{section === 'guardrail' ? <GuardrailPane {...pane} /> : null}
			{section === 'password' ? <PasswordPolicyPane {...pane} /> : null}
			{section === 'root' ? <RootUserPane {...pane} /> : null}
			{section === 'keys' ? <KeyRetirementPane {...pane} /> : null}
			{section === 'all' ? <StepScreen {...props} height={paneHeight} /> : null}
		</Box>
	);
}
