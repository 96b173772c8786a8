import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CredentialReportError, isCredentialReportCsv, parseCredentialReportCsv } from '../../source/aws/credential-report-csv.js';
import { awsFixture } from '../fixtures-path.js';

const fixture = readFileSync(awsFixture('credential-report.csv'), 'utf8');
const [header, rootLine, carolLine] = fixture.trim().split('\n');

function parseError(text: string, source?: string): string {
	try {
		parseCredentialReportCsv(text, '2026-12-01T00:00:00Z', source === undefined ? {} : { source });
	} catch (error) {
		expect(error).toBeInstanceOf(CredentialReportError);
		return (error as Error).message;
	}
	throw new Error('expected parseCredentialReportCsv to throw');
}

describe('parseCredentialReportCsv', () => {
	const report = parseCredentialReportCsv(fixture, '2026-11-28T09:30:00+01:00');

	it('keeps the generation time, normalised to UTC', () => {
		expect(report.generatedAt).toBe('2026-11-28T08:30:00.000Z');
	});

	it('reads the root row first, marked as root, with its placeholders kept', () => {
		expect(report.rows.map((row) => [row.user, row.isRoot])).toEqual([
			['<root_account>', true],
			['carol', false],
			['report-bot', false],
		]);
		const root = report.rows[0];
		expect(root.arn).toBe('arn:aws:iam::123456789012:root');
		expect(root.userCreationTime).toBe('2020-01-15T10:00:00.000Z');
		expect(root.passwordEnabled).toBe('not_supported');
		expect(root.passwordLastUsed).toBe('2026-11-20T08:12:41.000Z');
		expect(root.passwordLastChanged).toBe('not_supported');
		expect(root.mfaActive).toBe(true);
		expect(root.keys[0]).toEqual({ slot: 1, active: false, lastRotated: 'N/A', lastUsedDate: 'N/A', lastUsedRegion: 'N/A', lastUsedService: 'N/A' });
		expect(root.certs).toEqual([
			{ active: false, lastRotated: 'N/A' },
			{ active: false, lastRotated: 'N/A' },
		]);
	});

	it('reads passwords, no_information and key slots of users', () => {
		const carol = report.rows[1];
		expect(carol.passwordEnabled).toBe(true);
		expect(carol.passwordLastUsed).toBe('no_information');
		expect(carol.passwordLastChanged).toBe('2026-11-27T19:29:08.000Z');
		expect(carol.mfaActive).toBe(false);
		expect(carol.keys[0].lastUsedRegion).toBe('not_supported');

		const bot = report.rows[2];
		expect(bot.arn).toBe('arn:aws:iam::123456789012:user/report-bot');
		expect(bot.passwordEnabled).toBe(false);
		expect(bot.keys[0]).toEqual({
			slot: 1,
			active: true,
			lastRotated: '2026-11-27T19:29:08.000Z',
			lastUsedDate: 'N/A',
			lastUsedRegion: 'not_supported',
			lastUsedService: 'not_supported',
		});
		expect(bot.keys[1].slot).toBe(2);
		expect(bot.keys[1].active).toBe(false);
	});

	it('normalises dates with offsets to UTC ISO strings', () => {
		const line = carolLine.replace('2026-11-27T19:29:08+00:00,not_supported,false', '2026-11-27T21:29:08+02:00,not_supported,false');
		const parsed = parseCredentialReportCsv(`${header}\n${line}\n`, '2026-12-01T00:00:00Z');
		expect(parsed.rows[0].passwordLastChanged).toBe('2026-11-27T19:29:08.000Z');
	});

	it('reads columns by name, so an extra column AWS adds does not shift the others', () => {
		const text = `${header},new_column\n${rootLine},x\n`;
		expect(parseCredentialReportCsv(text, '2026-12-01T00:00:00Z').rows[0].mfaActive).toBe(true);
	});

	it('accepts a byte-order mark, CRLF line ends and a header-only report', () => {
		const crlf = `\uFEFF${[header, rootLine, carolLine].join('\r\n')}\r\n`;
		expect(parseCredentialReportCsv(crlf, '2026-12-01T00:00:00Z').rows.map((row) => row.user)).toEqual(['<root_account>', 'carol']);
		expect(parseCredentialReportCsv(`${header}\n`, '2026-12-01T00:00:00Z').rows).toEqual([]);
	});

	it('refuses text whose header is not a credential report header', () => {
		expect(parseError('name,arn\nx,y\n', 'users.csv')).toBe(
			'users.csv is not an IAM credential report (its header does not start with user,arn,user_creation_time)',
		);
		expect(parseError('')).toBe('The credential report is not an IAM credential report (its header does not start with user,arn,user_creation_time)');
	});

	it('names the columns a header lacks', () => {
		const shortHeader = header.replace(',cert_2_active,cert_2_last_rotated', '');
		expect(parseError(`${shortHeader}\n`, 'report.csv')).toBe(
			'report.csv lacks the columns cert_2_active, cert_2_last_rotated in its header on line 1',
		);
	});

	it('names the line of a row of the wrong width', () => {
		const cut = carolLine.split(',').slice(0, 10).join(',');
		expect(parseError(`${header}\n${rootLine}\n${cut}\n`, 'report.csv')).toBe('report.csv line 3 has 10 values where its header has 22 columns');
	});

	it('names the line and column of a value that is not what the column holds', () => {
		const badBoolean = rootLine.replace(',true,false,N/A', ',yes,false,N/A');
		expect(parseError(`${header}\n${badBoolean}\n`, 'report.csv')).toBe('report.csv line 2 has "yes" in mfa_active, where true or false belongs');
		const badDate = rootLine.replace('2020-01-15T10:00:00+00:00', 'yesterday');
		expect(parseError(`${header}\n${badDate}\n`, 'report.csv')).toBe('report.csv line 2 has "yesterday" in user_creation_time, where a date belongs');
	});

	it('says when a quote is never closed, as in a truncated file', () => {
		expect(parseError(`${header}\n"carol,arn`, 'report.csv')).toBe(
			'report.csv is not valid CSV: a quote opened at line 2 is never closed (is the file truncated?)',
		);
	});

	it('refuses a generation time that is not a date', () => {
		expect(() => parseCredentialReportCsv(fixture, 'soon')).toThrow('The credential report has the generation time "soon", which is not a date');
	});
});

describe('isCredentialReportCsv', () => {
	it('recognises the header, also after a byte-order mark', () => {
		expect(isCredentialReportCsv(fixture)).toBe(true);
		expect(isCredentialReportCsv(`\uFEFF${fixture}`)).toBe(true);
	});

	it('rejects other CSV and JSON', () => {
		expect(isCredentialReportCsv('user,arn\n')).toBe(false);
		expect(isCredentialReportCsv('{"UserDetailList": []}')).toBe(false);
		expect(isCredentialReportCsv('')).toBe(false);
	});
});
