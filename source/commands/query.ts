/**
 * `iam-wizard query`: questions of the principal graph, after PMapper's `query`.
 * `--who-can ACTION [--on RESOURCE]`: every principal that can make the request, itself or
 * through a path to one that can. `--reach PRINCIPAL`: what the principal can act as. Each
 * answer comes with its path (every hop's method, requests and the statements allowing them)
 * and the statements that allow the request at the end.
 */
import { loadIamCatalogue } from '../aws/iam-catalogue.js';
import type { AccountModel } from '../core/model.js';
import { actionsOfService, expandActionPattern, findAction, nearestActions, type IamCatalogue } from '../core/policy-engine/catalogue.js';
import { reachOf, whoCan, type ReachAnswer, type WhoCanAnswer } from '../core/policy-engine/graph-query.js';
import { buildPrincipalGraph, type PrincipalGraph } from '../core/policy-engine/principal-graph.js';
import { hopEvidence, nodeLabel, statementEvidence } from '../steps/boundaries/escalation-findings.js';
import type { StoredSettings } from '../settings/settings-store.js';
import { exitCodes, UsageError, type CommandIo } from './command-io.js';
import { queryFormats } from './formats.js';
import { openGateway, type SourceOptions } from './open-gateway.js';
import { plural } from '../core/plural.js';

export interface QueryOptions extends SourceOptions {
	whoCan?: string;
	on?: string;
	reach?: string;
	format: string;
}

/** A principal named by ARN, by name (`alice`), or as `user/alice` / `role/deployer`. */
export function resolvePrincipal(model: AccountModel, name: string): string | undefined {
	if (name.startsWith('arn:')) return name;
	const [type, bare] = name.includes('/') ? [name.split('/')[0], name.split('/').pop()!] : [undefined, name];
	const users = type === 'role' ? [] : model.users.filter((u) => u.name === bare);
	const roles = type === 'user' ? [] : model.roles.filter((r) => r.name === bare);
	const all = [...users, ...roles];
	if (all.length > 1) throw new UsageError(`"${name}" names both a user and a role: write user/${bare} or role/${bare}.`);
	return all[0]?.arn;
}

function whoCanJson(graph: PrincipalGraph, answers: WhoCanAnswer[]) {
	return answers.map((a) => ({
		principal: a.principal,
		type: a.type,
		verdict: a.verdict,
		hops: a.path.length,
		path: a.path.map((h) => hopEvidence(graph, h)),
		...(a.viaAdmin ? { endIsFullAdministrator: true } : {}),
		allowedBy: a.allowedBy.map(statementEvidence),
	}));
}

function reachJson(graph: PrincipalGraph, answer: ReachAnswer) {
	return {
		principal: answer.principal,
		fullAdministrator: answer.admin,
		reaches: answer.reached.map((r) => ({ principal: r.principal, fullAdministrator: r.admin, gained: r.gained, conditional: r.conditional, hops: r.path.length, path: r.path.map((h) => hopEvidence(graph, h)) })),
	};
}

function statementText(refs: WhoCanAnswer['allowedBy']): string {
	return refs
		.slice(0, 3)
		.map((r) => `${r.policy.name} ${r.sid ?? `statement ${r.statementIndex + 1}`}${r.policy.via ? ` (via group ${r.policy.via})` : ''}`)
		.join(', ') + (refs.length > 3 ? ` and ${refs.length - 3} more` : '');
}

function pathLine(graph: PrincipalGraph, path: WhoCanAnswer['path']): string {
	return path.map((h) => `${h.method} → ${nodeLabel(graph, h.to)}`).join(', ');
}

function whoCanTable(graph: PrincipalGraph, query: string, answers: WhoCanAnswer[]): string {
	const lines = [`Who can ${query}: ${plural(answers.length, 'principal')}${answers.length > 0 ? '' : '.'}`];
	for (const a of answers) {
		const n = graph.nodes[graph.byArn.get(a.principal)!]!;
		const how = a.path.length === 0 ? 'itself' : `in ${plural(a.path.length, 'hop')}: ${pathLine(graph, a.path)}`;
		lines.push(`  ${a.verdict === 'conditional' ? '~' : '•'} ${nodeLabel(graph, n.index)} — ${how}${a.verdict === 'conditional' ? ' (only under a condition)' : ''}`);
		for (const h of a.path) lines.push(`      ${h.method}: ${h.steps.map((d) => `${d.action} allowed by ${d.allowedBy.length > 0 ? statementText(d.allowedBy) : 'the trust policy'}`).join('; ')}${h.trust ? ` · trust statement ${h.trust.statement}${h.trust.named ? ' names it' : ' admits its account'}` : ''}${h.needs ? ` · if ${h.needs} exists` : ''}`);
		lines.push(`      allowed by ${a.allowedBy.length > 0 ? statementText(a.allowedBy) : a.viaAdmin ? 'full administrator access' : 'its policies'}`);
	}
	return `${lines.join('\n')}\n`;
}

function reachTable(graph: PrincipalGraph, answer: ReachAnswer): string {
	const start = nodeLabel(graph, graph.byArn.get(answer.principal)!);
	if (answer.admin) return `${start} is a full administrator: it reaches nothing it does not already have.\n`;
	const gaining = answer.reached.filter((r) => r.admin || r.gained > 0);
	const lines = [`${start} can act as ${plural(answer.reached.length, 'principal')}, ${gaining.length} with permissions it does not have.`];
	for (const r of answer.reached) {
		lines.push(`  ${r.conditional ? '~' : '•'} ${nodeLabel(graph, graph.byArn.get(r.principal) ?? graph.adminNode)} — ${r.admin ? 'full administrator' : `${plural(r.gained, 'action')} it lacks`}, ${plural(r.path.length, 'hop')}: ${pathLine(graph, r.path)}`);
		for (const h of r.path) lines.push(`      ${h.method}: ${h.steps.map((d) => `${d.action} allowed by ${d.allowedBy.length > 0 ? statementText(d.allowedBy) : 'the trust policy'}`).join('; ')}${h.needs ? ` · if ${h.needs} exists` : ''}`);
	}
	return `${lines.join('\n')}\n`;
}

/**
 * A warning for an action the bundled catalogue does not know (not a pattern with * or ?):
 * most often a typo, which would otherwise answer with only the principals whose wildcards
 * match it. Not a refusal: an action AWS added after the catalogue was built must still be
 * askable, and the answer then holds, matched against the policies as written.
 */
export function unknownActionNotice(catalogue: IamCatalogue, action: string): string | undefined {
	if (findAction(catalogue, action)) return undefined;
	const service = action.slice(0, action.indexOf(':'));
	const bundled = `the IAM action catalogue iam-wizard bundles (iam-data ${catalogue.version})`;
	const newer = 'If the action is newer than the catalogue, the answer still holds: it is matched against the policies as written.';
	if (actionsOfService(catalogue, service).length === 0) return `--who-can "${action}": ${bundled} has no service "${service}", so only wildcards such as * match it. ${newer}`;
	const near = nearestActions(catalogue, action);
	const hint = near.length > 0 ? `did you mean ${near.length === 1 ? near[0] : `${near.slice(0, -1).join(', ')} or ${near.at(-1)}`}?` : `no ${service} action is spelled like it.`;
	return `--who-can "${action}" is not an action in ${bundled}: ${hint} ${newer}`;
}

/**
 * Why a pattern is refused: the request is decided for one action, and a pattern taken as the
 * action would match only statements whose own wildcards cover its text (iam:Pass* would leave
 * out everyone allowed iam:PassRole by name), a wrong answer that looks right.
 */
function patternRefusal(catalogue: IamCatalogue, pattern: string): string {
	const matched = expandActionPattern(catalogue, pattern);
	const some = matched.length === 0 ? 'no action of the catalogue' : `${plural(matched.length, 'action')} (${matched.slice(0, 3).join(', ')}${matched.length > 3 ? ', …' : ''})`;
	return `--who-can takes one action, not a pattern: "${pattern}" matches ${some}. Ask about the action you mean${matched[0] ? `, e.g. --who-can ${matched[0]}` : ''}.`;
}

export async function runQuery(options: QueryOptions, settings: StoredSettings, io: CommandIo, debug?: (line: string) => void): Promise<number> {
	if (!(queryFormats as readonly string[]).includes(options.format)) throw new UsageError(`--format "${options.format}" is not one of ${queryFormats.join(', ')}.`);
	if ((options.whoCan === undefined) === (options.reach === undefined)) throw new UsageError('Ask one question: --who-can ACTION (with --on RESOURCE) or --reach PRINCIPAL.');
	if (options.on !== undefined && options.whoCan === undefined) throw new UsageError('--on goes with --who-can.');
	if (options.whoCan !== undefined && !/^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(options.whoCan)) throw new UsageError(`--who-can "${options.whoCan}" is not an action such as iam:PassRole.`);
	const catalogue = await loadIamCatalogue();
	if (options.whoCan !== undefined && /[*?]/.test(options.whoCan)) throw new UsageError(patternRefusal(catalogue, options.whoCan));
	const notice = options.whoCan === undefined ? undefined : unknownActionNotice(catalogue, options.whoCan);
	// Said before the account is read, which takes a while: a typo is seen at once.
	if (notice) io.stderr(`iam-wizard: ${notice}\n`);
	const gateway = await openGateway(options, settings, io.now, debug);
	const model = await gateway.readAccount({ onProgress: debug });
	const graph = buildPrincipalGraph(model, catalogue);
	let text: string;
	if (options.whoCan !== undefined) {
		const answers = whoCan(graph, { action: options.whoCan, ...(options.on ? { resource: options.on } : {}) });
		const query = `${options.whoCan}${options.on ? ` on ${options.on}` : ''}`;
		text = options.format === 'json' ? `${JSON.stringify({ query: { whoCan: options.whoCan, ...(options.on ? { on: options.on } : {}) }, account: model.accountId, answers: whoCanJson(graph, answers), ...(notice ? { notices: [notice] } : {}), notEvaluated: model.notEvaluated }, null, 2)}\n` : whoCanTable(graph, query, answers);
	} else {
		const arn = resolvePrincipal(model, options.reach!);
		const answer = arn ? reachOf(graph, arn) : undefined;
		if (!answer) throw new UsageError(`--reach "${options.reach}" names no user or role of account ${model.accountId}.`);
		text = options.format === 'json' ? `${JSON.stringify({ query: { reach: answer.principal }, account: model.accountId, ...reachJson(graph, answer), notEvaluated: model.notEvaluated }, null, 2)}\n` : reachTable(graph, answer);
	}
	io.stdout(text);
	return exitCodes.ok;
}
