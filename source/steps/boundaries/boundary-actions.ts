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
import { findEscalations } from '../../core/policy-engine/find-escalations.js';
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

function escalationNote(a: PrincipalAnalysis, template: BoundaryTemplate, targets: BoundaryAnalysis['targets']): string | undefined {
	if (a.escalations.length === 0) return undefined;
	const boxed = { ...a.set, boundary: { ref: { layer: 'boundary' as const, kind: 'managed' as const, name: template.name, arn: template.arn }, doc: compileDocument(template.document) } };
	const after = new Set(findEscalations(boxed, targets).map((e) => e.method));
	const removed = a.escalations.map((e) => e.method).filter((m) => !after.has(m));
	const left = a.escalations.map((e) => e.method).filter((m) => after.has(m));
	if (left.length === 0) return `Removes every escalation method found: ${removed.join(', ')}.`;
	return `Removes ${removed.length > 0 ? removed.join(', ') : 'no escalation method'}; still possible under this boundary: ${left.join(', ')} (edit the template or scope the policies in step 3).`;
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
		const notes = [
			...(a.principal.permissionsBoundary ? [`Replaces its current boundary ${a.principal.permissionsBoundary.split('/').pop()}.`] : []),
			...[escalationNote(a, template, analysis.targets)].filter((n): n is string => n !== undefined),
			boundaryBreakage(a.principal, template.document, context.lastAccessed?.[a.principal.arn]).note,
		];
		const lockout = isCaller(model, a)
			? `This puts ${template.name} on ${a.type} ${a.principal.name}, the principal you are signed in as: it denies IAM changes, so you could not remove it or undo other changes afterwards without another administrator.`
			: undefined;
		const summary = `Set permissions boundary ${template.name} on ${a.type} ${a.principal.name}`;
		const action: Action =
			a.type === 'role'
				? { kind: 'iam:PutRolePermissionsBoundary', params: { RoleName: a.principal.name, PermissionsBoundary: template.arn }, step: 4, findingIds: ids, summary, notes }
				: { kind: 'iam:PutUserPermissionsBoundary', params: { UserName: a.principal.name, PermissionsBoundary: template.arn }, step: 4, findingIds: ids, summary, notes };
		if (lockout) action.risk = { lockout };
		attach.push(action);
	}
	if (attach.length > 0 && !existing) {
		out.actions.push({
			kind: 'iam:CreatePolicy',
			params: { PolicyName: template.name, Path: template.path, PolicyDocument: template.document, Description: template.description },
			step: 4,
			findingIds: [...new Set(attach.flatMap((a) => a.findingIds))],
			summary: `Create permissions boundary policy ${template.name} (${template.path})`,
			notes: [`The boundaries below need this policy: apply it first (the batch keeps this order).`],
		});
	}
	out.actions.push(...attach);
	return out;
}
