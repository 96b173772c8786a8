/**
 * IAM Access Analyzer analyzers of the region, of every type (external and unused access,
 * account and organization): one paginated ListAnalyzers without a type filter.
 */
import { ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import type { Analyzer, AnalyzerType } from '../../core/model.js';
import type { AwsCaller } from './aws-caller.js';

const modelTypes = new Set<string>(['ACCOUNT', 'ORGANIZATION', 'ACCOUNT_UNUSED_ACCESS', 'ORGANIZATION_UNUSED_ACCESS']);
const statuses = new Set<string>(['ACTIVE', 'CREATING', 'DISABLED', 'FAILED']);

export async function readAnalyzers(caller: AwsCaller): Promise<Analyzer[]> {
	const pages = await caller.pages(
		'accessAnalyzer',
		(token) => new ListAnalyzersCommand(token ? { nextToken: token } : {}),
		(page) => page.nextToken,
	);
	return pages.flatMap((page) =>
		(page.analyzers ?? []).flatMap((summary): Analyzer[] => {
			// Internal-access analyzers answer questions iam-wizard does not ask.
			if (!summary.arn || !summary.name || !summary.type || !modelTypes.has(summary.type)) return [];
			const analyzer: Analyzer = {
				arn: summary.arn,
				name: summary.name,
				type: summary.type as AnalyzerType,
				status: (summary.status && statuses.has(summary.status) ? summary.status : 'FAILED') as Analyzer['status'],
				createdAt: summary.createdAt ? new Date(summary.createdAt).toISOString() : '',
			};
			const unused = (summary.configuration as { unusedAccess?: { unusedAccessAge?: number } } | undefined)?.unusedAccess;
			if (unused?.unusedAccessAge !== undefined) analyzer.unusedAccessAge = unused.unusedAccessAge;
			return [analyzer];
		}),
	);
}
