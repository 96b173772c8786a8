/**
 * Step 4's analysis of the whole account: every user's and role's effective permissions
 * checked for each escalation method, for IAM changes and for human use, and every
 * boundary in use checked on its own. Service-linked roles are AWS's: they cannot take a
 * boundary or be changed, and only their service can assume them, so they are skipped.
 */
import { unreadReason } from '../../core/account-not-evaluated.js';
import type { Finding } from '../../core/finding.js';
import type { AccountModel, NotEvaluated, Role, User } from '../../core/model.js';
import type { AccessDecision } from '../../core/policy-engine/evaluate-access.js';
import type { IamCatalogue } from '../../core/policy-engine/catalogue.js';
import { escalationPaths, type EscalationPath } from '../../core/policy-engine/escalation-paths.js';
import { findEscalations, type EscalationFinding, type EscalationTargets } from '../../core/policy-engine/find-escalations.js';
import { modelCatalogue } from '../../core/policy-engine/model-catalogue.js';
import { buildPrincipalGraph, type PrincipalGraph } from '../../core/policy-engine/principal-graph.js';
import type { PrincipalPolicySet } from '../../core/policy-engine/principal-policies.js';
import {
	boundariesInUse,
	boundaryMissingFinding,
	boundaryWeakFinding,
	boundaryWeaknesses,
	humanAssumption,
	iamChangesAllowed,
	isServiceLinkedRole,
} from './boundary-findings.js';
import { escalationFinding } from './escalation-findings.js';
import { resourcePathsNote } from './resource-paths-note.js';
import { plural } from '../../core/plural.js';

export interface PrincipalAnalysis {
	principal: User | Role;
	type: 'user' | 'role';
	set: PrincipalPolicySet;
	/** Its node in the principal graph. */
	node: number;
	/** Methods whose every request it may make (before asking what they reach). */
	escalations: EscalationFinding[];
	/** What it can reach: one shortest path per first-hop method that gains something. */
	paths: EscalationPath[];
	iamChanges: AccessDecision[];
	human?: string;
	findings: Finding[];
}

export interface BoundaryAnalysis {
	graph: PrincipalGraph;
	targets: EscalationTargets;
	principals: PrincipalAnalysis[];
	findings: Finding[];
	notEvaluated: NotEvaluated[];
}

function analysePrincipal(model: AccountModel, graph: PrincipalGraph, principal: User | Role, type: 'user' | 'role'): PrincipalAnalysis {
	const node = graph.byArn.get(principal.arn)!;
	const set = graph.nodes[node]!.set!;
	const targets = graph.targets;
	const known = { catalogue: graph.catalogue, permissions: graph.nodes[node]!.permissions! };
	const escalations = findEscalations(set, targets, known);
	const iamChanges = iamChangesAllowed(set, targets, escalations, known);
	const human = type === 'role' ? humanAssumption(principal as Role, model.accountId) : undefined;
	const paths = escalationPaths(graph, node);
	const findings = paths.map((p) => escalationFinding(graph, node, p));
	const missing = boundaryMissingFinding(set, iamChanges, human);
	if (missing) findings.push(missing);
	return { principal, type, set, node, escalations, paths, iamChanges, ...(human ? { human } : {}), findings };
}

function missingDocumentsNote(analyses: PrincipalAnalysis[]): NotEvaluated | undefined {
	const affected = analyses.filter((a) => a.set.missingDocuments.length > 0 || (a.set.boundary && !a.set.boundary.doc));
	if (affected.length === 0) return undefined;
	const policies = [...new Set(affected.flatMap((a) => [...a.set.missingDocuments.map((r) => r.name), ...(a.set.boundary && !a.set.boundary.doc ? [a.set.boundary.ref.name] : [])]))];
	return {
		area: 'escalation checks without policy documents',
		reason:
			`${plural(affected.length, 'principal')} ${affected.length === 1 ? 'has' : 'have'} managed policies whose documents were not read (${policies.slice(0, 6).join(', ')}${policies.length > 6 ? ', …' : ''}): ` +
			'their escalation methods and boundaries were judged without them, so a method not reported for them may still exist. Read the account with the policy documents (a live read, or a snapshot that includes AWS-managed policies).',
		findingIds: ['PRIVILEGE_ESCALATION', 'BOUNDARY_MISSING', 'BOUNDARY_WEAK'],
	};
}

/** Step 4's analysis; without the IAM action catalogue, permissions are compared over the actions the account's policies name. */
export function analyseBoundaries(model: AccountModel, catalogue?: IamCatalogue): BoundaryAnalysis {
	const graph = buildPrincipalGraph(model, catalogue ?? modelCatalogue(model));
	const targets = graph.targets;
	const principals: PrincipalAnalysis[] = [
		...model.users.map((u) => analysePrincipal(model, graph, u, 'user')),
		...model.roles.filter((r) => !isServiceLinkedRole(r)).map((r) => analysePrincipal(model, graph, r, 'role')),
	];
	const findings = principals.flatMap((p) => p.findings);
	const notEvaluated: NotEvaluated[] = [];

	const policies = new Map(model.policies.map((p) => [p.arn, p]));
	for (const [arn, users] of boundariesInUse(model)) {
		const policy = policies.get(arn);
		const document = policy?.versions.find((v) => v.isDefault)?.document;
		if (!document) continue;
		const weak = boundaryWeakFinding(arn, policy!.name, boundaryWeaknesses(arn, policy!.name, document, targets), users);
		if (weak) findings.push(weak);
	}

	const missing = missingDocumentsNote(principals);
	if (missing) notEvaluated.push(missing);
	if (model.organization === undefined) {
		// The read's reason first (it names what to grant): the screen truncates a long note at its end.
		const why = unreadReason(model, 'organizations');
		notEvaluated.push({
			area: 'service-control-policies',
			reason: why
				? `The organization was not read: ${why} Until then service control policies are not applied: an SCP could remove an escalation reported here.`
				: 'The organization was not read, so service control policies were not applied: an SCP could remove an escalation reported here.',
			findingIds: ['PRIVILEGE_ESCALATION'],
		});
	} else if (model.organization && model.organization.scps === undefined && model.organization.managementAccountId !== model.accountId) {
		notEvaluated.push({
			area: 'service-control-policies',
			reason: 'The SCPs of the organization could not be read from this member account, so they were not applied: an SCP could remove an escalation reported here.',
			findingIds: ['PRIVILEGE_ESCALATION'],
		});
	}
	const needs = resourcePathsNote(principals, graph);
	if (needs) notEvaluated.push(needs);
	return { graph, targets, principals, findings, notEvaluated };
}
