/**
 * For the breakage guard: the last-accessed reports of the principals step 4 would put a
 * boundary on, read at the edge (the plan itself is pure) with whatever reader the gateway
 * offers (`gateway.serviceLastAccessed`). A report that cannot be read is left out; the
 * guard then says it has no data for that principal.
 */
import type { LastAccessedReport } from '../../core/last-accessed.js';
import type { AccountModel } from '../../core/model.js';
import { analyseBoundaries } from './boundary-analysis.js';

export type LastAccessedReader = (principalArn: string) => Promise<LastAccessedReport>;

/** The ARNs step 4 proposes a boundary for (escalation or no boundary), before exclusions. */
export function boundaryCandidateArns(model: AccountModel): string[] {
	return analyseBoundaries(model)
		.principals.filter((p) => p.findings.some((f) => f.id === 'PRIVILEGE_ESCALATION' || f.id === 'BOUNDARY_MISSING'))
		.map((p) => p.principal.arn);
}

/** Reads the reports a few at a time (live, each is an IAM job); for `PlanContext.lastAccessed`. */
export async function readLastAccessedForBoundaries(model: AccountModel, read: LastAccessedReader, concurrency = 4): Promise<Record<string, LastAccessedReport>> {
	const arns = boundaryCandidateArns(model);
	const out: Record<string, LastAccessedReport> = {};
	let next = 0;
	const worker = async () => {
		while (next < arns.length) {
			const arn = arns[next++]!;
			try {
				out[arn] = await read(arn);
			} catch {
				// No report for this one: the guard says so rather than guessing.
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, arns.length) }, worker));
	return out;
}
