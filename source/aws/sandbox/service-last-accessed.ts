/**
 * The sandbox's answer to GenerateServiceLastAccessedDetails (ACTION_LEVEL): built from
 * the principal's synthetic CloudTrail activity. Simplified: it lists the services the
 * principal used (AWS also lists the allowed services it did not use), each with its
 * actions, and drops what is older than IAM's 400-day tracking period.
 */
import type { LastAccessedReport, ServiceLastAccessed } from '../../core/last-accessed.js';
import { fail } from './sandbox-lookup.js';
import type { SandboxState } from './sandbox-state.js';

const operation = 'iam:GenerateServiceLastAccessedDetails';
const trackingDays = 400;

export function sandboxServiceLastAccessed(state: SandboxState, principalArn: string, now: Date): LastAccessedReport {
	const known = [...state.users, ...state.roles, ...state.groups].some((p) => p.arn === principalArn);
	if (!known) fail('NoSuchEntity', `The entity ${principalArn} cannot be found.`, operation);
	const since = now.getTime() - trackingDays * 86_400_000;
	const byService = new Map<string, ServiceLastAccessed>();
	for (const record of state.activity[principalArn] ?? []) {
		if (Date.parse(record.lastSeen) < since) continue;
		const [namespace, name] = record.action.split(':') as [string, string];
		const service = byService.get(namespace) ?? { namespace, name: namespace, region: state.account.region, actions: [] };
		if (!service.lastAuthenticated || service.lastAuthenticated < record.lastSeen) service.lastAuthenticated = record.lastSeen;
		const action = service.actions!.find((a) => a.name === name);
		if (!action) service.actions!.push({ name, lastAccessed: record.lastSeen, region: state.account.region });
		else if (!action.lastAccessed || action.lastAccessed < record.lastSeen) action.lastAccessed = record.lastSeen;
		byService.set(namespace, service);
	}
	const services = [...byService.values()].sort((a, b) => a.namespace.localeCompare(b.namespace));
	for (const service of services) service.actions!.sort((a, b) => a.name.localeCompare(b.name));
	return { principalArn, generatedAt: now.toISOString(), services };
}
