/**
 * The cases of AWS's EventBridge user guide ("Content filtering in event patterns", "Arrays in
 * event patterns", "Matching on null values and empty strings", "Comparison operators"),
 * each with an event that must match and one that must not.
 */
import { describe, expect, it } from 'vitest';
import { eventPatternMatches, InvalidEventError, InvalidEventPatternError, parseEventPattern, testEventPattern } from '../../source/core/event-pattern.js';

const matches = (pattern: unknown, event: unknown) => eventPatternMatches(parseEventPattern(JSON.stringify(pattern)), event);

/** The user guide's sample EC2 event. */
const ec2Event = {
	version: '0',
	id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
	'detail-type': 'EC2 Instance State-change Notification',
	source: 'aws.ec2',
	account: '111122223333',
	time: '2017-12-22T18:43:48Z',
	region: 'us-west-1',
	resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
	detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated', 'c-count': 5, 'd-count': 3, 'x-limit': 301.8, 'source-ip': '10.0.0.123', FileName: 'image.png' },
};
const withDetail = (detail: Record<string, unknown>) => ({ ...ec2Event, detail: { ...ec2Event.detail, ...detail } });

describe('exact matching', () => {
	it('matches a listed value and ANDs the keys', () => {
		expect(matches({ source: ['aws.ec2'], detail: { state: ['terminated', 'stopped'] } }, ec2Event)).toBe(true);
		expect(matches({ source: ['aws.ec2'], detail: { state: ['running'] } }, ec2Event)).toBe(false);
		expect(matches({ source: ['aws.s3'], detail: { state: ['terminated'] } }, ec2Event)).toBe(false);
	});

	it('is case-sensitive and needs the field to exist', () => {
		expect(matches({ source: ['AWS.EC2'] }, ec2Event)).toBe(false);
		expect(matches({ detail: { missing: ['x'] } }, ec2Event)).toBe(false);
	});

	it('matches numbers, booleans and null exactly; null is not the empty string', () => {
		const event = withDetail({ eventVersion: '', responseElements: null, flag: true });
		expect(matches({ detail: { eventVersion: [''] } }, event)).toBe(true);
		expect(matches({ detail: { responseElements: [null] } }, event)).toBe(true);
		expect(matches({ detail: { responseElements: [''] } }, event)).toBe(false);
		expect(matches({ detail: { eventVersion: [null] } }, event)).toBe(false);
		expect(matches({ detail: { flag: [true] } }, event)).toBe(true);
		expect(matches({ detail: { flag: ['true'] } }, event)).toBe(false);
		expect(matches({ detail: { 'c-count': [5] } }, event)).toBe(true);
		expect(matches({ detail: { 'c-count': ['5'] } }, event)).toBe(false);
	});

	it('matches an event array when the intersection with the pattern array is not empty', () => {
		const pattern = {
			resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f', 'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f'],
		};
		const event = { ...ec2Event, resources: ['arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:x', 'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] };
		expect(matches(pattern, event)).toBe(true);
		expect(matches(pattern, { ...ec2Event, resources: ['arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f'] })).toBe(false);
	});

	it('matches nested fields inside an array of objects within one element', () => {
		const event = withDetail({ items: [{ name: 'a', size: 1 }, { name: 'b', size: 2 }] });
		expect(matches({ detail: { items: { name: ['b'], size: [2] } } }, event)).toBe(true);
		expect(matches({ detail: { items: { name: ['a'], size: [2] } } }, event)).toBe(false);
	});
});

describe('prefix and suffix', () => {
	it('prefix matches the start of a string value', () => {
		expect(matches({ time: [{ prefix: '2017-12-22' }] }, ec2Event)).toBe(true);
		expect(matches({ time: [{ prefix: '2018' }] }, ec2Event)).toBe(false);
	});

	it('prefix and suffix ignore case with equals-ignore-case', () => {
		const event = withDetail({ service: 'EventBridge', FileName: 'photo.PNG' });
		expect(matches({ detail: { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] } }, event)).toBe(true);
		expect(matches({ detail: { service: [{ prefix: 'eventb' }] } }, event)).toBe(false);
		expect(matches({ detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, event)).toBe(true);
		expect(matches({ detail: { FileName: [{ suffix: '.png' }] } }, event)).toBe(false);
	});

	it('suffix matches the end of a string value, never a number', () => {
		expect(matches({ detail: { FileName: [{ suffix: '.png' }] } }, ec2Event)).toBe(true);
		expect(matches({ detail: { FileName: [{ suffix: '.jpg' }] } }, ec2Event)).toBe(false);
		expect(matches({ detail: { 'c-count': [{ suffix: '5' }] } }, ec2Event)).toBe(false);
	});
});

describe('equals-ignore-case and wildcard', () => {
	it('equals-ignore-case matches whatever the casing', () => {
		expect(matches({ 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] }, ec2Event)).toBe(true);
		expect(matches({ 'detail-type': [{ 'equals-ignore-case': 'ec2 instance launch' }] }, ec2Event)).toBe(false);
	});

	it('wildcard * matches any run of characters, anywhere in the value', () => {
		const event = withDetail({ EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/myEventBus', FilePath: 'dir/lib/x.so' });
		expect(matches({ detail: { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] } }, event)).toBe(true);
		expect(matches({ detail: { EventBusArn: [{ wildcard: 'arn:aws:events:eu-west-1:*:event-bus/*' }] } }, event)).toBe(false);
		expect(matches({ detail: { FilePath: [{ wildcard: '*/lib/*' }] } }, event)).toBe(true);
	});

	it('wildcard treats \\* as a literal star', () => {
		expect(matches({ detail: { v: [{ wildcard: 'a\\*b' }] } }, withDetail({ v: 'a*b' }))).toBe(true);
		expect(matches({ detail: { v: [{ wildcard: 'a\\*b' }] } }, withDetail({ v: 'axxb' }))).toBe(false);
	});
});

describe('anything-but', () => {
	it('matches anything but a string, a number or a list', () => {
		expect(matches({ detail: { state: [{ 'anything-but': 'initializing' }] } }, ec2Event)).toBe(true);
		expect(matches({ detail: { state: [{ 'anything-but': 'terminated' }] } }, ec2Event)).toBe(false);
		expect(matches({ detail: { 'c-count': [{ 'anything-but': 123 }] } }, ec2Event)).toBe(true);
		expect(matches({ detail: { 'c-count': [{ 'anything-but': 5 }] } }, ec2Event)).toBe(false);
		expect(matches({ detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, ec2Event)).toBe(true);
		expect(matches({ detail: { state: [{ 'anything-but': ['stopped', 'terminated'] }] } }, ec2Event)).toBe(false);
		expect(matches({ detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, ec2Event)).toBe(true);
	});

	it('does not match an absent field', () => {
		expect(matches({ detail: { absent: [{ 'anything-but': 'x' }] } }, ec2Event)).toBe(false);
	});

	it('takes prefix, suffix, equals-ignore-case and wildcard', () => {
		expect(matches({ region: [{ 'anything-but': { prefix: 'us-' } }] }, ec2Event)).toBe(false);
		expect(matches({ region: [{ 'anything-but': { prefix: 'eu-' } }] }, ec2Event)).toBe(true);
		expect(matches({ detail: { FileName: [{ 'anything-but': { suffix: '.png' } }] } }, ec2Event)).toBe(false);
		expect(matches({ detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } }, ec2Event)).toBe(true);
		expect(matches({ detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'TERMINATED' } }] } }, ec2Event)).toBe(false);
		expect(matches({ detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'Pending'] } }] } }, ec2Event)).toBe(true);
		expect(matches({ detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } }, withDetail({ FilePath: 'a/lib/b' }))).toBe(false);
		expect(matches({ detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } }, withDetail({ FilePath: 'a/bin/b' }))).toBe(true);
	});
});

describe('numeric', () => {
	it('matches ranges and single comparisons, on numbers only', () => {
		const pattern = { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ numeric: ['=', 301.8] }] } };
		expect(matches(pattern, ec2Event)).toBe(true);
		expect(matches(pattern, withDetail({ 'c-count': 6 }))).toBe(false);
		expect(matches(pattern, withDetail({ 'c-count': 0 }))).toBe(false);
		expect(matches(pattern, withDetail({ 'c-count': '5' }))).toBe(false);
		expect(matches({ detail: { 'x-limit': [{ numeric: ['>=', 301.8] }] } }, ec2Event)).toBe(true);
	});
});

describe('exists', () => {
	it('exists true needs a leaf value; exists false needs the field absent', () => {
		expect(matches({ detail: { state: [{ exists: true }] } }, ec2Event)).toBe(true);
		expect(matches({ detail: { state: [{ exists: false }] } }, ec2Event)).toBe(false);
		expect(matches({ detail: { 'no-such': [{ exists: false }] } }, ec2Event)).toBe(true);
		expect(matches({ detail: { 'no-such': [{ exists: true }] } }, ec2Event)).toBe(false);
	});

	it('does not match intermediate nodes', () => {
		expect(matches({ detail: [{ exists: true }] }, ec2Event)).toBe(false);
	});
});

describe('cidr', () => {
	it('matches an IPv4 address inside the block', () => {
		expect(matches({ detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, ec2Event)).toBe(true);
		expect(matches({ detail: { 'source-ip': [{ cidr: '10.0.1.0/24' }] } }, ec2Event)).toBe(false);
	});
});

describe('$or', () => {
	it('matches when any branch does, ANDed with the other keys', () => {
		const pattern = { source: ['aws.ec2'], $or: [{ detail: { 'c-count': [{ numeric: ['>', 10] }] } }, { detail: { 'd-count': [{ numeric: ['<', 5] }] } }] };
		expect(matches(pattern, ec2Event)).toBe(true);
		expect(matches(pattern, withDetail({ 'd-count': 7 }))).toBe(false);
		expect(matches({ ...pattern, source: ['aws.s3'] }, ec2Event)).toBe(false);
	});

	it('works nested inside a field', () => {
		const pattern = { detail: { $or: [{ state: ['running'] }, { 'instance-id': [{ prefix: 'i-123' }] }] } };
		expect(matches(pattern, ec2Event)).toBe(true);
		expect(matches(pattern, withDetail({ 'instance-id': 'i-999' }))).toBe(false);
	});
});

describe('invalid patterns (InvalidEventPatternException)', () => {
	it.each([
		['not JSON', '{source:'],
		['not an object', '["aws.ec2"]'],
		['empty', '{}'],
		['a bare string leaf', '{"source": "aws.ec2"}'],
		['an empty array', '{"source": []}'],
		['an unknown matcher', '{"source": [{"contains": "ec2"}]}'],
		['exists not boolean', '{"source": [{"exists": "yes"}]}'],
		['numeric with a bad operator', '{"n": [{"numeric": ["!=", 5]}]}'],
		['numeric with an inverted range', '{"n": [{"numeric": [">", 10, "<", 5]}]}'],
		['anything-but mixing strings and numbers', '{"n": [{"anything-but": ["a", 1]}]}'],
		['consecutive wildcards', '{"n": [{"wildcard": "a**b"}]}'],
		['$or not a list of objects', '{"$or": ["a"]}'],
		['a bad cidr', '{"ip": [{"cidr": "10.0.0.0/40"}]}'],
		['longer than 4096 characters', JSON.stringify({ source: ['x'.repeat(4100)] })],
	])('%s', (_name, text) => {
		expect(() => parseEventPattern(text)).toThrow(InvalidEventPatternError);
	});
});

describe('testEventPattern', () => {
	const pattern = JSON.stringify({ source: ['aws.ec2'] });

	it('answers for a full event', () => {
		expect(testEventPattern(pattern, JSON.stringify(ec2Event))).toBe(true);
		expect(testEventPattern(JSON.stringify({ source: ['aws.s3'] }), JSON.stringify(ec2Event))).toBe(false);
	});

	it('refuses an event without the mandatory fields', () => {
		const { id: _id, ...noId } = ec2Event;
		expect(() => testEventPattern(pattern, JSON.stringify(noId))).toThrow(InvalidEventError);
		expect(() => testEventPattern(pattern, 'nope')).toThrow(InvalidEventError);
	});
});

describe('invalid patterns say why, as AWS does', () => {
	const reason = (pattern: unknown) => {
		try {
			parseEventPattern(typeof pattern === 'string' ? pattern : JSON.stringify(pattern));
		} catch (error) {
			expect(error).toBeInstanceOf(InvalidEventPatternError);
			expect((error as Error).name).toBe('InvalidEventPatternError');
			return (error as Error).message;
		}
		return 'valid';
	};

	it('names the pattern-level fault', () => {
		expect(reason('{source:')).toBe('Event pattern is not valid. Reason: the pattern is not valid JSON');
		expect(reason('null')).toMatch(/the pattern must be a JSON object$/);
		expect(reason('[]')).toMatch(/the pattern must be a JSON object$/);
		expect(reason({})).toMatch(/the pattern is empty$/);
		const at = (n: number) => `{"source":["${'x'.repeat(n - 15)}"]}`;
		expect(at(4096)).toHaveLength(4096);
		expect(reason(at(4096))).toBe('valid');
		expect(reason(at(4097))).toMatch(/the pattern is longer than 4096 characters$/);
	});

	it('names the field by its dotted path', () => {
		expect(reason({ detail: {} })).toMatch(/"detail" is an empty object$/);
		expect(reason({ detail: { state: [] } })).toMatch(/"detail.state" is an empty array$/);
		expect(reason({ detail: { state: 'x' } })).toMatch(/"detail.state" must be an object or an array$/);
		expect(reason({ detail: { state: null } })).toMatch(/"detail.state" must be an object or an array$/);
		expect(reason({ detail: { state: [['a']] } })).toMatch(/"detail.state" holds a nested array$/);
		expect(reason({ s: [{ prefix: 'a', suffix: 'b' }] })).toMatch(/"s" has an unknown matcher \{"prefix":"a","suffix":"b"\}$/);
		expect(reason({ s: [{}] })).toMatch(/"s" has an unknown matcher \{\}$/);
	});

	it('checks $or at the top level and inside a field', () => {
		expect(reason({ $or: [] })).toMatch(/"\$or" at "top level" must be an array of two objects or more$/);
		// AWS refuses a "$or" of one branch.
		expect(reason({ $or: [{ a: ['x'] }] })).toMatch(/"\$or" at "top level" must be an array of two objects or more$/);
		expect(reason({ detail: { $or: [{ a: ['x'] }] } })).toMatch(/"\$or" at "detail" must be/);
		expect(reason({ $or: { a: ['x'] } })).toMatch(/"\$or" at "top level"/);
		expect(reason({ $or: [{ a: ['x'] }, 'b'] })).toMatch(/"\$or" at "top level"/);
		expect(reason({ detail: { $or: ['a'] } })).toMatch(/"\$or" at "detail" must be/);
		expect(reason({ detail: { $or: [{ b: ['x'] }, { a: [] }] } })).toMatch(/"detail.a" is an empty array$/);
		expect(reason({ detail: { $or: [{ a: ['x'] }, { b: [{ prefix: 'y' }] }] } })).toBe('valid');
	});

	it('refuses a field named like a matcher inside "$or", at any depth, as AWS does', () => {
		const reserved = ['prefix', 'suffix', 'equals-ignore-case', 'wildcard', 'anything-but', 'numeric', 'exists', 'cidr', '=', '<', '<=', '>', '>=', 'exactly', 'regex'];
		reserved.push('not-wildcard', 'not-equals-ignore-case', 'date-after', 'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range', 'ip-address-in-range', 'ip-address-not-in-range');
		for (const name of reserved)
			expect(reason({ $or: [{ [name]: ['x'] }, { b: ['y'] }] })).toMatch(new RegExp(`"${name}" inside "\\$or" is named like a matcher, which AWS does not take as a field name$`));
		expect(reason({ detail: { $or: [{ a: ['x'] }, { b: { suffix: ['y'] } }] } })).toMatch(/"detail.b.suffix" inside "\$or" is named like a matcher/);
		expect(reason({ $or: [{ a: ['x'] }, { $or: [{ b: ['y'] }, { wildcard: ['z'] }] }] })).toMatch(/"wildcard" inside "\$or"/);
		// Outside "$or" such a name is a field like any other, and so is a name that only resembles one.
		expect(reason({ prefix: ['x'], detail: { numeric: [1] } })).toBe('valid');
		expect(reason({ $or: [{ prefixes: ['x'] }, { Prefix: ['y'] }] })).toBe('valid');
	});

	it('checks each matcher’s value', () => {
		expect(reason({ s: [{ prefix: 1 }] })).toMatch(/"prefix" at "s" must be a string or \{"equals-ignore-case": string\}$/);
		expect(reason({ s: [{ suffix: { 'equals-ignore-case': 1 } }] })).toMatch(/"suffix" at "s" must be a string/);
		expect(reason({ s: [{ suffix: { 'equals-ignore-case': 'a', x: 'b' } }] })).toMatch(/"suffix" at "s"/);
		expect(reason({ s: [{ prefix: { wildcard: 'a' } }] })).toMatch(/"prefix" at "s"/);
		expect(reason({ s: [{ prefix: { 'equals-ignore-case': 'a' } }, { suffix: 'b' }] })).toBe('valid');
		expect(reason({ s: [{ 'equals-ignore-case': 1 }] })).toMatch(/"equals-ignore-case" at "s" must be a string$/);
		expect(reason({ s: [{ wildcard: 1 }] })).toMatch(/"wildcard" at "s" must be a string$/);
		expect(reason({ s: [{ wildcard: 'a**' }] })).toMatch(/"wildcard" at "s" has consecutive wildcard characters$/);
		expect(reason({ s: [{ wildcard: 'a\\**' }] })).toBe('valid');
		expect(reason({ s: [{ wildcard: 'a\\\\**' }] })).toMatch(/consecutive/);
		expect(reason({ s: [{ wildcard: 'a*b*' }] })).toBe('valid');
		// AWS refuses a backslash that escapes anything but a star or a backslash, a trailing one too.
		for (const bad of ['a\\b', 'a\\.b', 'ab\\', '\\', 'a\\\\\\'])
			expect(reason({ s: [{ wildcard: bad }] })).toMatch(/"wildcard" at "s" has a backslash that escapes neither "\*" nor a backslash$/);
		for (const good of ['a\\\\b', '\\*\\*', '*\\**', '\\\\']) expect(reason({ s: [{ wildcard: good }] })).toBe('valid');
		expect(reason({ s: [{ 'anything-but': { wildcard: ['a*', 'b\\c'] } }] })).toMatch(/has a backslash/);
		expect(reason({ s: [{ exists: 'true' }] })).toMatch(/"exists" at "s" must be true or false$/);
		expect(reason({ s: [{ exists: false }, 'a', 1, null, true] })).toBe('valid');
	});

	it('takes an IPv4 or IPv6 CIDR block whose length is shorter than the address, as AWS does', () => {
		const cidr = (block: unknown) => reason({ ip: [{ cidr: block }] });
		for (const good of ['10.0.0.0/8', '10.0.0.1/31', '0.0.0.0/0', '255.255.255.255/31', '2001:db8::/32', '::/0', '2001:DB8:0:0:0:0:0:1/127', '::ffff:a00:0/8'])
			expect(cidr(good)).toBe('valid');
		const bads = [1, '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/8/1', '10.0.0/8', '10.0.0.0.0/8', '256.0.0.0/8', '10.0.0.a/8', '1000.0.0.0/8', '10.0.0.0/+8', '10.0.0.0/8.5', '10.0.0.0/', '10.0.0. 1/8', '10.0.0.1 /8', '10.0.0.0/8 '];
		// AWS wants one "/" and a length below 32 (IPv4) or 128 (IPv6); no zone, no dotted IPv4 tail, no host name.
		bads.push('10.0.0.1', '10.0.0.1/32', '2001:db8::1', '2001:db8::1/128', '2001:db8::/129', '2001:db8:::1/64', '2001:db8::g/64', 'fe80::1%eth0/64', '::ffff:10.0.0.0/104', 'example.com/8', '::ffff:a00:0/104');
		for (const bad of bads) expect(cidr(bad)).toMatch(/"cidr" at "ip" must be an IPv4 or IPv6 CIDR block with a prefix length shorter than the address$/);
	});

	it('takes numeric as one comparison or a range from below to above', () => {
		const numeric = (spec: unknown) => reason({ n: [{ numeric: spec }] });
		for (const good of [['=', 1], ['<', 1], ['<=', 1], ['>', 1], ['>=', 1], ['>', 0, '<', 5], ['>=', 0, '<=', 5]]) expect(numeric(good)).toBe('valid');
		const bads = [5, [], ['>'], ['>', 1, '<'], ['>', '1'], [1, '>'], ['!=', 1], ['<', 0, '<', 5], ['>', 0, '>', 5], ['>', 5, '<', 5], ['>', 0, '<', '5'], ['>', 0, 5, '<']];
		for (const bad of bads) expect(numeric(bad)).toMatch(/"numeric" at "n" must be \[op, number\] or \[">"\/">=", low, "<"\/"<=", high\]$/);
	});

	it('takes numbers from -5e9 to 5e9 in numeric and anything-but, as AWS does', () => {
		const numeric = (spec: unknown) => reason({ n: [{ numeric: spec }] });
		for (const good of [['<', 5e9], ['>=', -5e9], ['>', -5e9, '<=', 5e9], ['=', 4999999999.5]]) expect(numeric(good)).toBe('valid');
		for (const bad of [['<', 5e9 + 1], ['>=', -5e9 - 1], ['>', 0, '<', 1e10], ['>', -1e10, '<', 0], ['=', 1e300]])
			expect(numeric(bad)).toMatch(/"numeric" at "n" takes numbers from -5000000000 to 5000000000$/);
		const but = (spec: unknown) => reason({ n: [{ 'anything-but': spec }] });
		for (const good of [5e9, -5e9, [1, 5e9]]) expect(but(good)).toBe('valid');
		for (const bad of [5e9 + 1, -6e9, [1, 6e9], [-6e9, 1]]) expect(but(bad)).toMatch(/"anything-but" at "n" takes numbers from -5000000000 to 5000000000$/);
		// An exact number (an account ID) is not limited: AWS matches it as text then.
		expect(reason({ n: [123456789012] })).toBe('valid');
	});

	it('takes anything-but as a value, a list of one type, or one string matcher', () => {
		const but = (spec: unknown) => reason({ s: [{ 'anything-but': spec }] });
		const goods = ['a', 1, ['a', 'b'], [1, 2], { prefix: 'a' }, { suffix: 'a' }, { 'equals-ignore-case': 'a' }, { 'equals-ignore-case': ['a', 'b'] }, { wildcard: 'a*' }, { wildcard: ['a*', 'b*'] }];
		for (const good of goods) expect(but(good)).toBe('valid');
		const bads = [true, null, [], ['a', 1], [true], { prefix: 1 }, { suffix: ['a'] }, { 'equals-ignore-case': [] }, { 'equals-ignore-case': ['a', 1] }, { 'equals-ignore-case': 1 }, { wildcard: [] }, { wildcard: 1 }, { exists: true }, { prefix: 'a', suffix: 'b' }, { prefix: '' }, { suffix: '' }];
		for (const bad of bads) expect(but(bad)).toMatch(/"anything-but" at "s" must /);
		expect(but(['a', 1])).toMatch(/must list only strings or only numbers$/);
		expect(but({ exists: true })).toMatch(/must be a value, a list, or one of prefix, suffix, equals-ignore-case, wildcard$/);
		expect(but({ wildcard: ['a*', 'b**'] })).toMatch(/"wildcard" at "s" has consecutive wildcard characters$/);
		expect(but({ wildcard: 'a**' })).toMatch(/consecutive/);
		expect(reason({ s: [{ prefix: '' }, { suffix: '' }] })).toBe('valid');
	});
});

describe('matching at the edges', () => {
	it('wildcard escapes every regular-expression character and spans lines', () => {
		const event = (v: unknown) => withDetail({ v });
		expect(matches({ detail: { v: [{ wildcard: 'a.b' }] } }, event('a.b'))).toBe(true);
		expect(matches({ detail: { v: [{ wildcard: 'a.b' }] } }, event('axb'))).toBe(false);
		expect(matches({ detail: { v: [{ wildcard: '(a|b)+[c]$' }] } }, event('(a|b)+[c]$'))).toBe(true);
		expect(matches({ detail: { v: [{ wildcard: 'a/b?' }] } }, event('a/bb'))).toBe(false);
		expect(matches({ detail: { v: [{ wildcard: 'ab\\\\' }] } }, event('ab\\'))).toBe(true);
		expect(matches({ detail: { v: [{ wildcard: 'a\\\\*' }] } }, event('a\\bc'))).toBe(true);
		expect(matches({ detail: { v: [{ wildcard: 'a\\\\*' }] } }, event('a*'))).toBe(false);
		expect(matches({ detail: { v: [{ wildcard: 'x*' }] } }, event('x\ny'))).toBe(true);
		expect(matches({ detail: { v: [{ wildcard: 'b*' }] } }, event('ab'))).toBe(false);
		expect(matches({ detail: { v: [{ wildcard: 'a*' }] } }, event('ba'))).toBe(false);
		expect(matches({ detail: { v: [{ wildcard: 'A*' }] } }, event('ab'))).toBe(false);
		expect(matches({ detail: { v: [{ wildcard: '*' }] } }, event(1))).toBe(false);
	});

	it('string matchers never match numbers, booleans or null', () => {
		const event = withDetail({ n: 5, b: true, z: null });
		for (const field of ['n', 'b', 'z']) {
			for (const matcher of [{ prefix: '' }, { suffix: '' }, { prefix: { 'equals-ignore-case': '' } }, { 'equals-ignore-case': 'true' }, { cidr: '0.0.0.0/0' }])
				expect(matches({ detail: { [field]: [matcher] } }, event)).toBe(false);
		}
		expect(matches({ detail: { state: [{ 'equals-ignore-case': 'TERMINATED' }] } }, ec2Event)).toBe(true);
		expect(matches({ detail: { state: [{ suffix: { 'equals-ignore-case': 'NATED' } }] } }, ec2Event)).toBe(true);
		expect(matches({ detail: { state: [{ suffix: { 'equals-ignore-case': 'TERM' } }] } }, ec2Event)).toBe(false);
	});

	it('numeric compares at each bound', () => {
		const at = (op: string, bound: number) => matches({ detail: { 'c-count': [{ numeric: [op, bound] }] } }, ec2Event);
		expect([at('=', 5), at('=', 4), at('<', 5), at('<', 6), at('<=', 5), at('<=', 4), at('>', 5), at('>', 4), at('>=', 5), at('>=', 6)]).toEqual([true, false, false, true, true, false, false, true, true, false]);
		expect(matches({ detail: { 'c-count': [{ numeric: ['>=', 5, '<', 6] }] } }, ec2Event)).toBe(true);
		expect(matches({ detail: { 'c-count': [{ numeric: ['>', 0, '<', 5] }] } }, ec2Event)).toBe(false);
	});

	it('ignores case character by character, as AWS does: each pattern character takes its lower- or upper-case form', () => {
		const kelvin = '\u212a';
		const cases: [unknown, string, boolean][] = [
			[{ 'equals-ignore-case': 'straße' }, 'STRASSE', true],
			[{ 'equals-ignore-case': 'straße' }, 'Straße', true],
			[{ 'equals-ignore-case': 'straße' }, 'strasse', false],
			[{ 'equals-ignore-case': 'k' }, kelvin, false],
			[{ 'equals-ignore-case': kelvin }, 'k', true],
			[{ 'equals-ignore-case': 'a.b' }, 'A.B', true],
			[{ 'equals-ignore-case': 'a.b' }, 'AxB', false],
			[{ 'equals-ignore-case': 'ab' }, 'abc', false],
			[{ 'equals-ignore-case': 'ab' }, 'xab', false],
			[{ prefix: { 'equals-ignore-case': 'ß' } }, 'SSx', true],
			[{ prefix: { 'equals-ignore-case': 'k' } }, `${kelvin}x`, false],
			[{ prefix: { 'equals-ignore-case': 'ab' } }, 'xAB', false],
			[{ suffix: { 'equals-ignore-case': 'ß' } }, 'xSS', true],
			[{ suffix: { 'equals-ignore-case': 'k' } }, `x${kelvin}`, false],
			[{ suffix: { 'equals-ignore-case': 'ab' } }, 'ABx', false],
			[{ 'anything-but': { 'equals-ignore-case': ['straße'] } }, 'STRASSE', false],
			[{ 'anything-but': { 'equals-ignore-case': ['k'] } }, kelvin, true],
			[{ 'anything-but': { 'equals-ignore-case': ['ab'] } }, 'abc', true],
			[{ 'anything-but': { 'equals-ignore-case': ['ab'] } }, 'xAB', true],
		];
		for (const [matcher, value, expected] of cases) expect([matcher, value, matches({ detail: { v: [matcher] } }, withDetail({ v: value }))]).toEqual([matcher, value, expected]);
	});

	it('an exact IP address matches the same address however the event writes it', () => {
		const ip = (pattern: string, value: string) => matches({ detail: { ip: [pattern] } }, withDetail({ ip: value }));
		expect([ip('2001:db8::1', '2001:DB8:0:0:0:0:0:1'), ip('2001:db8::1', '2001:db8::2'), ip('10.0.0.1', '10.0.0.01'), ip('10.0.0.1', '10.0.0.2')]).toEqual([true, false, true, false]);
		expect([ip('10.0.0.1', '::ffff:a00:1'), ip('::1', '0.0.0.1'), ip('host', 'HOST'), ip('10.0.0.1', '10.0.0.1 '), ip('host', '10.0.0.1')]).toEqual([true, false, false, false, false]);
		expect([ip('2001:db8::ab', '2001:DB8::AB'), ip('2001:db8::ab12', '2001:db8:0::ab12')]).toEqual([true, true]);
		expect(matches({ detail: { ip: ['10.0.0.1'] } }, withDetail({ ip: 167772161 }))).toBe(false);
		expect(matches({ detail: { ip: [{ 'anything-but': '10.0.0.1' }] } }, withDetail({ ip: '10.0.0.01' }))).toBe(true);
	});

	it('numeric never matches an event number beyond ±5e9, where AWS stops comparing', () => {
		const at = (value: number, spec: unknown[]) => matches({ detail: { n: [{ numeric: spec }] } }, withDetail({ n: value }));
		expect([at(5e9, ['>', 0]), at(5e9 + 1, ['>', 0]), at(-5e9, ['<', 0]), at(-5e9 - 1, ['<', 0]), at(1.7e12, ['>=', 0])]).toEqual([true, false, true, false, false]);
		expect(matches({ detail: { n: [1.7e12] } }, withDetail({ n: 1.7e12 }))).toBe(true);
	});

	it('cidr matches by the block’s length, in its own address family', () => {
		const ip = (block: string, value = '10.0.0.123') => matches({ detail: { 'source-ip': [{ cidr: block }] } }, withDetail({ 'source-ip': value }));
		expect([ip('10.0.0.122/31'), ip('10.0.0.124/31'), ip('0.0.0.0/0'), ip('10.0.0.0/8', '11.0.0.1'), ip('10.0.0.200/24')]).toEqual([true, false, true, false, true]);
		expect(ip('10.0.0.0/8', 'not an ip')).toBe(false);
		expect(ip('10.0.0.0/8', '10.0.0')).toBe(false);
		expect(ip('10.0.0.0/8', '10.0.0.256')).toBe(false);
		const v6 = (block: string, value: string) => ip(block, value);
		expect([v6('2001:db8::/32', '2001:db8:1::7'), v6('2001:db8::/32', '2001:db9::7'), v6('2001:db8::/127', '2001:DB8:0:0:0:0:0:1'), v6('2001:db8::/127', '2001:db8::2')]).toEqual([true, false, true, false]);
		// Families never mix, except that AWS (Java) reads an IPv4-mapped IPv6 address as the IPv4 one.
		expect([v6('::/0', '10.0.0.1'), v6('0.0.0.0/0', '2001:db8::1'), v6('10.0.0.0/8', '::ffff:a00:1'), v6('::/0', '::ffff:a00:1')]).toEqual([false, false, true, false]);
		expect([v6('::/0', 'fe80::1%eth0'), v6('0.0.0.0/0', '::ffff:10.0.0.1'), v6('::/0', '2001:db8:::1')]).toEqual([false, false, false]);
	});

	it('anything-but with a string matcher matches any non-string value', () => {
		expect(matches({ detail: { 'c-count': [{ 'anything-but': { prefix: '5' } }] } }, ec2Event)).toBe(true);
		expect(matches({ detail: { 'c-count': [{ 'anything-but': [5, 6] }] } }, ec2Event)).toBe(false);
		expect(matches({ detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'Terminated'] } }] } }, ec2Event)).toBe(false);
		expect(matches({ detail: { state: [{ 'anything-but': { wildcard: ['x*', 'term*'] } }] } }, ec2Event)).toBe(false);
		expect(matches({ detail: { state: [{ 'anything-but': { wildcard: 'x*' } }] } }, ec2Event)).toBe(true);
	});

	it('takes a field only from the event itself, an empty list as absent, null as a value', () => {
		expect(matches({ toString: [{ exists: false }] }, ec2Event)).toBe(true);
		expect(matches({ constructor: [{ exists: true }] }, ec2Event)).toBe(false);
		expect(matches({ detail: { tags: [{ exists: false }] } }, withDetail({ tags: [] }))).toBe(true);
		expect(matches({ detail: { tags: [{ exists: true }] } }, withDetail({ tags: [{ k: 'v' }] }))).toBe(false);
		expect(matches({ detail: { z: [{ exists: true }] } }, withDetail({ z: null }))).toBe(true);
		expect(matches({ detail: { tags: ['a'] } }, withDetail({ tags: ['b', 'a'] }))).toBe(true);
	});

	it('a sub-pattern on a missing object or a leaf holds only for absent fields', () => {
		const absent = { detail: { x: [{ exists: false }] } };
		expect(matches(absent, { ...ec2Event, detail: null })).toBe(true);
		expect(matches(absent, { ...ec2Event, detail: 'text' })).toBe(true);
		expect(matches({ detail: { x: ['text'] } }, { ...ec2Event, detail: 'text' })).toBe(false);
		const items = withDetail({ items: [1, { name: 'b' }] });
		expect(matches({ detail: { items: { name: ['b'] } } }, items)).toBe(true);
		expect(matches({ detail: { items: { name: ['c'] } } }, items)).toBe(false);
		expect(matches({ detail: { items: { name: [{ exists: false }] } } }, withDetail({ items: [1, 2] }))).toBe(true);
	});

	it('matches only an event that is an object', () => {
		const pattern = parseEventPattern('{"source":[{"exists":false}]}');
		expect(eventPatternMatches(pattern, null)).toBe(false);
		expect(eventPatternMatches(pattern, [])).toBe(false);
		expect(eventPatternMatches(pattern, {})).toBe(true);
	});
});

describe('testEventPattern refuses a bad event with AWS’s message', () => {
	const pattern = JSON.stringify({ source: ['aws.ec2'] });
	const refusal = (event: string) => {
		try {
			testEventPattern(pattern, event);
		} catch (error) {
			expect(error).toBeInstanceOf(InvalidEventError);
			return (error as Error).message;
		}
		return 'accepted';
	};

	it('names what is wrong', () => {
		expect(refusal('nope')).toBe('The event is not valid JSON.');
		expect(refusal('[]')).toBe('The event must be a JSON object.');
		expect(refusal('null')).toBe('The event must be a JSON object.');
		const { id: _id, ...noId } = ec2Event;
		expect(refusal(JSON.stringify(noId))).toBe('The event lacks the required field id.');
		const { account: _a, region: _r, ...two } = ec2Event;
		expect(refusal(JSON.stringify(two))).toBe('The event lacks the required fields account, region.');
		expect(refusal(JSON.stringify({ ...ec2Event, source: 'aws.s3' }))).toBe('accepted');
		expect(() => testEventPattern('{}', JSON.stringify(ec2Event))).toThrow(InvalidEventPatternError);
	});
});
