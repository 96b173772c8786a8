/**
 * The operator's edits of the developer boundary template, checked before use: service
 * prefixes must look like prefixes (and be known to the catalogue when it is loaded). An
 * edited template gets its own name, derived from its content, so it never hides behind a
 * boundary policy of the same name created earlier from other settings.
 */
import { actionsOfService, type IamCatalogue } from '../../core/policy-engine/catalogue.js';
import { defaultBoundaryName, defaultBoundaryServices } from './boundary-template.js';
import type { BoundaryPlanOptions } from './plan.js';

export interface ParsedServices {
	services: string[];
	problems: string[];
}

export function parseServiceList(text: string, catalogue?: IamCatalogue): ParsedServices {
	const services: string[] = [];
	const problems: string[] = [];
	for (const raw of text.split(/[\s,]+/).filter(Boolean)) {
		const s = raw.toLowerCase().replace(/:\*$/, '');
		if (!/^[a-z0-9-]+$/.test(s)) problems.push(`"${raw}" is not a service prefix`);
		else if (catalogue && actionsOfService(catalogue, s).length === 0) problems.push(`"${s}" is not a service the IAM catalogue knows`);
		else if (!services.includes(s)) services.push(s);
	}
	if (services.length === 0 && problems.length === 0) problems.push('give at least one service prefix');
	return { services, problems };
}

function shortHash(text: string): string {
	// FNV-1a: stable across runs and machines, enough to tell templates apart.
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
	return h.toString(16).padStart(8, '0').slice(0, 6);
}

/** Plan options for an edited service list; the default list keeps the default name. */
export function editedTemplateOptions(services: readonly string[]): BoundaryPlanOptions {
	const same = services.length === defaultBoundaryServices.length && services.every((s, i) => s === defaultBoundaryServices[i]);
	return same ? {} : { services: [...services], name: `${defaultBoundaryName}-${shortHash(services.join(','))}` };
}
