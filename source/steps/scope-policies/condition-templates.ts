/**
 * The condition templates an operator can add to a scoped policy: MFA (`BoolIfExists`
 * `aws:MultiFactorAuthPresent`, which does not lock out workloads' long-term keys the way
 * a plain `Bool` would), source IP ranges and a time window. Existing conditions are kept:
 * a template is merged in and never replaces what a statement already tests.
 */
import type { ConditionBlock } from '../../core/policy-document.js';

export interface TimeWindow {
	/** ISO-8601 instants. */
	start: string;
	end: string;
}

export function mfaCondition(): ConditionBlock {
	return { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['true'] } };
}

export function sourceIpCondition(cidrs: readonly string[]): ConditionBlock {
	return { IpAddress: { 'aws:SourceIp': [...cidrs] } };
}

export function timeWindowCondition(window: TimeWindow): ConditionBlock {
	return { DateGreaterThan: { 'aws:CurrentTime': [window.start] }, DateLessThan: { 'aws:CurrentTime': [window.end] } };
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Why a CIDR is not valid, or null. IPv4 and IPv6, with a prefix length; host bits must be zero. */
export function cidrProblem(cidr: string): string | null {
	const [address, prefix, extra] = cidr.trim().split('/');
	if (extra !== undefined || prefix === undefined || !/^\d{1,3}$/.test(prefix)) return `${cidr} is not a CIDR range (address/prefix, e.g. 203.0.113.0/24)`;
	const bits = Number(prefix);
	if (ipv4.test(address!)) {
		if (bits > 32) return `${cidr}: an IPv4 prefix is at most /32`;
		const value = address!.split('.').reduce((n, part) => n * 256 + Number(part), 0);
		const hostBits = 32 - bits;
		if (hostBits > 0 && value % 2 ** hostBits !== 0) return `${cidr} has host bits set; did you mean ${networkOf(value, bits)}/${bits}?`;
		if (bits === 0) return `${cidr} is every IPv4 address: it restricts nothing`;
		return null;
	}
	if (address!.includes(':') && /^[0-9a-fA-F:]+$/.test(address!) && (address!.match(/::/g) ?? []).length <= 1) {
		if (bits > 128) return `${cidr}: an IPv6 prefix is at most /128`;
		if (bits === 0) return `${cidr} is every IPv6 address: it restricts nothing`;
		return null;
	}
	return `${cidr} is not an IPv4 or IPv6 address range`;
}

function networkOf(value: number, bits: number): string {
	const network = bits === 0 ? 0 : Math.floor(value / 2 ** (32 - bits)) * 2 ** (32 - bits);
	return [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.');
}

/** Why a time window is not usable, or null. */
export function timeWindowProblem(window: TimeWindow): string | null {
	const start = Date.parse(window.start);
	const end = Date.parse(window.end);
	if (Number.isNaN(start) || Number.isNaN(end)) return 'the time window needs two ISO-8601 instants (2026-12-01T00:00:00Z)';
	if (end <= start) return 'the time window ends before it starts';
	return null;
}

/**
 * `existing` with `template` merged in. A key the statement already tests under the same
 * operator is left as it was (the caller reports it): conditions are never dropped or widened.
 */
export function mergeCondition(existing: ConditionBlock | undefined, template: ConditionBlock): { condition: ConditionBlock; kept: string[] } {
	const out: ConditionBlock = structuredClone(existing ?? {});
	const kept: string[] = [];
	for (const [operator, keys] of Object.entries(template)) {
		const block = (out[operator] ??= {});
		for (const [key, values] of Object.entries(keys)) {
			const same = Object.keys(block).find((k) => k.toLowerCase() === key.toLowerCase());
			if (same !== undefined) {
				kept.push(`${operator} ${same}`);
				continue;
			}
			block[key] = [...values];
		}
	}
	return { condition: out, kept };
}
