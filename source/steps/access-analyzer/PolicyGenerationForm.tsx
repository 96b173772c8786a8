/**
 * Choosing what to generate a policy from: a role, a CloudTrail trail, a window of at most
 * 90 days and the role Access Analyzer reads the trail with. Before it is submitted the
 * screen checks that no other job is running (Access Analyzer runs one at a time).
 */
import { useEffect, useMemo, useState } from 'react';
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import type { AwsGateway, Trail } from '../../aws/gateway.js';
import type { AccountModel, Role } from '../../core/model.js';
import { Busy } from '../../ui/Busy.js';
import { keyLabel } from '../../ui/key-bindings.js';
import { keyPriority } from '../../ui/KeyDispatcher.js';
import { ScrollList } from '../../ui/ScrollList.js';
import { muted, strong, tone } from '../../ui/theme.js';
import { useKeyLayer } from '../../ui/use-key-layer.js';
import { TextPrompt } from './LinePrompt.js';
import { isServiceLinkedRole } from './trust-analysis.js';

export const maxGenerationDays = 90;

export interface GenerationRequest {
	role: Role;
	trail: Trail;
	days: number;
	accessRole: string;
}

/** A role Access Analyzer can use to read the trail: one that trusts access-analyzer.amazonaws.com, else AWS's usual name. */
export function defaultAccessRole(model: AccountModel): string {
	const trusting = model.roles.find((r) => !isServiceLinkedRole(r) && r.trustPolicy.Statement.some((s) => s.Effect === 'Allow' && s.Principal !== '*' && s.Principal?.Service?.includes('access-analyzer.amazonaws.com')));
	return trusting?.arn ?? `arn:${model.partition}:iam::${model.accountId}:role/service-role/AccessAnalyzerMonitorServiceRole`;
}

export function windowDaysProblem(text: string): string | undefined {
	const days = Number(text.trim());
	return Number.isInteger(days) && days >= 1 && days <= maxGenerationDays ? undefined : `The window is a whole number of days from 1 to ${maxGenerationDays}`;
}

type Stage = 'role' | 'trail' | 'days' | 'accessRole';

export interface PolicyGenerationFormProps {
	model: AccountModel;
	gateway: AwsGateway;
	height: number;
	isActive: boolean;
	onSubmit: (request: GenerationRequest) => void;
	onCancel: () => void;
}

export function PolicyGenerationForm({ model, gateway, height, isActive, onSubmit, onCancel }: PolicyGenerationFormProps) {
	const roles = useMemo(() => model.roles.filter((r) => !isServiceLinkedRole(r)), [model.roles]);
	const [stage, setStage] = useState<Stage>('role');
	const [role, setRole] = useState<Role | undefined>();
	const [cursorRole, setCursorRole] = useState<Role | undefined>();
	const [trails, setTrails] = useState<Trail[] | undefined>();
	const [trailError, setTrailError] = useState<string | undefined>();
	const [cursorTrail, setCursorTrail] = useState<Trail | undefined>();
	const [trail, setTrail] = useState<Trail | undefined>();
	const [days, setDays] = useState(String(maxGenerationDays));
	const [accessRole, setAccessRole] = useState(() => defaultAccessRole(model));
	const [problem, setProblem] = useState<string | undefined>();

	useEffect(() => {
		if (stage !== 'trail' || trails || trailError) return;
		if (!gateway.listTrails) {
			setTrailError('This account source cannot list CloudTrail trails.');
			return;
		}
		let live = true;
		gateway.listTrails().then(
			(list) => live && setTrails(list),
			(error: unknown) => live && setTrailError(error instanceof Error ? error.message : String(error)),
		);
		return () => {
			live = false;
		};
	}, [stage, trails, trailError, gateway]);

	useKeyLayer(
		({ command }) => {
			if (command === 'back' || command === 'cancel') {
				if (stage === 'role') onCancel();
				else setStage(stage === 'trail' ? 'role' : 'trail');
				return true;
			}
			if (command !== 'next') return false;
			if (stage === 'role' && cursorRole) {
				setRole(cursorRole);
				setStage('trail');
			} else if (stage === 'trail' && cursorTrail) {
				setTrail(cursorTrail);
				setStage('days');
			}
			return true;
		},
		{ isActive: isActive && (stage === 'role' || stage === 'trail'), priority: keyPriority.screen },
	);

	const title = <Text {...strong()}>Generate a policy from CloudTrail activity{role ? ` for role ${role.name}` : ''}{trail ? ` from trail ${trail.name}` : ''}</Text>;
	const listHeight = Math.max(3, height - 3);
	if (stage === 'role') {
		return (
			<Box flexDirection="column">
				{title}
				<Text wrap="truncate-end" {...muted()}>{keyLabel('next')} chooses {cursorRole ? `role ${cursorRole.name}` : 'the role'}; its generated policy becomes the proposed scope for step 3 · {keyLabel('back')} cancel</Text>
				<ScrollList items={roles} height={listHeight} isActive={isActive} onCursorChange={setCursorRole} renderRow={(r) => <Text>{r.path}{r.name}<Text {...muted()}> {r.lastUsed?.date ? `last used ${r.lastUsed.date.slice(0, 10)}` : 'no recorded use'}</Text></Text>} />
			</Box>
		);
	}
	if (stage === 'trail') {
		return (
			<Box flexDirection="column">
				{title}
				{trailError ? <Text {...tone('status.error')}>Could not list trails: {trailError}</Text> : null}
				{!trails && !trailError ? <Busy label="Listing CloudTrail trails…" /> : null}
				{trails && trails.length === 0 ? <Text {...tone('status.warning')}>No CloudTrail trail: policy generation needs one that logs management events.</Text> : null}
				{trails && trails.length > 0 ? (
					<ScrollList items={trails} height={listHeight} isActive={isActive} onCursorChange={setCursorTrail} renderRow={(t) => <Text>{t.name}<Text {...muted()}> {t.homeRegion ?? ''}{t.isMultiRegionTrail ? ' · all regions' : ''}{t.isLogging === false ? ' · NOT LOGGING' : ''}</Text></Text>} />
				) : null}
				<Text {...muted()}>{keyLabel('next')} chooses {cursorTrail ? `trail ${cursorTrail.name}` : 'a trail'} · {keyLabel('back')} back</Text>
			</Box>
		);
	}
	if (stage === 'days') {
		return (
			<Box flexDirection="column">
				{title}
				<TextPrompt
					label={`Days of activity to read (1–${maxGenerationDays}):`}
					value={days}
					onChange={(v) => {
						setDays(v);
						setProblem(undefined);
					}}
					onSubmit={(v) => {
						const p = windowDaysProblem(v);
						if (p) setProblem(p);
						else setStage('accessRole');
					}}
					onCancel={() => setStage('trail')}
					problem={problem}
					isActive={isActive}
				/>
			</Box>
		);
	}
	return (
		<Box flexDirection="column">
			{title}
			<TextPrompt
				label="Role Access Analyzer reads the trail with:"
				value={accessRole}
				onChange={(v) => {
					setAccessRole(v);
					setProblem(undefined);
				}}
				onSubmit={(v) => {
					if (!/^arn:[\w-]+:iam::\d{12}:role\/.+/.test(v.trim())) setProblem('Give the ARN of a role that trusts access-analyzer.amazonaws.com and can read the trail');
					else onSubmit({ role: role!, trail: trail!, days: Number(days.trim()), accessRole: v.trim() });
				}}
				onCancel={() => setStage('days')}
				problem={problem}
				hint="it must trust access-analyzer.amazonaws.com"
				isActive={isActive}
			/>
		</Box>
	);
}
