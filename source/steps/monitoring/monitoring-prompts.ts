/**
 * The questions behind step 6's own keys, ending in a batch: e asks for an e-mail address
 * and previews its subscription to the alert topic; t asks for an existing topic's ARN —
 * checked, read (sns:GetTopicAttributes) — and previews the alert rules sending to it, its
 * policy merged only when it does not let EventBridge publish yet; c asks for the bucket AWS Config
 * delivers to — checked against S3's naming rules, looked up (reused with its policy kept
 * when the account has it) — and previews the recorder with it.
 */
import { useState } from 'react';
import type { Action } from '../../core/actions.js';
import { isGatewayError } from '../../core/gateway-error.js';
import type { AccountModel } from '../../core/model.js';
import type { PolicyDocument } from '../../core/policy-document.js';
import type { StepPlan } from '../../core/step-plan.js';
import type { AwsGateway } from '../../aws/gateway.js';
import type { CustomBatchControl } from '../step-screen-custom-batch.js';
import { alertTopicArnProblem, missingTopicSentence } from '../../core/alert-topic.js';
import type { AlertTopic } from '../../core/model.js';
import { alertActions, alertFindings, alertStatuses, alertTopicArn } from './alert-checks.js';
import { emailProblem, subscriptionActions } from './alert-subscription.js';
import { recorderActions } from './config-checks.js';
import { bucketNameProblem, configBucketName } from './delivery-bucket.js';

export type MonitoringPrompt = { kind: 'email' | 'bucket' | 'topic'; value: string; problem?: string; checking?: boolean };

/** The model with the topic chosen on the screen: the subscriptions read were another topic's, so they are not known for it. */
export function withAlertTopic(model: AccountModel, topic: AlertTopic | undefined): AccountModel {
	if (!topic || model.alertTopic?.arn === topic.arn) return topic ? { ...model, alertTopic: { ...model.alertTopic, ...topic } } : model;
	const { alertSubscriptions: _other, ...rest } = model;
	return { ...rest, alertTopic: topic };
}

export function useMonitoringPrompts({ model, plan, gateway, batch, setNotice }: { model: AccountModel | null; plan: StepPlan | null; gateway: AwsGateway; batch: CustomBatchControl; setNotice: (notice: string | undefined) => void }) {
	const [prompt, setPrompt] = useState<MonitoringPrompt | undefined>();
	const [chosenTopic, setChosenTopic] = useState<AlertTopic | undefined>();
	const effective = model ? withAlertTopic(model, chosenTopic) : null;

	const openEmail = () => {
		if (!model) return;
		setNotice(undefined);
		setPrompt({ kind: 'email', value: '' });
	};

	const recorderOff = plan?.findings.find((f) => f.id === 'CONFIG_RECORDER_OFF');
	const openBucket = () => {
		if (!model) return;
		if (!model.config) return setNotice('AWS Config was not read: r reads the account again.');
		const channel = model.config.deliveryChannels[0];
		if (channel) return setNotice(`AWS Config delivers to bucket ${channel.s3BucketName ?? '(unknown)'} already (channel ${channel.name}): iam-wizard does not move it.`);
		if (!recorderOff) return setNotice('AWS Config records already.');
		setNotice(undefined);
		setPrompt({ kind: 'bucket', value: '' });
	};

	const submitEmail = (value: string) => {
		const address = value.trim();
		const problem = emailProblem(address, effective!);
		if (problem) return setPrompt({ kind: 'email', value, problem });
		setPrompt(undefined);
		batch.start(subscriptionActions(effective!, address));
	};

	const openTopic = () => {
		if (!model) return;
		if (!model.eventRules) return setNotice('EventBridge was not read: r reads the account again.');
		setNotice(undefined);
		setPrompt({ kind: 'topic', value: effective?.alertTopic?.arn ?? '' });
	};

	const submitTopic = async (value: string) => {
		const arn = value.trim();
		if (arn === '') {
			setPrompt(undefined);
			setChosenTopic(undefined);
			return setNotice(model!.alertTopic ? `The alert topic setting names ${model!.alertTopic.arn}: change it in the settings file.` : 'The alerts go to iam-wizard-alerts, created with the rules when needed.');
		}
		const problem = alertTopicArnProblem(arn, model!.partition, model!.accountId) ?? (gateway.readAlertTopic ? undefined : 'This account cannot be asked for its topics.');
		if (problem) return setPrompt({ kind: 'topic', value, problem });
		setPrompt({ kind: 'topic', value, checking: true });
		try {
			const topic = await gateway.readAlertTopic!(arn);
			if (!topic.exists) return setPrompt({ kind: 'topic', value, problem: missingTopicSentence(arn) });
			setPrompt(undefined);
			setChosenTopic(topic);
			const chosen = withAlertTopic(model!, topic);
			const statuses = alertStatuses(chosen);
			const findings = alertFindings(chosen, statuses);
			const { actions } = alertActions(chosen, statuses, findings);
			if (actions.length === 0) return setNotice(`The alerts go to ${alertTopicArn(chosen)}: every alert fires already, so nothing changes.`);
			batch.start(actions, { findings: findings.filter((f) => actions.some((a) => a.findingIds.includes(f.fingerprint))) });
		} catch (error) {
			const why = isGatewayError(error) ? `${error.code}: ${error.message}` : String(error);
			setPrompt({ kind: 'topic', value, problem: `Topic ${arn} cannot be read (${why}).` });
		}
	};

	const submitBucket = async (value: string) => {
		// Enter on an empty field takes the name iam-wizard proposes.
		const name = value.trim() || configBucketName(model!);
		const problem = bucketNameProblem(name);
		if (problem) return setPrompt({ kind: 'bucket', value, problem });
		setPrompt({ kind: 'bucket', value, checking: true });
		try {
			const probe = (action: Action) => gateway.readState(action);
			const { exists } = (await probe({ kind: 's3:CreateBucket', params: { Bucket: name }, step: 6, findingIds: [], summary: '' })) as { exists?: boolean };
			let existing: { policy: PolicyDocument | null } | undefined;
			if (exists) {
				const { Policy } = (await probe({ kind: 's3:PutBucketPolicy', params: { Bucket: name, Policy: { Version: '2012-10-17', Statement: [] } }, step: 6, findingIds: [], summary: '' })) as { Policy: PolicyDocument | null };
				existing = { policy: Policy };
			}
			setPrompt(undefined);
			batch.start(recorderActions(model!, recorderOff!, { name, ...(existing ? { existing } : {}) }), { findings: [recorderOff!] });
		} catch (error) {
			const why = isGatewayError(error) ? `${error.code}: ${error.message}` : String(error);
			setPrompt({ kind: 'bucket', value, problem: `Bucket ${name} cannot be used (${why}); it may belong to another account. Choose another name.` });
		}
	};

	return { prompt, setPrompt, openEmail, openBucket, submitEmail, openTopic, submitTopic: (value: string) => void submitTopic(value), effective, submitBucket: (value: string) => void submitBucket(value), defaultBucket: model ? configBucketName(model) : '' };
}
