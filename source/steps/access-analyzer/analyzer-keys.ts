import { charKey, defineScreenKeys } from '../../ui/key-bindings.js';

/** Step 2's own keys. */
export const analyzerKeys = defineScreenKeys('Step 2 · Access Analyzer', {
	createAnalyzers: charKey('c', 'create analyzers', 'Create the missing analyzers (previewed and confirmed first)'),
	generatePolicy: charKey('l', 'generate a policy from CloudTrail', "Generate a policy from a role's CloudTrail activity (becomes step 3's proposed scope)"),
	followJob: charKey('w', 'follow the running generation job', 'Follow the policy generation job already running in Access Analyzer'),
	fixTrust: charKey('f', 'fix trust', 'Fix the trust policy of the role under the cursor (setup and trust pane)'),
	archive: charKey('x', 'archive', 'Archive the analyzer finding(s) under the cursor, with a reason (reversible)'),
	defer: charKey('d', 'defer to step 3/5', 'Defer the analyzer finding(s) under the cursor to step 3 or 5 for remediation'),
});
