/** The local trust-policy analysis on a corpus of real shapes, decoys included, and the fixed policies it proposes. */
import { describe, expect, it } from 'vitest';
import { normalisePolicyDocument } from '../../../source/core/policy-document.js';
import { analyseTrustPolicy, trustIssuesOfRoles } from '../../../source/steps/access-analyzer/trust-analysis.js';
import { defaultTrustFix, fixedTrustPolicy, trustFixAction, trustFixValid } from '../../../source/steps/access-analyzer/trust-fix.js';
import { buildRole, testAccountId } from '../../helpers/model-builder.js';

const trust = (...statements: Record<string, unknown>[]) => normalisePolicyDocument({ Version: '2012-10-17', Statement: statements });
const assume = (principal: unknown, condition?: Record<string, unknown>) => ({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) });
const ids = (doc: ReturnType<typeof trust>) => analyseTrustPolicy(doc, testAccountId).map((i) => i.id);

describe('trust analysis', () => {
	const corpus: [string, ReturnType<typeof trust>, string[]][] = [
		['Principal "*" without condition', trust(assume('*')), ['TRUST_ANY_PRINCIPAL']],
		['AWS "*" without condition', trust(assume({ AWS: '*' })), ['TRUST_ANY_PRINCIPAL']],
		['AWS "*" among others', trust(assume({ AWS: ['arn:aws:iam::123456789012:root', '*'] })), ['TRUST_ANY_PRINCIPAL']],
		['"*" with only an external ID (anyone who learns it)', trust(assume('*', { StringEquals: { 'sts:ExternalId': 'abc' } })), ['TRUST_ANY_PRINCIPAL']],
		['"*" with PrincipalOrgID IfExists (absent key passes)', trust(assume('*', { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })), ['TRUST_ANY_PRINCIPAL']],
		['"*" with StringNotEquals PrincipalOrgID', trust(assume('*', { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })), ['TRUST_ANY_PRINCIPAL']],
		['another account without external ID', trust(assume({ AWS: 'arn:aws:iam::444455556666:root' })), ['TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID']],
		['another account by bare ID', trust(assume({ AWS: '444455556666' })), ['TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID']],
		['a role of another account', trust(assume({ AWS: 'arn:aws:iam::444455556666:role/deployer' })), ['TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID']],
		['AssumeRole via sts:*', trust({ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:*' }), ['TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID']],
		// Decoys: none of these is an issue.
		['decoy: external ID present', trust(assume({ AWS: 'arn:aws:iam::444455556666:root' }, { StringEquals: { 'sts:ExternalId': 'vendor-7f3a' } })), []],
		['decoy: PrincipalOrgID on "*"', trust(assume('*', { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })), []],
		['decoy: PrincipalOrgID on another account', trust(assume({ AWS: '444455556666' }, { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })), []],
		['decoy: "*" pinned by aws:PrincipalArn', trust(assume('*', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/ci-*' } })), []],
		['decoy: a service principal', trust(assume({ Service: 'lambda.amazonaws.com' })), []],
		['decoy: a role of this account', trust(assume({ AWS: 'arn:aws:iam::123456789012:role/deployer' })), []],
		['decoy: this account root', trust(assume({ AWS: '123456789012' })), []],
		['decoy: a federated provider', trust({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/okta' }, Action: 'sts:AssumeRoleWithSAML' }), []],
		['decoy: a Deny for "*"', trust({ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }), []],
		['decoy: "*" allowed only to tag sessions', trust({ Effect: 'Allow', Principal: '*', Action: 'sts:TagSession' }), []],
		['decoy: a unique ID (deleted principal)', trust(assume({ AWS: 'AROAEXAMPLEDELETED1' })), []],
	];
	it.each(corpus)('%s', (_name, doc, expected) => {
		expect(ids(doc)).toEqual(expected);
	});

	it('names the statement, the principals and the accounts', () => {
		const doc = trust(assume({ Service: 'ec2.amazonaws.com' }), { Sid: 'Vendor', ...assume({ AWS: ['arn:aws:iam::444455556666:root', 'arn:aws:iam::123456789012:role/x', '777788889999'] }) });
		expect(analyseTrustPolicy(doc, testAccountId)).toEqual([
			{ id: 'TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID', statementIndex: 1, sid: 'Vendor', principals: ['arn:aws:iam::444455556666:root', '777788889999'], accounts: ['444455556666', '777788889999'] },
		]);
	});

	it('never reports a service-linked role', () => {
		const slr = buildRole('AWSServiceRoleForX', { path: '/aws-service-role/x.amazonaws.com/', trustPolicy: trust(assume('*')) });
		expect(trustIssuesOfRoles([slr], testAccountId)).toEqual([]);
	});
});

describe('trust fixes', () => {
	const vendor = trust(assume({ Service: 'ec2.amazonaws.com' }), assume({ AWS: 'arn:aws:iam::444455556666:root' }));
	const issue = analyseTrustPolicy(vendor, testAccountId)[0]!;

	it('adds sts:ExternalId to the offending statement only, and the result is no longer an issue', () => {
		const fixed = fixedTrustPolicy(vendor, issue, { kind: 'external-id', externalId: 'vendor-7f3a' });
		expect(fixed.Statement[0]).toEqual(vendor.Statement[0]);
		expect(fixed.Statement[1]!.Condition).toEqual({ StringEquals: { 'sts:ExternalId': ['vendor-7f3a'] } });
		expect(analyseTrustPolicy(fixed, testAccountId)).toEqual([]);
	});

	it('adds aws:PrincipalOrgID, keeping other conditions', () => {
		const open = trust(assume('*', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }));
		const anyIssue = analyseTrustPolicy(open, testAccountId)[0]!;
		const fixed = fixedTrustPolicy(open, anyIssue, { kind: 'organization', organizationId: 'o-a1b2c3d4e5' });
		expect(fixed.Statement[0]!.Condition).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': ['true'] }, StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } });
		expect(analyseTrustPolicy(fixed, testAccountId)).toEqual([]);
	});

	it('names the principal instead of "*" or the other account', () => {
		const open = trust(assume('*'));
		const fixed = fixedTrustPolicy(open, analyseTrustPolicy(open, testAccountId)[0]!, { kind: 'principal', principalArn: 'arn:aws:iam::123456789012:role/ops' });
		expect(fixed.Statement[0]!.Principal).toEqual({ AWS: ['arn:aws:iam::123456789012:role/ops'] });
		const named = fixedTrustPolicy(vendor, issue, { kind: 'principal', principalArn: 'arn:aws:iam::444455556666:role/monitoring-reader' });
		// Still another account, so still a finding unless an external ID is added too: naming narrows, it does not excuse.
		expect(named.Statement[1]!.Principal).toEqual({ AWS: ['arn:aws:iam::444455556666:role/monitoring-reader'] });
	});

	it('checks what the operator typed', () => {
		expect(trustFixValid({ kind: 'external-id', externalId: 'x' })).toMatch(/2 to 1224/);
		expect(trustFixValid({ kind: 'external-id', externalId: 'vendor-7f3a' })).toBeUndefined();
		expect(trustFixValid({ kind: 'organization', organizationId: 'org-1' })).toMatch(/o-a1b2c3d4e5/);
		expect(trustFixValid({ kind: 'principal', principalArn: 'bob' })).toMatch(/ARN/);
	});

	it('proposes the organization for "*", an external ID for a third party, and one action per role', () => {
		const role = buildRole('vendor-monitoring', { trustPolicy: vendor });
		expect(defaultTrustFix(issue, role, testAccountId, 'aws', 'o-a1b2c3d4e5')).toEqual({ kind: 'external-id', externalId: 'iam-wizard-AROAVENDORMONITORING' });
		const anyIssue = { ...issue, id: 'TRUST_ANY_PRINCIPAL' as const };
		expect(defaultTrustFix(anyIssue, role, testAccountId, 'aws', 'o-a1b2c3d4e5')).toEqual({ kind: 'organization', organizationId: 'o-a1b2c3d4e5' });
		expect(defaultTrustFix(anyIssue, role, testAccountId, 'aws')).toEqual({ kind: 'principal', principalArn: 'arn:aws:iam::123456789012:root' });
		const two = trust(assume({ AWS: '444455556666' }), assume({ AWS: '777788889999' }));
		const twoRole = buildRole('two', { trustPolicy: two });
		const issues = trustIssuesOfRoles([twoRole], testAccountId);
		const action = trustFixAction(issues.map((i, n) => ({ issue: i, fix: { kind: 'external-id', externalId: `id-${n}` }, fingerprint: `fp${n}` })));
		expect(action.params.RoleName).toBe('two');
		expect(action.findingIds).toEqual(['fp0', 'fp1']);
		expect(analyseTrustPolicy(action.params.PolicyDocument, testAccountId)).toEqual([]);
	});
});
