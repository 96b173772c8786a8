/** The caches step 2 leaves for later steps: generated policies by job ID, and remediation marks. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { generatedPoliciesPath, latestGeneratedPolicy, readGeneratedPolicies, saveGeneratedPolicy } from '../../source/settings/generated-policies.js';
import { markForRemediation, readRemediationMarks, remediationMarksPath, unmarkRemediation } from '../../source/settings/remediation-marks.js';
import { appPaths } from '../../source/settings/paths.js';

const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] }] };
const role = 'arn:aws:iam::123456789012:role/app';

beforeEach(() => {
	mkdirSync(appPaths().data, { recursive: true });
	writeFileSync(generatedPoliciesPath(), '[]');
	writeFileSync(remediationMarksPath(), '[]');
});

describe('generated policies', () => {
	it('are kept by job ID in the data folder, newest first, a job saved twice kept once', () => {
		expect(dirname(generatedPoliciesPath())).toBe(appPaths().data);
		saveGeneratedPolicy({ jobId: 'a', principalArn: role, document, createdAt: '2026-11-01T00:00:00Z' });
		saveGeneratedPolicy({ jobId: 'b', principalArn: role, document, createdAt: '2026-11-02T00:00:00Z', trailArn: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/t' });
		saveGeneratedPolicy({ jobId: 'a', principalArn: role, document, createdAt: '2026-11-01T00:00:00Z' });
		expect(readGeneratedPolicies().map((e) => e.jobId)).toEqual(['b', 'a']);
		expect(latestGeneratedPolicy(role)?.jobId).toBe('b');
		expect(latestGeneratedPolicy('arn:aws:iam::123456789012:role/other')).toBeUndefined();
	});

	it('reads a corrupt file as none rather than failing the wizard', () => {
		writeFileSync(generatedPoliciesPath(), '{not json');
		expect(readGeneratedPolicies()).toEqual([]);
		writeFileSync(generatedPoliciesPath(), JSON.stringify([{ jobId: 1 }]));
		expect(readGeneratedPolicies()).toEqual([]);
	});
});

describe('remediation marks', () => {
	it('keeps one mark per finding, replaced when marked again, removable', () => {
		const mark = { fingerprint: 'UNUSED_ACCESS|arn|f1', analyzerFindingId: 'f1', analyzerArn: 'arn:a', resource: 'arn', step: 5 as const, markedAt: '2026-11-27T00:00:00Z' };
		markForRemediation(mark);
		markForRemediation({ ...mark, step: 3 });
		expect(readRemediationMarks()).toEqual([{ ...mark, step: 3 }]);
		unmarkRemediation(mark.fingerprint);
		expect(readRemediationMarks()).toEqual([]);
	});
});
