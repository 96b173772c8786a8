/**
 * The seed's groups. Membership lives on the users (`User.groups`), as IAM reports it.
 * CLOUDSHELL_FULL_ACCESS comes through `ops`; several escalation methods are inherited
 * through `developers`, `helpdesk`, `team-leads`, `oncall` and `data-engineering`.
 */
import type { Group, InlinePolicy } from '../../core/model.js';
import { iamId } from './sandbox-ids.js';
import { awsManagedArn } from './seed-aws-managed.js';
import { allow, doc, groupArn, iamArnPrefix, type SeedClock } from './seed-helpers.js';
import { customerPolicyArn } from './seed-policies.js';

interface GroupSpec {
	name: string;
	daysAgo: number;
	attached: string[];
	inline?: InlinePolicy[];
}

const aws = (name: string) => awsManagedArn(name);
const own = customerPolicyArn;

const specs: GroupSpec[] = [
	{ name: 'admins', daysAgo: 1400, attached: [aws('AdministratorAccess')] },
	// PassRoleEC2 for every member (developer-access allows iam:PassRole on *).
	{ name: 'developers', daysAgo: 1300, attached: [own('developer-access'), aws('AmazonS3ReadOnlyAccess')] },
	{ name: 'auditors', daysAgo: 1200, attached: [aws('SecurityAudit'), aws('ReadOnlyAccess')] },
	// CLOUDSHELL_FULL_ACCESS for every member.
	{ name: 'ops', daysAgo: 1100, attached: [aws('AWSCloudShellFullAccess'), aws('AmazonEC2ReadOnlyAccess'), own('ops-runbooks')] },
	// POLICY_SERVICE_WILDCARD (s3:*) and PassRoleGlue for every member.
	{ name: 'data-engineering', daysAgo: 900, attached: [own('data-lake-full'), own('glue-dev-endpoints')] },
	{ name: 'finance', daysAgo: 1000, attached: [own('billing-read')] },
	// CreateLoginProfile and UpdateLoginProfile for every member.
	{ name: 'helpdesk', daysAgo: 700, attached: [own('helpdesk-password-reset')] },
	// AddUserToGroup for every member.
	{ name: 'team-leads', daysAgo: 650, attached: [own('team-lead-membership')] },
	// PutGroupPolicy on its own group, through an inline policy: members can grant themselves anything.
	{
		name: 'oncall',
		daysAgo: 500,
		attached: [aws('CloudWatchLogsReadOnlyAccess')],
		inline: [
			{
				name: 'oncall-group-tweaks',
				document: doc(allow(['iam:PutGroupPolicy', 'iam:GetGroupPolicy'], `${iamArnPrefix}:group/oncall`), allow(['cloudwatch:DescribeAlarms', 'cloudwatch:SetAlarmState'])),
			},
		],
	},
	// AWSSupportAccess on a group does not satisfy CIS 1.16, which asks for a role: SUPPORT_ROLE_MISSING stays.
	{ name: 'support', daysAgo: 800, attached: [aws('AWSSupportAccess')] },
	// Everyone: own keys and MFA only, scoped with ${aws:username} (a CreateAccessKey decoy).
	{ name: 'all-staff', daysAgo: 1400, attached: [own('self-service-credentials'), aws('IAMUserChangePassword')] },
	{ name: 'backup-operators', daysAgo: 90, attached: [own('backup-s3-writer')] },
	// Empty and without policies: DeleteGroup succeeds on it.
	{ name: 'contractors', daysAgo: 300, attached: [] },
];

export function seedGroups(clock: SeedClock, policyName: (arn: string) => string): Group[] {
	return specs.map((spec) => ({
		name: spec.name,
		id: iamId('AGPA', `group:${spec.name}`),
		arn: groupArn(spec.name),
		path: '/',
		createDate: clock.ago(spec.daysAgo),
		inlinePolicies: spec.inline ?? [],
		attachedPolicies: spec.attached.map((arn) => ({ arn, name: policyName(arn) })),
	}));
}
