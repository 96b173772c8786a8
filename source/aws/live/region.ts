/**
 * Which region the live gateway talks to, and whether it is a region at all. A typo in
 * --region would otherwise surface as an unreachable endpoint after a long wait, so names
 * are checked against the partition data the SDK itself ships (@aws-sdk/core), not a list
 * of ours that would go stale.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { partition } from '@aws-sdk/core/client';
import { loadConfig, NODE_REGION_CONFIG_FILE_OPTIONS, NODE_REGION_CONFIG_OPTIONS } from '@smithy/core/config';
import { editDistance } from '../../core/edit-distance.js';
import { GatewayError } from '../../core/gateway-error.js';

interface PartitionData {
	id: string;
	regionRegex: string;
	regions: Record<string, unknown>;
}

/** Where @aws-sdk/core keeps its partitions.json (as an ES module); read as data, not imported. */
const partitionsFile = 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js';

let cachedPartitions: PartitionData[] | null | undefined;

// The bundled CLI (scripts/build.mjs) carries the partition text in this constant, as it
// ships without the SDK's files; run from source, the file is read where the SDK keeps it.
declare const IAM_WIZARD_SDK_PARTITIONS: string | undefined;

function partitionsText(): string {
	if (typeof IAM_WIZARD_SDK_PARTITIONS === 'string') return IAM_WIZARD_SDK_PARTITIONS;
	const require = createRequire(import.meta.url);
	return readFileSync(join(dirname(require.resolve('@aws-sdk/core/package.json')), partitionsFile), 'utf8');
}

/** The SDK's partitions, or null when this SDK build does not have the file where we look. */
function loadPartitions(): PartitionData[] | null {
	if (cachedPartitions !== undefined) return cachedPartitions;
	try {
		const text = partitionsText();
		const data = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as { partitions?: PartitionData[] };
		cachedPartitions = Array.isArray(data.partitions) ? data.partitions : null;
	} catch {
		cachedPartitions = null;
	}
	return cachedPartitions;
}

/** Real regions end in a number; the data also lists pseudo-regions such as aws-global. */
function listedRegions(partitions: PartitionData[]): string[] {
	return partitions.flatMap((p) => Object.keys(p.regions)).filter((name) => /-\d+$/.test(name));
}

function closestRegion(region: string, candidates: string[]): string | undefined {
	let best: { name: string; distance: number } | undefined;
	for (const name of candidates) {
		const distance = editDistance(region, name);
		if (!best || distance < best.distance) best = { name, distance };
	}
	return best && best.distance <= Math.max(2, Math.floor(region.length / 3)) ? best.name : undefined;
}

/**
 * A region not in the data may be one AWS opened after this SDK was built: accepted when it
 * matches a partition's pattern and is made of words known regions use ("eu-south-3"),
 * refused when a word is unknown ("eu-wst-1" is a typo, though it matches the pattern).
 */
function plausibleNewRegion(region: string, partitions: PartitionData[]): boolean {
	if (!partitions.some((p) => new RegExp(p.regionRegex).test(region))) return false;
	const words = new Set(listedRegions(partitions).flatMap((name) => name.split('-')));
	return region
		.split('-')
		.filter((part) => !/^\d+$/.test(part))
		.every((part) => words.has(part));
}

/** Throws GatewayError('InvalidRegion') for a name that is not an AWS region. */
export function assertKnownRegion(region: string): void {
	const name = region.trim();
	// partition() is the SDK's own lookup: a listed region comes back with its description.
	if (name !== '' && (partition(name) as { description?: string }).description !== undefined) return;
	const partitions = loadPartitions();
	if (partitions === null) return;
	if (name !== '' && plausibleNewRegion(name, partitions)) return;
	const suggestion = closestRegion(name, listedRegions(partitions));
	const hint = suggestion ? ` (did you mean ${suggestion}?)` : ': pass --region with a region such as us-east-1';
	throw new GatewayError('InvalidRegion', `${JSON.stringify(region)} is not an AWS region the SDK knows${hint}`);
}

/**
 * The region to use: --region, else what the SDK's region loader finds (AWS_REGION, then
 * the profile's `region`), else AWS_DEFAULT_REGION, which the AWS CLI honours and people
 * coming from it have set. Instance metadata is not asked: off EC2 it only costs a timeout.
 */
export async function resolveRegion(explicit: string | undefined, profile: string | undefined): Promise<string> {
	if (explicit) return explicit;
	const load = loadConfig<string | undefined>(
		{ ...NODE_REGION_CONFIG_OPTIONS, default: () => undefined },
		{ ...NODE_REGION_CONFIG_FILE_OPTIONS, ...(profile ? { profile } : {}) },
	);
	const found = (await load()) ?? process.env.AWS_DEFAULT_REGION;
	if (!found) {
		throw new GatewayError('NoRegion', 'No AWS region is set: pass --region or set AWS_REGION (or a region in the AWS profile).');
	}
	return found;
}
