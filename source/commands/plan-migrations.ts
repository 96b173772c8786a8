/**
 * `plan --migrate USER=TRUST` and `plan --abandon-migration USER`: a workload migration
 * (step 5) written into a plan like any other change. TRUST is where the workload runs:
 * ec2, ecs, lambda, github:OWNER/REPO@BRANCH, account:ACCOUNT_ID:EXTERNAL_ID, or
 * rolesanywhere:TRUST_ANCHOR_ID@CERTIFICATE_CN for a workload outside AWS (IAM Roles Anywhere).
 */
import type { AwsGateway } from '../aws/gateway.js';
import type { Action } from '../core/actions.js';
import type { LastAccessedReport } from '../core/last-accessed.js';
import type { AccountModel } from '../core/model.js';
import type { PlanContext } from '../core/settings.js';
import { abandonMigration, proposeMigrationRole, trustProblem, workloadMigrations, type TrustChoice } from '../steps/mfa-credentials/key-migration.js';
import { UsageError } from './command-io.js';

export const trustSyntax = 'ec2, ecs, lambda, github:OWNER/REPO@BRANCH, account:ACCOUNT_ID:EXTERNAL_ID or rolesanywhere:TRUST_ANCHOR_ID@CERTIFICATE_CN';

export function parseTrust(text: string): TrustChoice {
	const [platform, ...rest] = text.split(':');
	const value = rest.join(':');
	let choice: TrustChoice | undefined;
	if ((platform === 'ec2' || platform === 'ecs' || platform === 'lambda') && value === '') choice = { platform };
	if (platform === 'github') {
		const at = value.lastIndexOf('@');
		choice = { platform: 'github', repository: at > 0 ? value.slice(0, at) : value, branch: at > 0 ? value.slice(at + 1) : '' };
	}
	if (platform === 'account') {
		const [accountId = '', ...externalId] = value.split(':');
		choice = { platform: 'account', accountId, externalId: externalId.join(':') };
	}
	if (platform === 'rolesanywhere') {
		const at = value.indexOf('@');
		choice = { platform: 'rolesanywhere', trustAnchorId: at > 0 ? value.slice(0, at) : value, commonName: at > 0 ? value.slice(at + 1) : '' };
	}
	if (!choice) throw new UsageError(`"${text}" is not a place a workload runs: use ${trustSyntax}.`);
	const problem = trustProblem(choice);
	if (problem) throw new UsageError(problem);
	return choice;
}

export interface MigrationOptions {
	migrate?: string[];
	abandonMigration?: string[];
}

/** The actions of the migrations asked for, in the order given. */
export async function migrationActions(model: AccountModel, context: PlanContext, gateway: AwsGateway, options: MigrationOptions): Promise<Action[]> {
	const migrations = workloadMigrations(model, context);
	const actions: Action[] = [];
	for (const entry of options.migrate ?? []) {
		const [userName = '', trust = ''] = entry.split('=');
		const migration = migrations.find((m) => m.user.name === userName);
		if (!migration) throw new UsageError(`--migrate ${entry}: ${userName} is not a workload user with an access key in use (no console password, a key used in the last ${context.thresholds.credentialUnusedDays} days).`);
		if (migration.role) throw new UsageError(`--migrate ${entry}: ${userName} already has role ${migration.role.name} (state: ${migration.state}); abandon it first to start again.`);
		if (migration.blocked) throw new UsageError(`--migrate ${entry}: iam-wizard never migrates this key: ${migration.blocked}.`);
		let report: LastAccessedReport | undefined;
		try {
			report = gateway.serviceLastAccessed ? await gateway.serviceLastAccessed(migration.user.arn) : undefined;
		} catch {
			report = undefined;
		}
		actions.push(...proposeMigrationRole(model, migration.user, parseTrust(trust), report).actions);
	}
	for (const userName of options.abandonMigration ?? []) {
		const migration = migrations.find((m) => m.user.name === userName);
		const abandon = migration ? abandonMigration(model, migration) : { actions: [], problem: `${userName} has no migration to abandon.` };
		if (abandon.problem) throw new UsageError(`--abandon-migration ${userName}: ${abandon.problem}`);
		actions.push(...abandon.actions);
	}
	return actions;
}
