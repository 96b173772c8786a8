/**
 * Step 5's access-key section (issue 12): every key that is being retired, with its phase
 * (deactivated on, unused since, deletable on — or why it is never deleted), and every
 * workload migration from a key to a role with its state (propose, wait for use, deactivate,
 * delete after grace). p previews the step's key changes (deactivations, due deletions);
 * m proposes a role for the workload under the cursor, x abandons its migration, c shows the
 * copyable text the workload needs. Each batch runs through its own step machine.
 */
import { useMemo, useState } from 'react';
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import type { LastAccessedReport } from '../../core/last-accessed.js';
import { hints, keyLabel } from '../../ui/key-bindings.js';
import { keyPriority } from '../../ui/KeyDispatcher.js';
import { ScrollList } from '../../ui/ScrollList.js';
import { TextField } from '../../ui/TextField.js';
import { muted, strong, tone } from '../../ui/theme.js';

const warning = () => tone('status.warning');
import { useKeyLayer } from '../../ui/use-key-layer.js';
import { useTerminalSize } from '../../ui/use-terminal-size.js';
import { abandonMigration, migrationDeactivation, migrationStateLabels, platformLabels, proposeMigrationRole, trustProblem, workloadMigrations, workloadSnippet, type TrustChoice, type WorkloadMigration, type WorkloadPlatform } from './key-migration.js';
import { keyRetirementKeys, platformKeys } from './key-retirement-keys.js';
import { keyDeletionAction, keyRetirements, type KeyRetirement } from './key-retirement.js';
import type { Step5PaneProps } from './pane-props.js';
import { useStepServices } from '../step-services.js';
import { plural } from '../../core/plural.js';

type Row = { kind: 'migration'; migration: WorkloadMigration } | { kind: 'key'; retirement: KeyRetirement };

const phaseLabels: Record<KeyRetirement['phase'], string> = {
	active: 'active',
	grace: 'deactivated',
	due: 'deletable now',
	'used-after': 'never deleted',
	reactivated: 'never deleted',
};

function rowText(row: Row): string {
	if (row.kind === 'migration') {
		const m = row.migration;
		return `${m.user.name.padEnd(20)} ${migrationStateLabels[m.state].padEnd(22)} ${m.blocked ? `never touched: ${m.blocked}` : m.why}`;
	}
	const r = row.retirement;
	return `${`${r.user.name} ${r.key.id.slice(-6)}`.padEnd(20)} ${phaseLabels[r.phase].padEnd(22)} ${r.why}`;
}

/**
 * The row under the cursor in full, under the list: the list truncates each row to the
 * terminal's width, which cuts the key's last use and the date it becomes deletable.
 */
function rowDetail(row: Row): string {
	if (row.kind === 'migration') {
		const m = row.migration;
		return `${m.user.name}: ${m.role ? `role ${m.role.name}` : 'no role yet'} · ${m.blocked ? `never touched: ${m.blocked}` : m.why}`;
	}
	const r = row.retirement;
	return `${r.user.name}: key ${r.key.id} ${phaseLabels[r.phase]} · ${r.why}`;
}

function rowId(row: Row): string {
	return row.kind === 'migration' ? `migration:${row.migration.user.name}` : `key:${row.retirement.key.id}`;
}

type TextPlatform = 'github' | 'account' | 'rolesanywhere';

const textPrompts: Record<TextPlatform, string> = {
	github: 'GitHub repository and branch (owner/repo@branch): ',
	account: 'The other account and its ExternalId (123456789012:external-id): ',
	rolesanywhere: 'Roles Anywhere trust anchor ID and certificate CN (anchor-id@cn): ',
};

type Prompt = { stage: 'platform'; migration: WorkloadMigration } | { stage: 'text'; migration: WorkloadMigration; platform: TextPlatform; text: string; problem?: string };

function choiceFrom(platform: TextPlatform, text: string): TrustChoice {
	if (platform === 'rolesanywhere') {
		const at = text.indexOf('@');
		return { platform, trustAnchorId: at > 0 ? text.slice(0, at) : text, commonName: at > 0 ? text.slice(at + 1) : '' };
	}
	if (platform === 'github') {
		const at = text.lastIndexOf('@');
		return { platform, repository: at > 0 ? text.slice(0, at) : text, branch: at > 0 ? text.slice(at + 1) : 'main' };
	}
	const [accountId = '', ...externalId] = text.split(':');
	return { platform, accountId, externalId: externalId.join(':') };
}

export function KeyRetirementPane({ model, plan, planContext, height, isActive, readOnly, batch, actor }: Step5PaneProps) {
	const { gateway } = useStepServices();
	const { columns } = useTerminalSize();
	const migrations = useMemo(() => workloadMigrations(model, planContext), [model, planContext]);
	const actions = useMemo(() => plan.actions.filter((a) => a.kind === 'iam:UpdateAccessKey' || a.kind === 'iam:DeleteAccessKey'), [plan]);
	const retiring = useMemo(() => {
		const migrating = new Set(migrations.map((m) => m.key?.id));
		return keyRetirements(model, planContext).filter((r) => r.phase !== 'active' && !migrating.has(r.key.id));
	}, [model, planContext, migrations]);
	const rows = useMemo<Row[]>(() => [...migrations.map((migration) => ({ kind: 'migration' as const, migration })), ...retiring.map((retirement) => ({ kind: 'key' as const, retirement }))], [migrations, retiring]);
	// By the row's user and key, so a re-read after a batch keeps the cursor's meaning.
	const [cursor, setCursor] = useState<string | undefined>();
	const [prompt, setPrompt] = useState<Prompt | undefined>();
	const [showSnippet, setShowSnippet] = useState(false);
	const [message, setMessage] = useState<string | undefined>();
	const current = rows.find((r) => rowId(r) === cursor) ?? rows[0];
	const selected = current?.kind === 'migration' ? current.migration : undefined;
	const deletions = actions.filter((a) => a.kind === 'iam:DeleteAccessKey').length;

	function propose(migration: WorkloadMigration, choice: TrustChoice): void {
		const problem = trustProblem(choice);
		if (problem) {
			setMessage(problem);
			return;
		}
		setPrompt(undefined);
		const start = (report?: LastAccessedReport) => batch.start(proposeMigrationRole(model, migration.user, choice, report).actions, { onApplied: () => actor.send({ type: 'RELOAD' }) });
		if (!gateway.serviceLastAccessed) return start();
		setMessage(`Reading what ${migration.user.name} used (last-accessed data)…`);
		gateway.serviceLastAccessed(migration.user.arn).then(
			(report) => {
				setMessage(undefined);
				start(report);
			},
			() => {
				setMessage(undefined);
				start();
			},
		);
	}

	useKeyLayer(
		({ command, input, key }) => {
			if (prompt?.stage === 'platform') {
				if (command === 'cancel') {
					setPrompt(undefined);
					return true;
				}
				const platform = platformKeys.match({ input, key }) as WorkloadPlatform | undefined;
				if (!platform) return true;
				if (platform === 'github' || platform === 'account' || platform === 'rolesanywhere') setPrompt({ stage: 'text', migration: prompt.migration, platform, text: '' });
				else propose(prompt.migration, { platform });
				return true;
			}
			if (command === 'preview') {
				if (actions.length === 0) return false;
				batch.start(actions, { findings: (plan.addresses ?? []).filter((f) => actions.some((a) => a.findingIds.includes(f.fingerprint))) });
				return true;
			}
			const action = keyRetirementKeys.match({ input, key });
			if (!action) return false;
			setMessage(undefined);
			if (action === 'snippet') {
				setShowSnippet((s) => !s);
				return true;
			}
			if (!selected) {
				setMessage('Put the cursor on a workload first.');
				return true;
			}
			if (action === 'migrate') {
				const deactivation = migrationDeactivation(selected);
				const retirement = selected.state === 'deactivated' ? selected.retirement : undefined;
				if (selected.blocked) setMessage(`iam-wizard never migrates this key: ${selected.blocked}.`);
				else if (deactivation) batch.start([deactivation], { onApplied: () => actor.send({ type: 'RELOAD' }) });
				// State 4: deletion, only once the grace period is over and the key stayed unused.
				else if (retirement?.phase === 'due') batch.start([keyDeletionAction(retirement, planContext.thresholds.keyDeletionGraceDays)], { onApplied: () => actor.send({ type: 'RELOAD' }) });
				else if (retirement) setMessage(`Not deletable yet: key ${retirement.key.id} ${retirement.why}.`);
				else if (selected.state !== 'propose') setMessage(`${selected.user.name} already has role ${selected.role!.name}; x abandons it.`);
				else setPrompt({ stage: 'platform', migration: selected });
				return true;
			}
			const abandon = abandonMigration(model, selected);
			if (abandon.problem) setMessage(abandon.problem);
			else batch.start(abandon.actions, { onApplied: () => actor.send({ type: 'RELOAD' }) });
			return true;
		},
		{ isActive: isActive && prompt?.stage !== 'text', priority: keyPriority.pane, keys: prompt?.stage === 'platform' ? platformKeys : keyRetirementKeys },
	);

	const grace = planContext.thresholds.keyDeletionGraceDays;
	const snippet = showSnippet && selected ? workloadSnippet(model, selected, undefined) : [];
	const detail = message ?? (current ? rowDetail(current) : 'Keys being retired: deletion comes only after the grace period, never while in use.');
	// The detail wraps (never truncated: it is where the cut-off end of the row is read).
	const detailLines = prompt ? 2 : snippet.length > 0 ? snippet.length + 1 : Math.ceil(detail.length / Math.max(20, columns - 1));
	const listHeight = Math.max(1, height - 3 - detailLines);
	return (
		<Box flexDirection="column">
			<Text {...strong()} wrap="truncate-end">
				Long-lived access keys: deactivate, delete after {grace} days unused, or move a workload to a role
			</Text>
			<ScrollList
				items={rows}
				height={listHeight}
				isActive={isActive && !prompt}
				onCursorChange={(row) => setCursor(row ? rowId(row) : undefined)}
				renderRow={(row, _i, state) => (
					<Text wrap="truncate-end" {...(state.isCursor ? { inverse: true } : row.kind === 'key' && row.retirement.phase === 'due' ? warning() : {})}>
						{rowText(row)}
					</Text>
				)}
				emptyText="No workload on an access key, and no key being retired."
			/>
			{prompt?.stage === 'platform' ? (
				<>
					<Text wrap="truncate-end">Where does {prompt.migration.user.name}'s workload run?</Text>
					<Text wrap="truncate-end" {...muted()}>
						{hints(...(Object.keys(platformLabels) as WorkloadPlatform[]).map((p) => platformKeys.hint(p)), `${keyLabel('cancel')} cancel`)}
					</Text>
				</>
			) : null}
			{prompt?.stage === 'text' ? (
				<>
					<Text wrap="truncate-end">
						{textPrompts[prompt.platform]}
						<TextField
							value={prompt.text}
							onChange={(text) => setPrompt({ ...prompt, text })}
							onSubmit={(text) => propose(prompt.migration, choiceFrom(prompt.platform, text.trim()))}
							onLeave={() => setPrompt(undefined)}
							isActive={isActive}
						/>
					</Text>
					<Text wrap="truncate-end" {...muted()}>
						Enter proposes the role (previewed before anything changes) · {keyLabel('cancel')} cancel
					</Text>
				</>
			) : null}
			{!prompt && snippet.length > 0 ? (
				<Box flexDirection="column">
					<Text {...muted()}>What the workload needs (copy it; iam-wizard runs nothing):</Text>
					{snippet.map((line, i) => (
						<Text key={i} wrap="truncate-end">
							{line}
						</Text>
					))}
				</Box>
			) : null}
			{!prompt && snippet.length === 0 ? (
				<Text {...(message ? warning() : muted())}>{detail}</Text>
			) : null}
			<Text wrap="truncate-end" {...muted()}>
				{hints(
					actions.length > 0 && `${keyLabel('preview')} preview ${plural(actions.length - deletions, 'deactivation')}, ${plural(deletions, 'deletion')}${readOnly ? ' (read-only: preview only)' : ''}`,
					keyRetirementKeys.hint('migrate'),
					keyRetirementKeys.hint('abandon'),
					keyRetirementKeys.hint('snippet'),
				)}
			</Text>
		</Box>
	);
}
