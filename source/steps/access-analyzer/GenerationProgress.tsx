/** A policy generation job being followed: spinner and elapsed time, then the policy (kept for step 3) or why it failed. */
import { useEffect, useState } from 'react';
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { useSelector } from '@xstate/react';
import type { ActorRefFrom } from 'xstate';
import { policyDocumentToJson } from '../../core/policy-document.js';
import { Busy } from '../../ui/Busy.js';
import { keyLabel } from '../../ui/key-bindings.js';
import { keyPriority } from '../../ui/KeyDispatcher.js';
import { ScrollText } from '../../ui/ScrollText.js';
import { muted, tone } from '../../ui/theme.js';
import { useKeyLayer } from '../../ui/use-key-layer.js';
import type { createGenerationMachine } from './generation-machine.js';

export type GenerationActor = ActorRefFrom<ReturnType<typeof createGenerationMachine>>;

export function elapsedText(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	const m = Math.floor(seconds / 60);
	return m > 0 ? `${m}m ${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

/** Seconds since the view opened, ticking once a second (the screen's clock, not the domain's). */
function useElapsed(running: boolean): number {
	const [started] = useState(() => Date.now());
	const [now, setNow] = useState(started);
	useEffect(() => {
		if (!running) return;
		const timer = setInterval(() => setNow(Date.now()), 1000);
		return () => clearInterval(timer);
	}, [running]);
	return now - started;
}

export function GenerationProgress({ actor, height, isActive, onClose }: { actor: GenerationActor; height: number; isActive: boolean; onClose: () => void }) {
	const snapshot = useSelector(actor, (s) => s);
	const { input, job, error, saved, polls } = snapshot.context;
	const running = snapshot.value === 'polling';
	const elapsed = useElapsed(running);
	useKeyLayer(
		({ command }) => {
			if (command !== 'back' && command !== 'cancel' && !(command === 'next' && !running)) return false;
			onClose();
			return true;
		},
		{ isActive, priority: keyPriority.screen },
	);
	const who = input.principalArn.split('/').pop();
	if (running) {
		return (
			<Box flexDirection="column">
				<Busy label={`Generating a policy for ${who} from CloudTrail (job ${input.jobId}): ${elapsedText(elapsed)} elapsed${polls > 0 ? `, ${job?.status === 'IN_PROGRESS' ? 'still running' : job?.status ?? ''} at poll ${polls}` : ''}`} />
				<Text {...muted()}>Access Analyzer takes a few minutes and runs one job at a time. {keyLabel('back')} leaves this view; the job goes on in AWS.</Text>
			</Box>
		);
	}
	if (!saved) {
		return (
			<Box flexDirection="column">
				<Text {...tone('status.error', { bold: true })}>Policy generation failed: {error ?? 'no policy came back'}</Text>
				<Text {...muted()}>{keyLabel('back')} back to step 2</Text>
			</Box>
		);
	}
	const lines = policyDocumentToJson(saved.document, 2).split('\n').map((text) => ({ text }));
	return (
		<Box flexDirection="column">
			<Text {...tone('status.ok', { bold: true })}>Generated policy for {saved.principalArn} (job {saved.jobId}): kept as the proposed scope for step 3.</Text>
			<ScrollText lines={lines} height={Math.max(3, height - 3)} isActive={isActive} />
			<Text {...muted()}>{keyLabel('back')} back to step 2 · ↑↓ scroll</Text>
		</Box>
	);
}
