// Builders for step-3 tests: policies attached to principals, and a context with the real catalogue.
import { loadIamCatalogue } from '../../../source/aws/iam-catalogue.js';
import type { ManagedPolicy } from '../../../source/core/model.js';
import type { PolicyDocument, Statement } from '../../../source/core/policy-document.js';
import type { IamCatalogue } from '../../../source/core/policy-engine/catalogue.js';
import type { ExcludedPrincipal, PlanContext } from '../../../source/core/settings.js';
import { buildPolicy, planContext } from '../../helpers/model-builder.js';

export const now = '2026-12-01T00:00:00.000Z';

let catalogue: IamCatalogue | undefined;
export async function theCatalogue(): Promise<IamCatalogue> {
	catalogue ??= await loadIamCatalogue();
	return catalogue;
}

export async function context(excluded: ExcludedPrincipal[] = []): Promise<PlanContext> {
	return { ...planContext(now, { excluded }), catalogue: await theCatalogue() };
}

export const doc = (...Statement: Statement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });

export const allow = (Action: string | string[], Resource: string | string[] = '*', extra: Partial<Statement> = {}): Statement => ({
	Effect: 'Allow',
	Action: Array.isArray(Action) ? Action : [Action],
	Resource: Array.isArray(Resource) ? Resource : [Resource],
	...extra,
});

export const deny = (Action: string | string[], Resource: string | string[] = '*', extra: Partial<Statement> = {}): Statement => ({ ...allow(Action, Resource, extra), Effect: 'Deny' });

/** A customer-managed policy whose versions are `documents`, the last one the default. */
export function customerPolicy(name: string, ...documents: PolicyDocument[]): ManagedPolicy {
	const versions = documents.map((document, i) => ({ versionId: `v${i + 1}`, isDefault: i === documents.length - 1, createDate: `2025-0${i + 1}-01T00:00:00.000Z`, document }));
	return buildPolicy(name, { versions, defaultVersionId: `v${documents.length}` });
}

export function awsPolicy(name: string, document: PolicyDocument): ManagedPolicy {
	return buildPolicy(name, { awsManaged: true, versions: [{ versionId: 'v1', isDefault: true, createDate: '2020-01-01T00:00:00.000Z', document }] });
}

export const console = { createDate: '2025-01-01T00:00:00.000Z', passwordResetRequired: false };
