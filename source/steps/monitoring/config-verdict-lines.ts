/**
 * What h shows of AWS Config on step 6, below Security Hub: each IAM managed rule iam-wizard
 * deploys, with Config's own verdict once it has evaluated, next to the iam-wizard finding that
 * checks the same thing, so the two can be read side by side. Pure.
 */
import { findingCatalogue } from '../../core/finding-catalogue.js';
import type { AccountModel } from '../../core/model.js';
import type { StyledLine } from '../../ui/ScrollText.js';
import { iamConfigRules } from './config-checks.js';

const nameWidth = Math.max(...iamConfigRules.map((r) => r.name.length)) + 1;

export function configVerdictLines(model: AccountModel): StyledLine[] {
	const config = model.config;
	if (!config) return [{ text: `AWS Config was not read in ${model.region}.`, token: 'status.warning' }];
	const lines: StyledLine[] = [{ text: `AWS Config's verdicts on its IAM rules in ${model.region}`, bold: true }];
	for (const rule of iamConfigRules) {
		const deployed = config.rules.find((r) => r.owner === 'AWS' && r.sourceIdentifier === rule.identifier);
		const verdict = !deployed ? 'not deployed' : (deployed.compliance ?? 'no verdict yet');
		const ours = rule.findings.map((id) => `${id} (step ${findingCatalogue[id].step})`).join(', ');
		lines.push({
			text: `${(deployed?.name ?? rule.name).padEnd(nameWidth)} ${verdict.padEnd(17)} iam-wizard: ${ours}`,
			...(verdict === 'COMPLIANT' ? {} : { token: verdict === 'NON_COMPLIANT' ? ('status.error' as const) : ('status.warning' as const) }),
		});
	}
	lines.push({ text: '' });
	lines.push({ text: 'Config evaluates on its own schedule: these are its verdicts as of the last read of the account.', token: 'status.muted' });
	return lines;
}
