import { describe, expect, it } from 'vitest';
import { maxConfigRules } from '../../../source/aws/sandbox/apply-config.js';
import { createSeedState } from '../../../source/aws/sandbox/seed.js';
import { A, action, rejection, sandbox, seedTime } from './sandbox-fixtures.js';

const scp = { Version: '2012-10-17', Statement: [{ Effect: 'Deny' as const, Action: ['*'], Resource: ['*'], Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] } } }] };
const topicArn = 'arn:aws:sns:us-east-1:123456789012:iam-wizard-alerts';

describe('sandbox Organizations semantics', () => {
	it('creates an SCP, resolves it by name, attaches, refuses duplicates and deleting while attached', async () => {
		const gateway = sandbox();
		const created = await gateway.apply(action('organizations:CreatePolicy', { Name: 'require-mfa', Description: 'Deny without MFA', Type: 'SERVICE_CONTROL_POLICY', Content: scp }, 5));
		expect(created.outputs?.PolicyArn).toBe(`arn:aws:organizations::100200300400:policy/o-a1b2c3d4e5/service_control_policy/${created.outputs?.PolicyId}`);
		expect((await rejection(gateway.apply(action('organizations:CreatePolicy', { Name: 'require-mfa', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: scp }, 5)))).code).toBe('DuplicatePolicyException');
		await gateway.apply(action('organizations:AttachPolicy', { PolicyName: 'require-mfa', TargetId: 'r-a1b2' }, 5));
		expect((await rejection(gateway.apply(action('organizations:AttachPolicy', { PolicyId: created.outputs!.PolicyId, TargetId: 'r-a1b2' }, 5)))).code).toBe('DuplicatePolicyAttachmentException');
		expect((await rejection(gateway.apply(action('organizations:AttachPolicy', { PolicyId: created.outputs!.PolicyId, TargetId: 'ou-nope-12345678' }, 5)))).code).toBe('TargetNotFoundException');
		expect((await rejection(gateway.apply(action('organizations:DeletePolicy', { PolicyName: 'require-mfa' }, 5)))).code).toBe('PolicyInUseException');
		const model = await gateway.readAccount();
		expect(model.organization!.scps!.find((p) => p.name === 'require-mfa')!.targets).toEqual([{ targetId: 'r-a1b2', type: 'ROOT', name: 'Root', arn: 'arn:aws:organizations::100200300400:root/o-a1b2c3d4e5/r-a1b2' }]);
		expect((await rejection(gateway.apply(action('organizations:DeletePolicy', { PolicyName: 'no-such-scp' }, 5)))).code).toBe('PolicyNotFoundException');
	});

	it('refuses SCP changes from a member account that is not a delegated administrator', async () => {
		const state = sandbox().currentState();
		state.organization!.delegatedAdministrators = [];
		const gateway = sandbox({ state });
		const denied = await rejection(gateway.apply(action('organizations:CreatePolicy', { Name: 'require-mfa', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: scp }, 5)));
		expect(denied.code).toBe('AccessDenied');
		const model = await gateway.readAccount();
		expect(model.organization).toMatchObject({ callerIsManagementAccount: false, callerIsDelegatedAdmin: false, accountParents: ['ou-a1b2-s4ndb0x8'] });
		expect(model.organization!.scps).toBeUndefined();
	});

	it('refuses a sixth SCP on one target (ConstraintViolationException) and attaching while SCPs are disabled', async () => {
		const gateway = sandbox();
		for (const n of [1, 2, 3, 4]) {
			await gateway.apply(action('organizations:CreatePolicy', { Name: `scp-${n}`, Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: scp }, 5));
			await gateway.apply(action('organizations:AttachPolicy', { PolicyName: `scp-${n}`, TargetId: 'ou-a1b2-s4ndb0x8' }, 5));
		}
		await gateway.apply(action('organizations:CreatePolicy', { Name: 'scp-6', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: scp }, 5));
		expect((await rejection(gateway.apply(action('organizations:AttachPolicy', { PolicyName: 'scp-6', TargetId: 'ou-a1b2-s4ndb0x8' }, 5)))).code).toBe('ConstraintViolationException');
		await gateway.apply(action('organizations:DisablePolicyType', { RootId: 'r-a1b2', PolicyType: 'SERVICE_CONTROL_POLICY' }, 5));
		expect((await rejection(gateway.apply(action('organizations:AttachPolicy', { PolicyName: 'scp-6', TargetId: 'r-a1b2' }, 5)))).code).toBe('PolicyTypeNotEnabledException');
	});

	it('keeps at least one SCP on a target and refuses a type already enabled', async () => {
		const gateway = sandbox();
		const last = await rejection(gateway.apply(action('organizations:DetachPolicy', { PolicyId: 'p-FullAWSAccess', TargetId: 'r-a1b2' }, 5)));
		expect(last.code).toBe('ConstraintViolationException');
		expect((await rejection(gateway.apply(action('organizations:EnablePolicyType', { RootId: 'r-a1b2', PolicyType: 'SERVICE_CONTROL_POLICY' }, 5)))).code).toBe('PolicyTypeAlreadyEnabledException');
		await gateway.apply(action('organizations:DisablePolicyType', { RootId: 'r-a1b2', PolicyType: 'SERVICE_CONTROL_POLICY' }, 5));
		const disabled = await gateway.readAccount();
		expect(disabled.organization!.roots[0]!.policyTypes).toEqual([]);
		expect(disabled.organization!.scps![0]!.targets).toEqual([]);
		await gateway.apply(action('organizations:EnablePolicyType', { RootId: 'r-a1b2', PolicyType: 'SERVICE_CONTROL_POLICY' }, 5));
		expect((await gateway.readAccount()).organization!.scps![0]!.targets.map((t) => t.targetId)).toEqual(['r-a1b2', 'ou-a1b2-k7x2m9qp', 'ou-a1b2-s4ndb0x8', '100200300400', '123456789012', '210987654321', '345678901234']);
	});
});

describe('sandbox Access Analyzer semantics', () => {
	it('reports external access when an account analyzer is created, and not for internal or service access', async () => {
		const gateway = sandbox();
		expect((await gateway.readAccount()).analyzers!.some((a) => a.type === 'ACCOUNT')).toBe(false);
		const created = await gateway.apply(action('access-analyzer:CreateAnalyzer', { analyzerName: 'external', type: 'ACCOUNT' }, 2));
		const external = gateway.analyzerFindings().filter((f) => f.analyzerArn === created.outputs!.arn);
		const resources = new Set(external.map((f) => f.resource));
		for (const arn of ['arn:aws:s3:::acme-partner-exchange', 'arn:aws:sqs:us-east-1:123456789012:partner-inbound', 'arn:aws:sns:us-east-1:123456789012:status-page-updates', `${A}:role/vendor-monitoring`, `${A}:role/partner-audit`, `${A}:role/legacy-cross-account-access`]) {
			expect(resources, arn).toContain(arn);
		}
		// Org-wide access is external to an account analyzer.
		expect(resources).toContain('arn:aws:kms:us-east-1:123456789012:key/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b');
		for (const arn of ['arn:aws:s3:::acme-data-lake', 'arn:aws:sqs:us-east-1:123456789012:order-events', 'arn:aws:sns:us-east-1:123456789012:ops-notifications', `${A}:role/build-runner`]) {
			expect(resources, arn).not.toContain(arn);
		}
		expect(external.find((f) => f.resource.endsWith(':status-page-updates'))).toMatchObject({ isPublic: true, principal: { AWS: '*' }, status: 'ACTIVE' });
		expect(external.find((f) => f.resource.endsWith('role/partner-audit'))).toMatchObject({ isPublic: false, principal: { AWS: 'arn:aws:iam::777788889999:root' }, condition: { 'sts:ExternalId': 'acme-7f3c9e21-audit' } });
		expect((await rejection(gateway.apply(action('access-analyzer:CreateAnalyzer', { analyzerName: 'external', type: 'ACCOUNT' }, 2)))).code).toBe('ConflictException');
	});

	it('treats the organization as inside the zone of trust of an organization analyzer', async () => {
		const gateway = sandbox();
		const created = await gateway.apply(action('access-analyzer:CreateAnalyzer', { analyzerName: 'org', type: 'ORGANIZATION' }, 2));
		const resources = gateway.analyzerFindings().filter((f) => f.analyzerArn === created.outputs!.arn).map((f) => f.resource);
		expect(resources).not.toContain('arn:aws:kms:us-east-1:123456789012:key/1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b');
		expect(resources).not.toContain(`${A}:role/org-data-share`);
		expect(resources).toContain('arn:aws:s3:::acme-partner-exchange');
	});

	it('archives findings, refuses unknown ones, and drops them with their analyzer', async () => {
		const gateway = sandbox();
		const finding = gateway.analyzerFindings()[0]!;
		await gateway.apply(action('access-analyzer:UpdateFindings', { analyzerArn: finding.analyzerArn, ids: [finding.id], status: 'ARCHIVED', reason: 'accepted risk' }, 2));
		expect(gateway.analyzerFindings()[0]!.status).toBe('ARCHIVED');
		expect((await rejection(gateway.apply(action('access-analyzer:UpdateFindings', { analyzerArn: finding.analyzerArn, ids: ['nope'], status: 'ARCHIVED' }, 2)))).code).toBe('ResourceNotFoundException');
		await gateway.apply(action('access-analyzer:DeleteAnalyzer', { analyzerName: 'unused-access' }, 2));
		expect(gateway.analyzerFindings()).toEqual([]);
		expect((await rejection(gateway.apply(action('access-analyzer:DeleteAnalyzer', { analyzerName: 'unused-access' }, 2)))).code).toBe('ResourceNotFoundException');
	});

	it('generates a policy from the principal\'s CloudTrail activity in the window', async () => {
		const gateway = sandbox();
		const started = await gateway.apply(
			action('access-analyzer:StartPolicyGeneration', { principalArn: `${A}:role/lambda-deployer`, trailArn: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events', accessRole: `${A}:role/access-analyzer-trail-reader`, startTime: '2026-02-01T00:00:00Z', endTime: '2026-03-14T09:30:00Z' }, 2),
		);
		const generation = gateway.policyGeneration(started.outputs!.jobId!)!;
		expect(generation.status).toBe('SUCCEEDED');
		expect(generation.generatedPolicy.Statement).toEqual([
			{ Effect: 'Allow', Action: ['lambda:GetFunction', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration'], Resource: ['arn:aws:lambda:us-east-1:123456789012:function:orders-api'] },
		]);
		const unknown = await rejection(gateway.apply(action('access-analyzer:StartPolicyGeneration', { principalArn: `${A}:role/ghost`, trailArn: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events', accessRole: `${A}:role/x`, startTime: '2026-02-01T00:00:00Z', endTime: '2026-03-01T00:00:00Z' }, 2)));
		expect(unknown.code).toBe('ValidationException');
	});
});

describe('sandbox AWS Config semantics', () => {
	const recorder = action('config:PutConfigurationRecorder', { ConfigurationRecorder: { name: 'default', roleARN: `${A}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } } }, 6);
	const channel = action('config:PutDeliveryChannel', { DeliveryChannel: { name: 'default', s3BucketName: 'acme-audit-logs-123456789012' } }, 6);
	const start = action('config:StartConfigurationRecorder', { ConfigurationRecorderName: 'default' }, 6);
	const rule = action('config:PutConfigRule', { ConfigRule: { ConfigRuleName: 'iam-password-policy', Source: { Owner: 'AWS', SourceIdentifier: 'IAM_PASSWORD_POLICY' }, InputParameters: '{"MinimumPasswordLength":"14"}' } }, 6);

	it('needs a recorder before a channel or rules, and a channel before recording', async () => {
		const gateway = sandbox();
		expect((await rejection(gateway.apply(channel))).code).toBe('NoAvailableConfigurationRecorderException');
		expect((await rejection(gateway.apply(rule))).code).toBe('NoAvailableConfigurationRecorderException');
		await gateway.apply(recorder);
		expect((await rejection(gateway.apply(start))).code).toBe('NoAvailableDeliveryChannelException');
		await gateway.apply(channel);
		await gateway.apply(start);
		await gateway.apply(rule);
		const config = (await gateway.readAccount()).config!;
		expect(config.recorders).toEqual([{ name: 'default', roleArn: `${A}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`, allSupported: true, includeGlobalResourceTypes: true, recording: true, lastStatus: 'SUCCESS' }]);
		expect(config.rules).toMatchObject([{ name: 'iam-password-policy', owner: 'AWS', sourceIdentifier: 'IAM_PASSWORD_POLICY', state: 'ACTIVE' }]);
		expect((await rejection(gateway.apply(action('config:DeleteDeliveryChannel', { DeliveryChannelName: 'default' }, 6)))).code).toBe('LastDeliveryChannelDeleteFailedException');
	});

	it('refuses a channel to a bucket that is not there (NoSuchBucketException) or whose policy does not let Config write (InsufficientDeliveryPolicyException)', async () => {
		const gateway = sandbox();
		await gateway.apply(recorder);
		const to = (bucket: string) => action('config:PutDeliveryChannel', { DeliveryChannel: { name: 'default', s3BucketName: bucket } }, 6);
		const missing = await rejection(gateway.apply(to('no-such-bucket-123456789012')));
		expect(missing).toMatchObject({ code: 'NoSuchBucketException', message: 'config:PutDeliveryChannel failed with NoSuchBucketException: Cannot find a S3 bucket with an appropriate bucket policy: no-such-bucket-123456789012.' });
		// acme-reports has no policy: the service-linked role cannot read its ACL.
		expect(await rejection(gateway.apply(to('acme-reports')))).toMatchObject({ code: 'InsufficientDeliveryPolicyException', message: 'config:PutDeliveryChannel failed with InsufficientDeliveryPolicyException: Insufficient delivery policy to s3 bucket: acme-reports, unable to get s3 bucket acl.' });
		// Config may read the ACL but not write under AWSLogs/<account>/Config/.
		const aclOnly = { Version: '2012-10-17', Statement: [{ Effect: 'Allow' as const, Principal: { Service: ['config.amazonaws.com'] }, Action: ['s3:GetBucketAcl'], Resource: ['arn:aws:s3:::acme-reports'] }] };
		await gateway.apply(action('s3:PutBucketPolicy', { Bucket: 'acme-reports', Policy: aclOnly }, 6));
		expect((await rejection(gateway.apply(to('acme-reports')))).code).toBe('InsufficientDeliveryPolicyException');
		expect((await gateway.readAccount()).config!.deliveryChannels).toEqual([]);
		await gateway.apply(to('acme-audit-logs-123456789012'));
		expect((await gateway.readAccount()).config!.deliveryChannels).toMatchObject([{ name: 'default', s3BucketName: 'acme-audit-logs-123456789012' }]);
	});

	it('allows one recorder per region and only real managed rule identifiers', async () => {
		const gateway = sandbox();
		await gateway.apply(recorder);
		const second = action('config:PutConfigurationRecorder', { ConfigurationRecorder: { name: 'second', roleARN: `${A}:role/r` } }, 6);
		expect((await rejection(gateway.apply(second))).code).toBe('MaxNumberOfConfigurationRecordersExceededException');
		const bogus = action('config:PutConfigRule', { ConfigRule: { ConfigRuleName: 'x', Source: { Owner: 'AWS', SourceIdentifier: 'NOT_A_RULE' } } }, 6);
		expect((await rejection(gateway.apply(bogus))).code).toBe('InvalidParameterValueException');
		expect((await rejection(gateway.apply(action('config:DeleteConfigRule', { ConfigRuleName: 'x' }, 6)))).code).toBe('NoSuchConfigRuleException');
	});

	it('refuses a rule past the account\'s limit of a region (MaxNumberOfConfigRulesExceededException), and nothing is added', async () => {
		const state = createSeedState(seedTime);
		for (let i = 0; i < maxConfigRules; i += 1) state.config.rules.push({ name: `other-${i}`, arn: `arn:aws:config:us-east-1:123456789012:config-rule/config-rule-${i}`, owner: 'AWS', sourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED', state: 'ACTIVE' });
		const gateway = sandbox({ state });
		await gateway.apply(recorder);
		const refused = await rejection(gateway.apply(rule));
		expect(refused.code).toBe('MaxNumberOfConfigRulesExceededException');
		expect(refused.message).toContain(`already has ${maxConfigRules} Config rules`);
		expect((await gateway.readAccount()).config!.rules.some((r) => r.name === 'iam-password-policy')).toBe(false);
		// Changing a rule the account has is not a new rule: it is taken at the limit.
		await gateway.apply(action('config:PutConfigRule', { ConfigRule: { ConfigRuleName: 'other-0', Source: { Owner: 'AWS', SourceIdentifier: 'IAM_PASSWORD_POLICY' } } }, 6));
	});
});

describe('sandbox S3 semantics', () => {
	const ownedBucket = 'acme-audit-logs-123456789012';

	it('answers CreateBucket of a bucket the account owns 200 OK in us-east-1 (S3\'s legacy answer), changing nothing', async () => {
		const gateway = sandbox();
		const before = gateway.currentState().resources;
		expect(before.find((r) => r.name === ownedBucket)?.policy).not.toBeNull();
		const again = await gateway.apply(action('s3:CreateBucket', { Bucket: ownedBucket }, 6));
		expect(again.outputs).toEqual({ Location: `/${ownedBucket}` });
		expect(gateway.currentState().resources).toEqual(before);
	});

	it('answers CreateBucket of a bucket the account owns BucketAlreadyOwnedByYou in every other Region', async () => {
		const gateway = sandbox();
		const inIreland = action('s3:CreateBucket', { Bucket: 'acme-config-eu-west-1', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }, 6);
		await gateway.apply(inIreland);
		const before = gateway.currentState().resources;
		const again = await rejection(gateway.apply(inIreland));
		expect(again.code).toBe('BucketAlreadyOwnedByYou');
		expect(again.message).toBe('s3:CreateBucket failed with BucketAlreadyOwnedByYou: Your previous request to create the named bucket succeeded and you already own it.');
		expect(gateway.currentState().resources).toEqual(before);
	});
});

describe('sandbox S3 semantics for a name another account owns', () => {
	const taken = 'iam-wizard-config-123456789012-us-east-1';

	it('answers CreateBucket BucketAlreadyExists in every Region, HeadBucket 403, and reads the Config bucket as forbidden', async () => {
		const state = sandbox().currentState();
		state.otherAccountsBuckets = [taken];
		const gateway = sandbox({ state });
		for (const params of [{ Bucket: taken }, { Bucket: taken, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }]) {
			const refused = await rejection(gateway.apply(action('s3:CreateBucket', params, 6)));
			expect(refused.code).toBe('BucketAlreadyExists');
			expect(refused.message).toBe(
				's3:CreateBucket failed with BucketAlreadyExists: The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
			);
		}
		const head = await rejection(gateway.readState(action('s3:CreateBucket', { Bucket: taken }, 6)));
		expect([head.code, head.message]).toEqual(['Forbidden', 's3:HeadBucket failed with Forbidden.']);
		expect((await rejection(gateway.readState(action('s3:PutBucketPolicy', { Bucket: taken, Policy: { Version: '2012-10-17', Statement: [] } }, 6)))).code).toBe('AccessDenied');
		expect((await gateway.readAccount()).config?.defaultBucket).toEqual({ name: taken, status: 'forbidden' });
		expect(gateway.currentState().resources.some((r) => r.name === taken)).toBe(false);
	});
});

describe('sandbox EventBridge and SNS semantics', () => {
	it('creates a topic idempotently and targets a rule at it; a rule with targets cannot be deleted', async () => {
		const gateway = sandbox();
		const topic = await gateway.apply(action('sns:CreateTopic', { Name: 'iam-wizard-alerts' }, 6));
		expect(topic.outputs).toEqual({ TopicArn: topicArn });
		expect((await gateway.apply(action('sns:CreateTopic', { Name: 'iam-wizard-alerts' }, 6))).outputs).toEqual({ TopicArn: topicArn });
		const pattern = JSON.stringify({ detail: { userIdentity: { type: ['Root'] } } });
		const rule = await gateway.apply(action('events:PutRule', { Name: 'root-activity', EventPattern: pattern, State: 'ENABLED' }, 6));
		expect(rule.outputs).toEqual({ RuleArn: 'arn:aws:events:us-east-1:123456789012:rule/root-activity' });
		await gateway.apply(action('events:PutTargets', { Rule: 'root-activity', Targets: [{ id: 'alerts', arn: topicArn }] }, 6));
		expect((await rejection(gateway.apply(action('events:DeleteRule', { Name: 'root-activity' }, 6)))).code).toBe('ValidationException');
		expect((await gateway.readAccount()).eventRules!.find((r) => r.name === 'root-activity')).toMatchObject({ state: 'ENABLED', eventPattern: pattern, targets: [{ id: 'alerts', arn: topicArn }] });
		await gateway.apply(action('events:RemoveTargets', { Rule: 'root-activity', Ids: ['alerts'] }, 6));
		await gateway.apply(action('events:DeleteRule', { Name: 'root-activity' }, 6));
		await gateway.apply(action('sns:DeleteTopic', { TopicArn: topicArn }, 6));
		expect((await gateway.readAccount()).eventRules!.some((r) => r.name === 'root-activity')).toBe(false);
	});

	it('deletes a rule or a topic that is not there without an error, as AWS does (both calls are idempotent)', async () => {
		const gateway = sandbox();
		const before = gateway.currentState();
		await expect(gateway.apply(action('events:DeleteRule', { Name: 'never-created' }, 6))).resolves.toMatchObject({ requestId: expect.any(String) });
		await expect(gateway.apply(action('sns:DeleteTopic', { TopicArn: topicArn }, 6))).resolves.toMatchObject({ requestId: expect.any(String) });
		expect(gateway.currentState().eventRules).toEqual(before.eventRules);
		expect(gateway.currentState().resources).toEqual(before.resources);
	});

	it('rejects a bad event pattern and targets on a missing rule', async () => {
		const gateway = sandbox();
		expect((await rejection(gateway.apply(action('events:PutRule', { Name: 'x', EventPattern: 'not json', State: 'ENABLED' }, 6)))).code).toBe('InvalidEventPatternException');
		expect((await rejection(gateway.apply(action('events:PutTargets', { Rule: 'missing', Targets: [{ id: 'a', arn: topicArn }] }, 6)))).code).toBe('ResourceNotFoundException');
	});
});
