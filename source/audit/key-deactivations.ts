/**
 * When iam-wizard itself deactivated each access key, read back from the change logs in a
 * directory: the time of the successful result of each `iam:UpdateAccessKey` to Inactive
 * (a later re-activation by iam-wizard clears it). Step 5's grace period before deletion
 * counts from this date. A line that does not parse is skipped here; `audit verify` is where
 * a damaged log is reported.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Action } from '../core/actions.js';
import { parseRecordLine } from './log-records.js';
import { isSessionFileName } from './session-files.js';

export function readKeyDeactivations(dir: string): Record<string, string> {
	let files: string[];
	try {
		files = readdirSync(dir).filter(isSessionFileName).sort();
	} catch {
		return {};
	}
	const out: Record<string, string> = {};
	for (const file of files) {
		let text: string;
		try {
			text = readFileSync(join(dir, file), 'utf8');
		} catch {
			continue;
		}
		const intents = new Map<number, Action>();
		for (const line of text.split('\n')) {
			if (line.trim() === '') continue;
			const parsed = parseRecordLine(line);
			if (!parsed.ok) continue;
			const record = parsed.record;
			if (record.type === 'intent') intents.set(record.seq, record.action);
			if (record.type !== 'result' || !record.ok) continue;
			const action = intents.get(record.seq);
			if (action?.kind !== 'iam:UpdateAccessKey') continue;
			const { AccessKeyId, Status } = action.params as { AccessKeyId: string; Status: string };
			if (Status === 'Inactive') out[AccessKeyId] = record.time;
			else delete out[AccessKeyId];
		}
	}
	return out;
}
