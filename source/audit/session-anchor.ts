/**
 * A session's anchor: its file name, the hash of its header, the hash of its seal and its
 * record count, written down somewhere the machine cannot rewrite (the change ticket, an S3
 * bucket with Object Lock). The files alone cannot show that the newest sessions were
 * removed; checked against anchors, a removed or shortened session is named.
 */

export interface SessionAnchor {
	file: string;
	headerHash: string;
	sealHash: string;
	/** Records in the session, the seal included. */
	records: number;
}

const anchorPattern = /iam-wizard anchor: (\S+\.jsonl) header ([0-9a-f]{64}) seal ([0-9a-f]{64}) records (\d+)/g;

/** The one line apply and the wizard print last, for the change ticket. */
export function anchorLine(anchor: SessionAnchor): string {
	return `iam-wizard anchor: ${anchor.file} header ${anchor.headerHash} seal ${anchor.sealHash} records ${anchor.records}`;
}

/** Every anchor line in a text (a ticket export, a saved terminal, a file of anchors), in order. */
export function parseAnchors(text: string): SessionAnchor[] {
	return [...text.matchAll(anchorPattern)].map((m) => ({ file: m[1], headerHash: m[2], sealHash: m[3], records: Number(m[4]) }));
}
