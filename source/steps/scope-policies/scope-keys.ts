import { charKey, defineScreenKeys } from '../../ui/key-bindings.js';

/** Step 3's own keys: evidence and choices for the policy under the cursor. */
export const scopeKeys = defineScreenKeys('Step 3 · Scope policies', {
	lastAccessed: charKey('l', 'last-accessed', "Read last-accessed data of the policy's principals (evidence for the proposal)"),
	resourceArns: charKey('e', 'ARNs', 'Choose resource ARNs for a statement on Resource "*"'),
	mfa: charKey('m', 'MFA', 'Require MFA in the proposal, or stop requiring it (a toggle)'),
	sourceIp: charKey('i', 'source IP', 'Restrict the proposal to source IP ranges (asks for CIDRs)'),
	timeWindow: charKey('t', 'time', 'Restrict the proposal to a time window (asks for START END)'),
	validate: charKey('v', 'validate', 'Validate the proposal through the gateway (Access Analyzer when live)'),
	clearChoices: charKey('x', 'clear', "Clear this policy's choices"),
});
