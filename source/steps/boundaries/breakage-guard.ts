/**
 * The breakage guard: for a principal about to get a boundary, what it used recently that
 * the boundary would take away. The best evidence is last-accessed data (actions, or only
 * services where IAM does not track actions); without it, a user's access keys still name
 * the service each last called. With neither, the guard says it cannot tell.
 */
import { usedFromReport, type LastAccessedReport } from '../../core/last-accessed.js';
import type { IsoDate, Role, User } from '../../core/model.js';
import { compileDocument, statementsForAction, type CompiledDocument } from '../../core/policy-engine/compiled-policy.js';
import type { PolicyDocument } from '../../core/policy-document.js';
import { plural } from '../../core/plural.js';

export interface BreakageCheck {
	principalArn: string;
	/** Where the list of used permissions came from. */
	source: 'last-accessed' | 'access-keys' | 'none';
	/** Used actions (`s3:GetObject`) or services (`s3 (service)`) the boundary would not allow. */
	removed: string[];
	/** Used actions the boundary allows only on some resources, with those resources: they may break. */
	limited: string[];
	/** How many used actions or services were checked. */
	checked: number;
	/** One line for the preview. */
	note: string;
}

/** Whether the boundary allows the action on some resource (an unconditional Deny on every resource removes it). */
export function boundaryAllowsAction(doc: CompiledDocument, action: string): boolean {
	const statements = statementsForAction(doc, action);
	const denied = statements.some((s) => s.effect === 'Deny' && !s.condition && !s.notResources && (!s.resources || s.resources.includes('*')));
	return !denied && statements.some((s) => s.effect === 'Allow');
}

/** The boundary's resource patterns for an action it allows only on some resources; undefined when allowed on any. */
export function boundaryResourceLimit(doc: CompiledDocument, action: string): string[] | undefined {
	const allows = statementsForAction(doc, action).filter((s) => s.effect === 'Allow');
	if (allows.length === 0 || allows.some((s) => !s.resources || s.resources.includes('*'))) return undefined;
	return [...new Set(allows.flatMap((s) => s.resources!))];
}

/** Whether the boundary allows at least part of a service. */
export function boundaryAllowsService(doc: CompiledDocument, service: string): boolean {
	if (doc.byService.get(service.toLowerCase())?.some((s) => s.effect === 'Allow')) return true;
	return doc.anyService.some((s) => s.effect === 'Allow' && s.matchesAction(`${service.toLowerCase()}:iamwizardprobe`));
}

function day(iso: IsoDate | undefined): string {
	return iso ? iso.slice(0, 10) : 'never';
}

export function boundaryBreakage(principal: User | Role, boundary: PolicyDocument, report: LastAccessedReport | undefined): BreakageCheck {
	const doc = compileDocument(boundary);
	const name = principal.name;
	if (report) {
		const used = usedFromReport(report);
		const removed = [
			...used.actions.filter((a) => !boundaryAllowsAction(doc, a)),
			...used.servicesWithoutDetail.filter((s) => !boundaryAllowsService(doc, s)).map((s) => `${s} (service)`),
		];
		const checked = used.actions.length + used.servicesWithoutDetail.length;
		const limited = used.actions.flatMap((a) => {
			if (removed.includes(a)) return [];
			const only = boundaryResourceLimit(doc, a);
			return only ? [`${a} (only on ${only.map((r) => r.split(':').pop()).join(', ')})`] : [];
		});
		const limitedNote = limited.length > 0 ? ` Kept only on some resources (check they are the ones it uses): ${limited.join(', ')}.` : '';
		const note =
			checked === 0
				? `Breakage guard: last-accessed data shows no recent use by ${name}; nothing it used would be removed.`
				: removed.length === 0
					? `Breakage guard: the boundary keeps ${checked === 1 ? 'the 1 permission' : `all ${checked} permissions`} ${name} used recently.${limitedNote}`
					: `Breakage guard: the boundary would remove ${removed.length} of ${plural(checked, 'permission')} ${name} used recently: ${removed.slice(0, 8).join(', ')}${removed.length > 8 ? ', …' : ''}.${limitedNote}`;
		return { principalArn: principal.arn, source: 'last-accessed', removed, limited, checked, note };
	}
	const keys = 'accessKeys' in principal ? principal.accessKeys.filter((k) => k.lastUsed?.service && k.lastUsed.service !== 'N/A') : [];
	if (keys.length > 0) {
		const services = [...new Set(keys.map((k) => k.lastUsed!.service!))];
		const removed = services.filter((s) => !boundaryAllowsService(doc, s)).map((s) => `${s} (service)`);
		const last = keys.map((k) => `${k.lastUsed!.service} on ${day(k.lastUsed!.date)}`).join(', ');
		const note =
			`Breakage guard: no last-accessed data was read for ${name}; its access keys last called ${last}` +
			(removed.length > 0 ? `, which the boundary would remove: ${removed.join(', ')}.` : ', which the boundary allows.');
		return { principalArn: principal.arn, source: 'access-keys', removed, limited: [], checked: services.length, note };
	}
	const lastUsed = 'lastUsed' in principal && principal.lastUsed?.date ? ` (last used ${day(principal.lastUsed.date)})` : '';
	return {
		principalArn: principal.arn,
		source: 'none',
		removed: [],
		limited: [],
		checked: 0,
		note: `Breakage guard: no last-accessed data for ${name}${lastUsed}: cannot tell what the boundary would remove.`,
	};
}
