/**
 * Opens a snapshot: the JSON `aws iam get-account-authorization-details` prints, given as
 * the file or as a folder holding it (and optionally a credential report .csv), as a
 * read-only AwsGateway. All input problems surface here, as GatewayError BadSnapshot.
 */
import type { AwsGateway } from '../gateway.js';
import { buildSnapshotModel, type SnapshotClock } from './build-snapshot-model.js';
import { readSnapshotFiles } from './read-snapshot-files.js';
import { createSnapshotGateway } from './snapshot-gateway.js';

export type LoadSnapshotOptions = SnapshotClock;

export async function loadSnapshot(path: string, options: LoadSnapshotOptions): Promise<AwsGateway> {
	const files = await readSnapshotFiles(path);
	let builds = 0;
	// Built again from a copy of the parsed file for every read after the first: nothing a caller did to an earlier model reaches it.
	const build = () => buildSnapshotModel(builds++ === 0 ? files : { ...files, details: { ...files.details, value: structuredClone(files.details.value) } }, options);
	return createSnapshotGateway(build, `snapshot ${path}`);
}
