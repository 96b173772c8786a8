/**
 * Proof that an EventBridge rule fires: its pattern run through TestEventPattern with sample
 * events it must match and ones it must not. The gateway runs it before creating a rule (a
 * pattern that fails is never applied) and on the stored rule when verifying.
 */
import type { PatternProof, ProofResult } from './actions.js';

/** The error code a gateway raises when a rule's pattern fails its proof. */
export const patternProofFailedCode = 'PatternProofFailed';

/** Runs each sample through `test` (TestEventPattern with the pattern under proof), in order. */
export async function runProof(proof: PatternProof, test: (event: string) => Promise<boolean> | boolean): Promise<ProofResult[]> {
	const results: ProofResult[] = [];
	for (const sample of proof.samples) results.push({ name: sample.name, expect: sample.expect, matched: await test(sample.event) });
	return results;
}

export function proofHolds(results: readonly ProofResult[]): boolean {
	return results.every((r) => r.matched === r.expect);
}

/** One line per sample, as the preview and the verification show them. */
export function proofLines(results: readonly ProofResult[]): string[] {
	return results.map((r) => {
		const ok = r.matched === r.expect ? 'ok' : 'FAILED';
		return `${ok}: ${r.matched ? 'matches' : 'does not match'} ${r.name} (${r.expect ? 'must match' : 'must not match'})`;
	});
}

/** The sentence of a refused rule: which samples it got wrong. */
export function proofFailureMessage(rule: string, results: readonly ProofResult[]): string {
	const wrong = results.filter((r) => r.matched !== r.expect).map((r) => `${r.expect ? 'misses' : 'matches'} ${r.name}`);
	return `Rule ${rule} was not created: its pattern ${wrong.join(' and ')} (TestEventPattern).`;
}
