/**
 * A policy document compiled once for fast questions: its statements indexed by service
 * prefix, action patterns turned into matchers, and per action the statements that name it
 * memoised. Compiled documents are cached by document object, so the thousands of
 * principals sharing one managed policy share one compilation.
 */
import type { ConditionBlock, PolicyDocument, Statement } from '../policy-document.js';
import { evaluateCondition, type RequestContext, type Tristate } from './condition-eval.js';
import { resourcePatternMatches, wildcardToRegExp } from './wildcard.js';

type ActionMatcher = (actionLower: string) => boolean;

export interface CompiledStatement {
	statement: Statement;
	/** Position in the document, from 0. */
	index: number;
	sid?: string;
	effect: 'Allow' | 'Deny';
	matchesAction: ActionMatcher;
	/** Resource or NotResource patterns; absent Resource means "*" (as in SCPs). */
	resources?: string[];
	notResources?: string[];
	condition?: ConditionBlock;
}

export interface CompiledDocument {
	document: PolicyDocument;
	statements: CompiledStatement[];
	/** Statements whose Action names one service prefix exactly (`iam:Pass*` is under `iam`). */
	byService: Map<string, CompiledStatement[]>;
	/** Statements that may match any service: `*`, `*:Get*`, NotAction. */
	anyService: CompiledStatement[];
	actionMemo: Map<string, CompiledStatement[]>;
}

function patternMatcher(pattern: string): ActionMatcher {
	if (pattern === '*') return () => true;
	if (!pattern.includes('*') && !pattern.includes('?')) {
		const lower = pattern.toLowerCase();
		return (a) => a === lower;
	}
	const regex = wildcardToRegExp(pattern, true);
	return (a) => regex.test(a);
}

function anyOf(patterns: string[]): ActionMatcher {
	const matchers = patterns.map(patternMatcher);
	if (matchers.length === 1) return matchers[0]!;
	return (a) => matchers.some((m) => m(a));
}

function serviceOf(pattern: string): string | undefined {
	const colon = pattern.indexOf(':');
	if (colon < 0) return undefined;
	const service = pattern.slice(0, colon);
	return /[*?]/.test(service) ? undefined : service.toLowerCase();
}

function compileStatement(statement: Statement, index: number): CompiledStatement {
	let matchesAction: ActionMatcher;
	if (statement.NotAction) {
		const inner = anyOf(statement.NotAction);
		matchesAction = (a) => !inner(a);
	} else {
		matchesAction = anyOf(statement.Action ?? []);
	}
	return {
		statement,
		index,
		...(statement.Sid ? { sid: statement.Sid } : {}),
		effect: statement.Effect,
		matchesAction,
		...(statement.Resource ? { resources: statement.Resource } : {}),
		...(statement.NotResource ? { notResources: statement.NotResource } : {}),
		...(statement.Condition ? { condition: statement.Condition } : {}),
	};
}

const compiled = new WeakMap<PolicyDocument, CompiledDocument>();

export function compileDocument(document: PolicyDocument): CompiledDocument {
	const hit = compiled.get(document);
	if (hit) return hit;
	const statements = document.Statement.map(compileStatement);
	const byService = new Map<string, CompiledStatement[]>();
	const anyService: CompiledStatement[] = [];
	for (const s of statements) {
		const services = s.statement.NotAction ? undefined : (s.statement.Action ?? []).map(serviceOf);
		if (!services || services.some((x) => x === undefined)) {
			anyService.push(s);
			continue;
		}
		for (const service of new Set(services as string[])) {
			const list = byService.get(service) ?? [];
			list.push(s);
			byService.set(service, list);
		}
	}
	const out: CompiledDocument = { document, statements, byService, anyService, actionMemo: new Map() };
	compiled.set(document, out);
	return out;
}

/** The statements of a document whose Action (or NotAction) covers the action, in document order. */
export function statementsForAction(doc: CompiledDocument, action: string): CompiledStatement[] {
	// Keyed by the action as given: callers repeat the same spelling, so no lower-casing per call.
	let hit = doc.actionMemo.get(action);
	if (hit) return hit;
	const lower = action.toLowerCase();
	const service = lower.slice(0, lower.indexOf(':'));
	const own = doc.byService.get(service);
	if (!own && doc.anyService.length === 0) hit = none;
	else {
		// Each list is in document order: only a merge of both needs sorting.
		const candidates = !own ? doc.anyService : doc.anyService.length === 0 ? own : [...own, ...doc.anyService].sort((a, b) => a.index - b.index);
		hit = candidates.filter((s) => s.matchesAction(lower));
		if (hit.length === 0) hit = none;
	}
	doc.actionMemo.set(action, hit);
	return hit;
}

/** The answer for a document with no statement on the action, shared (callers never change the lists). */
const none: CompiledStatement[] = [];

/** Whether the statement's Resource (or NotResource) covers the resource ARN, policy variables resolved. */
export function statementCoversResource(s: CompiledStatement, resource: string, context: RequestContext): boolean {
	const variables = context.variables ?? {};
	if (s.notResources) return !s.notResources.some((p) => resourcePatternMatches(p, resource, variables));
	if (!s.resources) return true;
	return s.resources.some((p) => resourcePatternMatches(p, resource, variables));
}

/** Whether the statement applies to the request: 'true', 'false', or 'unknown' when it depends on a condition not known. */
export function statementApplies(s: CompiledStatement, resource: string, context: RequestContext): Tristate {
	if (!statementCoversResource(s, resource, context)) return 'false';
	return s.condition ? evaluateCondition(s.condition, context) : 'true';
}
