/**
 * CloudTrail management events as the change log's cross-check reads them, and how an action
 * kind and a caller ARN appear in them (event source and name; Username).
 */

/** A CloudTrail management event, as the cross-check needs it. */
export interface TrailEvent {
	eventId: string;
	/** "UpdateAccessKey". */
	eventName: string;
	/** "iam.amazonaws.com". */
	eventSource: string;
	eventTime: string;
	username?: string;
	readOnly: boolean;
	errorCode?: string;
}

/** Services whose IAM prefix differs from their CloudTrail event source host. */
const sourceOfPrefix: Record<string, string> = {
	'access-analyzer': 'access-analyzer.amazonaws.com',
	events: 'events.amazonaws.com',
	organizations: 'organizations.amazonaws.com',
	iam: 'iam.amazonaws.com',
	config: 'config.amazonaws.com',
	securityhub: 'securityhub.amazonaws.com',
	sns: 'sns.amazonaws.com',
	logs: 'logs.amazonaws.com',
	cloudwatch: 'monitoring.amazonaws.com',
};

/** "iam:UpdateAccessKey" → { eventSource: "iam.amazonaws.com", eventName: "UpdateAccessKey" }. */
export function eventOfAction(kind: string): { eventSource: string; eventName: string } {
	const [prefix, name] = kind.split(':');
	return { eventSource: sourceOfPrefix[prefix] ?? `${prefix}.amazonaws.com`, eventName: name ?? kind };
}

/** The CloudTrail Username of a caller ARN: a user's name, or an assumed role's session name. */
export function trailUsername(callerArn: string): string {
	const resource = callerArn.split(':').slice(5).join(':');
	const parts = resource.split('/');
	return parts[parts.length - 1] ?? callerArn;
}

