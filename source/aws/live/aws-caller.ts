/**
 * Every SDK call of the live gateway goes through `AwsCaller.send`: it names the call
 * ("iam:ListAccessKeys"), counts it (the inventory benchmark reads the counts), writes one
 * debug line without parameters (they can hold policy documents), and turns failures into
 * GatewayErrors. Pagination helpers live here so readers never loop on tokens themselves.
 */
import type { Command } from '@smithy/core/client';
import { toGatewayError } from './errors.js';
import { servicePrefix, type AwsClients, type ServiceKey } from './clients.js';

// The SDK's Command type: input, output, resolved config of the client it runs on.
export type SdkCommand<Output> = Command<any, Output & object, any>;

interface MetadataBearer {
	$metadata?: { requestId?: string; attempts?: number };
}

export class AwsCaller {
	private readonly counts = new Map<string, number>();

	constructor(
		readonly clients: AwsClients,
		private readonly debug?: (line: string) => void,
	) {}

	/**
	 * "iam:GetAccountAuthorizationDetails" for a GetAccountAuthorizationDetailsCommand sent to
	 * IAM. The bundler renames classes whose names collide across clients with a number
	 * (AssumeRoleCommand2): the number goes with the suffix.
	 */
	static operationName(service: ServiceKey, command: object): string {
		return `${servicePrefix[service]}:${command.constructor.name.replace(/Command\d*$/, '')}`;
	}

	async send<Output>(service: ServiceKey, command: SdkCommand<Output>): Promise<Output> {
		const operation = AwsCaller.operationName(service, command);
		this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
		const started = Date.now();
		const client = this.clients[service] as unknown as { send(command: unknown): Promise<Output> };
		try {
			const output = await client.send(command);
			const meta = (output as MetadataBearer | undefined)?.$metadata;
			this.debug?.(`${operation} ok in ${Date.now() - started} ms${meta?.attempts && meta.attempts > 1 ? ` (${meta.attempts} attempts)` : ''}${meta?.requestId ? ` request ${meta.requestId}` : ''}`);
			return output;
		} catch (error) {
			const failure = toGatewayError(error, operation);
			this.debug?.(`${operation} failed in ${Date.now() - started} ms: ${failure.code}${failure.requestId ? ` request ${failure.requestId}` : ''}`);
			throw failure;
		}
	}

	/**
	 * Sends `makeCommand(token)` until the answer has no next token, and returns every page.
	 * `nextToken` reads the token from a page (NextToken, Marker when IsTruncated, nextToken).
	 */
	async pages<Output>(
		service: ServiceKey,
		makeCommand: (token: string | undefined) => SdkCommand<Output>,
		nextToken: (page: Output) => string | undefined,
		onPage?: (pageNumber: number) => void,
	): Promise<Output[]> {
		const pages: Output[] = [];
		let token: string | undefined;
		const seen = new Set<string>();
		do {
			onPage?.(pages.length + 1);
			const page = await this.send(service, makeCommand(token));
			pages.push(page);
			token = nextToken(page);
			// A token AWS already gave would loop for ever: an endpoint bug, not more data.
			if (token !== undefined && seen.has(token)) break;
			if (token !== undefined) seen.add(token);
		} while (token);
		return pages;
	}

	/** Operation → number of calls made so far. */
	callCounts(): Record<string, number> {
		return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
	}
}

/** The request ID of an SDK answer, for ApplyResult and the change log. */
export function requestIdOf(output: unknown): string | undefined {
	return (output as MetadataBearer | undefined)?.$metadata?.requestId;
}
