/**
 * What an operator can scope in a policy: its Allow statements on Resource "*" whose
 * actions take specific resources, and the account's known resources that fit them.
 */
import { arnPatternFitsAction } from '../../core/arn-pattern.js';
import type { IamCatalogue } from '../../core/policy-engine/catalogue.js';
import type { AccountModel, KnownResource } from '../../core/model.js';
import type { PolicyDocument } from '../../core/policy-document.js';
import { actionsOfStatement, resourceScopedActions } from './statement-actions.js';

export interface ScopableStatement {
	index: number;
	label: string;
	/** The actions of the statement that take specific resources. */
	actions: string[];
}

export function scopableStatements(catalogue: IamCatalogue, document: PolicyDocument): ScopableStatement[] {
	return document.Statement.flatMap((statement, index) => {
		if (statement.Effect !== 'Allow' || !statement.Action || !statement.Resource?.includes('*')) return [];
		const actions = resourceScopedActions(catalogue, actionsOfStatement(catalogue, statement));
		return actions.length > 0 ? [{ index, label: statement.Sid ? `statement ${statement.Sid}` : `statement ${index + 1}`, actions }] : [];
	});
}

/** Known resources some action of the statement takes (a bucket for s3:PutObject gets its objects form, `arn/*`). */
export function candidateArns(catalogue: IamCatalogue, resources: readonly KnownResource[], actions: readonly string[]): string[] {
	const out: string[] = [];
	for (const resource of resources) {
		for (const arn of resource.type === 'AWS::S3::Bucket' ? [resource.arn, `${resource.arn}/*`] : [resource.arn]) {
			if (actions.some((a) => arnPatternFitsAction(catalogue, a, arn))) out.push(arn);
		}
	}
	return out;
}

/** ARNs typed by the operator, or numbers picking candidates: "1, 3, arn:aws:s3:::logs/*". */
export function parseArnAnswer(answer: string, candidates: readonly string[]): { arns: string[]; problems: string[] } {
	const arns: string[] = [];
	const problems: string[] = [];
	for (const part of answer.split(/[\s,]+/).filter(Boolean)) {
		if (/^\d+$/.test(part)) {
			const picked = candidates[Number(part) - 1];
			if (picked) arns.push(picked);
			else problems.push(`there is no candidate ${part}`);
		} else if (/^arn:[^:]+:[^:]+:/.test(part)) arns.push(part);
		else problems.push(`${part} is neither a candidate number nor an ARN`);
	}
	return { arns: [...new Set(arns)], problems };
}

/** What the account knows it has: the adapter's resources and the IAM principals and policies of the model. */
export function knownResources(model: AccountModel): KnownResource[] {
	return [
		...(model.resources ?? []),
		...model.users.map((u) => ({ arn: u.arn, type: 'AWS::IAM::User' })),
		...model.groups.map((g) => ({ arn: g.arn, type: 'AWS::IAM::Group' })),
		...model.roles.map((r) => ({ arn: r.arn, type: 'AWS::IAM::Role' })),
		...model.policies.filter((p) => !p.awsManaged).map((p) => ({ arn: p.arn, type: 'AWS::IAM::ManagedPolicy' })),
	];
}
