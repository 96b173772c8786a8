/**
 * Local checks of an identity policy, pure, against the IAM action catalogue: a subset of
 * what Access Analyzer's ValidatePolicy reports, for the sandbox and for offline sources.
 * It finds actions and services that do not exist, resources no action of the statement
 * can take, `iam:PassRole` on `*`, empty statements and documents over the size quota; it
 * does not check condition keys and operators, nor the many best-practice suggestions.
 */
import { arnPatternFitsAction } from './arn-pattern.js';
import { actionsOfService, expandActionPattern, scopedActionsOf, scopedWritesOf, type IamCatalogue } from './policy-engine/catalogue.js';
import type { PolicyDocument, Statement } from './policy-document.js';
import { policySize, policySizeLimits } from './policy-size.js';
import type { PolicyValidationIssue, ValidationPolicyType } from './policy-validation-types.js';

function issue(findingType: PolicyValidationIssue['findingType'], issueCode: string, detail: string, statementIndex?: number): PolicyValidationIssue {
	return { findingType, issueCode, detail, ...(statementIndex === undefined ? {} : { statementIndex }) };
}

function where(statement: Statement, index: number): string {
	return statement.Sid ? `statement ${statement.Sid}` : `statement ${index + 1}`;
}

type ActionVerdict = 'known' | 'unknown service' | 'unknown action';

const actionVerdicts = new WeakMap<IamCatalogue, Map<string, ActionVerdict>>();

/** Whether an Action entry names a service and actions that exist, kept per entry: thousands of statements repeat a few hundred. */
function actionVerdict(catalogue: IamCatalogue, pattern: string, service: string): ActionVerdict {
	let memo = actionVerdicts.get(catalogue);
	if (!memo) actionVerdicts.set(catalogue, (memo = new Map()));
	let verdict = memo.get(pattern);
	if (!verdict) {
		verdict = actionsOfService(catalogue, service).length === 0 ? 'unknown service' : expandActionPattern(catalogue, pattern).length === 0 ? 'unknown action' : 'known';
		memo.set(pattern, verdict);
	}
	return verdict;
}

/** Unknown services and actions in Action or NotAction. */
function actionIssues(catalogue: IamCatalogue, statement: Statement, index: number): PolicyValidationIssue[] {
	const out: PolicyValidationIssue[] = [];
	for (const pattern of statement.Action ?? statement.NotAction ?? []) {
		if (pattern === '*') continue;
		const colon = pattern.indexOf(':');
		const service = colon < 0 ? pattern : pattern.slice(0, colon);
		if (/[*?]/.test(service)) continue;
		const verdict = actionVerdict(catalogue, pattern, service);
		if (verdict === 'unknown service') {
			out.push(issue('ERROR', 'INVALID_SERVICE_IN_ACTION', `The service prefix "${service}" in action ${pattern} (${where(statement, index)}) is not an AWS service.`, index));
		} else if (verdict === 'unknown action') {
			out.push(issue('ERROR', 'INVALID_ACTION', `The action ${pattern} (${where(statement, index)}) does not exist in ${service}.`, index));
		}
	}
	return out;
}

const fitting = new WeakMap<IamCatalogue, Map<string, Map<string, boolean>>>();

/**
 * Whether some action of the pattern that takes specific resources can take the ARN, memoised per catalogue (statements
 * repeat across policies), by pattern then ARN as written: no key string to build and hash for each of thousands of asks.
 */
function patternFitsResource(catalogue: IamCatalogue, pattern: string, scoped: readonly string[], arn: string): boolean {
	let memo = fitting.get(catalogue);
	if (!memo) fitting.set(catalogue, (memo = new Map()));
	let byArn = memo.get(pattern);
	if (!byArn) memo.set(pattern, (byArn = new Map()));
	let fits = byArn.get(arn);
	if (fits === undefined) byArn.set(arn, (fits = scoped.some((a) => arnPatternFitsAction(catalogue, a, arn))));
	return fits;
}

/**
 * Resources the statement's actions cannot take: an ARN no action of the statement accepts
 * (sqs:SendMessage on an S3 bucket), or specific ARNs for an action that accepts only `*`.
 */
function resourceIssues(catalogue: IamCatalogue, statement: Statement, index: number, blockingOnly: boolean): PolicyValidationIssue[] {
	if (!statement.Action || !statement.Resource || statement.Resource.includes('*')) return [];
	const out: PolicyValidationIssue[] = [];
	for (const pattern of statement.Action) {
		if (expandActionPattern(catalogue, pattern).length === 0) continue;
		const scoped = scopedActionsOf(catalogue, pattern).scoped;
		if (scoped.length === 0) {
			if (!blockingOnly) out.push(issue('WARNING', 'RESOURCE_FOR_WILDCARD_ONLY_ACTION', `${pattern} (${where(statement, index)}) accepts only Resource "*", so the ARNs given grant it nothing.`, index));
			continue;
		}
		const fits = statement.Resource.some((arn) => patternFitsResource(catalogue, pattern, scoped, arn));
		if (!fits) {
			out.push(
				issue(
					'ERROR',
					'RESOURCE_ACTION_MISMATCH',
					`No resource of ${where(statement, index)} (${statement.Resource.join(', ')}) is of a type ${pattern} accepts, so the statement grants it nothing.`,
					index,
				),
			);
		}
	}
	return out;
}

/** Allow of write or permissions-management actions on every resource, and PassRole on `*` (a security warning, as Access Analyzer's). */
function wildcardIssues(catalogue: IamCatalogue, statement: Statement, index: number, blockingOnly: boolean): PolicyValidationIssue[] {
	if (statement.Effect !== 'Allow' || !statement.Action || !statement.Resource?.includes('*')) return [];
	const out: PolicyValidationIssue[] = [];
	if (statement.Action.some((p) => scopedActionsOf(catalogue, p).passRole) && !statement.Condition) {
		out.push(issue('SECURITY_WARNING', 'PASS_ROLE_WITH_STAR_IN_RESOURCE', `iam:PassRole on Resource "*" (${where(statement, index)}) lets the principal pass any role to a service.`, index));
	}
	if (blockingOnly) return out;
	const writes = scopedWritesOf(catalogue, statement.Action);
	if (writes.length > 0) {
		const sample = writes.slice(0, 3).join(', ') + (writes.length > 3 ? ` and ${writes.length - 3} more` : '');
		out.push(issue('WARNING', 'WRITE_ON_WILDCARD_RESOURCE', `${where(statement, index)} allows ${sample} on Resource "*" though they take specific ARNs.`, index));
	}
	return out;
}

function shapeIssues(statement: Statement, index: number): PolicyValidationIssue[] {
	const out: PolicyValidationIssue[] = [];
	const actions = statement.Action ?? statement.NotAction;
	if (!actions || actions.length === 0) out.push(issue('ERROR', 'MISSING_ACTION', `${where(statement, index)} names no action.`, index));
	const resources = statement.Resource ?? statement.NotResource;
	if (!resources || resources.length === 0) out.push(issue('ERROR', 'MISSING_RESOURCE', `${where(statement, index)} names no resource.`, index));
	return out;
}

export interface LocalValidationOptions {
	/**
	 * Only the issues that block (ERROR, SECURITY_WARNING: isBlockingIssue), in the same order: for callers that
	 * drop the rest, as step 3's findings do, so that thousands of warnings are not worded to be thrown away.
	 */
	blockingOnly?: boolean;
}

/** The issues of an identity policy (other policy types get the shape and size checks only). */
export function validatePolicyLocally(document: PolicyDocument, policyType: ValidationPolicyType, catalogue: IamCatalogue, options: LocalValidationOptions = {}): PolicyValidationIssue[] {
	const blockingOnly = options.blockingOnly ?? false;
	const out: PolicyValidationIssue[] = [];
	if (document.Statement.length === 0) out.push(issue('ERROR', 'EMPTY_POLICY', 'The policy has no statement.'));
	document.Statement.forEach((statement, index) => {
		out.push(...shapeIssues(statement, index), ...actionIssues(catalogue, statement, index));
		if (policyType === 'IDENTITY_POLICY') out.push(...resourceIssues(catalogue, statement, index, blockingOnly), ...wildcardIssues(catalogue, statement, index, blockingOnly));
	});
	if (policyType === 'IDENTITY_POLICY') {
		const size = policySize(document);
		if (size > policySizeLimits.managedPolicy) {
			out.push(issue('ERROR', 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', `The policy is ${size} characters without whitespace; a managed policy may hold ${policySizeLimits.managedPolicy}.`));
		}
	}
	return out;
}
