/**
 * Small builders the seed files share: dates relative to the seeding time (so findings stay
 * true whatever day the demo runs), ARNs of the sandbox account, and statement shorthands.
 */
import type { IsoDate } from '../../core/model.js';
import { normalisePolicyDocument, type PolicyDocument } from '../../core/policy-document.js';
import { sandboxAccountId } from './sandbox-state.js';

export const account = sandboxAccountId;
export const iamArnPrefix = `arn:aws:iam::${account}`;

export interface SeedClock {
	now: Date;
	/** The time `days` days (plus hours) before now, to the second, as AWS reports it. */
	ago(days: number, hours?: number): IsoDate;
}

export function seedClock(now: Date): SeedClock {
	return {
		now,
		ago(days, hours = 0) {
			const ms = now.getTime() - (days * 24 + hours) * 3_600_000;
			return new Date(Math.floor(ms / 1000) * 1000).toISOString();
		},
	};
}

/** A time a few seconds after `iso`: a key or profile made in the same sitting as its user. */
export function secondsAfter(iso: IsoDate, seconds: number): IsoDate {
	return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}

export const userArn = (name: string, path = '/') => `${iamArnPrefix}:user${path}${name}`;
export const roleArn = (name: string, path = '/') => `${iamArnPrefix}:role${path}${name}`;
export const groupArn = (name: string, path = '/') => `${iamArnPrefix}:group${path}${name}`;
export const policyArn = (name: string, path = '/') => `${iamArnPrefix}:policy${path}${name}`;
export const rootUserArn = `${iamArnPrefix}:root`;

type Raw = Record<string, unknown>;

export function allow(actions: string | string[], resources: string | string[] = '*', extra: Raw = {}): Raw {
	return { ...extra, Effect: 'Allow', Action: actions, Resource: resources };
}

export function deny(actions: string | string[], resources: string | string[] = '*', extra: Raw = {}): Raw {
	return { ...extra, Effect: 'Deny', Action: actions, Resource: resources };
}

/** A normalised identity or resource policy document from statements written as AWS shows them. */
export function doc(...statements: Raw[]): PolicyDocument {
	return normalisePolicyDocument({ Version: '2012-10-17', Statement: statements });
}

/** A role trust policy letting `principal` assume the role, with an optional condition. */
export function trust(principal: Raw | '*', condition?: Raw, action: string | string[] = 'sts:AssumeRole'): PolicyDocument {
	return doc({ Effect: 'Allow', Principal: principal, Action: action, ...(condition ? { Condition: condition } : {}) });
}

export const serviceTrust = (...services: string[]) => trust({ Service: services.length === 1 ? services[0]! : services });
