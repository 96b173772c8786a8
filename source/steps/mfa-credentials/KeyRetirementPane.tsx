/**
 * Step 5's access-key section (owned by the key-retirement work, issue 12): today it lists
 * the key deactivations the step proposes and previews them as one batch (p).
 */
import { useMemo } from 'react';
import { Box, Text } from 'ink';
import { keyLabel } from '../../ui/key-bindings.js';
import { keyPriority } from '../../ui/KeyDispatcher.js';
import { ScrollList } from '../../ui/ScrollList.js';
import { muted, strong } from '../../ui/theme.js';
import { useKeyLayer } from '../../ui/use-key-layer.js';
import type { Step5PaneProps } from './pane-props.js';

export function KeyRetirementPane({ plan, height, isActive, readOnly, batch }: Step5PaneProps) {
	const actions = useMemo(() => plan.actions.filter((a) => a.kind === 'iam:UpdateAccessKey' || a.kind === 'iam:DeleteAccessKey'), [plan]);
	useKeyLayer(
		({ command }) => {
			if (command !== 'preview' || actions.length === 0) return false;
			batch.start(actions, { findings: (plan.addresses ?? []).filter((f) => actions.some((a) => a.findingIds.includes(f.fingerprint))) });
			return true;
		},
		{ isActive, priority: keyPriority.pane },
	);
	return (
		<Box flexDirection="column">
			<Text {...strong()}>Long-lived access keys: deactivate first, delete after a grace period</Text>
			<ScrollList items={actions} height={Math.max(1, height - 3)} isActive={isActive} renderRow={(a) => <Text>{a.summary}</Text>} emptyText="No access key to deactivate." />
			<Text {...muted()}>
				{actions.length > 0 ? `${keyLabel('preview')} previews the ${actions.length} deactivation(s)${readOnly ? ' (read-only source: preview only)' : ''}` : ''}
			</Text>
		</Box>
	);
}
