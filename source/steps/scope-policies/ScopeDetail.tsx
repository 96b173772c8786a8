/**
 * Step 3's detail of the policy under the cursor: where it is attached, the operator's
 * choices, why nothing is proposed or what would change, and who validated it. Under the
 * list it is cut to a few changes and warnings, one row each; `!` shows it whole.
 */
import { Box } from 'ink';
import { Text } from '../../ui/Text.js';
import { plural } from '../../core/plural.js';
import { isBlockingIssue } from '../../core/policy-validation-types.js';
import { keyLabel } from '../../ui/key-bindings.js';
import type { StyledLine } from '../../ui/ScrollText.js';
import { muted, strong, tone } from '../../ui/theme.js';
import { validatedByLabel, type PolicyScope } from './plan.js';
import { scopeKeys } from './scope-keys.js';
import type { ScopeChoices } from './scope-proposal.js';

/** How much of the detail shows: how many changes and warnings (the rest is counted, and `!` shows it), and a "Choices: none" line. */
export interface DetailLimits {
	changes: number;
	warnings: number;
	noChoices: boolean;
}

/** Under the list; in a short terminal the list keeps its rows first. */
export const detailLimits = (compact: boolean): DetailLimits => (compact ? { changes: 1, warnings: 1, noChoices: false } : { changes: 3, warnings: 2, noChoices: true });
export const wholeDetail: DetailLimits = { changes: Infinity, warnings: Infinity, noChoices: true };

function choicesLine(choices: ScopeChoices | undefined): string {
	if (!choices) return 'none';
	const parts: string[] = [];
	if (choices.mfa !== undefined) parts.push(`MFA ${choices.mfa ? 'on' : 'off'}`);
	if (choices.sourceIp?.length) parts.push(`source IP ${choices.sourceIp.join(', ')}`);
	if (choices.timeWindow) parts.push(`time ${choices.timeWindow.start} → ${choices.timeWindow.end}`);
	for (const [index, arns] of Object.entries(choices.resources ?? {})) parts.push(`statement ${Number(index) + 1}: ${plural(arns.length, 'ARN')}`);
	return parts.length > 0 ? parts.join(' · ') : 'none';
}

function attachedTo(scope: PolicyScope): string {
	const { principals } = scope.source;
	if (principals.length === 0) return 'attached to nothing';
	return `attached to ${principals.length === 1 ? `${principals[0]!.type} ${principals[0]!.name}` : `${principals.length} principals`}`;
}

/** The detail's lines after its title. */
export function scopeDetailLines(scope: PolicyScope, choices: ScopeChoices | undefined, limits: DetailLimits): StyledLine[] {
	const { proposal, proposalIssues } = scope;
	const issues = proposalIssues?.issues.filter(isBlockingIssue) ?? [];
	const changes = proposal?.changes ?? [];
	const warnings = proposal?.warnings ?? [];
	const keptChanges = changes.slice(0, limits.changes);
	const keptWarnings = warnings.slice(0, limits.warnings);
	const more = changes.length - keptChanges.length + warnings.length - keptWarnings.length;
	const chosen = choicesLine(choices);
	const lines: StyledLine[] = chosen !== 'none' || limits.noChoices ? [{ text: `Choices: ${chosen}` }] : [];
	if (scope.blocked) lines.push({ text: `No change proposed: ${scope.blocked}`, token: 'status.warning' });
	lines.push(...keptChanges.map((line): StyledLine => ({ text: `+ ${line}`, token: 'status.ok' })));
	lines.push(...keptWarnings.map((line): StyledLine => ({ text: `! ${line}`, token: 'status.warning' })));
	if (more > 0) lines.push({ text: `…${more} more ${more === 1 ? 'change or warning' : 'changes and warnings'}: ${keyLabel('notes')} shows them`, token: 'status.muted' });
	if (proposalIssues && !scope.blocked) {
		lines.push({
			text:
				`Validated ${validatedByLabel(proposalIssues.by)}${proposalIssues.by === 'local' ? ` (${scopeKeys.label('validate')} asks the gateway)` : ''}: ${issues.length === 0 ? 'no errors or security warnings' : issues.map((i) => i.issueCode).join(', ')}` +
				(scope.actions.length > 0 ? ` · ${plural(scope.actions.length, 'action')}: ${scope.actions.map((a) => a.kind.replace('iam:', '')).join(', ')}` : ''),
			token: 'status.muted',
		});
	}
	return lines;
}

/** The detail's title line, for the whole-lines view. */
export function scopeDetailTitle(scope: PolicyScope): StyledLine {
	return { text: `${scope.source.name} (${scope.source.kind}, ${attachedTo(scope)})`, bold: true };
}

/** Rows the detail takes under the list: a blank row (not when compact), its title and its lines. */
export function scopeDetailRows(scope: PolicyScope, choices: ScopeChoices | undefined, compact: boolean): number {
	return (compact ? 1 : 2) + scopeDetailLines(scope, choices, detailLimits(compact)).length;
}

export function ScopeDetail({ scope, choices, compact }: { scope: PolicyScope; choices: ScopeChoices | undefined; compact: boolean }) {
	return (
		<Box flexDirection="column" marginTop={compact ? 0 : 1}>
			<Text wrap="truncate-end" {...strong()}>
				{scope.source.name} <Text {...muted()}>({scope.source.kind}, {attachedTo(scope)})</Text>
			</Text>
			{scopeDetailLines(scope, choices, detailLimits(compact)).map((line, i) => (
				<Text key={i} wrap="truncate-end" {...(line.token === 'status.muted' ? muted() : line.token ? tone(line.token) : {})}>
					{line.text}
				</Text>
			))}
		</Box>
	);
}
