/**
 * Loads the ACTIVE findings of the active analyzers a page at a time, in the background:
 * the screen shows what has arrived while the rest loads, so thousands of findings never
 * hold it up. Without the gateway call (a snapshot), the model's findings are all there is.
 */
import { assign, fromCallback, setup } from 'xstate';
import type { AwsGateway } from '../../aws/gateway.js';
import type { Analyzer, AnalyzerFinding } from '../../core/model.js';

export interface FindingsLoaderInput {
	gateway: AwsGateway;
	analyzers: Analyzer[];
	/** What readAccount already holds, used when the gateway cannot list. */
	fallback: AnalyzerFinding[];
	pageSize?: number;
}

type PageEvent = { type: 'PAGE'; findings: AnalyzerFinding[] } | { type: 'LOADED' } | { type: 'FAILED'; message: string };

export const pageReader = fromCallback<PageEvent, FindingsLoaderInput>(({ input, sendBack }) => {
	let live = true;
	const send = (event: PageEvent) => {
		if (live) sendBack(event);
	};
	const list = input.gateway.listAnalyzerFindings?.bind(input.gateway);
	(async () => {
		if (!list) {
			send({ type: 'PAGE', findings: input.fallback });
			send({ type: 'LOADED' });
			return;
		}
		for (const analyzer of input.analyzers) {
			let token: string | undefined;
			do {
				const external = analyzer.type === 'ACCOUNT' || analyzer.type === 'ORGANIZATION';
				const page = await list(analyzer.arn, { status: 'ACTIVE', external, maxResults: input.pageSize ?? 100, ...(token ? { nextToken: token } : {}) });
				if (!live) return;
				send({ type: 'PAGE', findings: page.findings });
				token = page.nextToken;
			} while (token);
		}
		send({ type: 'LOADED' });
	})().catch((error: unknown) => send({ type: 'FAILED', message: error instanceof Error ? error.message : String(error) }));
	return () => {
		live = false;
	};
});

export function createFindingsLoader() {
	return setup({
		types: { input: {} as FindingsLoaderInput, context: {} as { input: FindingsLoaderInput; findings: AnalyzerFinding[]; pages: number; error: string | null }, events: {} as PageEvent },
		actors: { pageReader },
	}).createMachine({
		id: 'analyzerFindings',
		context: ({ input }) => ({ input, findings: [], pages: 0, error: null }),
		initial: 'loading',
		states: {
			loading: {
				invoke: { src: 'pageReader', input: ({ context }) => context.input },
				on: {
					PAGE: { actions: assign({ findings: ({ context, event }) => [...context.findings, ...event.findings], pages: ({ context }) => context.pages + 1 }) },
					LOADED: 'loaded',
					FAILED: { target: 'failed', actions: assign({ error: ({ event }) => event.message }) },
				},
			},
			loaded: {},
			failed: {},
		},
	});
}

export type FindingsRow = { kind: 'resource'; resource: string; resourceType: string; count: number } | { kind: 'finding'; finding: AnalyzerFinding };

/** Findings grouped by resource (resources in ARN order), a header row before each group. */
export function groupByResource(findings: readonly AnalyzerFinding[]): FindingsRow[] {
	const groups = new Map<string, AnalyzerFinding[]>();
	for (const finding of findings) {
		const list = groups.get(finding.resource);
		if (list) list.push(finding);
		else groups.set(finding.resource, [finding]);
	}
	const rows: FindingsRow[] = [];
	for (const resource of [...groups.keys()].sort()) {
		const list = groups.get(resource)!;
		rows.push({ kind: 'resource', resource, resourceType: list[0]!.resourceType, count: list.length });
		for (const finding of list) rows.push({ kind: 'finding', finding });
	}
	return rows;
}
