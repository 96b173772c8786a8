/**
 * A rule's proof: each sample run through TestEventPattern in order, the proof holding only
 * when every sample's answer is the one it expects, and the lines and refusal sentence the
 * preview, the verification and a refused PutRule show.
 */
import { describe, expect, it } from 'vitest';
import type { ProofResult } from '../../source/core/actions.js';
import { patternProofFailedCode, proofFailureMessage, proofHolds, proofLines, runProof } from '../../source/core/pattern-proof.js';

const result = (name: string, expect: boolean, matched: boolean): ProofResult => ({ name, expect, matched });

describe('runProof', () => {
	it('asks TestEventPattern about each sample in order, awaiting each answer, and keeps what it expected', async () => {
		const asked: string[] = [];
		const proof = {
			samples: [
				{ name: 'root ConsoleLogin', event: '{"a":1}', expect: true },
				{ name: 'alice ConsoleLogin', event: '{"a":2}', expect: false },
				{ name: 'root ListUsers', event: '{"a":3}', expect: true },
			],
		};
		const results = await runProof(proof, async (event) => {
			asked.push(event);
			await new Promise((resolve) => setImmediate(resolve));
			return event !== '{"a":3}';
		});
		expect(asked).toEqual(['{"a":1}', '{"a":2}', '{"a":3}']);
		expect(results).toEqual([result('root ConsoleLogin', true, true), result('alice ConsoleLogin', false, true), result('root ListUsers', true, false)]);
	});

	it('takes a synchronous answer too, and an empty proof asks nothing', async () => {
		expect(await runProof({ samples: [{ name: 's', event: 'e', expect: false }] }, () => false)).toEqual([result('s', false, false)]);
		expect(await runProof({ samples: [] }, () => true)).toEqual([]);
	});
});

describe('proofHolds', () => {
	it.each([
		['every sample answered as expected', [result('a', true, true), result('b', false, false)], true],
		['a sample that must match missed', [result('a', true, false), result('b', false, false)], false],
		['a sample that must not match matched', [result('a', true, true), result('b', false, true)], false],
		['no sample', [], true],
	])('%s', (_name, results, holds) => {
		expect(proofHolds(results)).toBe(holds);
	});
});

describe('proofLines and proofFailureMessage', () => {
	const results = [result('root ConsoleLogin', true, true), result('alice ConsoleLogin', false, false), result('root ListUsers', true, false), result('alice PutUserPolicy', false, true)];

	it('says per sample whether it was right, what it did and what it must do', () => {
		expect(proofLines(results)).toEqual([
			'ok: matches root ConsoleLogin (must match)',
			'ok: does not match alice ConsoleLogin (must not match)',
			'FAILED: does not match root ListUsers (must match)',
			'FAILED: matches alice PutUserPolicy (must not match)',
		]);
	});

	it('names only the wrong samples, a missed one as missed and a wrong match as matched', () => {
		expect(proofFailureMessage('iam-wizard-root-activity', results)).toBe(
			'Rule iam-wizard-root-activity was not created: its pattern misses root ListUsers and matches alice PutUserPolicy (TestEventPattern).',
		);
		expect(proofFailureMessage('r', [result('x', true, false)])).toBe('Rule r was not created: its pattern misses x (TestEventPattern).');
	});

	it('has the error code gateways raise', () => {
		expect(patternProofFailedCode).toBe('PatternProofFailed');
	});
});
