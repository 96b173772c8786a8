import { charKey, defineScreenKeys } from '../../ui/key-bindings.js';

/** Step 6's own keys, beside the generic review's. */
export const monitoringKeys = defineScreenKeys('Step 6 · Monitoring', {
	subscribe: charKey('e', 'e-mail the alerts', 'Subscribe an e-mail address to the alert topic (previewed; AWS then e-mails a confirmation link)'),
	topic: charKey('t', 'choose the alert topic', 'Name an existing SNS topic (its ARN) for the alert rules instead of creating iam-wizard-alerts; its policy is merged, never replaced'),
	bucket: charKey('c', "name Config's bucket", "Name the S3 bucket AWS Config delivers to, new or one the account has (previewed with the recorder)"),
	hub: charKey('h', 'Security Hub, Config verdicts', "Show Security Hub's IAM.* controls and AWS Config's verdicts on its IAM rules next to iam-wizard's checks"),
});
