import { charKey, defineScreenKeys } from '../../ui/key-bindings.js';

/** Step 5's own keys, beside the global ones and the generic review's. */
export const step5Keys = defineScreenKeys('Step 5 · MFA and credentials', {
	attest: charKey('c', 'I did it in the console', 'Root checklist: record in the change log that you did the item under the cursor in the console (the step re-checks it)'),
});

/** The guardrail section's edits: each opens a prompt, and the impact list follows what was entered. */
export const guardrailKeys = defineScreenKeys('Step 5 · MFA guardrail', {
	roles: charKey('h', 'role patterns of people', 'Edit the role ARN patterns of people (SSO or federated roles whose IdP passes MFA) the SCP also covers'),
	exempt: charKey('x', 'exemptions', 'Edit the exempt principal ARNs (break-glass, you, workloads still on access keys)'),
	target: charKey('t', 'target', 'Edit where the SCP goes: the root, an OU or an account (a root or OU asks for the account ID typed)'),
	defaults: charKey('d', 'defaults', "Back to iam-wizard's proposal: no role patterns, the default exemptions, the test OU"),
});
