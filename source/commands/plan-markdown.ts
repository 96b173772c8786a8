/** How a plan reads for people: a few lines after `plan`, or Markdown for a review ticket. */
import type { PlanFile } from '../core/plan-file.js';
import { formatCall } from '../ui/describe-action.js';
import { plural } from '../core/plural.js';

function accountName(plan: PlanFile): string {
	return `${plan.account.id}${plan.account.alias ? ` (${plan.account.alias})` : ''}`;
}

function sourceLine(plan: PlanFile): string {
	const s = plan.source;
	const where = s.kind === 'live' ? `live${s.profile ? `, profile ${s.profile}` : ''}${s.region ? `, ${s.region}` : ''}` : s.kind === 'snapshot' ? `snapshot ${s.path ?? ''}` : 'demo sandbox';
	return where;
}

export function formatPlanText(plan: PlanFile, id: string, file: string): string {
	const lines = [`Plan ${id} for account ${accountName(plan)} — ${sourceLine(plan)} — signed with ${plan.signature.keyFingerprint}`];
	lines.push(...plan.summary.split('\n').map((line, i) => (i === 0 ? line : `  ${line}`)));
	for (const held of plan.heldBack) lines.push(`  held back: ${held.summary}: ${held.reason}`);
	if (plan.confirmation.level === 'typed-account-id') lines.push(`Applying it needs --confirm-account ${plan.account.id}: ${plan.confirmation.reasons.join('; ')}.`);
	if (plan.source.kind === 'snapshot') lines.push('Made from a snapshot: it can be reviewed but never applied.');
	else if (plan.actions.length > 0) lines.push(`Written to ${file}. Review it with --format md; apply it with: iam-wizard apply --plan ${file}`);
	else lines.push(`Written to ${file}. Nothing to apply.`);
	return `${lines.join('\n')}\n`;
}

/** Markdown table cells: no pipes or line breaks. */
function cell(text: string): string {
	return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function formatPlanMarkdown(plan: PlanFile, id: string): string {
	const out: string[] = [];
	out.push(`# iam-wizard plan ${id}`, '');
	out.push(`- Account: ${accountName(plan)}`);
	out.push(`- Source: ${sourceLine(plan)}`);
	out.push(`- Made by: ${plan.caller}`);
	out.push(`- Created: ${plan.createdAt} with iam-wizard ${plan.tool.version}`);
	out.push(`- Steps: ${plan.steps.join(', ')}${plan.only ? ` (only ${plan.only.join(', ')})` : ''}`);
	out.push(`- Signed by: \`${plan.signature.keyFingerprint}\``);
	out.push(`- Confirmation: ${plan.confirmation.level === 'typed-account-id' ? `typed account ID (\`--confirm-account ${plan.account.id}\`): ${plan.confirmation.reasons.join('; ')}` : 'yes/no'}`);
	out.push('', `## Actions (${plan.actions.length})`, '');
	if (plan.actions.length === 0) out.push('Nothing to apply.');
	plan.actions.forEach((entry, i) => {
		out.push(`${i + 1}. **${entry.action.summary}**`);
		out.push(`   - call: \`${formatCall(entry.action)}\``);
		out.push(`   - resource: ${entry.resource}; state digest \`${entry.stateDigest?.slice(0, 16) ?? 'not read'}\``);
		// A migration's steps address no finding of their own: an empty "fixes:" read as if something was left out.
		out.push(`   - fixes: ${entry.action.findingIds.length === 0 ? 'no finding of its own' : entry.action.findingIds.map((f) => `\`${f}\``).join(', ')}`);
		if (entry.lockoutRisk) out.push(`   - **lock-out risk**: ${entry.lockoutRisk}`);
		// What the wizard's preview shows under the action (what it breaks, what it leaves open).
		for (const note of entry.action.notes ?? []) out.push(`   - note: ${cell(note)}`);
		if (entry.action.impact) {
			out.push(`   - impact: denies ${plural(entry.action.impact.length, 'sign-in path')} until they use MFA${entry.action.impact.length === 0 ? '' : ':'}`);
			for (const line of entry.action.impact) out.push(`     - ${line}`);
		}
	});
	if (plan.findings.length > 0) {
		out.push('', '## Findings addressed', '', '| severity | ID | resource | title |', '| --- | --- | --- | --- |');
		for (const f of plan.findings) out.push(`| ${f.severity} | ${f.id} | ${cell(f.resource)} | ${cell(f.title)} |`);
	}
	if (plan.heldBack.length > 0) {
		out.push('', '## Held back', '');
		for (const h of plan.heldBack) out.push(`- ${h.summary}: ${h.reason}`);
	}
	if (plan.notes.length > 0) {
		out.push('', '## Notes', '');
		for (const n of plan.notes) out.push(`- ${n}`);
	}
	out.push('', `Apply exactly this plan with \`iam-wizard apply --plan FILE${plan.confirmation.level === 'typed-account-id' ? ` --confirm-account ${plan.account.id}` : ''} --reason TICKET\`; it is refused if anything it depends on changed.`);
	return `${out.join('\n')}\n`;
}
