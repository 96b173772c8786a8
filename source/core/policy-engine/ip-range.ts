/**
 * `IpAddress` and `NotIpAddress`: whether a request's address (`aws:SourceIp`) is in a
 * condition's range, given in CIDR notation (`203.0.113.0/24`, `2001:db8::/32`) or as one
 * address. Parsing and matching are ipaddr.js's (MIT, no dependencies): IPv6 forms (`::`,
 * an embedded IPv4 part) and IPv4-mapped IPv6 addresses are easy to get wrong by hand.
 */
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

function parseAddress(text: string): Address | undefined {
	if (!ipaddr.isValid(text)) return undefined;
	// ::ffff:203.0.113.7 is the IPv4 address 203.0.113.7.
	return ipaddr.process(text);
}

function parseRange(text: string): [Address, number] | undefined {
	if (text.includes('/')) {
		try {
			const [range, bits] = ipaddr.parseCIDR(text);
			return range.kind() === 'ipv6' && (range as ipaddr.IPv6).isIPv4MappedAddress() ? [(range as ipaddr.IPv6).toIPv4Address(), bits - 96] : [range, bits];
		} catch {
			return undefined;
		}
	}
	const one = parseAddress(text);
	return one ? [one, one.kind() === 'ipv4' ? 32 : 128] : undefined;
}

/** Whether the address is in the range; false when either is not an IP address or they are of different families. */
export function ipInRange(address: string, range: string): boolean {
	const a = parseAddress(address.trim());
	const r = parseRange(range.trim());
	if (!a || !r || a.kind() !== r[0].kind() || r[1] < 0) return false;
	return a.match(r);
}
