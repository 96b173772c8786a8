/**
 * Why JSON.parse refused a text, as an operator can act on it. The messages are V8's, as
 * Node 20 writes them and as Node 22 and later do (with the line and column appended).
 */
import { describe, expect, it } from 'vitest';
import { jsonSyntaxProblem } from '../../source/core/json-syntax.js';

describe('jsonSyntaxProblem', () => {
	it.each([
		['{"a": 1,}', 'Expected double-quoted property name in JSON at position 8', 'Expected double-quoted property name at line 1, column 9', false],
		['{"a": 1,}', 'Expected double-quoted property name in JSON at position 8 (line 1 column 9)', 'Expected double-quoted property name at line 1, column 9', false],
		['{"a": 1', "Expected ',' or '}' after property value in JSON at position 7", "Expected ',' or '}' after property value at line 1, column 8", true],
		['{"a": 1\n\n', "Expected ',' or '}' after property value in JSON at position 9", "Expected ',' or '}' after property value at line 3, column 1", true],
		['{\n  "a": "b\n"}', 'Bad control character in string literal in JSON at position 11', 'Bad control character in string literal at line 2, column 10', false],
		['', 'Unexpected end of JSON input', 'Unexpected end of JSON input at line 1, column 1', true],
		['{"a": [1, 2', 'Unexpected end of JSON input', 'Unexpected end of JSON input at line 1, column 12', true],
		// The end is where the text stops, blank lines after it aside.
		['{"a": [1, 2\n\n', 'Unexpected end of JSON input', 'Unexpected end of JSON input at line 1, column 12', true],
		// A reason is one line whatever the message holds (the token quoted may be a line break).
		['x', 'Unexpected token \'\n\', "x" is not valid JSON', "Unexpected token ' '", false],
		['{"a":\n  x}', 'Unexpected token \'x\', "{"a":\n  x}" is not valid JSON', "Unexpected token 'x'", false],
		['[1, 2]x', 'Unexpected non-whitespace character after JSON at position 6', 'Unexpected non-whitespace character after JSON at line 1, column 7', false],
		['{"a": tru}', 'Unexpected token \'}\', ..."{"a": tru}" is not valid JSON', "Unexpected token '}'", false],
		['nul', 'Unexpected token n, "nul" is not valid JSON', 'Unexpected token n', false],
		['nul', 'something went wrong\nat a place', 'something went wrong', false],
	])('%j, "%s": %s', (body, message, text, atEnd) => {
		expect(jsonSyntaxProblem(body, new SyntaxError(message))).toEqual({ text, atEnd });
	});

	it('reads what JSON.parse really throws on this Node', () => {
		const cases: [string, string][] = [
			['{"a": 1,}', 'at line 1, column 9'],
			['{\n  "a": 1\n  "b": 2\n}', 'at line 3, column 3'],
		];
		for (const [body, where] of cases) {
			let error: unknown;
			try {
				JSON.parse(body);
			} catch (e) {
				error = e;
			}
			expect(jsonSyntaxProblem(body, error)).toEqual({ text: expect.stringMatching(new RegExp(`^[A-Z][^\\n"]* ${where}$`)), atEnd: false });
		}
		let truncated: unknown;
		try {
			JSON.parse('{"a": [1');
		} catch (e) {
			truncated = e;
		}
		expect(jsonSyntaxProblem('{"a": [1', truncated).atEnd).toBe(true);
	});

	it('takes a thrown value that is not an Error as its text', () => {
		expect(jsonSyntaxProblem('x', 'parser gave up')).toEqual({ text: 'parser gave up', atEnd: false });
	});
});
