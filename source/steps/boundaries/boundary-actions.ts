/**
 * Step 4's actions: create the boundary policy from a template (unless it exists), then put
 * it on the principals that could escalate or have no boundary. Each attachment says in its
 * notes which escalations the boundary removes and which it leaves, and what the principal
 * used recently that it would lose (the breakage guard). The caller's own user or role is
 * proposed only with a lockout risk, which the wizard never selects by default and
 * confirms separately; service-linked, Identity Center and break-glass principals never.
 */
import type { Action } from '../../core/actions.js';
import { callerPrincipal, excludedEntryMatches } from '../../core/break-glass.js';
import type { AccountModel } from '../../core/model.js';
import { compileDocument } from '../../core/policy-engine/compiled-policy.js';
import { effectivePermissions } from '../../core/policy-engine/effective-permissions.js';
import { escalationPaths } from '../../core/policy-engine/escalation-paths.js';
import { edgesOf, graphContext, type BuildContext, type PrincipalGraph } from '../../core/policy-engine/principal-graph.js';
import type { PlanContext } from '../../core/settings.js';
import type { StepPlan } from '../../core/step-plan.js';
import type { BoundaryAnalysis, PrincipalAnalysis } from './boundary-analysis.js';
import { isIdentityCenterRole } from './boundary-findings.js';
import type { BoundaryTemplate } from './boundary-template.js';
import { boundaryBreakage } from './breakage-guard.js';

export interface BoundaryActions {
	actions: Action[];
	excluded: StepPlan['excluded'];
}

function isCaller(model: AccountModel, a: PrincipalAnalysis): boolean {
	const caller = callerPrincipal(model.caller.arn);
	return caller !== null && caller.type === a.type && caller.name === a.principal.name;
}

const contexts = new WeakMap<PrincipalGraph, BuildContext>();

/**
 * The first-hop methods whose paths are still open once the template is the principal's
 * boundary: its own edges re-decided under the boundary, measured against what it may do then.
 */
function methodsLeft(a: PrincipalAnalysis, template: BoundaryTemplate, graph: PrincipalGraph): Set<string> {
	if (a.paths.length === 0) return new Set();
	const boxed = { ...a.set, boundary: { ref: { layer: 'boundary' as const, kind: 'managed' as const, name: template.name, arn: template.arn }, doc: compileDocument(template.document) } };
	let ctx = contexts.get(graph);
	if (!ctx) {
		ctx = graphContext(graph);
		contexts.set(graph, ctx);
	}
	const own = effectivePermissions(boxed, graph.catalogue).allowed;
	return new Set(escalationPaths(graph, a.node, { edges: edgesOf(ctx, boxed), own }).map((p) => p.method));
}

function pathLabel(graph: PrincipalGraph, p: PrincipalAnalysis['paths'][number]): string {
	const end = graph.nodes[p.end]!;
	return `${p.hops.map((h) => h.method).join(' → ')} → ${end.type === 'admin' ? 'admin' : end.name}`;
}

function escalationNote(a: PrincipalAnalysis, after: Set<string>, graph: PrincipalGraph): string | undefined {
	if (a.paths.length === 0) return undefined;
	const cut = a.paths.filter((p) => !after.has(p.method)).map((p) => pathLabel(graph, p));
	const left = a.paths.filter((p) => after.has(p.method)).map((p) => pathLabel(graph, p));
	if (left.length === 0) return `Cuts every escalation path found: ${cut.join('; ')}.`;
	return `Cuts ${cut.length > 0 ? cut.join('; ') : 'no escalation path'}; still open under this boundary: ${left.join('; ')} (edit the template, scope the policies in step 3, or change the trust of the roles on the way).`;
}

/** A tag that marks a principal as break-glass (`purpose=break-glass`, or a `break-glass` key). */
function breakGlassTag(principal: PrincipalAnalysis['principal']): boolean {
	return principal.tags.some((t) => /^break-?glass$/i.test(t.Key) || /^break-?glass$/i.test(t.Value));
}

export function planBoundaryAttachments(model: AccountModel, context: PlanContext, analysis: BoundaryAnalysis, template: BoundaryTemplate): BoundaryActions {
	const out: BoundaryActions = { actions: [], excluded: [] };
	const existing = model.policies.find((p) => p.arn === template.arn);
	const candidates = analysis.principals.filter((a) => a.findings.some((f) => f.id === 'PRIVILEGE_ESCALATION' || f.id === 'BOUNDARY_MISSING'));
	const attach: Action[] = [];
	for (const a of candidates) {
		const ids = a.findings.map((f) => f.fingerprint);
		if (a.principal.permissionsBoundary === template.arn) continue;
		if (a.type === 'role' && isIdentityCenterRole(a.principal)) {
			out.excluded.push({ arn: a.principal.arn, reason: 'managed by IAM Identity Center: set a permissions boundary in its permission set instead', findingIds: ids });
			continue;
		}
		const breakGlass = context.excluded.find((e) => excludedEntryMatches(e.arn, { type: a.type, name: a.principal.name, arn: a.principal.arn }));
		if (breakGlass) {
			out.excluded.push({ arn: a.principal.arn, reason: breakGlass.reason, findingIds: ids });
			continue;
		}
		if (breakGlassTag(a.principal)) {
			out.excluded.push({ arn: a.principal.arn, reason: 'tagged as break-glass: emergency access is never boxed in (add it to the break-glass list to silence this)', findingIds: ids });
			continue;
		}
		const after = methodsLeft(a, template, analysis.graph);
		const fixed = a.findings.filter((f) => f.id === 'BOUNDARY_MISSING' || (f.id === 'PRIVILEGE_ESCALATION' && !after.has(f.method!))).map((f) => f.fingerprint);
		if (fixed.length === 0) {
			// A boundary that cuts none of its paths (a trust naming it, a user's credentials taken) is no fix: say so instead.
			out.excluded.push({ arn: a.principal.arn, reason: 'a permissions boundary cuts none of its escalation paths: change the trust or the policies on the way instead', findingIds: ids });
			continue;
		}
		const notes = [
			...(a.principal.permissionsBoundary ? [`Replaces its current boundary ${a.principal.permissionsBoundary.split('/').pop()}.`] : []),
			...[escalationNote(a, after, analysis.graph)].filter((n): n is string => n !== undefined),
			boundaryBreakage(a.principal, template.document, context.lastAccessed?.[a.principal.arn]).note,
		];
		const lockout = isCaller(model, a)
			? `This puts ${template.name} on ${a.type} ${a.principal.name}, the principal you are signed in as: it denies IAM changes, so you could not remove it or undo other changes afterwards without another administrator.`
			: undefined;
		const summary = `Set permissions boundary ${template.name} on ${a.type} ${a.principal.name}`;
		const action: Action =
			a.type === 'role'
				? { kind: 'iam:PutRolePermissionsBoundary', params: { RoleName: a.principal.name, PermissionsBoundary: template.arn }, step: 4, findingIds: fixed, summary, notes }
				: { kind: 'iam:PutUserPermissionsBoundary', params: { UserName: a.principal.name, PermissionsBoundary: template.arn }, step: 4, findingIds: fixed, summary, notes };
		if (lockout) action.risk = { lockout };
		attach.push(action);
	}
	if (attach.length > 0 && !existing) {
		out.actions.push({
			kind: 'iam:CreatePolicy',
			params: { PolicyName: template.name, Path: template.path, PolicyDocument: template.document, Description: template.description },
			step: 4,
			findingIds: [],
			summary: `Create permissions boundary policy ${template.name} (${template.path})`,
			notes: [`The boundaries below need this policy: apply it first (the batch keeps this order). It fixes nothing by itself.`],
		});
	}
	out.actions.push(...attach);
	return out;
}
