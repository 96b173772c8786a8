/**
 * Step 6's services on the fake AWS, as their API references answer: AWS Config (a recorder
 * needs a delivery channel to start, a channel needs a recorder and an existing bucket, a
 * rule needs a recorder, a channel cannot go while its recorder records), EventBridge (a
 * rule with targets cannot be deleted; TestEventPattern with AWS's documented matching and
 * its InvalidEventPatternException), SNS (topics with their default policy, e-mail
 * subscriptions pending confirmation), Security Hub (not subscribed until enabled, standards
 * PENDING when enabled), S3 (the Config bucket and its policy), CloudWatch Logs metric
 * filters on existing log groups, CloudWatch alarms.
 */
import { InvalidEventError, InvalidEventPatternError, parseEventPattern, testEventPattern } from '../../source/core/event-pattern.js';
import { accountId, failure, notFound, now, ok, region, type Handler, type Json } from './fake-state.js';

/** The JSON protocols send timestamps as epoch seconds (a number), not ISO text. */
const epochSeconds = Date.parse(now) / 1000;

/** Config's describe calls: every item without names; with names, each must exist. */
function named(names: string[] | undefined, items: Json[], key: string, field: string, missing: string) {
	if (!names || names.length === 0) return ok({ [field]: items });
	const absent = names.find((n) => !items.some((i) => i[key] === n));
	if (absent) return notFound(missing, `Cannot find ${absent}.`);
	return ok({ [field]: items.filter((i) => names.includes(i[key])) });
}

const configHandlers: Record<string, Handler> = {
	'config:DescribeConfigurationRecorders': (p, s) => named(p.ConfigurationRecorderNames, s.recorders, 'name', 'ConfigurationRecorders', 'NoSuchConfigurationRecorderException'),
	'config:DescribeConfigurationRecorderStatus': (p, s) => {
		const answer = named(p.ConfigurationRecorderNames, s.recorders, 'name', 'ConfigurationRecordersStatus', 'NoSuchConfigurationRecorderException');
		if (!('result' in answer)) return answer;
		const listed = (answer.result as Json).ConfigurationRecordersStatus as Json[];
		return ok({ ConfigurationRecordersStatus: listed.map((r) => ({ name: r.name, recording: s.recording[r.name] ?? false, ...(s.recording[r.name] ? { lastStatus: 'SUCCESS', lastStartTime: epochSeconds } : {}) })) });
	},
	// One recorder per region: a second name is MaxNumberOfConfigurationRecordersExceededException.
	'config:PutConfigurationRecorder': (p, s) => {
		const recorder = p.ConfigurationRecorder as Json;
		if (s.recorders.some((r) => r.name !== recorder.name)) return failure('MaxNumberOfConfigurationRecordersExceededException', 'You have reached the limit of the number of configuration recorders you can create.');
		s.recorders = [...s.recorders.filter((r) => r.name !== recorder.name), recorder];
		return ok();
	},
	'config:DeleteConfigurationRecorder': (p, s) => {
		if (!s.recorders.some((r) => r.name === p.ConfigurationRecorderName)) return failure('NoSuchConfigurationRecorderException', `Cannot find configuration recorder with the specified name '${p.ConfigurationRecorderName}'.`);
		s.recorders = s.recorders.filter((r) => r.name !== p.ConfigurationRecorderName);
		delete s.recording[p.ConfigurationRecorderName];
		return ok();
	},
	'config:DescribeDeliveryChannels': (p, s) => named(p.DeliveryChannelNames, s.deliveryChannels, 'name', 'DeliveryChannels', 'NoSuchDeliveryChannelException'),
	'config:PutDeliveryChannel': (p, s) => {
		const channel = p.DeliveryChannel as Json;
		if (s.recorders.length === 0) return failure('NoAvailableConfigurationRecorderException', 'Configuration recorder is not available to put delivery channel.');
		if (!(channel.s3BucketName in s.buckets)) return failure('NoSuchBucketException', `Cannot find a S3 bucket with an appropriate bucket policy: ${channel.s3BucketName}.`);
		s.deliveryChannels = [...s.deliveryChannels.filter((c) => c.name !== channel.name), channel];
		return ok();
	},
	'config:DeleteDeliveryChannel': (p, s) => {
		if (!s.deliveryChannels.some((c) => c.name === p.DeliveryChannelName)) return failure('NoSuchDeliveryChannelException', `Cannot find delivery channel with specified name '${p.DeliveryChannelName}'.`);
		if (Object.values(s.recording).some(Boolean)) return failure('LastDeliveryChannelDeleteFailedException', `Failed to delete last specified delivery channel with name '${p.DeliveryChannelName}', because there is a running configuration recorder.`);
		s.deliveryChannels = s.deliveryChannels.filter((c) => c.name !== p.DeliveryChannelName);
		return ok();
	},
	'config:StartConfigurationRecorder': (p, s) => {
		if (!s.recorders.some((r) => r.name === p.ConfigurationRecorderName)) return failure('NoSuchConfigurationRecorderException', `Cannot find configuration recorder with the specified name '${p.ConfigurationRecorderName}'.`);
		if (s.deliveryChannels.length === 0) return failure('NoAvailableDeliveryChannelException', 'Delivery channel is not available to start configuration recorder.');
		s.recording[p.ConfigurationRecorderName] = true;
		return ok();
	},
	'config:StopConfigurationRecorder': (p, s) => {
		if (!s.recorders.some((r) => r.name === p.ConfigurationRecorderName)) return failure('NoSuchConfigurationRecorderException', `Cannot find configuration recorder with the specified name '${p.ConfigurationRecorderName}'.`);
		s.recording[p.ConfigurationRecorderName] = false;
		return ok();
	},
	'config:DescribeConfigRules': (p, s) => named(p.ConfigRuleNames, s.configRules, 'ConfigRuleName', 'ConfigRules', 'NoSuchConfigRuleException'),
	'config:PutConfigRule': (p, s) => {
		const rule = p.ConfigRule as Json;
		if (s.recorders.length === 0) return failure('NoAvailableConfigurationRecorderException', 'Configuration recorder is not available to put config rule.');
		const existing = s.configRules.find((r) => r.ConfigRuleName === rule.ConfigRuleName);
		const id = existing?.ConfigRuleId ?? `config-rule-${s.configRules.length + 1}`;
		s.configRules = [...s.configRules.filter((r) => r !== existing), { ...rule, ConfigRuleId: id, ConfigRuleArn: `arn:aws:config:${region}:${accountId}:config-rule/${id}`, ConfigRuleState: 'ACTIVE' }];
		return ok();
	},
	'config:DeleteConfigRule': (p, s) => {
		if (!s.configRules.some((r) => r.ConfigRuleName === p.ConfigRuleName)) return failure('NoSuchConfigRuleException', `The ConfigRule '${p.ConfigRuleName}' provided in the request is invalid. Please check the configRule name.`);
		s.configRules = s.configRules.filter((r) => r.ConfigRuleName !== p.ConfigRuleName);
		return ok();
	},
	'config:DescribeComplianceByConfigRule': (_p, s) => ok({ ComplianceByConfigRules: s.configRules.map((r) => ({ ConfigRuleName: r.ConfigRuleName, Compliance: { ComplianceType: 'COMPLIANT' } })) }),
};

const noRule = (name: string) => notFound('ResourceNotFoundException', `Rule ${name} does not exist on EventBus default.`);

const eventsHandlers: Record<string, Handler> = {
	'events:ListRules': (_p, s) => ok({ Rules: s.rules }),
	'events:DescribeRule': (p, s) => {
		const r = s.rules.find((x) => x.Name === p.Name);
		return r ? ok({ ...r, EventBusName: 'default', CreatedBy: accountId }) : noRule(p.Name);
	},
	'events:PutRule': (p, s) => {
		try {
			parseEventPattern(p.EventPattern);
		} catch (error) {
			return failure('InvalidEventPatternException', `Event pattern is not valid. Reason: ${(error as Error).message}`);
		}
		const arn = `arn:aws:events:${region}:${accountId}:rule/${p.Name}`;
		const rule = { Name: p.Name, Arn: arn, EventPattern: p.EventPattern, State: p.State ?? 'ENABLED', ...(p.Description ? { Description: p.Description } : {}), EventBusName: 'default' };
		s.rules = [...s.rules.filter((x) => x.Name !== p.Name), rule];
		return ok({ RuleArn: arn });
	},
	// Deleting a rule that does not exist succeeds; one with targets is refused (the targets go first).
	'events:DeleteRule': (p, s) => {
		if ((s.targets[p.Name] ?? []).length > 0) return failure('ValidationException', "Rule can't be deleted since it has targets.");
		s.rules = s.rules.filter((x) => x.Name !== p.Name);
		delete s.targets[p.Name];
		return ok();
	},
	'events:ListTargetsByRule': (p, s) => (s.rules.some((x) => x.Name === p.Rule) ? ok({ Targets: s.targets[p.Rule] ?? [] }) : noRule(p.Rule)),
	'events:PutTargets': (p, s) => {
		if (!s.rules.some((x) => x.Name === p.Rule)) return noRule(p.Rule);
		const incoming = (p.Targets as Json[]).map((t) => ({ Id: t.Id, Arn: t.Arn }));
		s.targets[p.Rule] = [...(s.targets[p.Rule] ?? []).filter((t) => !incoming.some((n) => n.Id === t.Id)), ...incoming];
		return ok({ FailedEntryCount: 0, FailedEntries: [] });
	},
	'events:RemoveTargets': (p, s) => {
		if (!s.rules.some((x) => x.Name === p.Rule)) return noRule(p.Rule);
		s.targets[p.Rule] = (s.targets[p.Rule] ?? []).filter((t) => !(p.Ids as string[]).includes(t.Id));
		return ok({ FailedEntryCount: 0, FailedEntries: [] });
	},
	'events:TestEventPattern': (p) => {
		try {
			return ok({ Result: testEventPattern(p.EventPattern, p.Event) });
		} catch (error) {
			if (error instanceof InvalidEventPatternError || error instanceof InvalidEventError) return failure('InvalidEventPatternException', (error as Error).message);
			throw error;
		}
	},
};

const topicNotFound = notFound('NotFound', 'Topic does not exist');

/** The policy SNS gives a new topic: the owner account may use it. */
function defaultTopicPolicy(arn: string): string {
	const actions = ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission', 'SNS:DeleteTopic', 'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'];
	return JSON.stringify({ Version: '2008-10-17', Id: '__default_policy_ID', Statement: [{ Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' }, Action: actions, Resource: arn, Condition: { StringEquals: { 'AWS:SourceOwner': accountId } } }] });
}

const snsHandlers: Record<string, Handler> = {
	'sns:GetTopicAttributes': (p, s) => (s.topics[p.TopicArn] ? ok({ Attributes: { $map: s.topics[p.TopicArn] } }) : topicNotFound),
	// CreateTopic is idempotent: the same name answers the same ARN.
	'sns:CreateTopic': (p, s) => {
		const arn = `arn:aws:sns:${region}:${accountId}:${p.Name}`;
		s.topics[arn] ??= { TopicArn: arn, Owner: accountId, DisplayName: '', Policy: defaultTopicPolicy(arn), SubscriptionsConfirmed: '0', SubscriptionsPending: '0' };
		return ok({ TopicArn: arn });
	},
	'sns:DeleteTopic': (p, s) => {
		delete s.topics[p.TopicArn];
		s.subscriptions = s.subscriptions.filter((x) => x.TopicArn !== p.TopicArn);
		return ok();
	},
	'sns:SetTopicAttributes': (p, s) => {
		const topic = s.topics[p.TopicArn];
		if (!topic) return topicNotFound;
		if (p.AttributeName === 'Policy') {
			try {
				JSON.parse(p.AttributeValue);
			} catch {
				return failure('InvalidParameter', 'Invalid parameter: Policy Error: null');
			}
		}
		topic[p.AttributeName] = p.AttributeValue;
		return ok();
	},
	// An e-mail endpoint waits for its recipient: without ReturnSubscriptionArn the answer is "pending confirmation".
	'sns:Subscribe': (p, s) => {
		if (!s.topics[p.TopicArn]) return topicNotFound;
		const arn = `${p.TopicArn}:${String(s.subscriptions.length + 1).padStart(8, '0')}-fake-subscription`;
		s.subscriptions.push({ SubscriptionArn: arn, Owner: accountId, Protocol: p.Protocol, Endpoint: p.Endpoint, TopicArn: p.TopicArn, pending: p.Protocol === 'email' });
		return ok({ SubscriptionArn: p.ReturnSubscriptionArn === 'true' || p.Protocol !== 'email' ? arn : 'pending confirmation' });
	},
	'sns:Unsubscribe': (p, s) => {
		if (!s.subscriptions.some((x) => x.SubscriptionArn === p.SubscriptionArn)) return notFound('NotFound', 'Subscription does not exist');
		s.subscriptions = s.subscriptions.filter((x) => x.SubscriptionArn !== p.SubscriptionArn);
		return ok();
	},
	'sns:ListSubscriptionsByTopic': (p, s) =>
		s.topics[p.TopicArn]
			? ok({ Subscriptions: s.subscriptions.filter((x) => x.TopicArn === p.TopicArn).map(({ pending, ...x }) => ({ ...x, SubscriptionArn: pending ? 'PendingConfirmation' : x.SubscriptionArn })) })
			: topicNotFound,
};

const hubArn = `arn:aws:securityhub:${region}:${accountId}:hub/default`;
const notSubscribed = { error: { code: 'InvalidAccessException', message: `Account ${accountId} is not subscribed to AWS Security Hub`, status: 401 } };

const securityHubHandlers: Record<string, Handler> = {
	'securityhub:DescribeHub': (_p, s) => (s.hub ? ok(s.hub) : notSubscribed),
	'securityhub:EnableSecurityHub': (_p, s) => {
		if (s.hub) return failure('ResourceConflictException', `Account ${accountId} is already subscribed to Security Hub`, 409);
		s.hub = { HubArn: hubArn, SubscribedAt: now, AutoEnableControls: true, ControlFindingGenerator: 'SECURITY_CONTROL' };
		return ok();
	},
	'securityhub:DisableSecurityHub': (_p, s) => {
		if (!s.hub) return notSubscribed;
		s.hub = null;
		s.standards = [];
		return ok();
	},
	'securityhub:GetEnabledStandards': (_p, s) => (s.hub ? ok({ StandardsSubscriptions: s.standards }) : notSubscribed),
	'securityhub:BatchEnableStandards': (p, s) => {
		if (!s.hub) return notSubscribed;
		const enabled = (p.StandardsSubscriptionRequests as Json[]).map((r) => {
			const path = String(r.StandardsArn).split(':standards/')[1];
			const subscription = { StandardsSubscriptionArn: `arn:aws:securityhub:${region}:${accountId}:subscription/${path}`, StandardsArn: r.StandardsArn, StandardsInput: {}, StandardsStatus: 'READY' };
			s.standards = [...s.standards.filter((x) => x.StandardsArn !== r.StandardsArn), subscription];
			return { ...subscription, StandardsStatus: 'PENDING' };
		});
		return ok({ StandardsSubscriptions: enabled });
	},
	'securityhub:BatchDisableStandards': (p, s) => {
		if (!s.hub) return notSubscribed;
		const arns = p.StandardsSubscriptionArns as string[];
		const disabled = s.standards.filter((x) => arns.includes(x.StandardsSubscriptionArn)).map((x) => ({ ...x, StandardsStatus: 'DELETING' }));
		s.standards = s.standards.filter((x) => !arns.includes(x.StandardsSubscriptionArn));
		return ok({ StandardsSubscriptions: disabled });
	},
	'securityhub:DescribeStandardsControls': (p, s) =>
		s.standards.some((x) => x.StandardsSubscriptionArn === p.StandardsSubscriptionArn)
			? ok({ Controls: [{ ControlId: 'IAM.1', ControlStatus: 'ENABLED', Title: 'IAM policies should not allow full "*" administrative privileges' }] })
			: notFound('ResourceNotFoundException', `Standards subscription ${p.StandardsSubscriptionArn} not found.`),
};

const noBucket = (_bucket: string) => notFound('NoSuchBucket', 'The specified bucket does not exist');

const s3Handlers: Record<string, Handler> = {
	// A bare 404 for a bucket that is not there (HEAD has no body); 200 with the bucket's region otherwise; a bare 403 for
	// another account's bucket when the request expects this account as its owner (x-amz-expected-bucket-owner).
	's3:HeadBucket': (p, s) => {
		const other = s.otherAccountsBuckets?.[p.Bucket as string];
		if (other !== undefined && p.ExpectedBucketOwner !== undefined && p.ExpectedBucketOwner !== other) return { error: { code: 'Forbidden', message: 'Forbidden', status: 403 } };
		return p.Bucket in s.buckets || other !== undefined ? ok({ headers: { 'x-amz-bucket-region': region } }) : { error: { code: 'NotFound', message: 'Not Found', status: 404 } };
	},
	's3:CreateBucket': (p, s) => {
		if (s.otherAccountsBuckets?.[p.Bucket as string] !== undefined) {
			return failure('BucketAlreadyExists', 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.', 409);
		}
		// S3 answers a bucket the caller owns 200 OK in us-east-1 ("for legacy compatibility"), BucketAlreadyOwnedByYou elsewhere.
		if (p.Bucket in s.buckets) {
			if ((p.LocationConstraint ?? 'us-east-1') === 'us-east-1') return ok({ headers: { location: `/${p.Bucket}` } });
			return failure('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409);
		}
		if (p.LocationConstraint && p.LocationConstraint !== region) return failure('IllegalLocationConstraintException', `The ${p.LocationConstraint} location constraint is incompatible for the region specific endpoint this request was sent to.`);
		s.buckets[p.Bucket] = null;
		return ok({ headers: { location: `/${p.Bucket}` } });
	},
	's3:DeleteBucket': (p, s) => {
		if (!(p.Bucket in s.buckets)) return noBucket(p.Bucket);
		delete s.buckets[p.Bucket];
		return ok({ status: 204 });
	},
	's3:GetBucketPolicy': (p, s) => {
		if (!(p.Bucket in s.buckets)) return noBucket(p.Bucket);
		const policy = s.buckets[p.Bucket];
		return policy ? ok({ headers: { 'content-type': 'application/json' }, body: policy }) : notFound('NoSuchBucketPolicy', 'The bucket policy does not exist');
	},
	's3:PutBucketPolicy': (p, s) => {
		if (!(p.Bucket in s.buckets)) return noBucket(p.Bucket);
		try {
			JSON.parse(p.Policy);
		} catch {
			return failure('MalformedPolicy', 'Policies must be valid JSON and the first byte must be \'{\'');
		}
		s.buckets[p.Bucket] = p.Policy;
		return ok({ status: 204 });
	},
	's3:DeleteBucketPolicy': (p, s) => {
		if (!(p.Bucket in s.buckets)) return noBucket(p.Bucket);
		s.buckets[p.Bucket] = null;
		return ok({ status: 204 });
	},
};

const noLogGroup = notFound('ResourceNotFoundException', 'The specified log group does not exist.');

const logsHandlers: Record<string, Handler> = {
	'logs:DescribeLogGroups': (_p, s) => ok({ logGroups: Object.keys(s.logGroups).map((name) => ({ logGroupName: name, arn: `arn:aws:logs:${region}:${accountId}:log-group:${name}:*` })) }),
	'logs:DescribeMetricFilters': (p, s) => {
		const filters = s.logGroups[p.logGroupName];
		if (!filters) return noLogGroup;
		return ok({ metricFilters: filters.filter((f) => !p.filterNamePrefix || String(f.filterName).startsWith(p.filterNamePrefix)) });
	},
	'logs:PutMetricFilter': (p, s) => {
		const filters = s.logGroups[p.logGroupName];
		if (!filters) return noLogGroup;
		const filter = { filterName: p.filterName, filterPattern: p.filterPattern, metricTransformations: p.metricTransformations, creationTime: Date.parse(now), logGroupName: p.logGroupName };
		s.logGroups[p.logGroupName] = [...filters.filter((f) => f.filterName !== p.filterName), filter];
		return ok();
	},
	'logs:DeleteMetricFilter': (p, s) => {
		const filters = s.logGroups[p.logGroupName];
		if (!filters) return noLogGroup;
		if (!filters.some((f) => f.filterName === p.filterName)) return notFound('ResourceNotFoundException', 'The specified metric filter does not exist.');
		s.logGroups[p.logGroupName] = filters.filter((f) => f.filterName !== p.filterName);
		return ok();
	},
};

const cloudWatchHandlers: Record<string, Handler> = {
	'cloudwatch:DescribeAlarms': (p, s) => ok({ MetricAlarms: s.alarms.filter((a) => !p.AlarmNames || (p.AlarmNames as string[]).includes(a.AlarmName)), CompositeAlarms: [] }),
	'cloudwatch:PutMetricAlarm': (p, s) => {
		const alarm = { ...p, AlarmArn: `arn:aws:cloudwatch:${region}:${accountId}:alarm:${p.AlarmName}`, StateValue: 'INSUFFICIENT_DATA', AlarmConfigurationUpdatedTimestamp: epochSeconds, ActionsEnabled: true };
		s.alarms = [...s.alarms.filter((a) => a.AlarmName !== p.AlarmName), alarm];
		return ok();
	},
	// Names that are not alarms are a ResourceNotFound (CloudWatch's query-compatible code).
	'cloudwatch:DeleteAlarms': (p, s) => {
		const names = p.AlarmNames as string[];
		const missing = names.find((n) => !s.alarms.some((a) => a.AlarmName === n));
		if (missing) return notFound('ResourceNotFound', `Alarm ${missing} does not exist.`);
		s.alarms = s.alarms.filter((a) => !names.includes(a.AlarmName));
		return ok();
	},
};

export const monitoringHandlers: Record<string, Handler> = { ...configHandlers, ...eventsHandlers, ...snsHandlers, ...securityHubHandlers, ...s3Handlers, ...logsHandlers, ...cloudWatchHandlers };
