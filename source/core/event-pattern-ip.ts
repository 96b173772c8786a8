/**
 * The IP addresses of EventBridge patterns, as AWS's matcher (aws/event-ruler) reads them: a
 * "cidr" block's base and prefix length, whether an event's address lies in it, and an exact
 * string that is an address matching that address however the event writes it. Split from
 * event-pattern.ts. ipaddr.js (MIT) parses IPv6; IPv4 is read as event-ruler reads it (four
 * decimal octets, no shorthand).
 */
import ipaddr from 'ipaddr.js';

/** An IP address as a number, and its width in bits: 32 for IPv4, 128 for IPv6. */
interface Address {
	value: bigint;
	width: number;
}

const ipv4Form = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
/** What AWS's matcher takes for an IPv6 literal before parsing it (no zone, no dotted IPv4 tail). */
const ipv6Form = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

const fromBytes = (bytes: number[]): Address => ({ value: bytes.reduce((acc, b) => acc * 256n + BigInt(b), 0n), width: bytes.length * 8 });

function parseAddress(text: string): Address | undefined {
	if (ipv4Form.test(text)) {
		const octets = text.split('.').map(Number);
		return octets.every((o) => o <= 255) ? fromBytes(octets) : undefined;
	}
	if (!ipv6Form.test(text) || !ipaddr.IPv6.isValid(text)) return undefined;
	const v6 = ipaddr.IPv6.parse(text);
	// Java's InetAddress, which AWS's matcher parses with, reads an IPv4-mapped address (::ffff:a00:1) as the IPv4 one.
	return fromBytes(v6.isIPv4MappedAddress() ? v6.toIPv4Address().toByteArray() : v6.toByteArray());
}

/**
 * A CIDR block as AWS takes it (aws/event-ruler CIDR): an IPv4 or IPv6 address, one "/" and a
 * prefix length shorter than the address (an IPv4 /32, an IPv6 /128 or a bare address is refused).
 */
export function parseCidr(text: string): { base: Address; bits: number } | undefined {
	const [address, bitsText, extra] = text.split('/');
	if (bitsText === undefined || extra !== undefined || !/^\d+$/.test(bitsText)) return undefined;
	const base = parseAddress(address!);
	const bits = Number(bitsText);
	if (base === undefined || bits >= base.width) return undefined;
	return { base, bits };
}

export function inCidr(block: string, value: string): boolean {
	const cidr = parseCidr(block);
	const ip = parseAddress(value);
	if (!cidr || !ip || ip.width !== cidr.base.width) return false;
	const hostBits = BigInt(cidr.base.width - cidr.bits);
	return ip.value >> hostBits === cidr.base.value >> hostBits;
}

/**
 * An exact string that is an IP address matches that address however the event writes it
 * (AWS turns it into a one-address range: aws/event-ruler CIDR.ipToRangeIfPossible), so
 * "2001:db8::1" matches "2001:DB8:0:0:0:0:0:1".
 */
export function sameAddress(expected: unknown, value: unknown): boolean {
	if (typeof expected !== 'string' || typeof value !== 'string') return false;
	const a = parseAddress(expected);
	const b = parseAddress(value);
	return a !== undefined && b !== undefined && a.width === b.width && a.value === b.value;
}
