/**
 * The IAM credential report (GetCredentialReport's decoded content, or the CSV file an
 * operator downloaded) as the model's CredentialReport. Shared by the live and snapshot
 * adapters. Columns are read by name, so a column AWS adds later does not shift the rest.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { quotedExcerpt } from '../core/quoted-excerpt.js';
import type { CredentialReport, CredentialReportKey, CredentialReportRow, IsoDate, ReportValue } from '../core/model.js';

const headerStart = 'user,arn,user_creation_time';

/** Thrown for text that is not a credential report or a row that cannot be read; the message is one sentence. */
export class CredentialReportError extends Error {
	override name = 'CredentialReportError';
}

export interface ParseCredentialReportOptions {
	/** How messages name the text, e.g. its file name; "The credential report" when absent. */
	source?: string;
}

/** The columns of the report, in AWS's order. */
export const credentialReportColumns = [
	'user',
	'arn',
	'user_creation_time',
	'password_enabled',
	'password_last_used',
	'password_last_changed',
	'password_next_rotation',
	'mfa_active',
	'access_key_1_active',
	'access_key_1_last_rotated',
	'access_key_1_last_used_date',
	'access_key_1_last_used_region',
	'access_key_1_last_used_service',
	'access_key_2_active',
	'access_key_2_last_rotated',
	'access_key_2_last_used_date',
	'access_key_2_last_used_region',
	'access_key_2_last_used_service',
	'cert_1_active',
	'cert_1_last_rotated',
	'cert_2_active',
	'cert_2_last_rotated',
] as const;

type Column = (typeof credentialReportColumns)[number];

const placeholders = ['N/A', 'no_information', 'not_supported'] as const;
type Placeholder = (typeof placeholders)[number];

function isPlaceholder(value: string): value is Placeholder {
	return (placeholders as readonly string[]).includes(value);
}

function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** True when the text's first line is a credential report header (its names quoted or not, as CSV allows). */
export function isCredentialReportCsv(text: string): boolean {
	const body = stripBom(text).trimStart();
	const firstLine = body.slice(0, Math.min(body.length, 2000)).split(/\r?\n/, 1)[0] ?? '';
	const names = firstLine.split(',', 3).map((name) => name.trim().replace(/^"(.*)"$/, '$1'));
	return names.join(',') === headerStart;
}

interface ParsedRecord {
	record: string[];
	info: { lines: number };
}

function parseRecords(text: string, source: string): ParsedRecord[] {
	try {
		return parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, bom: true }) as unknown as ParsedRecord[];
	} catch (error) {
		if (error instanceof CsvError) {
			const line = typeof error.lines === 'number' ? ` at line ${error.lines}` : '';
			if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
				throw new CredentialReportError(`${source} is not valid CSV: a quote opened${line} is never closed (is the file truncated?)`);
			}
			throw new CredentialReportError(`${source} is not valid CSV${line} (${error.message.replace(/\.$/, '')})`);
		}
		throw error;
	}
}

/**
 * Parses a credential report. `generatedAt` is when AWS generated it (GetCredentialReport's
 * GeneratedTime, or a downloaded file's time). Throws CredentialReportError.
 */
export function parseCredentialReportCsv(text: string, generatedAt: string, options: ParseCredentialReportOptions = {}): CredentialReport {
	const source = options.source ?? 'The credential report';
	if (!isCredentialReportCsv(text)) {
		throw new CredentialReportError(`${source} is not an IAM credential report (its header does not start with ${headerStart})`);
	}
	const [header, ...rows] = parseRecords(text, source);
	const columns = header.record.map((name) => name.trim());
	const missing = credentialReportColumns.filter((name) => !columns.includes(name));
	if (missing.length > 0) {
		const list = missing.join(', ');
		throw new CredentialReportError(`${source} lacks the column${missing.length === 1 ? '' : 's'} ${list} in its header on line ${header.info.lines}`);
	}
	const index = new Map(columns.map((name, i) => [name, i]));
	return {
		generatedAt: toIsoDate(generatedAt, () => `${source} has the generation time ${quotedExcerpt(generatedAt)}, which is not a date`),
		rows: rows.map(({ record, info }) => {
			if (record.length !== columns.length) {
				throw new CredentialReportError(
					`${source} line ${info.lines} has ${record.length} value${record.length === 1 ? '' : 's'} where its header has ${columns.length} columns`,
				);
			}
			return readRow(new RowReader(record, index, source, info.lines));
		}),
	};
}

class RowReader {
	constructor(
		private readonly record: string[],
		private readonly index: Map<string, number>,
		private readonly source: string,
		readonly line: number,
	) {}

	text(column: Column): string {
		return this.record[this.index.get(column) as number].trim();
	}

	fail(column: Column, expected: string): never {
		throw new CredentialReportError(
			`${this.source} line ${this.line} has ${quotedExcerpt(this.text(column))} in ${column}, where ${expected} belongs`,
		);
	}

	boolean(column: Column): boolean {
		const value = this.text(column);
		if (value === 'true') return true;
		if (value === 'false') return false;
		return this.fail(column, 'true or false');
	}

	reportBoolean(column: Column): ReportValue<boolean> {
		const value = this.text(column);
		return isPlaceholder(value) ? value : this.boolean(column);
	}

	date(column: Column): IsoDate {
		return toIsoDate(this.text(column), () => this.fail(column, 'a date'));
	}

	reportDate(column: Column): ReportValue<IsoDate> {
		const value = this.text(column);
		return isPlaceholder(value) ? value : this.date(column);
	}

	reportString(column: Column): ReportValue<string> {
		return this.text(column);
	}
}

function toIsoDate(value: string, onInvalid: () => string | never): IsoDate {
	const time = Date.parse(value);
	if (value === '' || Number.isNaN(time)) {
		throw new CredentialReportError(onInvalid());
	}
	return new Date(time).toISOString();
}

function readKey(row: RowReader, slot: 1 | 2): CredentialReportKey {
	const prefix = `access_key_${slot}` as const;
	return {
		slot,
		active: row.boolean(`${prefix}_active`),
		lastRotated: row.reportDate(`${prefix}_last_rotated`),
		lastUsedDate: row.reportDate(`${prefix}_last_used_date`),
		lastUsedRegion: row.reportString(`${prefix}_last_used_region`),
		lastUsedService: row.reportString(`${prefix}_last_used_service`),
	};
}

function readRow(row: RowReader): CredentialReportRow {
	const user = row.text('user');
	if (user === '') row.fail('user', 'a user name');
	return {
		user,
		arn: row.text('arn'),
		isRoot: user === '<root_account>',
		userCreationTime: row.date('user_creation_time'),
		passwordEnabled: row.reportBoolean('password_enabled'),
		passwordLastUsed: row.reportDate('password_last_used'),
		passwordLastChanged: row.reportDate('password_last_changed'),
		passwordNextRotation: row.reportDate('password_next_rotation'),
		mfaActive: row.boolean('mfa_active'),
		keys: [readKey(row, 1), readKey(row, 2)],
		certs: [
			{ active: row.boolean('cert_1_active'), lastRotated: row.reportDate('cert_1_last_rotated') },
			{ active: row.boolean('cert_2_active'), lastRotated: row.reportDate('cert_2_last_rotated') },
		],
	};
}
