/**
 * The policy gate's answer in a batch's preview, as `apply --plan` gives it: which
 * validation ran on the documents the batch writes and what it found; a refusal when it
 * found an ERROR or SECURITY_WARNING, or when Access Analyzer could not answer (then `l`
 * relies on the local checks only, as `--validation local` does headless).
 */
import { Text } from '../ui/Text.js';
import { charKey, defineScreenKeys } from '../ui/key-bindings.js';
import { muted, tone } from '../ui/theme.js';
import { gateRefusal, type PolicyGate } from '../wizard/policy-gate.js';

export const previewKeys = defineScreenKeys('Preview', {
	local: charKey('l', 'local checks only', "When Access Analyzer cannot validate the batch's policy documents: rely on the local checks only (a subset of AWS's)"),
});

const byWhom: Record<PolicyGate['ran'], string> = {
	'access-analyzer': 'Access Analyzer ValidatePolicy',
	sandbox: "the sandbox's local checks",
	local: 'local checks only (Access Analyzer could not)',
	none: 'nothing',
};

/** One line: validating, passed (with the warnings that do not refuse), or the refusal. */
export function validationLine(gate: PolicyGate | null): { text: string; tone: 'status.warning' | 'status.error' | 'status.ok' | 'muted' } | null {
	if (gate === null) return { text: 'Validating the policy documents this batch writes…', tone: 'muted' };
	const refused = gateRefusal(gate, { what: 'this batch', how: `press ${previewKeys.label('local')}`, retry: 'preview again' });
	if (refused) return { text: refused, tone: 'status.error' };
	if (gate.checked.length === 0) return null;
	const others = gate.checked.flatMap((c) => c.issues);
	const also = others.length > 0 ? `; ${others.length} suggestion${others.length === 1 ? '' : 's'} or warning${others.length === 1 ? '' : 's'} that ${others.length === 1 ? 'does' : 'do'} not refuse it (${others.map((i) => i.issueCode).join(', ')})` : '';
	return { text: `Policy validation by ${byWhom[gate.ran]}: ${gate.checked.length} document${gate.checked.length === 1 ? '' : 's'}, no error or security warning${also}.`, tone: others.length > 0 ? 'status.warning' : 'status.ok' };
}

export function PreviewValidation({ gate }: { gate: PolicyGate | null }) {
	const line = validationLine(gate);
	if (!line) return null;
	return <Text {...(line.tone === 'muted' ? muted() : tone(line.tone))}>{line.text}</Text>;
}
