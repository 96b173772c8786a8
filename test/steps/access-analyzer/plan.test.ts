/** Step 2's plan from the account model alone: analyzer presence, analyzer findings, trust findings and default actions. */
import { describe, expect, it } from 'vitest';
import type { Analyzer, AnalyzerFinding } from '../../../source/core/model.js';
import { normalisePolicyDocument } from '../../../source/core/policy-document.js';
import { planAccessAnalyzer } from '../../../source/steps/access-analyzer/plan.js';
import { buildModel, buildRole, planContext, testAccountId } from '../../helpers/model-builder.js';

const analyzer = (name: string, type: Analyzer['type'], status: Analyzer['status'] = 'ACTIVE'): Analyzer => ({ arn: `arn:aws:access-analyzer:us-east-1:${testAccountId}:analyzer/${name}`, name, type, status, createdAt: '2026-01-01T00:00:00Z' });
const finding = (id: string, analyzerArn: string, findingType: string, status: AnalyzerFinding['status'] = 'ACTIVE'): AnalyzerFinding => ({
	id,
	analyzerArn,
	findingType,
	resource: `arn:aws:s3:::bucket-${id}`,
	resourceType: 'AWS::S3::Bucket',
	status,
	createdAt: '2026-10-01T00:00:00Z',
	updatedAt: '2026-10-01T00:00:00Z',
	...(findingType === 'ExternalAccess' ? { principal: { AWS: '444455556666' }, action: ['s3:GetObject'], isPublic: false } : { detail: { lastAccessed: '2026-01-01T00:00:00Z' } }),
});
const context = planContext('2026-12-01T00:00:00Z');

describe('planAccessAnalyzer', () => {
	it('reports ANALYZER_MISSING when only an unused-access or a disabled analyzer exists, and proposes an ACCOUNT analyzer outside an organization', () => {
		const model = buildModel({ analyzers: [analyzer('unused', 'ACCOUNT_UNUSED_ACCESS'), analyzer('old', 'ACCOUNT', 'DISABLED')], analyzerFindings: [], organization: null });
		const plan = planAccessAnalyzer(model, context);
		expect(plan.findings.map((f) => [f.id, f.resource])).toEqual([['ANALYZER_MISSING', `arn:aws:iam::${testAccountId}:root`]]);
		expect(plan.actions.map((a) => [a.kind, a.params])).toEqual([['access-analyzer:CreateAnalyzer', { analyzerName: 'iam-wizard-external-access', type: 'ACCOUNT' }]]);
		expect(plan.actions[0]!.findingIds).toEqual([plan.findings[0]!.fingerprint]);
	});

	it('proposes an ORGANIZATION analyzer to the management account or a delegated administrator', () => {
		const org = { id: 'o-a1b2c3d4e5', arn: 'arn', featureSet: 'ALL' as const, managementAccountId: '999999999999', callerIsManagementAccount: false, roots: [] };
		const member = planAccessAnalyzer(buildModel({ analyzers: [], organization: org }), context);
		expect(member.actions[0]!.params).toMatchObject({ type: 'ACCOUNT' });
		const delegated = planAccessAnalyzer(buildModel({ analyzers: [], organization: { ...org, callerIsDelegatedAdmin: true } }), context);
		expect(delegated.actions[0]!.params).toMatchObject({ type: 'ORGANIZATION' });
		const management = planAccessAnalyzer(buildModel({ analyzers: [], organization: { ...org, callerIsManagementAccount: true } }), context);
		expect(management.actions[0]!.params).toMatchObject({ type: 'ORGANIZATION' });
	});

	it('turns the active findings of active analyzers into EXTERNAL_ACCESS and UNUSED_ACCESS, leaving archived ones out', () => {
		const ext = analyzer('ext', 'ACCOUNT');
		const unused = analyzer('unused', 'ACCOUNT_UNUSED_ACCESS');
		const model = buildModel({
			analyzers: [ext, unused],
			analyzerFindings: [finding('a', ext.arn, 'ExternalAccess'), finding('b', ext.arn, 'ExternalAccess', 'ARCHIVED'), finding('c', unused.arn, 'UnusedIAMRole')],
		});
		const plan = planAccessAnalyzer(model, context);
		expect(plan.findings.map((f) => [f.id, f.resource, f.fingerprint, f.detail])).toEqual([
			['EXTERNAL_ACCESS', 'arn:aws:s3:::bucket-a', 'EXTERNAL_ACCESS|arn:aws:s3:::bucket-a|a', '444455556666 can s3:GetObject'],
			['UNUSED_ACCESS', 'arn:aws:s3:::bucket-c', 'UNUSED_ACCESS|arn:aws:s3:::bucket-c|c', 'Role unused (last used 2026-01-01)'],
		]);
		expect(plan.actions).toEqual([]);
		expect(plan.notEvaluated).toEqual([]);
	});

	it('says what it could not evaluate, naming the finding IDs, without repeating the adapter', () => {
		const unread = planAccessAnalyzer(buildModel(), context);
		expect(unread.notEvaluated).toEqual([{ area: 'access-analyzer', reason: expect.any(String), findingIds: ['ANALYZER_MISSING', 'EXTERNAL_ACCESS', 'UNUSED_ACCESS'] }]);
		const named = planAccessAnalyzer(buildModel({ notEvaluated: [{ area: 'access-analyzer', reason: 'denied', findingIds: ['ANALYZER_MISSING'] }] }), context);
		expect(named.notEvaluated).toEqual([]);
		const noFindings = planAccessAnalyzer(buildModel({ analyzers: [analyzer('ext', 'ACCOUNT')] }), context);
		expect(noFindings.notEvaluated.map((n) => n.findingIds)).toEqual([['EXTERNAL_ACCESS', 'UNUSED_ACCESS']]);
	});

	it('reports trust findings and proposes one fix per role, never for a break-glass role', () => {
		const open = buildRole('open', { trustPolicy: normalisePolicyDocument({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }] }) });
		const glass = buildRole('breakglass', { trustPolicy: normalisePolicyDocument({ Statement: [{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole' }] }) });
		const model = buildModel({ roles: [open, glass], analyzers: [analyzer('ext', 'ACCOUNT')], analyzerFindings: [] });
		const plan = planAccessAnalyzer(model, { ...context, excluded: [{ arn: glass.arn, reason: 'break-glass' }] });
		expect(plan.findings.map((f) => [f.id, f.resource])).toEqual([
			['TRUST_ANY_PRINCIPAL', open.arn],
			['TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID', glass.arn],
		]);
		expect(plan.actions.map((a) => a.summary)).toEqual([`Fix the trust policy of role open: trust only arn:aws:iam::${testAccountId}:root`]);
		expect(plan.excluded).toEqual([{ arn: glass.arn, reason: 'break-glass', findingIds: ['TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID'] }]);
	});
});
