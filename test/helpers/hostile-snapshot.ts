/**
 * AWS's authorization-details fixture with principals renamed to what a hostile or careless
 * snapshot may hold: terminal escape sequences, line breaks, spreadsheet formulas. Names and
 * ARNs change together so every finding about them carries the hostile text.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsFixture } from '../fixtures-path.js';

/** Terminal control: clear screen, red, a C1 CSI, a bidi override. */
export const escapeName = 'evil\u001b[2J\u001b[31mred\u009b1m\u202eoops';
export const formulaName = '=HYPERLINK("http://x","y")';
export const newlineName = 'two\nlines,"quoted"';

interface Principal {
	UserName?: string;
	RoleName?: string;
	Arn: string;
}

function rename(principal: Principal, key: 'UserName' | 'RoleName', name: string): void {
	const old = principal[key]!;
	principal.Arn = principal.Arn.replace(new RegExp(`${old}$`), name);
	principal[key] = name;
}

/** Writes the snapshot into a fresh folder; returns the file's path. */
export function writeHostileSnapshot(names: { users?: string[]; roles?: string[] } = {}): string {
	const doc = JSON.parse(readFileSync(awsFixture('authorization-details.json'), 'utf8')) as { UserDetailList: Principal[]; RoleDetailList: Principal[] };
	(names.users ?? [escapeName, formulaName]).forEach((name, i) => doc.UserDetailList[i] && rename(doc.UserDetailList[i], 'UserName', name));
	(names.roles ?? [newlineName, escapeName]).forEach((name, i) => doc.RoleDetailList[i] && rename(doc.RoleDetailList[i], 'RoleName', name));
	const file = join(mkdtempSync(join(tmpdir(), 'iamw-hostile-')), 'authorization-details.json');
	writeFileSync(file, JSON.stringify(doc));
	return file;
}
