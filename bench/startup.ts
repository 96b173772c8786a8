/**
 * How fast the built CLI starts, as a user runs it (`node dist/cli.js`, the bundle `npm
 * install` builds): each figure the median wall time of several runs, beside bare Node
 * (`node -e 0`) on the same machine at the same moment, with the CPU time too (wall time
 * follows the machine's load; CPU time much less). Figures: --version, --help, scan --demo,
 * the wizard's first frame on the demo and its step-1 findings list (in a pseudo-terminal)
 * and a scan of the 5,000-role synthetic account of policy-analysis.ts, read as a snapshot.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountModel } from '../source/core/model.js';
import { syntheticAccount } from './policy-analysis.js';

const root = new URL('../', import.meta.url).pathname;
const cli = join(root, 'dist/cli.js');
const runs = 7;

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

interface Sample {
	wall: number;
	cpu: number;
}

/** Wall and CPU seconds of one process (CPU from the child's rusage, through /usr/bin/time when there). */
function timeOnce(args: string[]): Sample {
	const started = performance.now();
	const child = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
	const wall = (performance.now() - started) / 1000;
	if (child.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${child.stderr.slice(-500)}`);
	const [user, system] = child.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
	return { wall, cpu: (user ?? 0) + (system ?? 0) };
}

function measure(args: string[]): Sample {
	const samples = Array.from({ length: runs }, () => timeOnce(args));
	return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)) };
}

/** Seconds from launch to the text appearing on a pseudo-terminal (util-linux `script`). */
function firstFrameOnce(text: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn('script', ['-qfec', `stty cols 100 rows 30; ${process.execPath} ${cli} --demo`, '/dev/null']);
		let output = '';
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`the wizard never showed "${text}"`));
		}, 60_000);
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString('utf8');
			if (output.includes(text)) {
				const seconds = (performance.now() - started) / 1000;
				clearTimeout(timer);
				child.kill('SIGKILL');
				resolve(seconds);
			}
		});
	});
}

/** The synthetic account as `aws iam get-account-authorization-details` prints it. */
function authorizationDetails(model: AccountModel): unknown {
	const attached = (refs: { arn: string; name: string }[]) => refs.map((r) => ({ PolicyName: r.name, PolicyArn: r.arn }));
	const inline = (policies: { name: string; document: unknown }[]) => policies.map((p) => ({ PolicyName: p.name, PolicyDocument: p.document }));
	const boundary = (arn?: string) => (arn ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn } } : {});
	return {
		UserDetailList: model.users.map((u) => ({ Path: u.path, UserName: u.name, UserId: u.id, Arn: u.arn, CreateDate: u.createDate, UserPolicyList: inline(u.inlinePolicies), GroupList: u.groups, AttachedManagedPolicies: attached(u.attachedPolicies), Tags: u.tags, ...boundary(u.permissionsBoundary) })),
		GroupDetailList: model.groups.map((g) => ({ Path: g.path, GroupName: g.name, GroupId: g.id, Arn: g.arn, CreateDate: g.createDate, GroupPolicyList: inline(g.inlinePolicies), AttachedManagedPolicies: attached(g.attachedPolicies) })),
		RoleDetailList: model.roles.map((r) => ({ Path: r.path, RoleName: r.name, RoleId: r.id, Arn: r.arn, CreateDate: r.createDate, AssumeRolePolicyDocument: r.trustPolicy, InstanceProfileList: [], RolePolicyList: inline(r.inlinePolicies), AttachedManagedPolicies: attached(r.attachedPolicies), Tags: r.tags, ...boundary(r.permissionsBoundary) })),
		Policies: model.policies.map((p) => ({ PolicyName: p.name, PolicyId: p.id, Arn: p.arn, Path: p.path, DefaultVersionId: p.defaultVersionId, AttachmentCount: p.attachmentCount, PermissionsBoundaryUsageCount: p.permissionsBoundaryUsageCount, IsAttachable: p.isAttachable, CreateDate: p.createDate, UpdateDate: p.updateDate, PolicyVersionList: p.versions.map((v) => ({ Document: v.document, VersionId: v.versionId, IsDefaultVersion: v.isDefault, CreateDate: v.createDate })) })),
	};
}

const seconds = (s: number) => `${s.toFixed(3)} s`;

export async function run(): Promise<string[]> {
	if (!existsSync(cli)) spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	const folder = mkdtempSync(join(tmpdir(), 'iam-wizard-startup-'));
	const snapshot = join(folder, 'auth-details.json');
	writeFileSync(snapshot, JSON.stringify(authorizationDetails(syntheticAccount())));
	spawnSync(process.execPath, [cli, 'scan', '--demo', '--reset', '--format', 'json'], { stdio: 'ignore' });

	const bare = measure(['-e', '0']);
	const lines = [`median of ${runs} runs, wall (CPU); bare Node (node -e 0): ${seconds(bare.wall)} (${seconds(bare.cpu)})`];
	const row = (name: string, sample: Sample, aim?: string) =>
		lines.push(`${name.padEnd(32)} ${seconds(sample.wall)} (${seconds(sample.cpu)} CPU), ${seconds(sample.wall - bare.wall)} over bare Node${aim ? `; aim ${aim}` : ''}`);
	row('--version', measure([cli, '--version']), 'within 0.15 s of bare Node');
	row('--help', measure([cli, '--help']));
	row('scan --demo --format json', measure([cli, 'scan', '--demo', '--format', 'json']));
	const first: number[] = [];
	const findings: number[] = [];
	for (let i = 0; i < runs; i++) first.push(await firstFrameOnce('Opening the demo'));
	for (let i = 0; i < runs; i++) findings.push(await firstFrameOnce('Findings ('));
	lines.push(`${'wizard first frame (--demo)'.padEnd(32)} ${seconds(median(first))}; aim under 0.5 s`);
	lines.push(`${'wizard step-1 findings (--demo)'.padEnd(32)} ${seconds(median(findings))}`);
	const large = measure([cli, 'scan', '--snapshot', snapshot, '--as-of', '2026-01-01', '--format', 'json']);
	lines.push(`${'scan of the 5,000-role snapshot'.padEnd(32)} ${seconds(large.wall)} (${seconds(large.cpu)} CPU); aim under 1.5 s`);
	return lines;
}
