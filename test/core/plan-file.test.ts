/** The plan file's pure parts: which tool versions are newer, what a readable plan must hold, what an action is named by, and `--only`. */
import { describe, expect, it } from 'vitest';
import type { Action } from '../../source/core/actions.js';
import { actionSelected, compareVersions, parseOnly, planShapeProblem, unsignedPlan, type PlanFile } from '../../source/core/plan-file.js';

describe('compareVersions', () => {
	it('compares dotted versions part by part, as numbers', () => {
		expect(compareVersions('0.10.1', '0.9.3')).toBe(1);
		expect(compareVersions('0.9.3', '0.10.1')).toBe(-1);
		expect(compareVersions('1.2.3', '1.2.3')).toBe(0);
		expect(compareVersions('1.2', '1.2.0')).toBe(0);
		expect(compareVersions('1.2.1', '1.2')).toBe(1);
		expect(compareVersions('2.0.0', '1.99.99')).toBe(1);
	});

	it('sorts a pre-release before its release, and pre-releases by their tag', () => {
		expect(compareVersions('1.0.0-rc.1', '1.0.0')).toBe(-1);
		expect(compareVersions('1.0.0', '1.0.0-rc.1')).toBe(1);
		expect(compareVersions('1.0.0-alpha', '1.0.0-beta')).toBe(-1);
		expect(compareVersions('1.0.0-beta', '1.0.0-alpha')).toBe(1);
		expect(compareVersions('1.0.0-beta', '1.0.0-beta')).toBe(0);
		// The numbers decide before any tag does.
		expect(compareVersions('1.0.1-alpha', '1.0.0')).toBe(1);
	});

	it.each([
		// SemVer 11.4: numeric fields compare as numbers, so rc.10 comes after rc.9 (as text it would not).
		['1.0.0-rc.9', '1.0.0-rc.10', -1],
		['1.0.0-rc.10', '1.0.0-rc.9', 1],
		['1.0.0-rc.2', '1.0.0-rc.2', 0],
		// A number sorts before a word, a shorter tag before a longer one it begins.
		['1.0.0-1', '1.0.0-alpha', -1],
		['1.0.0-alpha', '1.0.0-1', 1],
		['1.0.0-alpha', '1.0.0-alpha.1', -1],
		['1.0.0-alpha.1', '1.0.0-alpha', 1],
		['1.0.0-alpha.beta', '1.0.0-alpha.1', 1],
		// A hyphen inside a tag is part of it: rc-1 and rc-2 differ.
		['1.0.0-rc-1', '1.0.0-rc-2', -1],
		['1.0.0-rc-2', '1.0.0-rc-1', 1],
		// Fields of digits only are numbers (20 before 100); any other character makes a word.
		['1.0.0-rc.20', '1.0.0-rc.100', -1],
		['1.0.0-1a', '1.0.0-1b', -1],
		// A number sorts before a word even where the word sorts first as text (a hyphen).
		['1.0.0-1', '1.0.0--a', -1],
		// The tag is what follows the first hyphen, however the numbers before it are written.
		['1.0-rc.1', '1.0.0-rc.1', 0],
		['1.0-rc.1', '1-rc.1', 0],
		// Build metadata does not order versions.
		['1.0.0+build.7', '1.0.0', 0],
		['1.0.0-rc.1+build.7', '1.0.0-rc.1', 0],
		['1.0.0+build.7', '1.0.0-rc.1', 1],
	])('orders %s against %s as %i', (a, b, expected) => {
		expect(compareVersions(a, b)).toBe(expected);
	});
});

const action: Action = { kind: 'iam:UpdateAccessKey', params: { UserName: 'dave', AccessKeyId: 'AKIA1', Status: 'Inactive' }, step: 5, findingIds: ['CREDENTIAL_UNUSED|arn:aws:iam::123456789012:user/dave|AKIA1'], summary: 'Deactivate' };

function plan(): Record<string, unknown> {
	return {
		format: 'iam-wizard-plan',
		formatVersion: 1,
		tool: { name: 'iam-wizard', version: '0.1.0' },
		account: { id: '123456789012' },
		caller: 'arn:aws:iam::123456789012:user/ops',
		createdAt: '2026-12-01T12:00:00.000Z',
		source: { kind: 'demo', description: 'demo' },
		actions: [{ action, resource: 'access key AKIA1 of user dave', stateDigest: 'ab'.repeat(32) }],
		signature: { algorithm: 'Ed25519', keyFingerprint: 'SHA256:x', publicKeyPem: 'PEM', value: 'c2ln' },
	};
}

describe('planShapeProblem', () => {
	it('accepts a plan with every required part, a snapshot plan’s unread state (null digest) included', () => {
		expect(planShapeProblem(plan())).toBeUndefined();
		const snapshot = { ...plan(), source: { kind: 'snapshot', description: 's' }, actions: [{ action, resource: 'r', stateDigest: null }] };
		expect(planShapeProblem(snapshot)).toBeUndefined();
	});

	it('names the first part a plan lacks', () => {
		const broken = (edit: (p: Record<string, unknown>) => void) => {
			const p = plan();
			edit(p);
			return planShapeProblem(p);
		};
		expect(planShapeProblem([])).toBe('it is not a JSON object');
		expect(planShapeProblem(null)).toBe('it is not a JSON object');
		expect(broken((p) => (p.format = 'other'))).toMatch(/^it is not an iam-wizard plan/);
		expect(broken((p) => (p.formatVersion = '1'))).toBe('it has no formatVersion');
		expect(broken((p) => (p.tool = { name: 'iam-wizard' }))).toBe('it does not say which iam-wizard version wrote it');
		expect(broken((p) => (p.account = {}))).toBe('it names no account');
		expect(broken((p) => delete p.caller)).toBe('it has no caller or creation time');
		expect(broken((p) => delete p.createdAt)).toBe('it has no caller or creation time');
		expect(broken((p) => (p.source = { kind: 'prod' }))).toBe('it does not say where it came from (source.kind)');
		expect(broken((p) => (p.actions = {}))).toBe('it has no list of actions');
		expect(broken((p) => (p.actions = [{ action, resource: 'r', stateDigest: 'x' }, { action: { ...action, findingIds: 'x' }, resource: 'r', stateDigest: 'x' }]))).toBe('action 2 is not an action');
		expect(broken((p) => (p.actions = [{ action: { ...action, params: 'x' }, resource: 'r', stateDigest: 'x' }]))).toBe('action 1 is not an action');
		expect(broken((p) => (p.actions = [{ action, stateDigest: 'x' }]))).toBe('action 1 has no resource or state digest');
		expect(broken((p) => (p.actions = [{ action, resource: 'r' }]))).toBe('action 1 has no resource or state digest');
		expect(broken((p) => delete p.signature)).toBe('it is not signed');
		expect(broken((p) => (p.signature = { value: 'c2ln' }))).toBe('it is not signed');
	});

	it('names a missing part, not a crash, whatever is absent or of another type', () => {
		const broken = (edit: (p: Record<string, unknown>) => void) => {
			const p = plan();
			edit(p);
			return planShapeProblem(p);
		};
		expect(planShapeProblem('a plan')).toBe('it is not a JSON object');
		expect(planShapeProblem(42)).toBe('it is not a JSON object');
		expect(broken((p) => delete p.format)).toBe('it is not an iam-wizard plan (no "format": "iam-wizard-plan")');
		expect(broken((p) => delete p.tool)).toBe('it does not say which iam-wizard version wrote it');
		expect(broken((p) => delete p.account)).toBe('it names no account');
		expect(broken((p) => (p.caller = 7))).toBe('it has no caller or creation time');
		expect(broken((p) => delete p.source)).toBe('it does not say where it came from (source.kind)');
		expect(broken((p) => (p.source = { kind: 'live', description: 'profile prod' }))).toBeUndefined();
		expect(broken((p) => (p.source = { kind: 'snapshot', description: 's' }))).toBeUndefined();
		expect(broken((p) => delete p.actions)).toBe('it has no list of actions');
		expect(broken((p) => (p.actions = []))).toBeUndefined();
		expect(broken((p) => (p.actions = [null]))).toBe('action 1 is not an action');
		expect(broken((p) => (p.actions = [{ resource: 'r', stateDigest: 'x' }]))).toBe('action 1 is not an action');
		expect(broken((p) => (p.actions = [{ action: { ...action, kind: undefined }, resource: 'r', stateDigest: 'x' }]))).toBe('action 1 is not an action');
		expect(broken((p) => (p.actions = [{ action: { ...action, findingIds: undefined }, resource: 'r', stateDigest: 'x' }]))).toBe('action 1 is not an action');
		expect(broken((p) => (p.actions = [{ action, resource: 7, stateDigest: 'x' }]))).toBe('action 1 has no resource or state digest');
		expect(broken((p) => (p.actions = [{ action, resource: 'r', stateDigest: 7 }]))).toBe('action 1 has no resource or state digest');
		expect(broken((p) => (p.signature = { publicKeyPem: 'PEM' }))).toBe('it is not signed');
		expect(broken((p) => (p.signature = { value: 'c2ln', publicKeyPem: 7 }))).toBe('it is not signed');
	});
});

describe('--only', () => {
	it('splits catalogue IDs from fingerprints and sets unknown IDs apart', () => {
		const only = parseOnly(['CREDENTIAL_UNUSED', 'ROOT_NO_MFA|root', 'NOT_A_FINDING']);
		expect([...only.ids]).toEqual(['CREDENTIAL_UNUSED']);
		expect([...only.fingerprints]).toEqual(['ROOT_NO_MFA|root']);
		expect(only.unknown).toEqual(['NOT_A_FINDING']);
	});

	it('selects an action by the catalogue ID of a finding it addresses, or by the finding’s exact fingerprint', () => {
		expect(actionSelected(action, parseOnly(['CREDENTIAL_UNUSED']))).toBe(true);
		expect(actionSelected(action, parseOnly([action.findingIds[0]!]))).toBe(true);
		expect(actionSelected(action, parseOnly(['CREDENTIAL_UNUSED|arn:aws:iam::123456789012:user/erin|AKIA2']))).toBe(false);
		expect(actionSelected(action, parseOnly(['ROOT_NO_MFA']))).toBe(false);
	});

	it('selects an action that addresses several findings when any one of them is selected', () => {
		const both: Action = { ...action, findingIds: ['KEY_NOT_ROTATED|arn:aws:iam::123456789012:user/dave|AKIA1', action.findingIds[0]!] };
		expect(actionSelected(both, parseOnly(['CREDENTIAL_UNUSED']))).toBe(true);
		expect(actionSelected(both, parseOnly([action.findingIds[0]!]))).toBe(true);
		expect(actionSelected(both, parseOnly(['ROOT_NO_MFA']))).toBe(false);
	});
});


describe('unsignedPlan', () => {
	it('is the plan without its signature, every other part kept', () => {
		const signed = plan() as unknown as PlanFile;
		const { signature, ...rest } = signed;
		expect(signature).toBeDefined();
		expect(unsignedPlan(signed)).toEqual(rest);
		expect('signature' in unsignedPlan(signed)).toBe(false);
	});
});
