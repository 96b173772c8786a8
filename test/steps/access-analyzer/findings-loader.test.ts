/** The analyzer findings loader: pages arrive one by one (thousands never wait for the last), grouped by resource. */
import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import type { AwsGateway } from '../../../source/aws/gateway.js';
import type { Analyzer, AnalyzerFinding } from '../../../source/core/model.js';
import { createFindingsLoader, groupByResource } from '../../../source/steps/access-analyzer/findings-loader.js';

const analyzer: Analyzer = { arn: 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/ext', name: 'ext', type: 'ACCOUNT', status: 'ACTIVE', createdAt: '2026-01-01T00:00:00Z' };

function finding(n: number): AnalyzerFinding {
	return { id: `f${n}`, analyzerArn: analyzer.arn, findingType: 'ExternalAccess', resource: `arn:aws:s3:::bucket-${String(n % 250).padStart(3, '0')}`, resourceType: 'AWS::S3::Bucket', status: 'ACTIVE', createdAt: '', updatedAt: '' };
}

/** A gateway with `total` findings in pages of 100; each page waits until the test releases it. */
function pagedGateway(total: number) {
	const all = Array.from({ length: total }, (_, i) => finding(i));
	const requests: { token?: string; status?: string }[] = [];
	let release: (() => void) | undefined;
	const gateway = {
		listAnalyzerFindings: async (_arn: string, options: { nextToken?: string; status?: string } = {}) => {
			requests.push({ token: options.nextToken, status: options.status });
			await new Promise<void>((resolve) => (release = resolve));
			const start = Number(options.nextToken ?? 0);
			return { findings: all.slice(start, start + 100), ...(start + 100 < total ? { nextToken: String(start + 100) } : {}) };
		},
	} as unknown as AwsGateway;
	return { gateway, requests, next: () => release?.() };
}

describe('findings loader', () => {
	it('shows each page as it arrives and ends with every finding', async () => {
		const { gateway, requests, next } = pagedGateway(10_000);
		const loader = createActor(createFindingsLoader(), { input: { gateway, analyzers: [analyzer], fallback: [] } }).start();
		await waitFor(loader, () => requests.length === 1);
		next();
		const first = await waitFor(loader, (s) => s.context.pages === 1);
		expect(first.value).toBe('loading');
		expect(first.context.findings).toHaveLength(100);
		while (loader.getSnapshot().value === 'loading') {
			const pages = loader.getSnapshot().context.pages;
			await waitFor(loader, () => requests.length === pages + 1);
			next();
			await waitFor(loader, (s) => s.context.pages === pages + 1 || s.value !== 'loading');
		}
		expect(loader.getSnapshot().value).toBe('loaded');
		expect(loader.getSnapshot().context.findings).toHaveLength(10_000);
		expect(requests.every((r) => r.status === 'ACTIVE')).toBe(true);
		expect(groupByResource(loader.getSnapshot().context.findings).filter((r) => r.kind === 'resource')).toHaveLength(250);
	});

	it('uses the findings already read when the gateway cannot list them (a snapshot)', async () => {
		const loader = createActor(createFindingsLoader(), { input: { gateway: {} as AwsGateway, analyzers: [analyzer], fallback: [finding(1)] } }).start();
		const done = await waitFor(loader, (s) => s.value === 'loaded');
		expect(done.context.findings.map((f) => f.id)).toEqual(['f1']);
	});

	it('groups by resource in ARN order, a header before each group', () => {
		const rows = groupByResource([finding(2), finding(1), finding(251)]);
		expect(rows.map((r) => (r.kind === 'resource' ? `${r.resource} ${r.count}` : `  ${r.finding.id}`))).toEqual(['arn:aws:s3:::bucket-001 2', '  f1', '  f251', 'arn:aws:s3:::bucket-002 1', '  f2']);
	});
});
