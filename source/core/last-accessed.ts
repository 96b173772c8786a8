/**
 * Service and action last-accessed data (IAM's GenerateServiceLastAccessedDetails with
 * ACTION_LEVEL granularity), as plain data: what a principal used and when. IAM tracks
 * actions only for some services; for the others only the service is known.
 */
import type { IsoDate } from './model.js';

export interface ActionLastAccessed {
	/** The action name without its prefix, as IAM reports it ("GetObject"). */
	name: string;
	/** Absent when the action was not used within IAM's tracking period. */
	lastAccessed?: IsoDate;
	region?: string;
}

export interface ServiceLastAccessed {
	/** The action prefix ("s3"). */
	namespace: string;
	name: string;
	/** Absent when the service was not used within IAM's tracking period. */
	lastAuthenticated?: IsoDate;
	region?: string;
	/** Present only for services whose actions IAM tracks. */
	actions?: ActionLastAccessed[];
}

export interface LastAccessedReport {
	principalArn: string;
	/** When IAM finished the report. */
	generatedAt: IsoDate;
	services: ServiceLastAccessed[];
}

/** The actions a report shows as used (`s3:GetObject`), and the services used without action detail. */
export function usedFromReport(report: LastAccessedReport): { actions: string[]; servicesWithoutDetail: string[] } {
	const actions: string[] = [];
	const servicesWithoutDetail: string[] = [];
	for (const service of report.services) {
		if (!service.lastAuthenticated) continue;
		if (service.actions === undefined) {
			servicesWithoutDetail.push(service.namespace);
			continue;
		}
		for (const action of service.actions) {
			if (action.lastAccessed) actions.push(`${service.namespace}:${action.name}`);
		}
	}
	return { actions: actions.sort(), servicesWithoutDetail: servicesWithoutDetail.sort() };
}
