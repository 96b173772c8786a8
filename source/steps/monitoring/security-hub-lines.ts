/**
 * What h opens on step 6: Security Hub in the region, its standards, and each IAM.* control
 * of the enabled standards with its status (and title, where AWS gave one) next to the
 * iam-wizard finding that checks the same thing, so the two can be read side by side. Pure.
 */
import { findingCatalogue, type FindingId } from '../../core/finding-catalogue.js';
import type { AccountModel } from '../../core/model.js';
import type { StyledLine } from '../../ui/ScrollText.js';

/** "IAM.5" → the finding IDs whose controls name it. */
export function findingsOfControl(controlId: string): FindingId[] {
	return (Object.entries(findingCatalogue) as [FindingId, { controls: readonly string[] }][]).filter(([, e]) => e.controls.includes(`SecurityHub:${controlId}`)).map(([id]) => id);
}

const standardName = (arn: string) => {
	const m = /standards\/([^/]+)\/v\/([^/]+)$/.exec(arn);
	return m ? `${m[1]!.replace(/-/g, ' ')} v${m[2]}` : arn;
};

const controlOrder = (id: string) => Number(id.split('.')[1] ?? 0);

export function securityHubLines(model: AccountModel): StyledLine[] {
	const hub = model.securityHub;
	if (!hub) return [{ text: `Security Hub was not read in ${model.region}.`, token: 'status.warning' }];
	if (!hub.enabled) return [{ text: `Security Hub is not enabled in ${model.region}: the plan enables it and the CIS AWS Foundations Benchmark standard.`, bold: true }];
	const lines: StyledLine[] = [{ text: `Security Hub in ${model.region}: on`, bold: true }];
	for (const s of hub.standards) lines.push({ text: `Standard ${standardName(s.standardsArn)}: ${s.status}` });
	if (hub.standards.length === 0) lines.push({ text: 'No standard is enabled: no control reports on this account.', token: 'status.warning' });
	const controls = [...(hub.iamControls ?? [])].sort((a, b) => controlOrder(a.controlId) - controlOrder(b.controlId));
	lines.push({ text: '' });
	if (hub.iamControls === undefined) {
		lines.push({ text: 'The IAM.* controls are not known yet: r re-reads the account (a standard just enabled takes a few minutes to set up).', token: 'status.muted' });
		return lines;
	}
	lines.push({ text: `IAM.* controls of the enabled standards: ${controls.filter((c) => c.status === 'ENABLED').length} enabled, ${controls.filter((c) => c.status !== 'ENABLED').length} not`, bold: true });
	for (const c of controls) {
		const ours = findingsOfControl(c.controlId);
		lines.push({
			text: `${c.controlId.padEnd(7)} ${c.status.padEnd(8)} ${c.title ?? ''}${c.title ? ' · ' : ''}${ours.length > 0 ? `iam-wizard: ${ours.map((id) => `${id} (step ${findingCatalogue[id].step})`).join(', ')}` : 'no iam-wizard check'}`,
			...(c.status === 'ENABLED' ? {} : { token: 'status.warning' as const }),
		});
	}
	lines.push({ text: '' });
	lines.push({ text: "A control's pass or fail shows in Security Hub's console once it has run (it runs through AWS Config: keep the recorder recording).", token: 'status.muted' });
	return lines;
}
