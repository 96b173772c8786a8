/**
 * The settings file's schema, checked by hand: compiling the equivalent JSON Schema with ajv
 * (what `conf` does with a `schema` option) cost about 0.45 s of CPU on every settings read,
 * most of the wizard's time to its first frame. The messages are ajv's, so a hand-edited file
 * with a wrong type reads as before: "Config schema violation: `logDir` must be string".
 */

type Check = (value: unknown, path: string, errors: string[]) => void;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const fail = (errors: string[], path: string, message: string) => errors.push(`\`${path}\` ${message}`);

const string: Check = (value, path, errors) => {
	if (typeof value !== 'string') fail(errors, path, 'must be string');
};

const s3Url: Check = (value, path, errors) => {
	if (typeof value !== 'string') return fail(errors, path, 'must be string');
	if (!value.startsWith('s3://')) fail(errors, path, 'must match pattern "^s3://"');
};

const positiveDays: Check = (value, path, errors) => {
	if (typeof value !== 'number') return fail(errors, path, 'must be integer');
	if (!Number.isInteger(value)) fail(errors, path, 'must be integer');
	if (value < 1) fail(errors, path, 'must be >= 1');
	if (value > 3650) fail(errors, path, 'must be <= 3650');
};

function object(properties: Record<string, Check>, options: { required?: string[]; closed?: boolean } = {}): Check {
	return (value, path, errors) => {
		if (!isObject(value)) return fail(errors, path, 'must be object');
		for (const key of options.required ?? []) if (!(key in value)) fail(errors, path, `must have required property '${key}'`);
		for (const [key, item] of Object.entries(value)) {
			const check = properties[key];
			if (check) check(item, path ? `${path}/${key}` : key, errors);
			else if (options.closed) fail(errors, path, 'must NOT have additional properties');
		}
	};
}

function array(items: Check): Check {
	return (value, path, errors) => {
		if (!Array.isArray(value)) return fail(errors, path, 'must be array');
		value.forEach((item, i) => items(item, `${path}/${i}`, errors));
	};
}

const settings = object({
	profile: string,
	region: string,
	logDir: string,
	anchors: s3Url,
	alertTopic: string,
	pinnedSigner: object({ fingerprint: string, publicKey: string }, { required: ['fingerprint', 'publicKey'] }),
	thresholds: object(
		{ keyMaxAgeDays: positiveDays, credentialUnusedDays: positiveDays, roleUnusedDays: positiveDays, rootRecentDays: positiveDays, keyDeletionGraceDays: positiveDays },
		{ closed: true },
	),
	breakGlass: array(object({ arn: string, reason: string }, { required: ['arn', 'reason'] })),
});

/** The schema violations of a parsed settings file, in ajv's words; empty when it is valid. */
export function settingsViolations(data: unknown): string[] {
	const errors: string[] = [];
	settings(data, '', errors);
	return errors;
}

/** Throws conf's "Config schema violation: …" error when the parsed settings break the schema. */
export function assertValidSettings(data: unknown): void {
	const errors = settingsViolations(data);
	if (errors.length > 0) throw new Error(`Config schema violation: ${errors.join('; ')}`);
}
