import { charKey, defineScreenKeys } from '../../ui/key-bindings.js';

/** Step 6's own keys, beside the generic review's. */
export const monitoringKeys = defineScreenKeys('Step 6 · Monitoring', {
	subscribe: charKey('e', 'e-mail the alerts', 'Subscribe an e-mail address to the alert topic (previewed; AWS then e-mails a confirmation link)'),
	bucket: charKey('c', "name Config's bucket", "Name the S3 bucket AWS Config delivers to, new or one the account has (previewed with the recorder)"),
	hub: charKey('h', 'Security Hub, Config verdicts', "Show Security Hub's IAM.* controls and AWS Config's verdicts on its IAM rules next to iam-wizard's checks"),
});
