/**
 * The preview of a batch as lines: for each action its summary, the exact call, the
 * findings it addresses, its risks, whether it can be undone, and its diff or settings.
 */
import type { Action } from '../core/actions.js';
import type { Finding } from '../core/finding.js';
import { findingCatalogue, isFindingId } from '../core/finding-catalogue.js';
import type { AccountModel } from '../core/model.js';
import { modelAfterAction } from '../core/model-after-action.js';
import { describeAction } from './describe-action.js';
import { diffStyledLines } from './DiffView.js';
import { findingSubjectInFull } from './finding-subject.js';
import type { StyledLine } from './ScrollText.js';

export const irreversibleNote = 'Cannot be undone: rollback will not restore this.';
export const reversibleNote = 'Can be undone: the state it replaces is recorded first.';

export interface PreviewOptions {
	/** The actions undo an applied batch: they bring its findings back rather than fix them. */
	rollback?: boolean;
}

/**
 * A finding the batch names but the caller did not pass (`audit undo` reads only the log): its
 * key, `ID|resource|qualifier`, as "ID Title: resource", the title from the catalogue.
 */
function findingKeyText(key: string): string {
	const [id = key, resource] = key.split('|');
	const title = isFindingId(id) ? ` ${findingCatalogue[id].title}` : '';
	return `${id}${title}${resource ? `: ${resource}` : ''}`;
}

/**
 * `model` is the account before the first action; each later action is described against
 * what the actions ahead of it leave, so two changes to one resource preview correctly.
 */
export function previewLines(actions: readonly Action[], findings: readonly Finding[], model?: AccountModel, options: PreviewOptions = {}): StyledLine[] {
	const verb = options.rollback ? 'reopens' : 'fixes';
	let current = model;
	const byKey = new Map<string, Finding>();
	for (const finding of findings) {
		byKey.set(finding.fingerprint, finding);
		if (!byKey.has(finding.id)) byKey.set(finding.id, finding);
	}
	const lines: StyledLine[] = [];
	actions.forEach((action, index) => {
		const description = describeAction(action, current);
		current = current && modelAfterAction(current, action);
		if (index > 0) lines.push({ text: '' });
		lines.push({ text: `${index + 1}. ${description.summary}`, bold: true });
		lines.push({ text: `   calls ${description.call}` });
		for (const id of action.findingIds) {
			const finding = byKey.get(id);
			lines.push({ text: finding ? `   ${verb} ${finding.id} ${finding.title}${finding.method ? ` (${finding.method})` : ''}: ${findingSubjectInFull(finding)}` : `   ${verb} ${findingKeyText(id)}` });
		}
		if (action.risk?.highBlastRadius) lines.push({ text: '   High blast radius: you will type the account ID to confirm.', token: 'status.warning' });
		if (action.risk?.lockout) lines.push({ text: `   Lock-out risk: ${action.risk.lockout}`, token: 'status.error', bold: true });
		for (const note of action.notes ?? []) lines.push({ text: `   ${note}`, token: 'status.warning' });
		lines.push(description.reversible ? { text: `   ${reversibleNote}`, token: 'status.muted' } : { text: `   ${irreversibleNote}`, token: 'status.warning', bold: true });
		for (const change of description.settings ?? []) {
			lines.push({ text: `   ${change.name}: ${change.before} → ${change.after}` });
		}
		if (description.diff) lines.push(...diffStyledLines(description.diff, '   '));
	});
	return lines;
}
