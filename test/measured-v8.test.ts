// The CLI turns off TurboFan inlining only on the V8 versions it was measured on: a V8 without the flag would print "unrecognized flag" on stderr for every command.
import { describe, expect, it } from 'vitest';
import { measuredV8 } from '../source/measured-v8.js';

describe('measuredV8', () => {
	it('holds for the V8 of Node 20, 22 and 24', () => {
		expect(measuredV8('11.3.244.8-node.33')).toBe(true);
		expect(measuredV8('12.4.254.21-node.33')).toBe(true);
		expect(measuredV8('13.6.233.17-node.36')).toBe(true);
	});

	it('does not hold for an older or a later V8, nor for a version it cannot read', () => {
		expect(measuredV8('10.2.154.26-node.26')).toBe(false);
		expect(measuredV8('14.1.146.11-node.12')).toBe(false);
		expect(measuredV8('')).toBe(false);
	});
});
