/** Who and where: the account, the caller, and whether changes are real (LIVE), sandboxed or impossible. */
import { Box } from 'ink';
import { Text } from './Text.js';
import type { GatewayMode } from '../aws/gateway.js';
import { muted, strong, tone } from './theme.js';

export interface HeaderProps {
	accountId: string;
	alias?: string;
	callerArn: string;
	mode: GatewayMode;
	/** The gateway's description: "profile prod, eu-west-1", "demo: Acme sandbox". */
	description?: string;
}

export const modeLabels: Record<GatewayMode, { badge: string; note: string }> = {
	live: { badge: 'LIVE', note: 'changes are made to this AWS account' },
	demo: { badge: 'DEMO', note: 'sandbox account, nothing leaves this machine' },
	snapshot: { badge: 'SNAPSHOT read-only', note: 'nothing can be applied' },
};

export function Header({ accountId, alias, callerArn, mode, description }: HeaderProps) {
	const label = modeLabels[mode];
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Text {...strong()}>iam-wizard</Text> · account {accountId}
				{alias ? ` (${alias})` : ''} · <Text {...muted()}>{callerArn}</Text>
			</Text>
			<Text wrap="truncate-end">
				<Text {...tone(`mode.${mode}`, { bold: true })}>{label.badge}</Text> {label.note}
				{description ? <Text {...muted()}> · {description}</Text> : null}
			</Text>
		</Box>
	);
}
