/**
 * The end of an apply or wizard session: its anchor kept in the Object Lock bucket when
 * --anchors s3://… (or the `anchors` setting) names one, and the anchor line printed last,
 * for the change ticket, either way. An anchor S3 would not take is said on stderr: the
 * printed line is then the only copy outside the machine.
 */
import { anchorLine } from '../audit/session-anchor.js';
import type { ChangeLogSession } from './change-log-session.js';
import type { CommandIo } from './command-io.js';
import { anchorWrittenLine, openAnchorBucket, parseS3Anchors, type AnchorBucket } from './s3-anchors.js';
import type { AwsGateway } from '../aws/gateway.js';
import { UsageError } from './command-io.js';

/** The bucket `--anchors` or the settings name, checked for Object Lock before anything is applied. */
export async function anchorBucketFor(given: string | undefined, gateway: AwsGateway): Promise<AnchorBucket | undefined> {
	if (given === undefined) return undefined;
	if (!given.startsWith('s3://')) throw new UsageError(`--anchors ${given}: apply and the wizard keep anchors in an S3 bucket with Object Lock (s3://BUCKET/PREFIX); the anchor line they print last is for a file or the change ticket.`);
	return openAnchorBucket(gateway, parseS3Anchors(given));
}

/** After the session is closed: keep its anchor in the bucket, then print the anchor line last. */
export async function finishSessionAnchor(session: ChangeLogSession, bucket: AnchorBucket | undefined, io: CommandIo): Promise<void> {
	const anchor = await session.anchor();
	if (!anchor) return;
	const line = anchorLine(anchor);
	if (bucket) {
		try {
			io.stdout(`${anchorWrittenLine(bucket.target, await bucket.write(anchor, line, io.now()))}\n`);
		} catch (error) {
			const why = error instanceof Error ? error.message : String(error);
			io.stderr(`iam-wizard: the session's anchor was not kept in ${bucket.target.url}: ${why.replace(/\.$/, '')}. Keep the anchor line below in the change ticket.\n`);
		}
	}
	// Last line: the session's anchor, to keep in the change ticket (verify --anchors checks the log against it).
	io.stdout(`${line}\n`);
}
