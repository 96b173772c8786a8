/**
 * Organizations, IAM Access Analyzer and CloudTrail on the fake AWS, as their API
 * references answer. An account in no organization gets AWSOrganizationsNotInUseException
 * for every Organizations call; an established one is a member account below an OU, with
 * the FullAWSAccess SCP on the root, whose policies, attachments and policy types change
 * as AWS changes them (DuplicatePolicyAttachmentException, PolicyNotAttachedException,
 * PolicyInUseException, PolicyTypeAlreadyEnabledException, PolicyTypeNotEnabledException).
 */
import { accountId, failure, notFound, now, ok, region, type FakeState, type Handler, type Json } from './fake-state.js';

const management = '999999999999';
const orgArn = `arn:aws:organizations::${management}:organization/o-abc123`;
const rootId = 'r-ab12';

/** A member account of o-abc123: one root with SCPs enabled, FullAWSAccess on it. */
export function memberOfOrganization(): NonNullable<FakeState['organization']> {
	return {
		roots: [{ Id: rootId, Arn: `arn:aws:organizations::${management}:root/o-abc123/${rootId}`, Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] }],
		policies: [
			{
				summary: { Id: 'p-FullAWSAccess', Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess', Name: 'FullAWSAccess', Description: 'Allows access to every operation', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: true },
				content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
				targets: [{ TargetId: rootId, Arn: `arn:aws:organizations::${management}:root/o-abc123/${rootId}`, Name: 'Root', Type: 'ROOT' }],
			},
		],
	};
}

type Org = NonNullable<FakeState['organization']>;
const notInOrg = notFound('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
const noPolicy = notFound('PolicyNotFoundException', "We can't find a policy with the PolicyId that you specified.");

/** Every Organizations handler answers "not in use" for an account outside any organization. */
function inOrg(handler: (p: Json, org: Org, s: FakeState) => ReturnType<Handler>): Handler {
	return (p, s) => (s.organization ? handler(p, s.organization, s) : notInOrg);
}

const organizationHandlers: Record<string, Handler> = {
	'organizations:DescribeOrganization': inOrg(() => ok({ Organization: { Id: 'o-abc123', Arn: orgArn, FeatureSet: 'ALL', MasterAccountId: management } })),
	'organizations:ListRoots': inOrg((_p, org) => ok({ Roots: org.roots })),
	// Two pages: the first policy, then the rest (so the SDK follows NextToken).
	'organizations:ListPolicies': inOrg((p, org) => {
		const all = org.policies.filter((x) => x.summary.Type === p.Filter).map((x) => x.summary);
		return p.NextToken ? ok({ Policies: all.slice(1) }) : ok({ Policies: all.slice(0, 1), NextToken: 'policies-2' });
	}),
	'organizations:DescribePolicy': inOrg((p, org) => {
		const x = org.policies.find((q) => q.summary.Id === p.PolicyId);
		return x ? ok({ Policy: { PolicySummary: x.summary, Content: x.content } }) : noPolicy;
	}),
	'organizations:ListTargetsForPolicy': inOrg((p, org) => {
		const x = org.policies.find((q) => q.summary.Id === p.PolicyId);
		return x ? ok({ Targets: x.targets }) : noPolicy;
	}),
	// One OU below the root (the account's parent); a parent that does not exist is Organizations' ParentNotFoundException.
	'organizations:ListOrganizationalUnitsForParent': inOrg((p) => {
		if (p.ParentId === rootId) return ok({ OrganizationalUnits: [{ Id: 'ou-ab12-team', Arn: `${orgArn.replace(':organization/', ':ou/')}/ou-ab12-team`, Name: 'team' }] });
		if (p.ParentId === 'ou-ab12-team') return ok({ OrganizationalUnits: [] });
		return notFound('ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.");
	}),
	'organizations:ListParents': inOrg((p) => ok({ Parents: [p.ChildId === accountId ? { Id: 'ou-ab12-team', Type: 'ORGANIZATIONAL_UNIT' } : { Id: rootId, Type: 'ROOT' }] })),
	'organizations:EnablePolicyType': inOrg((p, org) => {
		const root = org.roots.find((r) => r.Id === p.RootId);
		if (!root) return notFound('RootNotFoundException', "We can't find a root with the RootId that you specified.");
		if ((root.PolicyTypes as Json[]).some((t) => t.Type === p.PolicyType && t.Status === 'ENABLED')) return failure('PolicyTypeAlreadyEnabledException', 'The specified policy type is already enabled.');
		root.PolicyTypes = [...(root.PolicyTypes as Json[]), { Type: p.PolicyType, Status: 'ENABLED' }];
		// Enabling SCPs attaches the AWS managed FullAWSAccess to the root (Organizations' reference).
		const full = org.policies.find((x) => x.summary.Id === 'p-FullAWSAccess');
		if (p.PolicyType === 'SERVICE_CONTROL_POLICY' && full && !full.targets.some((t) => t.TargetId === root.Id)) full.targets.push({ TargetId: root.Id, Arn: root.Arn, Name: root.Name, Type: 'ROOT' });
		return ok({ Root: root });
	}),
	// Disabling a type detaches every policy of that type (Organizations' reference).
	'organizations:DisablePolicyType': inOrg((p, org) => {
		const root = org.roots.find((r) => r.Id === p.RootId);
		if (!root) return notFound('RootNotFoundException', "We can't find a root with the RootId that you specified.");
		if (!(root.PolicyTypes as Json[]).some((t) => t.Type === p.PolicyType && t.Status === 'ENABLED')) return failure('PolicyTypeNotEnabledException', 'This operation can be performed only for enabled policy types.');
		root.PolicyTypes = (root.PolicyTypes as Json[]).filter((t) => t.Type !== p.PolicyType);
		for (const x of org.policies.filter((q) => q.summary.Type === p.PolicyType)) x.targets = [];
		return ok({ Root: root });
	}),
	'organizations:CreatePolicy': inOrg((p, org) => {
		if (org.policies.some((x) => x.summary.Name === p.Name && x.summary.Type === p.Type)) return failure('DuplicatePolicyException', 'A policy with the same name already exists.');
		const id = `p-fake${org.policies.length}`;
		const summary = { Id: id, Arn: `arn:aws:organizations::${management}:policy/o-abc123/service_control_policy/${id}`, Name: p.Name, Description: p.Description, Type: p.Type, AwsManaged: false };
		org.policies.push({ summary, content: p.Content, targets: [] });
		return ok({ Policy: { PolicySummary: summary, Content: p.Content } });
	}),
	'organizations:DeletePolicy': inOrg((p, org) => {
		const x = org.policies.find((q) => q.summary.Id === p.PolicyId);
		if (!x) return noPolicy;
		if (x.targets.length > 0) return failure('PolicyInUseException', 'The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.');
		org.policies = org.policies.filter((q) => q !== x);
		return ok();
	}),
	'organizations:AttachPolicy': inOrg((p, org) => {
		const x = org.policies.find((q) => q.summary.Id === p.PolicyId);
		if (!x) return noPolicy;
		if (x.targets.some((t) => t.TargetId === p.TargetId)) return failure('DuplicatePolicyAttachmentException', 'The selected policy is already attached to the specified target.');
		const root = org.roots.find((r) => r.Id === p.TargetId);
		const target = root
			? { TargetId: root.Id, Arn: root.Arn, Name: root.Name, Type: 'ROOT' }
			: p.TargetId.startsWith('ou-')
				? { TargetId: p.TargetId, Arn: `arn:aws:organizations::${management}:ou/o-abc123/${p.TargetId}`, Name: p.TargetId, Type: 'ORGANIZATIONAL_UNIT' }
				: { TargetId: p.TargetId, Arn: `arn:aws:organizations::${management}:account/o-abc123/${p.TargetId}`, Name: p.TargetId, Type: 'ACCOUNT' };
		x.targets.push(target);
		return ok();
	}),
	'organizations:DetachPolicy': inOrg((p, org) => {
		const x = org.policies.find((q) => q.summary.Id === p.PolicyId);
		if (!x) return noPolicy;
		if (!x.targets.some((t) => t.TargetId === p.TargetId)) return notFound('PolicyNotAttachedException', 'The policy is not attached to the specified target in the specified root.');
		x.targets = x.targets.filter((t) => t.TargetId !== p.TargetId);
		return ok();
	}),
};

const noAnalyzer = (name: string) => notFound('ResourceNotFoundException', `Analyzer ${name} not found.`);

const accessAnalyzerHandlers: Record<string, Handler> = {
	'access-analyzer:ListAnalyzers': (_p, s) => ok({ analyzers: s.analyzers }),
	'access-analyzer:GetAnalyzer': (p, s) => {
		const a = s.analyzers.find((x) => x.name === p.analyzerName);
		return a ? ok({ analyzer: a }) : noAnalyzer(p.analyzerName);
	},
	'access-analyzer:CreateAnalyzer': (p, s) => {
		if (s.analyzers.some((x) => x.name === p.analyzerName)) return failure('ConflictException', `Analyzer ${p.analyzerName} already exists.`, 409);
		const arn = `arn:aws:access-analyzer:${region}:${accountId}:analyzer/${p.analyzerName}`;
		s.analyzers.push({ arn, name: p.analyzerName, type: p.type, status: 'ACTIVE', createdAt: now, ...(p.configuration ? { configuration: p.configuration } : {}) });
		return ok({ arn });
	},
	'access-analyzer:DeleteAnalyzer': (p, s) => {
		if (!s.analyzers.some((x) => x.name === p.analyzerName)) return noAnalyzer(p.analyzerName);
		s.analyzers = s.analyzers.filter((x) => x.name !== p.analyzerName);
		return ok();
	},
	'access-analyzer:ListFindings': (p, s) => ok({ findings: s.findings[p.analyzerArn] ?? [] }),
	'access-analyzer:ListFindingsV2': (p, s) => ok({ findings: s.findings[p.analyzerArn] ?? [] }),
	'access-analyzer:GetFindingV2': (p, s) => {
		const f = (s.findings[p.analyzerArn] ?? []).find((x) => x.id === p.id);
		return f ? ok({ ...f, findingDetails: [] }) : notFound('ResourceNotFoundException', `Finding ${p.id} not found.`);
	},
	// 200 with an empty body; an ID the analyzer does not have is a ResourceNotFoundException.
	'access-analyzer:UpdateFindings': (p, s) => {
		const findings = s.findings[p.analyzerArn] ?? [];
		const missing = (p.ids as string[]).find((id) => !findings.some((f) => f.id === id));
		if (missing) return notFound('ResourceNotFoundException', `Finding ${missing} not found.`);
		for (const f of findings.filter((x) => (p.ids as string[]).includes(x.id))) f.status = p.status;
		return ok();
	},
	'access-analyzer:StartPolicyGeneration': (p, s) => {
		const principalArn = p.policyGenerationDetails?.principalArn;
		if (s.policyGenerations.some((j) => j.principalArn === principalArn && j.status === 'IN_PROGRESS')) return failure('ConflictException', `A policy generation is already running for ${principalArn}.`, 409);
		const jobId = `job-${s.policyGenerations.length + 1}`;
		s.policyGenerations.push({ jobId, principalArn, startedOn: now, status: 'IN_PROGRESS' });
		return ok({ jobId });
	},
	'access-analyzer:ListPolicyGenerations': (p, s) => ok({ policyGenerations: s.policyGenerations.filter((j) => !p.principalArn || j.principalArn === p.principalArn) }),
	'access-analyzer:ValidatePolicy': () => ok({ findings: [] }),
};

const trailOf = (s: FakeState, name: string) => s.trails.find((t) => t.TrailARN === name || t.Name === name);

const cloudTrailHandlers: Record<string, Handler> = {
	'cloudtrail:DescribeTrails': (_p, s) => ok({ trailList: s.trails }),
	'cloudtrail:GetTrailStatus': (p, s) => (trailOf(s, p.Name) ? ok({ IsLogging: true }) : notFound('TrailNotFoundException', `Unknown trail: ${p.Name}.`)),
	'cloudtrail:GetEventSelectors': (p, s) =>
		trailOf(s, p.TrailName) ? ok({ TrailARN: trailOf(s, p.TrailName)!.TrailARN, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [] }] }) : notFound('TrailNotFoundException', `Unknown trail: ${p.TrailName}.`),
};

export const serviceHandlers: Record<string, Handler> = { ...organizationHandlers, ...accessAnalyzerHandlers, ...cloudTrailHandlers };
