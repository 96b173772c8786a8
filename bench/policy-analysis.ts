/**
 * The full policy analysis of a large synthetic account (5,000 roles, 1,000 users, 200
 * groups, 2,000 customer policies) as `scan` runs it: step 4's analysis, which builds the
 * principal graph (every principal's effective permissions over the whole catalogue, its
 * edges), finds the escalation paths and the boundary findings. Reports the time and the
 * memory it takes, the graph's size, and the time of 1,000 `query` calls on it; the
 * catalogue load (the edge, once per process) is timed apart.
 *
 * The account is made from a fixed seed: policies mix service wildcards, single actions,
 * resource-scoped statements, conditions, NotAction and Deny; a tenth carry an escalation
 * action; a fifth of roles have a boundary; AWS-managed AdministratorAccess, PowerUserAccess
 * and ReadOnlyAccess are attached here and there, some through groups.
 */
import { loadIamCatalogue } from '../source/aws/iam-catalogue.js';
import type { AccountModel, AttachedPolicyRef, Group, ManagedPolicy, Role, User } from '../source/core/model.js';
import { normalisePolicyDocument, type PolicyDocument } from '../source/core/policy-document.js';
import { summarisePermissions } from '../source/core/policy-engine/effective-permissions.js';
import { reachOf, whoCan } from '../source/core/policy-engine/graph-query.js';
import { analyseBoundaries } from '../source/steps/boundaries/boundary-analysis.js';

const account = '210987654321';
const iam = `arn:aws:iam::${account}`;
const date = '2025-01-01T00:00:00Z';

function random(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const services = ['s3', 'ec2', 'lambda', 'dynamodb', 'sqs', 'sns', 'logs', 'cloudwatch', 'kms', 'ecs', 'ecr', 'glue', 'athena', 'rds', 'secretsmanager', 'ssm', 'states', 'events', 'kinesis', 'firehose'];
const verbs = ['Get*', 'List*', 'Describe*', 'Put*', 'Create*', 'Delete*', 'Update*', '*'];
const singles = ['s3:GetObject', 's3:PutObject', 'dynamodb:GetItem', 'dynamodb:PutItem', 'sqs:SendMessage', 'sqs:ReceiveMessage', 'kms:Decrypt', 'logs:PutLogEvents', 'ec2:DescribeInstances', 'lambda:InvokeFunction'];
const escalating = ['iam:PassRole', 'iam:CreatePolicyVersion', 'iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:CreateAccessKey', 'iam:UpdateAssumeRolePolicy', 'lambda:UpdateFunctionCode', 'iam:AddUserToGroup'];

function pick<T>(r: () => number, list: readonly T[]): T {
	return list[Math.floor(r() * list.length)]!;
}

function statement(r: () => number, i: number): Record<string, unknown> {
	const kind = r();
	if (kind < 0.3) return { Sid: `S${i}`, Effect: 'Allow', Action: [`${pick(r, services)}:${pick(r, verbs)}`, `${pick(r, services)}:${pick(r, verbs)}`], Resource: '*' };
	if (kind < 0.6) return { Effect: 'Allow', Action: [pick(r, singles), pick(r, singles)], Resource: `arn:aws:s3:::bucket-${Math.floor(r() * 500)}/*` };
	if (kind < 0.7) return { Effect: 'Allow', Action: pick(r, singles), Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } };
	if (kind < 0.78) return { Effect: 'Allow', Action: pick(r, escalating), Resource: r() < 0.5 ? '*' : `${iam}:role/app-${Math.floor(r() * 50)}-*` };
	if (kind < 0.83) return { Effect: 'Allow', Action: 'iam:PassRole', Resource: `${iam}:role/svc-${Math.floor(r() * 5000)}`, Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } };
	if (kind < 0.9) return { Effect: 'Deny', Action: [`${pick(r, services)}:Delete*`, 'iam:*'], Resource: '*' };
	if (kind < 0.95) return { Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: `${iam}:user/\${aws:username}` };
	return { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' };
}

function policyDocument(r: () => number): PolicyDocument {
	const n = 1 + Math.floor(r() * 5);
	return normalisePolicyDocument({ Version: '2012-10-17', Statement: Array.from({ length: n }, (_, i) => statement(r, i)) });
}

function managed(name: string, document: PolicyDocument, awsManaged = false): ManagedPolicy {
	return {
		arn: awsManaged ? `arn:aws:iam::aws:policy/${name}` : `${iam}:policy/${name}`,
		name,
		id: `ANPA${name}`,
		path: '/',
		awsManaged,
		defaultVersionId: 'v1',
		attachmentCount: 1,
		permissionsBoundaryUsageCount: 0,
		isAttachable: true,
		createDate: date,
		updateDate: date,
		versions: [{ versionId: 'v1', isDefault: true, createDate: date, document }],
	};
}

export function syntheticAccount(): AccountModel {
	const r = random(20261127);
	const aws = [
		managed('AdministratorAccess', normalisePolicyDocument({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }), true),
		managed('PowerUserAccess', normalisePolicyDocument({ Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }] }), true),
		managed('ReadOnlyAccess', normalisePolicyDocument({ Statement: [{ Effect: 'Allow', Action: services.flatMap((s) => [`${s}:Get*`, `${s}:List*`, `${s}:Describe*`]), Resource: '*' }] }), true),
	];
	const customer = Array.from({ length: 2000 }, (_, i) => managed(`policy-${i}`, policyDocument(r)));
	const boundaries = Array.from({ length: 20 }, (_, i) =>
		managed(`boundary-${i}`, normalisePolicyDocument({ Statement: [{ Effect: 'Allow', Action: services.slice(0, 5 + (i % 10)).map((s) => `${s}:*`), Resource: '*' }] })),
	);
	const refOf = (p: ManagedPolicy): AttachedPolicyRef => ({ arn: p.arn, name: p.name });
	const some = (n: number) => Array.from({ length: n }, () => refOf(r() < 0.03 ? pick(r, aws) : pick(r, customer)));
	const groups: Group[] = Array.from({ length: 200 }, (_, i) => ({
		name: `group-${i}`,
		id: `AGPA${i}`,
		arn: `${iam}:group/group-${i}`,
		path: '/',
		createDate: date,
		inlinePolicies: r() < 0.2 ? [{ name: 'inline', document: policyDocument(r) }] : [],
		attachedPolicies: some(1 + Math.floor(r() * 4)),
	}));
	const users: User[] = Array.from({ length: 1000 }, (_, i) => ({
		name: `user-${i}`,
		id: `AIDA${i}`,
		arn: `${iam}:user/user-${i}`,
		path: '/',
		createDate: date,
		inlinePolicies: r() < 0.2 ? [{ name: 'inline', document: policyDocument(r) }] : [],
		attachedPolicies: some(Math.floor(r() * 3)),
		groups: Array.from({ length: 1 + Math.floor(r() * 3) }, () => `group-${Math.floor(r() * 200)}`),
		tags: [],
		accessKeys: [],
		mfaDevices: [],
		loginProfile: null,
		...(r() < 0.1 ? { permissionsBoundary: pick(r, boundaries).arn } : {}),
	}));
	const trust = normalisePolicyDocument({ Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
	const roles: Role[] = Array.from({ length: 5000 }, (_, i) => ({
		name: i % 100 === 0 ? `app-${(i / 100) % 50}-api` : `svc-${i}`,
		id: `AROA${i}`,
		arn: `${iam}:role/${i % 100 === 0 ? `app-${(i / 100) % 50}-api` : `svc-${i}`}`,
		path: '/',
		createDate: date,
		trustPolicy: trust,
		inlinePolicies: r() < 0.3 ? [{ name: 'inline', document: policyDocument(r) }] : [],
		attachedPolicies: some(1 + Math.floor(r() * 3)),
		tags: [],
		instanceProfiles: [],
		...(r() < 0.2 ? { permissionsBoundary: pick(r, boundaries).arn } : {}),
	}));
	return {
		accountId: account,
		partition: 'aws',
		region: 'eu-west-1',
		caller: { account, arn: `${iam}:user/user-0`, userId: 'AIDA0' },
		readAt: date,
		users,
		groups,
		roles,
		policies: [...aws, ...customer, ...boundaries],
		organization: null,
		notEvaluated: [],
	};
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

export async function run(): Promise<string[]> {
	const lines: string[] = [];
	let started = performance.now();
	const catalogue = await loadIamCatalogue();
	lines.push(`catalogue load (once per process): ${(performance.now() - started).toFixed(0)} ms, ${catalogue ? Object.keys(catalogue.services).length : 0} services`);

	const model = syntheticAccount();
	globalThis.gc?.();
	const before = process.memoryUsage();
	let peakHeap = before.heapUsed;
	let peakRss = before.rss;
	const sample = () => {
		const m = process.memoryUsage();
		peakHeap = Math.max(peakHeap, m.heapUsed);
		peakRss = Math.max(peakRss, m.rss);
	};

	started = performance.now();
	const cpuBefore = process.cpuUsage();
	const analysis = analyseBoundaries(model, catalogue);
	sample();
	const analysisPeak = { heap: peakHeap, rss: peakRss };
	const totalMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	const graph = analysis.graph;
	let allowedTotal = 0;
	for (const n of graph.nodes) if (n.permissions) allowedTotal += summarisePermissions(catalogue, n.permissions).allowed;

	// 1,000 queries: half "who can ACTION", half "what can PRINCIPAL reach".
	const actions = ['iam:PassRole', 's3:GetObject', 'iam:CreatePolicyVersion', 'lambda:UpdateFunctionCode', 'kms:Decrypt', 'ec2:RunInstances', 'sts:AssumeRole', 'dynamodb:PutItem'];
	const queryCpu = process.cpuUsage();
	const queryStart = performance.now();
	let answers = 0;
	for (let i = 0; i < 1000; i++) {
		if (i % 2 === 0) answers += whoCan(graph, { action: actions[(i / 2) % actions.length]! }).length;
		else answers += reachOf(graph, graph.nodes[(i * 7919) % (graph.nodes.length - 1)]!.arn)?.reached.length ?? 0;
		if (i % 100 === 0) sample();
	}
	const queryMs = performance.now() - queryStart;
	const queryCpuMs = (() => {
		const c = process.cpuUsage(queryCpu);
		return (c.user + c.system) / 1000;
	})();

	const counts: Record<string, number> = {};
	for (const f of analysis.findings) counts[f.id] = (counts[f.id] ?? 0) + 1;
	const principals = new Set(analysis.findings.filter((f) => f.id === 'PRIVILEGE_ESCALATION').map((f) => f.resource)).size;
	const admins = graph.nodes.filter((n) => n.admin && n.type !== 'admin').length;
	const groups = graph.edges.reduce((n, list) => n + list.length, 0);
	lines.push(`account: ${model.roles.length} roles, ${model.users.length} users, ${model.groups.length} groups, ${model.policies.length - 23} customer policies, 20 boundary policies, 3 AWS-managed`);
	lines.push(`principal graph: ${graph.nodes.length} nodes (${admins} full administrators), ${graph.edgeCount} edges in ${groups} groups; ${(allowedTotal / (graph.nodes.length - 1)).toFixed(0)} allowed actions per principal on average over ${Object.values(catalogue.services).reduce((n, s) => n + s.actions.length, 0)} actions`);
	lines.push(`full analysis as scan runs it (effective permissions + graph + paths + boundary findings): ${totalMs.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU (aim: under 3,000 ms; wall time grows when the machine is busy, CPU time less so)`);
	lines.push(`1,000 query calls (500 --who-can, 500 --reach): ${queryMs.toFixed(0)} ms wall, ${queryCpuMs.toFixed(0)} ms CPU, ${answers} answers`);
	lines.push(`findings: ${Object.entries(counts).map(([id, n]) => `${id} ${n}`).join(', ')}; ${principals} principals can escalate`);
	lines.push(
		`memory: heap ${mb(before.heapUsed)} before, ${mb(analysisPeak.heap)} with the analysis and its graph, ${mb(peakHeap)} peak during the queries; ` +
			`rss ${mb(before.rss)} before, ${mb(analysisPeak.rss)} with the analysis and its graph (aim: under 400 MB), ${mb(peakRss)} peak during the queries, process max rss ${mb(process.resourceUsage().maxRSS * 1024)}`,
	);
	return lines;
}
