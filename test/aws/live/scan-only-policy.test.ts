// policies/scan-only.json is what README tells operators to grant: it must cover every call a scan makes.
import { readFileSync } from 'node:fs';
import { ListAnalyzersCommand, ListFindingsCommand, ListFindingsV2Command } from '@aws-sdk/client-accessanalyzer';
import { DescribeOrganizationCommand, DescribePolicyCommand, ListOrganizationalUnitsForParentCommand, ListParentsCommand, ListPoliciesCommand, ListRootsCommand, ListTargetsForPolicyCommand } from '@aws-sdk/client-organizations';
import { ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import { iamActionOf } from '../../../source/aws/iam-action-of.js';
import { loadIamCatalogue } from '../../../source/aws/iam-catalogue.js';
import { accountId, fakeCredentialsInEnv, liveGateway, mocks, resetToQuietAccount } from './live-test-kit.js';

const policy = JSON.parse(readFileSync(new URL('../../../policies/scan-only.json', import.meta.url), 'utf8')) as { Statement: { Action: string[] }[] };
const granted = new Set(policy.Statement.flatMap((s) => s.Action));

beforeEach(() => {
	fakeCredentialsInEnv();
	resetToQuietAccount();
	// Every part present, so every read the scan can make is made: a member account, two OUs below the root.
	mocks.organizations.on(DescribeOrganizationCommand).resolves({
		Organization: { Id: 'o-abc', Arn: 'arn:aws:organizations::999999999999:organization/o-abc', FeatureSet: 'ALL', MasterAccountId: '999999999999' },
	});
	mocks.organizations.on(ListParentsCommand, { ChildId: accountId }).resolves({ Parents: [{ Id: 'ou-ab12-team', Type: 'ORGANIZATIONAL_UNIT' }] });
	mocks.organizations.on(ListParentsCommand, { ChildId: 'ou-ab12-team' }).resolves({ Parents: [{ Id: 'ou-ab12-prod', Type: 'ORGANIZATIONAL_UNIT' }] });
	mocks.organizations.on(ListParentsCommand, { ChildId: 'ou-ab12-prod' }).resolves({ Parents: [{ Id: 'r-ab12', Type: 'ROOT' }] });
	mocks.organizations.on(ListOrganizationalUnitsForParentCommand).resolves({ OrganizationalUnits: [] });
	mocks.organizations.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-ab12' }).resolves({ OrganizationalUnits: [{ Id: 'ou-ab12-prod', Name: 'prod' }] });
	mocks.organizations.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-ab12-prod' }).resolves({ OrganizationalUnits: [{ Id: 'ou-ab12-team', Name: 'team' }] });
	mocks.organizations.on(ListRootsCommand).resolves({ Roots: [{ Id: 'r-ab12', Arn: 'arn:root', Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }] });
	mocks.organizations.on(ListPoliciesCommand).resolves({ Policies: [{ Id: 'p-FullAWSAccess', Arn: 'arn:p', Name: 'FullAWSAccess', AwsManaged: true, Type: 'SERVICE_CONTROL_POLICY' }] });
	mocks.organizations.on(DescribePolicyCommand).resolves({ Policy: { PolicySummary: { Id: 'p-FullAWSAccess', Name: 'FullAWSAccess' }, Content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' } });
	mocks.organizations.on(ListTargetsForPolicyCommand).resolves({ Targets: [{ TargetId: 'r-ab12', Type: 'ROOT', Name: 'Root', Arn: 'arn:root' }] });
	mocks.accessAnalyzer.on(ListAnalyzersCommand).resolves({
		analyzers: [
			{ arn: 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/ext', name: 'ext', type: 'ACCOUNT', status: 'ACTIVE', createdAt: new Date() },
			{ arn: 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/unused', name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE', createdAt: new Date() },
		],
	});
	mocks.accessAnalyzer.on(ListFindingsCommand).resolves({ findings: [] });
	mocks.accessAnalyzer.on(ListFindingsV2Command).resolves({ findings: [] });
	mocks.events.on(ListRulesCommand).resolves({ Rules: [{ Name: 'root-use', Arn: 'arn:rule', State: 'ENABLED', EventPattern: '{}' }] });
	// The rule sends to iam-wizard's alert topic, so the scan reads the topic's subscriptions too.
	mocks.events.on(ListTargetsByRuleCommand).resolves({ Targets: [{ Id: 'iam-wizard-alerts', Arn: `arn:aws:sns:us-east-1:${accountId}:iam-wizard-alerts` }] });
	mocks.sns.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [{ Protocol: 'email', Endpoint: 'sec@example.com', SubscriptionArn: 'PendingConfirmation' }] });
});

describe('policies/scan-only.json', () => {
	it('grants every call a scan makes', async () => {
		const gateway = await liveGateway();
		const model = await gateway.readAccount();
		expect(model.notEvaluated).toEqual([]);
		expect(model.alertSubscriptions).toEqual([{ protocol: 'email', endpoint: 'sec@example.com', pendingConfirmation: true }]);
		expect(model.organization?.accountParents).toEqual(['ou-ab12-team', 'ou-ab12-prod']);
		expect(model.organization?.organizationalUnits).toEqual([
			{ id: 'ou-ab12-prod', name: 'prod', parentId: 'r-ab12' },
			{ id: 'ou-ab12-team', name: 'team', parentId: 'ou-ab12-prod' },
		]);
		const made = Object.keys(gateway.callCounts()).filter((operation) => operation !== 'sts:GetCallerIdentity');
		expect(made.length).toBeGreaterThan(15);
		expect(made.filter((operation) => !granted.has(iamActionOf(operation)))).toEqual([]);
	});

	it('names only actions that exist in the IAM catalogue (GetFindingV2 is authorized by GetFinding)', async () => {
		const catalogue = await loadIamCatalogue();
		const known = (action: string) => {
			const [prefix, name] = action.split(':') as [string, string];
			return catalogue.services[prefix]?.actions.some((a) => a.name === name) ?? false;
		};
		expect([...granted].filter((action) => !known(action))).toEqual([]);
	});
});
