/**
 * `IpAddress` and `NotIpAddress`: whether a request's address (`aws:SourceIp`) is in a
 * condition's range, given in CIDR notation (`203.0.113.0/24`, `2001:db8::/32`) or as one
 * address. Parsing and matching are ipaddr.js's (MIT, no dependencies): IPv6 forms (`::`,
 * an embedded IPv4 part) and IPv4-mapped IPv6 addresses are easy to get wrong by hand.
 */
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** The address, an IPv4-mapped IPv6 one (::ffff:203.0.113.7) as the IPv4 address it is. */
function parseAddress(text: string): Address | undefined {
	return ipaddr.isValid(text) ? ipaddr.process(text) : undefined;
}

function parseRange(text: string): [Address, number] | undefined {
	if (!text.includes('/')) {
		const one = parseAddress(text);
		return one ? [one, one.kind() === 'ipv4' ? 32 : 128] : undefined;
	}
	if (!ipaddr.isValidCIDR(text)) return undefined;
	const [range, bits] = ipaddr.parseCIDR(text);
	if (range instanceof ipaddr.IPv6 && range.isIPv4MappedAddress()) {
		// ::ffff:203.0.113.0/120 is 203.0.113.0/24; a mapped range of 96 bits or fewer holds every IPv4 address.
		return [range.toIPv4Address(), Math.max(0, bits - 96)];
	}
	return [range, bits];
}

/** Whether the address is in the range; false when either is not an IP address or they are of different families. */
export function ipInRange(address: string, range: string): boolean {
	const a = parseAddress(address);
	const r = parseRange(range);
	return a !== undefined && r !== undefined && a.kind() === r[0].kind() && a.match(r);
}
