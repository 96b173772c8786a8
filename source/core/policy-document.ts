/**
 * Policy documents, normalised once at the edge so that every analysis sees one shape:
 * string-or-array fields become arrays, `Principal` becomes `'*'` or a map of arrays,
 * and the input may be an object, plain JSON or URL-encoded JSON (as the IAM API returns).
 */

export type ConditionBlock = Record<string, Record<string, string[]>>;

export type PrincipalMap = {
	AWS?: string[];
	Service?: string[];
	Federated?: string[];
	CanonicalUser?: string[];
};

export interface Statement {
	Sid?: string;
	Effect: 'Allow' | 'Deny';
	Principal?: '*' | PrincipalMap;
	NotPrincipal?: '*' | PrincipalMap;
	Action?: string[];
	NotAction?: string[];
	Resource?: string[];
	NotResource?: string[];
	Condition?: ConditionBlock;
}

export interface PolicyDocument {
	Version?: string;
	Id?: string;
	Statement: Statement[];
}

export class PolicyDocumentError extends Error {
	override name = 'PolicyDocumentError';
}

const principalKeys = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;

function toStringArray(value: unknown, field: string): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return [...value];
	// AWS accepts numbers in some places (account IDs in Principal); keep them as strings.
	if (typeof value === 'number') return [String(value)];
	if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
		return value.map(String);
	}
	throw new PolicyDocumentError(`${field} must be a string or a list of strings`);
}

function normalisePrincipal(value: unknown, field: string): '*' | PrincipalMap {
	if (value === '*') return '*';
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new PolicyDocumentError(`${field} must be "*" or an object`);
	}
	const out: PrincipalMap = {};
	for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
		if (!(principalKeys as readonly string[]).includes(key)) {
			throw new PolicyDocumentError(`${field} has an unknown principal type "${key}"`);
		}
		out[key as keyof PrincipalMap] = toStringArray(v, `${field}.${key}`);
	}
	return out;
}

function normaliseCondition(value: unknown, field: string): ConditionBlock {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new PolicyDocumentError(`${field} must be an object`);
	}
	const out: ConditionBlock = {};
	for (const [operator, block] of Object.entries(value as Record<string, unknown>)) {
		if (block === null || typeof block !== 'object' || Array.isArray(block)) {
			throw new PolicyDocumentError(`${field}.${operator} must be an object`);
		}
		const keys: Record<string, string[]> = {};
		for (const [key, v] of Object.entries(block as Record<string, unknown>)) {
			const values = Array.isArray(v) ? v : [v];
			keys[key] = values.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
		}
		out[operator] = keys;
	}
	return out;
}

function normaliseStatement(raw: unknown, index: number): Statement {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
		throw new PolicyDocumentError(`Statement ${index + 1} must be an object`);
	}
	const s = raw as Record<string, unknown>;
	if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
		throw new PolicyDocumentError(`Statement ${index + 1} has Effect ${JSON.stringify(s.Effect)}, not "Allow" or "Deny"`);
	}
	const out: Statement = { Effect: s.Effect };
	if (typeof s.Sid === 'string') out.Sid = s.Sid;
	if (s.Principal !== undefined) out.Principal = normalisePrincipal(s.Principal, `Statement ${index + 1} Principal`);
	if (s.NotPrincipal !== undefined) out.NotPrincipal = normalisePrincipal(s.NotPrincipal, `Statement ${index + 1} NotPrincipal`);
	for (const field of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
		if (s[field] !== undefined) out[field] = toStringArray(s[field], `Statement ${index + 1} ${field}`);
	}
	if (s.Condition !== undefined) out.Condition = normaliseCondition(s.Condition, `Statement ${index + 1} Condition`);
	return out;
}

/** Decodes a document given as an object, plain JSON or URL-encoded JSON. */
export function parsePolicyInput(input: unknown): unknown {
	if (typeof input !== 'string') return input;
	const text = input.trim();
	if (text.startsWith('{')) return JSON.parse(text) as unknown;
	let decoded: string;
	try {
		decoded = decodeURIComponent(text);
	} catch {
		throw new PolicyDocumentError('the policy document is neither JSON nor URL-encoded JSON');
	}
	try {
		return JSON.parse(decoded) as unknown;
	} catch {
		throw new PolicyDocumentError('the policy document is not valid JSON');
	}
}

/** Normalises a policy document; throws PolicyDocumentError naming what is wrong. */
export function normalisePolicyDocument(input: unknown): PolicyDocument {
	let raw: unknown;
	try {
		raw = parsePolicyInput(input);
	} catch (error) {
		if (error instanceof PolicyDocumentError) throw error;
		throw new PolicyDocumentError('the policy document is not valid JSON');
	}
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
		throw new PolicyDocumentError('the policy document must be a JSON object');
	}
	const doc = raw as Record<string, unknown>;
	const statements = doc.Statement === undefined ? [] : Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
	const out: PolicyDocument = { Statement: statements.map(normaliseStatement) };
	if (typeof doc.Version === 'string') out.Version = doc.Version;
	if (typeof doc.Id === 'string') out.Id = doc.Id;
	return out;
}

/** The JSON AWS takes for a document, with keys in AWS's usual order. */
export function policyDocumentToJson(doc: PolicyDocument, indent = 0): string {
	return JSON.stringify(
		{ Version: doc.Version ?? '2012-10-17', ...(doc.Id ? { Id: doc.Id } : {}), Statement: doc.Statement },
		null,
		indent || undefined,
	);
}
