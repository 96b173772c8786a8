/**
 * `iam-wizard inventory --format csv|json`: the spreadsheet auditors ask for. One row per
 * IAM user and role: console password, MFA, access keys (ID, status, age, last use), last
 * use of any credential, groups, attached and inline policies. Keys and MFA come from the
 * model (the credential report fills them in); no secret is ever part of it.
 */
import { writeFileAtomic } from '../fs/atomic-write.js';
import { resolve } from 'node:path';
import { csvText } from '../core/csv-text.js';
import { latestDate, parseIsoDate } from '../core/dates.js';
import type { AccountModel, Role, User } from '../core/model.js';
import type { StoredSettings } from '../settings/settings-store.js';
import { exitCodes, shownText, UsageError, type CommandIo } from './command-io.js';
import { inputFiles, openGateway, type SourceOptions } from './open-gateway.js';

import { inventoryFormats } from './formats.js';

export { inventoryFormats };

export interface InventoryOptions extends SourceOptions {
	format: string;
	output?: string;
}

export interface PrincipalKey {
	id: string;
	status: string;
	createDate: string;
	lastUsed?: string;
	lastUsedService?: string;
}

export interface PrincipalRow {
	type: 'user' | 'role';
	name: string;
	arn: string;
	path: string;
	createDate: string;
	consolePassword: boolean | null;
	passwordLastUsed?: string;
	mfa: 'none' | 'virtual' | 'hardware' | 'not applicable';
	mfaDevices: string[];
	accessKeys: PrincipalKey[];
	/** The latest use of any credential (password, key) of a user; a role's last assumption. */
	lastUsed?: string;
	groups: string[];
	attachedPolicies: string[];
	inlinePolicies: string[];
	permissionsBoundary?: string;
}

function userRow(user: User): PrincipalRow {
	const keys = user.accessKeys.map((k): PrincipalKey => ({
		id: k.id,
		status: k.status,
		createDate: k.createDate,
		...(k.lastUsed?.date ? { lastUsed: k.lastUsed.date } : {}),
		...(k.lastUsed?.service ? { lastUsedService: k.lastUsed.service } : {}),
	}));
	const last = latestDate(parseIsoDate(user.passwordLastUsed), ...keys.map((k) => parseIsoDate(k.lastUsed)));
	return {
		type: 'user',
		name: user.name,
		arn: user.arn,
		path: user.path,
		createDate: user.createDate,
		consolePassword: user.loginProfile === undefined ? null : user.loginProfile !== null,
		...(user.passwordLastUsed ? { passwordLastUsed: user.passwordLastUsed } : {}),
		mfa: user.mfaDevices.some((d) => d.type === 'hardware') ? 'hardware' : user.mfaDevices.length > 0 ? 'virtual' : 'none',
		mfaDevices: user.mfaDevices.map((d) => d.serialNumber),
		accessKeys: keys,
		...(last ? { lastUsed: last.toISOString() } : {}),
		groups: [...user.groups],
		attachedPolicies: user.attachedPolicies.map((p) => p.arn),
		inlinePolicies: user.inlinePolicies.map((p) => p.name),
		...(user.permissionsBoundary ? { permissionsBoundary: user.permissionsBoundary } : {}),
	};
}

function roleRow(role: Role): PrincipalRow {
	return {
		type: 'role',
		name: role.name,
		arn: role.arn,
		path: role.path,
		createDate: role.createDate,
		consolePassword: null,
		mfa: 'not applicable',
		mfaDevices: [],
		accessKeys: [],
		...(role.lastUsed?.date ? { lastUsed: role.lastUsed.date } : {}),
		groups: [],
		attachedPolicies: role.attachedPolicies.map((p) => p.arn),
		inlinePolicies: role.inlinePolicies.map((p) => p.name),
		...(role.permissionsBoundary ? { permissionsBoundary: role.permissionsBoundary } : {}),
	};
}

export function inventoryRows(model: AccountModel): PrincipalRow[] {
	return [...model.users.map(userRow), ...model.roles.map(roleRow)];
}

const csvColumns = [
	'type',
	'name',
	'arn',
	'created',
	'console_password',
	'password_last_used',
	'mfa',
	'access_key_1_id',
	'access_key_1_status',
	'access_key_1_created',
	'access_key_1_last_used',
	'access_key_2_id',
	'access_key_2_status',
	'access_key_2_created',
	'access_key_2_last_used',
	'last_used',
	'groups',
	'attached_policies',
	'inline_policies',
	'permissions_boundary',
];

export function inventoryCsv(rows: readonly PrincipalRow[]): string {
	const key = (row: PrincipalRow, i: number) => {
		const k = row.accessKeys[i];
		return k ? [k.id, k.status, k.createDate, k.lastUsed ?? 'never'] : ['', '', '', ''];
	};
	const records = rows.map((row) => [
		row.type,
		row.name,
		row.arn,
		row.createDate,
		row.consolePassword === null ? (row.type === 'role' ? 'not applicable' : 'unknown') : row.consolePassword ? 'yes' : 'no',
		row.passwordLastUsed ?? '',
		row.mfa,
		...key(row, 0),
		...key(row, 1),
		row.lastUsed ?? 'never',
		row.groups.join('; '),
		row.attachedPolicies.join('; '),
		row.inlinePolicies.join('; '),
		row.permissionsBoundary ?? '',
	]);
	return csvText(csvColumns, records);
}

export async function runInventoryExport(options: InventoryOptions, settings: StoredSettings, io: CommandIo, debug?: (line: string) => void): Promise<number> {
	if (!(inventoryFormats as readonly string[]).includes(options.format)) {
		throw new UsageError(`--format "${options.format}" is not one of ${inventoryFormats.join(', ')}.`);
	}
	const gateway = await openGateway(options, settings, io.now, debug);
	const model = await gateway.readAccount({ onProgress: debug });
	const rows = inventoryRows(model);
	const text =
		options.format === 'json'
			? `${JSON.stringify({ account: { id: model.accountId, ...(model.alias ? { alias: model.alias } : {}) }, readAt: model.readAt, principals: rows, notEvaluated: model.notEvaluated }, null, 2)}\n`
			: inventoryCsv(rows);
	if (options.output) writeFileAtomic(resolve(io.cwd, options.output), shownText(text), { inputs: inputFiles(options, io.cwd) });
	else io.stdout(text);
	return exitCodes.ok;
}
