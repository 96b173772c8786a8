/** IAM's wildcards, the one implementation: `*` any run, `?` exactly one character, case by field. */
import { describe, expect, it } from 'vitest';
import { caseInsensitiveFor, concreteSample, fieldMatches, resourcePatternMatches, wildcardMatches, wildcardPrefix, wildcardToRegExp } from '../../../source/core/policy-engine/wildcard.js';

describe('wildcards', () => {
	it('? matches exactly one character: not none, not two', () => {
		expect(fieldMatches('arn', 'arn:aws:iam::123456789012:user/ci-?', 'arn:aws:iam::123456789012:user/ci-1')).toBe(true);
		expect(fieldMatches('arn', 'arn:aws:iam::123456789012:user/ci-?', 'arn:aws:iam::123456789012:user/ci-12')).toBe(false);
		expect(fieldMatches('arn', 'arn:aws:iam::123456789012:user/ci-?', 'arn:aws:iam::123456789012:user/ci-')).toBe(false);
		expect(fieldMatches('action', 's3:Get?bject', 's3:GetObject')).toBe(true);
		expect(fieldMatches('action', 's3:Get?bject', 's3:GetXXObject')).toBe(false);
		expect(wildcardToRegExp('a?c', false).test('abbc')).toBe(false);
		// With policy variables (a second code path before the fix): still one character.
		expect(resourcePatternMatches('arn:aws:s3:::b/${aws:username}/?.txt', 'arn:aws:s3:::b/carol/a.txt', { 'aws:username': 'carol' })).toBe(true);
		expect(resourcePatternMatches('arn:aws:s3:::b/${aws:username}/?.txt', 'arn:aws:s3:::b/carol/ab.txt', { 'aws:username': 'carol' })).toBe(false);
		expect(resourcePatternMatches('arn:aws:s3:::b/${*}?', 'arn:aws:s3:::b/*xy', {})).toBe(false);
	});

	it('* matches any run, the empty one included, across / and :', () => {
		expect(fieldMatches('arn', 'arn:aws:iam::*:user/service/*', 'arn:aws:iam::123456789012:user/service/ci-deploy')).toBe(true);
		expect(fieldMatches('arn', 'arn:aws:iam::*:user/service/*', 'arn:aws:iam::123456789012:user/service/')).toBe(true);
		expect(fieldMatches('arn', 'arn:aws:logs:*', 'arn:aws:logs:us-east-1:123456789012:log-group:a:log-stream:b')).toBe(true);
		expect(fieldMatches('arn', 'arn:aws:iam::123456789012:user/bob', 'arn:aws:iam::123456789012:user/bobby')).toBe(false);
		expect(fieldMatches('value', '*', '')).toBe(true);
	});

	it('every other character is itself, regular-expression characters included', () => {
		expect(fieldMatches('arn', 'arn:aws:iam::123456789012:user/a.b', 'arn:aws:iam::123456789012:user/aXb')).toBe(false);
		expect(fieldMatches('arn', 'arn:aws:iam::123456789012:user/a+b', 'arn:aws:iam::123456789012:user/a+b')).toBe(true);
		expect(fieldMatches('arn', 'arn:aws:s3:::b/(x)|y*', 'arn:aws:s3:::b/(x)|y-1')).toBe(true);
		expect(fieldMatches('arn', 'arn:aws:s3:::b/[ab]*', 'arn:aws:s3:::b/a')).toBe(false);
	});

	it('matches action names case-insensitively and ARNs case-sensitively', () => {
		expect(caseInsensitiveFor('action')).toBe(true);
		expect(caseInsensitiveFor('arn')).toBe(false);
		expect(caseInsensitiveFor('value')).toBe(false);
		expect(fieldMatches('action', 'S3:get*', 's3:GetObject')).toBe(true);
		expect(fieldMatches('action', 'iam:passrole', 'iam:PassRole')).toBe(true);
		expect(fieldMatches('arn', 'arn:aws:iam::123456789012:role/app-*', 'arn:aws:iam::123456789012:role/App-api')).toBe(false);
		expect(fieldMatches('arn', 'arn:aws:iam::123456789012:role/app', 'arn:aws:iam::123456789012:role/App')).toBe(false);
		expect(wildcardMatches('a?c', 'ABC', true)).toBe(true);
		expect(wildcardMatches('a?c', 'ABC', false)).toBe(false);
	});

	it('a case-insensitive pattern without wildcards matches only the same name, not a different one', () => {
		expect(wildcardMatches('S3:GETOBJECT', 's3:GetObject', true)).toBe(true);
		expect(wildcardMatches('s3:GetObject', 's3:PutObject', true)).toBe(false);
		expect(fieldMatches('action', 'iam:PassRole', 'iam:PassRoles')).toBe(false);
		expect(fieldMatches('action', 'iam:passrole', 'sts:AssumeRole')).toBe(false);
	});

	it('compiles a pattern once per case rule: one matched both ways keeps each its own rule, in either order', () => {
		// Patterns no other test uses, so the module's cache holds nothing for them yet.
		const first = 'arn:aws:s3:::Cache-Order-A/*';
		expect(wildcardMatches(first, 'arn:aws:s3:::cache-order-a/k', true)).toBe(true);
		expect(wildcardMatches(first, 'arn:aws:s3:::cache-order-a/k', false)).toBe(false);
		expect(wildcardToRegExp(first, false).flags).not.toContain('i');
		expect(wildcardToRegExp(first, true).flags).toContain('i');

		const second = 'arn:aws:s3:::Cache-Order-B/?';
		expect(wildcardMatches(second, 'arn:aws:s3:::cache-order-b/k', false)).toBe(false);
		expect(wildcardMatches(second, 'arn:aws:s3:::cache-order-b/k', true)).toBe(true);

		// A rule's mark and the pattern must not run together: `s` + `3:Get*` is not the case-insensitive `s3:Get*`.
		expect(wildcardMatches('s3:Cache*', 'S3:CACHE1', true)).toBe(true);
		expect(wildcardMatches('3:Cache*', '3:Cache1', false)).toBe(true);
		expect(wildcardMatches('iam:Cache*', 'iam:Cache1', false)).toBe(true);
		expect(wildcardMatches('am:Cache*', 'AM:CACHE1', true)).toBe(true);
	});
});

describe('the literal text a pattern starts with', () => {
	it('ends at the first * or ?, whichever comes first; a pattern without either is all literal', () => {
		expect(['arn:aws:iam::1:role/app-*', 'arn:aws:iam::1:role/a?p-*', 'role/x*y?', '*', '?x', 'role/exact', ''].map(wildcardPrefix)).toEqual(['arn:aws:iam::1:role/app-', 'arn:aws:iam::1:role/a', 'role/x', '', '', 'role/exact', '']);
	});
});

describe('wildcards across lines', () => {
	it('* matches a run holding a line break, in either case rule (a condition value may hold one)', () => {
		expect(fieldMatches('value', 'line one*', 'line one\nline two')).toBe(true);
		expect(wildcardMatches('LINE ONE*', 'line one\nline two', true)).toBe(true);
		expect(fieldMatches('value', 'a?b', 'a\nb')).toBe(true);
	});
});

describe('policy variables in a Resource', () => {
	const bucket = 'arn:aws:s3:::bucket';

	it('${*}, ${?} and ${$} stand for the characters themselves, whatever the variables', () => {
		expect(resourcePatternMatches(`${bucket}/\${*}`, `${bucket}/*`, {})).toBe(true);
		expect(resourcePatternMatches(`${bucket}/\${*}`, `${bucket}/x`, {})).toBe(false);
		expect(resourcePatternMatches(`${bucket}/\${?}`, `${bucket}/?`, {})).toBe(true);
		expect(resourcePatternMatches(`${bucket}/\${?}`, `${bucket}/x`, {})).toBe(false);
		expect(resourcePatternMatches(`${bucket}/\${$}x`, `${bucket}/$x`, {})).toBe(true);
	});

	it('the wildcards around a literal keep their meaning, the literal is matched with the ARN case rule', () => {
		expect(resourcePatternMatches(`${bucket}/\${*}/*`, `${bucket}/*/any/key`, {})).toBe(true);
		expect(resourcePatternMatches(`${bucket}/\${*}/?`, `${bucket}/*/k`, {})).toBe(true);
		expect(resourcePatternMatches(`arn:aws:s3:::Bucket/\${*}`, `${bucket}/*`, {})).toBe(false);
	});

	it('eleven literals in one pattern are each in their place', () => {
		const pattern = `${bucket}/${'\${*}-'.repeat(11)}end`;
		expect(resourcePatternMatches(pattern, `${bucket}/${'*-'.repeat(11)}end`, {})).toBe(true);
		expect(resourcePatternMatches(pattern, `${bucket}/${'*-'.repeat(10)}x-end`, {})).toBe(false);
	});

	it("a variable's value is matched literally: a user name holding * or ? is no wildcard", () => {
		const home = `${bucket}/home/\${aws:username}`;
		expect(resourcePatternMatches(home, `${bucket}/home/a*b`, { 'aws:username': 'a*b' })).toBe(true);
		expect(resourcePatternMatches(home, `${bucket}/home/aXXb`, { 'aws:username': 'a*b' })).toBe(false);
		expect(resourcePatternMatches(home, `${bucket}/home/aXb`, { 'aws:username': 'a?b' })).toBe(false);
	});

	it('a variable the request does not have matches nothing, even when the request has others', () => {
		const team = `${bucket}/\${aws:PrincipalTag/team}`;
		expect(resourcePatternMatches(team, `${bucket}/alice`, { 'aws:username': 'alice' })).toBe(false);
		expect(resourcePatternMatches(team, `${bucket}/`, { 'aws:username': 'alice' })).toBe(false);
		expect(resourcePatternMatches(team, `${bucket}/ops`, { 'aws:username': 'alice', 'aws:principaltag/TEAM': 'ops' })).toBe(true);
	});
});

describe('concreteSample', () => {
	it('fills variables (or their default), makes each wildcard one letter, and keeps ${*} a star', () => {
		expect(concreteSample('arn:aws:s3:::home/${aws:username}/*', { 'aws:username': 'carol' })).toBe('arn:aws:s3:::home/carol/x');
		expect(concreteSample('arn:aws:s3:::home/${aws:USERNAME}/?', { 'aws:username': 'carol' })).toBe('arn:aws:s3:::home/carol/x');
		expect(concreteSample("arn:aws:s3:::t/${aws:PrincipalTag/team, 'ops'}", {})).toBe('arn:aws:s3:::t/ops');
		expect(concreteSample('arn:aws:s3:::home/${aws:username}', {})).toBe('arn:aws:s3:::home/x');
		expect(concreteSample('arn:aws:s3:::b/${*}', {})).toBe('arn:aws:s3:::b/*');
		expect(concreteSample('*', {})).toBe('*');
		// A wildcard before a variable is a letter too.
		expect(concreteSample('arn:aws:s3:::b*/${aws:username}', { 'aws:username': 'alice' })).toBe('arn:aws:s3:::bx/alice');
		// The sample is matched by its pattern.
		const pattern = 'arn:aws:s3:::home/${aws:username}/*/?.txt';
		const variables = { 'aws:username': 'carol' };
		expect(resourcePatternMatches(pattern, concreteSample(pattern, variables), variables)).toBe(true);
	});
});
