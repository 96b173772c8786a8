/** The preview's finding lines when the findings themselves are not at hand (`audit undo` reads only the log). */
import { describe, expect, it } from 'vitest';
import type { Action } from '../../source/core/actions.js';
import { previewLines } from '../../source/ui/preview-lines.js';

const policy = 'arn:aws:iam::123456789012:policy/contractors/contractor-iam-helper';
const action: Action = {
	kind: 'iam:SetDefaultPolicyVersion',
	params: { PolicyArn: policy, VersionId: 'v5' },
	step: 3,
	findingIds: [`POLICY_SENSITIVE_NO_MFA|${policy}|`, 'KEY_NOT_ROTATED', 'SOMETHING_ELSE|arn:x|q'],
	summary: `Make version v5 of ${policy} the default again`,
};

describe('previewLines without the findings', () => {
	it('names each finding by ID, catalogue title and resource, never as its raw key', () => {
		const text = previewLines([action], [], undefined, { rollback: true }).map((l) => l.text);
		expect(text).toContain(`   reopens POLICY_SENSITIVE_NO_MFA Permissions management without MFA: ${policy}`);
		expect(text).toContain('   reopens KEY_NOT_ROTATED Access key not rotated');
		// An ID the catalogue does not know keeps its resource and loses only the separators.
		expect(text).toContain('   reopens SOMETHING_ELSE: arn:x');
		expect(text.join('\n')).not.toContain('|');
	});
});
