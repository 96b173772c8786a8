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
