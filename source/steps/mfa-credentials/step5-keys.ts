import { charKey, defineScreenKeys } from '../../ui/key-bindings.js';

/** Step 5's own keys, beside the global ones and the generic review's. */
export const step5Keys = defineScreenKeys('Step 5 · MFA and credentials', {
	attest: charKey('c', 'I did it in the console', 'Root checklist: record in the change log that you did the item under the cursor in the console (the step re-checks it)'),
});
