/**
 * The seed's workloads that call AWS with an IAM user's access key, and one migration to a
 * role already half-way: report-bot's Lambda role was made ten days ago, the bot has used
 * it since, and its key has been idle since the switch — ready for step 3 of the migration
 * (deactivate the key). The others (ci-deploy, a GitHub Actions pipeline; monitoring-exporter
 * on EC2; terraform; svc-ses-smtp) are candidates.
 */
import type { Role, User } from '../../core/model.js';
import { migrationTagKey } from '../../core/workload-migration.js';
import { iamId } from './sandbox-ids.js';
import type { SandboxWorkload } from './sandbox-state.js';
import { allow, doc, roleArn, serviceTrust, type SeedClock } from './seed-helpers.js';

/** Calls every N hours (longer than the gap the seed gives their keys' last use, so the seed's dates hold at seeding time). */
const cadence: Record<string, { everyHours: number }> = {
	'ci-deploy': { everyHours: 6 },
	'report-bot': { everyHours: 24 },
	'monitoring-exporter': { everyHours: 2 },
	terraform: { everyHours: 8 },
	'svc-ses-smtp': { everyHours: 24 },
};

export function seedWorkloads(users: User[]): Record<string, SandboxWorkload> {
	const out: Record<string, SandboxWorkload> = {};
	for (const [name, { everyHours }] of Object.entries(cadence)) {
		const key = users.find((u) => u.name === name)?.accessKeys.find((k) => k.status === 'Active' && k.lastUsed?.date);
		if (key?.lastUsed?.date) out[name] = { accessKeyId: key.id, everyHours, service: key.lastUsed.service ?? 'sts', anchor: key.lastUsed.date };
	}
	return out;
}

export const halfwayMigrationUser = 'report-bot';

export function seedHalfwayMigrationRole(clock: SeedClock): Role {
	const name = `${halfwayMigrationUser}-workload`;
	return {
		name,
		id: iamId('AROA', `role:${name}`),
		arn: roleArn(name),
		path: '/',
		createDate: clock.ago(10),
		description: `Replaces the access key of IAM user ${halfwayMigrationUser} (Lambda function)`,
		trustPolicy: serviceTrust('lambda.amazonaws.com'),
		inlinePolicies: [{ name: 'permissions-of-user', document: doc(allow(['ce:GetCostAndUsage', 'ce:GetCostForecast'])) }],
		attachedPolicies: [],
		tags: [{ Key: migrationTagKey, Value: halfwayMigrationUser }],
		maxSessionDuration: 3600,
		instanceProfiles: [],
	};
}
