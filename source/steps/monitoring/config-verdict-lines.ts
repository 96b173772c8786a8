/**
 * What h shows of AWS Config on step 6, below Security Hub: each IAM managed rule iam-wizard
 * deploys, with Config's own verdict once it has evaluated, next to the iam-wizard finding that
 * checks the same thing, so the two can be read side by side. Pure.
 */
import type { AccountModel } from '../../core/model.js';
import type { StyledLine } from '../../ui/ScrollText.js';
import { iamConfigRules } from './config-checks.js';

export function configVerdictLines(model: AccountModel): StyledLine[] {
	const config = model.config;
	if (!config) return [{ text: `AWS Config was not read in ${model.region}.`, token: 'status.warning' }];
	const lines: StyledLine[] = [
		{ text: `AWS Config's verdicts on its IAM rules in ${model.region}`, bold: true },
		{ text: "Config's verdict, the rule ↔ the iam-wizard finding that checks the same thing", token: 'status.muted' },
	];
	for (const rule of iamConfigRules) {
		const deployed = config.rules.find((r) => r.owner === 'AWS' && r.sourceIdentifier === rule.identifier);
		const verdict = !deployed ? 'not deployed' : (deployed.compliance ?? 'no verdict yet');
		// Verdict first and no padding of the names: the longest line fits 80 columns.
		lines.push({
			text: `${verdict.padEnd(14)} ${deployed?.name ?? rule.name} ↔ ${rule.findings.join(', ')}`,
			...(verdict === 'COMPLIANT' ? {} : { token: verdict === 'NON_COMPLIANT' ? ('status.error' as const) : ('status.warning' as const) }),
		});
	}
	lines.push({ text: '' });
	lines.push({ text: "Config runs on its own schedule: verdicts as of the account's last read.", token: 'status.muted' });
	return lines;
}
