/**
 * A stand-in action catalogue made from the account itself, for when the IAM action
 * catalogue is not loaded (tests, a caller that did not pass it): every action a policy of
 * the model names, each wildcard pattern as an action of its own (`s3:Get*`, `s3:*`), and
 * the actions of the escalation methods. Comparing what two principals may do over it is
 * coarser than over the real catalogue, never wrong about an action a policy names.
 */
import type { AccountModel } from '../model.js';
import type { PolicyDocument } from '../policy-document.js';
import type { CatalogueService, IamCatalogue } from './catalogue.js';
import { escalationMethods } from './escalation-methods.js';

const byModel = new WeakMap<AccountModel, IamCatalogue>();

function documents(model: AccountModel): PolicyDocument[] {
	const docs: PolicyDocument[] = [];
	for (const p of model.policies) for (const v of p.versions) if (v.isDefault) docs.push(v.document);
	for (const owner of [...model.users, ...model.roles, ...model.groups]) for (const p of owner.inlinePolicies) docs.push(p.document);
	for (const scp of model.organization?.scps ?? []) docs.push(scp.document);
	return docs;
}

export function modelCatalogue(model: AccountModel): IamCatalogue {
	const hit = byModel.get(model);
	if (hit) return hit;
	const names = new Map<string, Set<string>>();
	const add = (action: string) => {
		const colon = action.indexOf(':');
		if (colon <= 0) return;
		const service = action.slice(0, colon).toLowerCase();
		if (/[*?]/.test(service)) return;
		const set = names.get(service) ?? new Set<string>();
		set.add(action.slice(colon + 1));
		names.set(service, set);
	};
	for (const doc of documents(model)) for (const s of doc.Statement) for (const a of [...(s.Action ?? []), ...(s.NotAction ?? [])]) add(a);
	for (const spec of escalationMethods) for (const step of spec.steps) add(step.action);
	add('sts:AssumeRole');
	const services: Record<string, CatalogueService> = {};
	for (const [key, actions] of names) {
		services[key] = { key, name: key, actions: [...actions].map((name) => ({ name, accessLevel: 'Write', resourceTypes: [], conditionKeys: [] })), resourceTypes: {} };
	}
	const catalogue: IamCatalogue = { version: 'model', services };
	byModel.set(model, catalogue);
	return catalogue;
}
