/**
 * What step 4 could not see of the resources that run with a role (a function, an instance,
 * a stack, a project): paths through a service whose workloads were not read are reported
 * as conditional "if such a resource exists", naming the service and why it was not read;
 * workloads that were read were read in one region, so a path through another region's
 * resource may be missing.
 */
import type { AccountModel, NotEvaluated } from '../../core/model.js';
import { escalationMethods } from '../../core/policy-engine/escalation-methods.js';
import type { PrincipalGraph } from '../../core/policy-engine/principal-graph.js';
import { workloadKinds } from '../../core/role-workloads.js';
import type { PrincipalAnalysis } from './boundary-analysis.js';
import { plural } from '../../core/plural.js';

const serviceOfMethod = new Map(escalationMethods.flatMap((m) => (m.resource ? [[m.method, m.resource.service] as const] : [])));

const kindOf = (service: string) => workloadKinds[service] ?? `resources of ${service}`;
const withoutStop = (text: string) => text.trim().replace(/[.\s]+$/, '');

function unreadSentence(model: AccountModel, service: string): string {
	const unread = model.roleWorkloads?.unread.find((u) => u.service === service);
	const why = unread ? withoutStop(unread.reason) : 'this read of the account holds IAM data only';
	return `${kindOf(service)} were not read (${why})`;
}

/** Paths through unread services: how many, what they need, which services and why. */
function conditionalPaths(analyses: PrincipalAnalysis[], model: AccountModel): string | undefined {
	const needs = new Set<string>();
	const services = new Set<string>();
	let count = 0;
	for (const a of analyses) {
		for (const p of a.paths) {
			if (p.needs.length === 0) continue;
			count++;
			for (const n of p.needs) needs.add(n);
			for (const h of p.hops) if (h.needs && serviceOfMethod.has(h.method)) services.add(serviceOfMethod.get(h.method)!);
		}
	}
	if (count === 0) return undefined;
	return (
		`${plural(count, 'escalation path')} ${count === 1 ? 'goes' : 'go'} through a resource IAM data does not show (${[...needs].join('; ')}): ` +
		`${[...services].map((s) => unreadSentence(model, s)).join('; ')}, so each is reported as conditional "if such a resource exists".`
	);
}

/** Principals whose requests could act on a read service's resources: another region's would be missed. */
function otherRegions(analyses: PrincipalAnalysis[], model: AccountModel, graph: PrincipalGraph): string | undefined {
	const read = new Set(model.roleWorkloads?.read ?? []);
	if (read.size === 0) return undefined;
	// A full administrator gains nothing through any resource.
	const principals = analyses.filter((a) => !graph.nodes[a.node]!.admin && a.escalations.some((e) => e.spec.resource && read.has(e.spec.resource.service)));
	if (principals.length === 0) return undefined;
	const kinds = [...read].map(kindOf).join(', ');
	return `${kinds} were read in ${model.roleWorkloads!.region} only: ${plural(principals.length, 'principal')} may act on such resources, so one in another region that runs with a more privileged role gives a path not reported here.`;
}

export function resourcePathsNote(analyses: PrincipalAnalysis[], graph: PrincipalGraph): NotEvaluated | undefined {
	const model = graph.model;
	const conditional = conditionalPaths(analyses, model);
	const regions = otherRegions(analyses, model, graph);
	if (!conditional && !regions) return undefined;
	return {
		area: 'escalation paths through resources',
		reason: [conditional, regions].filter(Boolean).join(' '),
		// Unread services' paths are reported (conditionally); another region's may be missing.
		findingIds: regions ? ['PRIVILEGE_ESCALATION'] : [],
	};
}
