/**
 * AWS Organizations as the model sees it: the organization, its roots and the service
 * control policies with their documents and targets. A member account usually may describe
 * the organization but not list its roots or policies; then `scps` stays undefined and the
 * reason is returned for `notEvaluated`.
 */
import {
	DescribeOrganizationCommand,
	DescribePolicyCommand,
	ListOrganizationalUnitsForParentCommand,
	ListParentsCommand,
	ListPoliciesCommand,
	ListRootsCommand,
	ListTargetsForPolicyCommand,
	type PolicySummary,
} from '@aws-sdk/client-organizations';
import pLimit from 'p-limit';
import { GatewayError, isGatewayError } from '../../core/gateway-error.js';
import type { Organization, OrganizationalUnit, OrganizationRoot, PolicyTarget, ServiceControlPolicy } from '../../core/model.js';
import { normalisePolicyDocument, PolicyDocumentError } from '../../core/policy-document.js';
import { orAbsent } from '../absence.js';
import type { AwsCaller } from './aws-caller.js';
import { isFatalReadError } from './errors.js';
import { readCentralizedRootAccess } from './read-root-access.js';

export interface OrganizationRead {
	organization: Organization | null;
	/** Why roots and SCPs could not be read, when they could not. */
	scpProblem?: GatewayError;
	/** Why centralized root access could not be read (a member account may not ask). */
	rootAccessProblem?: GatewayError;
}

const targetTypes = new Set(['ROOT', 'ORGANIZATIONAL_UNIT', 'ACCOUNT']);
const rootPolicyStatuses = new Set(['ENABLED', 'PENDING_ENABLE', 'PENDING_DISABLE']);

async function readRoots(caller: AwsCaller): Promise<OrganizationRoot[]> {
	const pages = await caller.pages(
		'organizations',
		(token) => new ListRootsCommand(token ? { NextToken: token } : {}),
		(page) => page.NextToken,
	);
	return pages.flatMap((page) =>
		(page.Roots ?? []).map((root) => ({
			id: root.Id ?? '',
			arn: root.Arn ?? '',
			name: root.Name ?? 'Root',
			policyTypes: (root.PolicyTypes ?? [])
				.filter((t) => t.Type && t.Status && rootPolicyStatuses.has(t.Status))
				.map((t) => ({ type: t.Type as string, status: t.Status as OrganizationRoot['policyTypes'][number]['status'] })),
		})),
	);
}

/** Every SCP's summary; also used by apply to turn a policy name into its ID. */
export async function listServiceControlPolicies(caller: AwsCaller): Promise<PolicySummary[]> {
	const pages = await caller.pages(
		'organizations',
		(token) => new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY', ...(token ? { NextToken: token } : {}) }),
		(page) => page.NextToken,
	);
	return pages.flatMap((page) => page.Policies ?? []);
}

export async function readPolicyTargets(caller: AwsCaller, policyId: string): Promise<PolicyTarget[]> {
	const pages = await caller.pages(
		'organizations',
		(token) => new ListTargetsForPolicyCommand({ PolicyId: policyId, ...(token ? { NextToken: token } : {}) }),
		(page) => page.NextToken,
	);
	return pages.flatMap((page) =>
		(page.Targets ?? []).flatMap((target): PolicyTarget[] => {
			if (!target.TargetId || !target.Type || !targetTypes.has(target.Type)) return [];
			const out: PolicyTarget = { targetId: target.TargetId, type: target.Type as PolicyTarget['type'], name: target.Name ?? target.TargetId };
			if (target.Arn) out.arn = target.Arn;
			return [out];
		}),
	);
}

async function readScp(caller: AwsCaller, summary: PolicySummary): Promise<ServiceControlPolicy> {
	const id = summary.Id ?? '';
	const [described, targets] = await Promise.all([
		caller.send('organizations', new DescribePolicyCommand({ PolicyId: id })),
		readPolicyTargets(caller, id),
	]);
	let document;
	try {
		document = normalisePolicyDocument(described.Policy?.Content ?? '');
	} catch (error) {
		if (!(error instanceof PolicyDocumentError)) throw error;
		throw new GatewayError('InvalidResponse', `The service control policy ${summary.Name ?? id} has a document iam-wizard cannot read: ${error.message}.`, {
			operation: 'organizations:DescribePolicy',
			cause: error,
		});
	}
	const scp: ServiceControlPolicy = {
		id,
		arn: summary.Arn ?? '',
		name: summary.Name ?? id,
		awsManaged: summary.AwsManaged ?? false,
		document,
		targets,
	};
	if (summary.Description) scp.description = summary.Description;
	return scp;
}

/**
 * The OUs above the account, nearest first (ListParents walks one level a call; OUs nest at
 * most five deep). undefined when it cannot be read: SCPs on OUs are then left unapplied,
 * and the evidence says so.
 */
async function readAccountParents(caller: AwsCaller, accountId: string): Promise<string[] | undefined> {
	const parents: string[] = [];
	let child = accountId;
	for (let depth = 0; depth < 8; depth += 1) {
		let parent;
		try {
			parent = (await caller.send('organizations', new ListParentsCommand({ ChildId: child }))).Parents?.[0];
		} catch (error) {
			if (isGatewayError(error) && !isFatalReadError(error)) return undefined;
			throw error;
		}
		if (!parent?.Id || parent.Type === 'ROOT') return parent?.Id ? parents : undefined;
		parents.push(parent.Id);
		child = parent.Id;
	}
	return undefined;
}

/**
 * Every OU under the roots, level by level (OUs nest at most five deep), for step 5's OU tree
 * with the SCPs on each level. undefined when they cannot be listed (the tree is then not
 * shown; the account's own path still is, from ListParents).
 */
async function readOrganizationalUnits(caller: AwsCaller, roots: OrganizationRoot[], concurrency: number): Promise<OrganizationalUnit[] | undefined> {
	const limit = pLimit(concurrency);
	const units: OrganizationalUnit[] = [];
	let parents = roots.map((r) => r.id);
	try {
		for (let depth = 0; depth < 6 && parents.length > 0; depth += 1) {
			const levels = await Promise.all(
				parents.map((parentId) =>
					limit(async () => {
						const pages = await caller.pages(
							'organizations',
							(token) => new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, ...(token ? { NextToken: token } : {}) }),
							(page) => page.NextToken,
						);
						return pages.flatMap((page) => (page.OrganizationalUnits ?? []).flatMap((ou) => (ou.Id ? [{ id: ou.Id, name: ou.Name ?? ou.Id, parentId }] : [])));
					}),
				),
			);
			const level = levels.flat();
			units.push(...level);
			parents = level.map((ou) => ou.id);
		}
	} catch (error) {
		if (isGatewayError(error) && !isFatalReadError(error)) return undefined;
		throw error;
	}
	return units;
}

export async function readOrganization(caller: AwsCaller, accountId: string, concurrency: number): Promise<OrganizationRead> {
	// An account outside any organization: AWSOrganizationsNotInUseException, the absence table's answer.
	const described = await orAbsent(() => caller.send('organizations', new DescribeOrganizationCommand({})), null);
	if (described === null) return { organization: null };
	const org = described.Organization ?? {};
	const organization: Organization = {
		id: org.Id ?? '',
		arn: org.Arn ?? '',
		featureSet: org.FeatureSet === 'CONSOLIDATED_BILLING' ? 'CONSOLIDATED_BILLING' : 'ALL',
		managementAccountId: org.MasterAccountId ?? '',
		callerIsManagementAccount: org.MasterAccountId === accountId,
		roots: [],
	};
	const rootAccess = await readCentralizedRootAccess(caller, organization.callerIsManagementAccount, organization.managementAccountId);
	if (rootAccess.rootAccess) organization.rootAccess = rootAccess.rootAccess;
	const rootAccessProblem = rootAccess.problem ? { rootAccessProblem: rootAccess.problem } : {};
	try {
		const [roots, summaries] = await Promise.all([readRoots(caller), listServiceControlPolicies(caller)]);
		const limit = pLimit(concurrency);
		organization.roots = roots;
		const [scps, units] = await Promise.all([Promise.all(summaries.map((summary) => limit(() => readScp(caller, summary)))), readOrganizationalUnits(caller, roots, concurrency)]);
		organization.scps = scps;
		if (units) organization.organizationalUnits = units;
		// SCPs do not apply to the management account, so its place in the tree does not matter.
		if (!organization.callerIsManagementAccount) {
			const parents = await readAccountParents(caller, accountId);
			if (parents) organization.accountParents = parents;
		}
		return { organization, ...rootAccessProblem };
	} catch (error) {
		if (!isGatewayError(error) || isFatalReadError(error)) throw error;
		if (error.code === 'AccessDenied' && !organization.callerIsManagementAccount) {
			const reason = new GatewayError(
				'AccessDenied',
				`Service control policies could not be read: only the management account or a delegated administrator can list them (access denied to ${error.operation ?? 'AWS Organizations'}).`,
				{ operation: error.operation, cause: error },
			);
			return { organization, scpProblem: reason, ...rootAccessProblem };
		}
		return { organization, scpProblem: error, ...rootAccessProblem };
	}
}
