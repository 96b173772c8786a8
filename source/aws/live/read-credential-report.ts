/**
 * The IAM credential report: ask IAM to generate it, poll with backoff until it is ready,
 * download and parse it with the shared parser. IAM reuses a report younger than four
 * hours, so on most runs the first GenerateCredentialReport already answers COMPLETE.
 */
import { GenerateCredentialReportCommand, GetCredentialReportCommand } from '@aws-sdk/client-iam';
import { CredentialReportError, parseCredentialReportCsv } from '../credential-report-csv.js';
import { GatewayError } from '../../core/gateway-error.js';
import type { CredentialReport } from '../../core/model.js';
import type { AwsCaller } from './aws-caller.js';

export interface CredentialReportPolling {
	/** Give up after this long (default 60 s). */
	timeoutMs: number;
	/** First wait between polls; doubles up to maxPollMs. */
	firstPollMs: number;
	maxPollMs: number;
	onProgress?: (message: string) => void;
	/** True once the rest of the scan has failed: stop polling for a report nobody will read. */
	shouldStop?: () => boolean;
}

export const defaultCredentialReportPolling: CredentialReportPolling = { timeoutMs: 60_000, firstPollMs: 500, maxPollMs: 5_000 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitUntilGenerated(caller: AwsCaller, polling: CredentialReportPolling): Promise<void> {
	const started = Date.now();
	let wait = polling.firstPollMs;
	polling.onProgress?.('Generating the IAM credential report');
	for (;;) {
		const { State } = await caller.send('iam', new GenerateCredentialReportCommand({}));
		if (State === 'COMPLETE') return;
		const elapsed = Date.now() - started;
		if (elapsed >= polling.timeoutMs) {
			const waited = polling.timeoutMs >= 1000 ? `${Math.round(polling.timeoutMs / 1000)} s` : `${polling.timeoutMs} ms`;
			throw new GatewayError(
				'Timeout',
				`The IAM credential report was still ${State ?? 'not ready'} after ${waited}: try again in a minute (IAM keeps a generated report for four hours).`,
				{ operation: 'iam:GenerateCredentialReport' },
			);
		}
		polling.onProgress?.(`Waiting for the IAM credential report (${State ?? 'STARTED'})`);
		await sleep(Math.min(wait, polling.timeoutMs - elapsed));
		if (polling.shouldStop?.()) {
			throw new GatewayError('Cancelled', 'Stopped waiting for the IAM credential report because the scan failed.', { operation: 'iam:GenerateCredentialReport' });
		}
		wait = Math.min(wait * 2, polling.maxPollMs);
	}
}

function decode(content: Uint8Array | string | undefined): string {
	if (content === undefined) return '';
	return typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content);
}

export async function readCredentialReport(caller: AwsCaller, polling: CredentialReportPolling): Promise<CredentialReport> {
	await waitUntilGenerated(caller, polling);
	polling.onProgress?.('Reading the IAM credential report');
	const output = await caller.send('iam', new GetCredentialReportCommand({}));
	const generatedAt = output.GeneratedTime ? new Date(output.GeneratedTime).toISOString() : new Date().toISOString();
	try {
		return parseCredentialReportCsv(decode(output.Content), generatedAt);
	} catch (error) {
		if (error instanceof CredentialReportError) {
			throw new GatewayError('InvalidResponse', `${error.message.replace(/\.$/, '')}.`, { operation: 'iam:GetCredentialReport', cause: error });
		}
		throw error;
	}
}
