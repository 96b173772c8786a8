/**
 * What an Allow statement grants, in catalogue terms: the actions it covers (NotAction
 * counts as every action it does not name), which of them take specific resources, and
 * whether a condition guards it.
 */
import { acceptsOnlyWildcardResource, allActions, expandActionPattern, type AccessLevel, type IamCatalogue } from '../../core/policy-engine/catalogue.js';
import type { Statement } from '../../core/policy-document.js';

/** `*` or `*:*`: every action. */
export function isEveryAction(pattern: string): boolean {
	return pattern === '*' || pattern === '*:*';
}

/** The actions a statement covers (Action expanded, or all actions minus NotAction). */
export function actionsOfStatement(catalogue: IamCatalogue, statement: Statement): string[] {
	if (statement.Action) return [...new Set(statement.Action.flatMap((p) => expandActionPattern(catalogue, p)))];
	if (statement.NotAction) {
		const excluded = new Set(statement.NotAction.flatMap((p) => expandActionPattern(catalogue, p)));
		return allActions(catalogue)
			.map((info) => info.id)
			.filter((id) => !excluded.has(id));
	}
	return [];
}

const byLevel = new WeakMap<IamCatalogue, Map<AccessLevel, Set<string>>>();

/** Every action of the catalogue at an access level (as `service:Action`), indexed once per catalogue. */
export function actionsOfLevel(catalogue: IamCatalogue, level: AccessLevel): ReadonlySet<string> {
	let index = byLevel.get(catalogue);
	if (!index) {
		index = new Map();
		for (const info of allActions(catalogue)) {
			const set = index.get(info.action.accessLevel) ?? new Set<string>();
			set.add(info.id);
			index.set(info.action.accessLevel, set);
		}
		byLevel.set(catalogue, index);
	}
	return index.get(level) ?? new Set();
}

export function actionsAtLevel(catalogue: IamCatalogue, actions: readonly string[], levels: readonly AccessLevel[]): string[] {
	const sets = levels.map((level) => actionsOfLevel(catalogue, level));
	return actions.filter((a) => sets.some((set) => set.has(a)));
}

/** The actions of a statement at the given levels, without expanding a NotAction to every action. */
export function statementActionsAtLevel(catalogue: IamCatalogue, statement: Statement, levels: readonly AccessLevel[]): string[] {
	if (statement.Action || !statement.NotAction) return actionsAtLevel(catalogue, actionsOfStatement(catalogue, statement), levels);
	const excluded = new Set(statement.NotAction.flatMap((p) => expandActionPattern(catalogue, p)));
	return levels.flatMap((level) => [...actionsOfLevel(catalogue, level)].filter((a) => !excluded.has(a)));
}

/** Actions that take specific resources: the only ones a Resource "*" is a finding for, and the only ones ever scoped. */
export function resourceScopedActions(catalogue: IamCatalogue, actions: readonly string[]): string[] {
	return actions.filter((a) => acceptsOnlyWildcardResource(catalogue, a) === false);
}

export function grantsAllResources(statement: Statement): boolean {
	return statement.Resource?.includes('*') ?? false;
}

/** "a, b, c and 4 more" */
export function listSome(items: readonly string[], max = 3): string {
	if (items.length <= max) return items.join(', ');
	return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
