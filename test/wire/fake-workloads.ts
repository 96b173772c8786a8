/**
 * The workloads that run with a role on the fake AWS, as each service's API reference
 * answers: Lambda's ListFunctions (REST JSON, Marker pages), EC2's DescribeInstances (EC2's
 * query protocol, NextToken pages, the instance-state-name filter applied), CloudFormation's
 * DescribeStacks (query XML, NextToken pages) and CodeBuild's ListProjects and
 * BatchGetProjects (JSON 1.1, at most 100 names, unknown ones in projectsNotFound).
 */
import { failure, ok, type Handler, type Json } from './fake-state.js';

/** One item per page, so every reader follows its tokens. */
function page<T>(items: T[], token: unknown): { items: T[]; next?: string } {
	const start = token === undefined || token === '' ? 0 : Number(token);
	return { items: items.slice(start, start + 1), ...(start + 1 < items.length ? { next: String(start + 1) } : {}) };
}

/** EC2's flattened filters ("Filter.1.Name", "Filter.1.Value.1") as name → values. */
function ec2Filters(p: Json): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const [key, value] of Object.entries(p)) {
		const name = /^Filter\.(\d+)\.Name$/.exec(key);
		if (!name) continue;
		const values = Object.keys(p)
			.filter((k) => k.startsWith(`Filter.${name[1]}.Value.`))
			.map((k) => String(p[k]));
		out.set(String(value), values);
	}
	return out;
}

export const workloadHandlers: Record<string, Handler> = {
	'lambda:ListFunctions': (p, s) => {
		const { items, next } = page(s.functions, p.Marker);
		return ok({ Functions: items, ...(next ? { NextMarker: next } : {}) });
	},
	'ec2:DescribeInstances': (p, s) => {
		const states = ec2Filters(p).get('instance-state-name');
		const reservations = s.reservations
			.map((r) => ({ ...r, instancesSet: (r.instancesSet as Json[]).filter((i) => !states || states.includes(i.instanceState.name)) }))
			.filter((r) => r.instancesSet.length > 0);
		const { items, next } = page(reservations, p.NextToken);
		return ok({ reservationSet: items, ...(next ? { nextToken: next } : {}) });
	},
	'cloudformation:DescribeStacks': (p, s) => {
		const { items, next } = page(s.stacks, p.NextToken);
		return ok({ Stacks: items, ...(next ? { NextToken: next } : {}) });
	},
	'codebuild:ListProjects': (_p, s) => ok({ projects: s.projects.map((x) => x.name) }),
	'codebuild:BatchGetProjects': (p, s) => {
		const names = (p.names ?? []) as string[];
		if (names.length === 0 || names.length > 100) return failure('InvalidInputException', '1 validation error detected: Value at \'names\' failed to satisfy constraint: Member must have length less than or equal to 100');
		return ok({ projects: s.projects.filter((x) => names.includes(x.name)), projectsNotFound: names.filter((n) => !s.projects.some((x) => x.name === n)) });
	},
};
