/** What a last-accessed report shows as used: actions where IAM tracks them, else the service. */
import { expect, it } from 'vitest';
import { usedFromReport } from '../../source/core/last-accessed.js';

it('lists the used actions with their prefix, sorted, and the services used without action detail', () => {
	const report = {
		principalArn: 'arn:aws:iam::123456789012:role/app',
		generatedAt: '2026-12-01T00:00:00Z',
		services: [
			{ namespace: 's3', name: 'Amazon S3', lastAuthenticated: '2026-11-30T00:00:00Z', actions: [{ name: 'PutObject', lastAccessed: '2026-11-30T00:00:00Z' }, { name: 'DeleteObject' }, { name: 'GetObject', lastAccessed: '2026-11-01T00:00:00Z' }] },
			{ namespace: 'sqs', name: 'Amazon SQS', lastAuthenticated: '2026-11-20T00:00:00Z' },
			{ namespace: 'ec2', name: 'Amazon EC2', actions: [{ name: 'RunInstances', lastAccessed: '2026-11-30T00:00:00Z' }] },
			{ namespace: 'dynamodb', name: 'DynamoDB' },
			{ namespace: 'kms', name: 'AWS KMS', lastAuthenticated: '2026-11-20T00:00:00Z' },
			{ namespace: 'iam', name: 'IAM', lastAuthenticated: '2026-11-20T00:00:00Z', actions: [] },
		],
	};
	expect(usedFromReport(report)).toEqual({ actions: ['s3:GetObject', 's3:PutObject'], servicesWithoutDetail: ['kms', 'sqs'] });
	expect(usedFromReport({ ...report, services: [] })).toEqual({ actions: [], servicesWithoutDetail: [] });
});
