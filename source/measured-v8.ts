/**
 * Only on the V8 versions it was measured on (11 in Node 20, 12 in Node 22, 13 in Node 24):
 * V8 prints "unrecognized flag" on stderr for a flag it no longer has, and a later V8 may
 * compile differently anyway.
 */
export function measuredV8(v8Version: string): boolean {
	const major = Number(v8Version.split('.')[0]);
	return major >= 11 && major <= 13;
}
