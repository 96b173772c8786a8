/**
 * AWS Config's verdicts on the IAM managed rules, derived from the sandbox's account state so
 * they follow it: fix the password policy and IAM_PASSWORD_POLICY turns COMPLIANT on the next
 * read. Config evaluates only while a recorder records; before that a rule has no verdict.
 */
import type { ConfigRule, PasswordPolicy } from '../../core/model.js';
import type { SandboxState } from './sandbox-state.js';

const dayMs = 86_400_000;

function parameters(rule: ConfigRule): Record<string, string> {
	try {
		return JSON.parse(rule.inputParameters ?? '{}') as Record<string, string>;
	} catch {
		return {};
	}
}

function passwordPolicyHolds(policy: PasswordPolicy | null, params: Record<string, string>): boolean {
	if (!policy) return false;
	const flag = (name: keyof PasswordPolicy) => params[name] !== 'true' || policy[name] === true;
	const atLeast = (name: keyof PasswordPolicy) => params[name] === undefined || Number(policy[name] ?? 0) >= Number(params[name]);
	const atMost = params.MaxPasswordAge === undefined || (policy.MaxPasswordAge !== undefined && policy.MaxPasswordAge <= Number(params.MaxPasswordAge));
	return (
		flag('RequireUppercaseCharacters') && flag('RequireLowercaseCharacters') && flag('RequireSymbols') && flag('RequireNumbers') && atLeast('MinimumPasswordLength') && atLeast('PasswordReusePrevention') && atMost
	);
}

function isAdminPolicy(state: SandboxState): boolean {
	return state.policies.some(
		(p) =>
			!p.awsManaged &&
			(p.versions.find((v) => v.isDefault)?.document.Statement ?? []).some(
				(s) => s.Effect === 'Allow' && (s.Action ?? []).includes('*') && (s.Resource ?? []).includes('*'),
			),
	);
}

function verdict(state: SandboxState, rule: ConfigRule, now: Date): boolean | undefined {
	const params = parameters(rule);
	const olderThan = (date: string | undefined, days: number) => date !== undefined && now.getTime() - Date.parse(date) > days * dayMs;
	switch (rule.sourceIdentifier) {
		case 'IAM_PASSWORD_POLICY':
			return passwordPolicyHolds(state.passwordPolicy, params);
		case 'ROOT_ACCOUNT_MFA_ENABLED':
			return state.root.mfa !== null;
		case 'ROOT_ACCOUNT_HARDWARE_MFA_ENABLED':
			return state.root.mfa?.type === 'hardware';
		case 'IAM_ROOT_ACCESS_KEY_CHECK':
			return !state.root.accessKeys.some((k) => k.status === 'Active');
		case 'IAM_USER_MFA_ENABLED':
			return state.users.every((u) => u.mfaDevices.length > 0);
		case 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS':
			return state.users.every((u) => !u.loginProfile || u.mfaDevices.length > 0);
		case 'ACCESS_KEYS_ROTATED':
			return !state.users.some((u) => u.accessKeys.some((k) => k.status === 'Active' && olderThan(k.createDate, Number(params.maxAccessKeyAge ?? 90))));
		case 'IAM_USER_UNUSED_CREDENTIALS_CHECK': {
			const days = Number(params.maxCredentialUsageAge ?? 90);
			return !state.users.some(
				(u) =>
					(u.loginProfile && olderThan(u.passwordLastUsed ?? u.loginProfile.createDate, days)) ||
					u.accessKeys.some((k) => k.status === 'Active' && olderThan(k.lastUsed?.date ?? k.createDate, days)),
			);
		}
		case 'IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS':
			return !isAdminPolicy(state);
		default:
			return undefined;
	}
}

/** The rules with Config's compliance filled in, when a recorder is recording. */
export function evaluatedConfigRules(state: SandboxState, now: Date): ConfigRule[] {
	const recording = state.config.recorders.some((r) => r.recording);
	return state.config.rules.map((rule) => {
		if (!recording) return rule;
		const holds = verdict(state, rule, now);
		return { ...rule, compliance: holds === undefined ? 'INSUFFICIENT_DATA' : holds ? 'COMPLIANT' : 'NON_COMPLIANT' };
	});
}
