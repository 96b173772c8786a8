/**
 * The questions behind c (create the analyzers: which type, and an unused-access analyzer's
 * tracking period) and f (fix a trust policy: how, and with what value), ending in a batch.
 */
import { useState, type ReactNode } from 'react';
import type { Finding } from '../../core/finding.js';
import type { AccountModel, Role } from '../../core/model.js';
import type { StepPlan } from '../../core/step-plan.js';
import type { CustomBatchControl } from '../step-screen-custom-batch.js';
import { analyzerNameProblem, createExternalAnalyzerAction, createUnusedAnalyzerAction, defaultExternalAnalyzerName, defaultUnusedAnalyzerName, externalAnalyzerType, trackingPeriodProblem } from './analyzer-actions.js';
import { activeExternalAnalyzers, activeUnusedAnalyzers } from './analyzer-findings.js';
import { ChoicePrompt, TextPrompt } from './LinePrompt.js';
import { trustIssuesOfRoles } from './trust-analysis.js';
import { trustFixAction, trustFixValid, type TrustFix } from './trust-fix.js';

export type SetupPrompt =
	| { kind: 'create-type' }
	| { kind: 'create-days'; type?: 'ACCOUNT' | 'ORGANIZATION'; value: string; problem?: string }
	| { kind: 'trust-how'; role: Role; findings: Finding[] }
	| { kind: 'trust-value'; role: Role; findings: Finding[]; how: TrustFix['kind']; value: string; problem?: string };

/** A free name: the default, or the default with a number. */
function freeName(base: string, model: AccountModel): string {
	let name = base;
	for (let n = 2; analyzerNameProblem(name, model); n += 1) name = `${base}-${n}`;
	return name;
}

export function useSetupPrompts({ model, plan, batch, setNotice }: { model: AccountModel | null; plan: StepPlan | null; batch: CustomBatchControl; setNotice: (notice: string | undefined) => void }) {
	const [prompt, setPrompt] = useState<SetupPrompt | undefined>();

	const startCreate = (type: 'ACCOUNT' | 'ORGANIZATION' | undefined, days: number | undefined) => {
		if (!model || !plan) return;
		const missing = plan.findings.filter((f) => f.id === 'ANALYZER_MISSING');
		const actions = [
			...(type ? [createExternalAnalyzerAction(model, missing.map((f) => f.fingerprint), { type, name: freeName(defaultExternalAnalyzerName, model) })] : []),
			...(days !== undefined ? [createUnusedAnalyzerAction(model, { trackingDays: days, name: freeName(defaultUnusedAnalyzerName, model) })] : []),
		];
		setPrompt(undefined);
		if (actions.length > 0) batch.start(actions, { findings: type ? missing : [] });
	};

	const openCreate = () => {
		if (!model) return;
		const needExternal = activeExternalAnalyzers(model).length === 0;
		const needUnused = activeUnusedAnalyzers(model).length === 0;
		if (!needExternal && !needUnused) setNotice('Both an external-access and an unused-access analyzer are active: nothing to create.');
		else setPrompt(needExternal ? { kind: 'create-type' } : { kind: 'create-days', value: '90' });
	};

	const openTrustFix = (finding: Finding | undefined) => {
		if (!model || !plan) return;
		if (!finding || !finding.id.startsWith('TRUST_')) {
			setNotice('Tab to the setup and trust findings and put the cursor on a TRUST_ finding to fix its trust policy.');
			return;
		}
		const role = model.roles.find((r) => r.arn === finding.resource);
		const glass = plan.excluded.find((e) => e.arn === finding.resource);
		if (!role || glass) {
			setNotice(glass ? `${finding.resource} is a break-glass principal: never proposed for a change (${glass.reason}).` : `Role ${finding.resource} is not in the account read.`);
			return;
		}
		setNotice(undefined);
		setPrompt({ kind: 'trust-how', role, findings: plan.findings.filter((f) => f.resource === role.arn && f.id.startsWith('TRUST_')) });
	};

	const submitTrust = (p: Extract<SetupPrompt, { kind: 'trust-value' }>, value: string) => {
		const v = value.trim();
		const fix: TrustFix = p.how === 'external-id' ? { kind: 'external-id', externalId: v } : p.how === 'organization' ? { kind: 'organization', organizationId: v } : { kind: 'principal', principalArn: v };
		const known = [...model!.roles, ...model!.users].some((x) => x.arn === v) || v === `arn:${model!.partition}:iam::${model!.accountId}:root`;
		const problem = trustFixValid(fix) ?? (fix.kind === 'principal' && v.split(':')[4] === model!.accountId && !known ? `There is no role or user ${v} in this account` : undefined);
		if (problem) {
			setPrompt({ ...p, value, problem });
			return;
		}
		const issues = trustIssuesOfRoles([p.role], model!.accountId);
		const byId = new Map(p.findings.map((f) => [f.id, f.fingerprint]));
		setPrompt(undefined);
		batch.start([trustFixAction(issues.map((issue) => ({ issue, fix, fingerprint: byId.get(issue.id) ?? issue.id })))], { findings: p.findings });
	};

	const view = (isActive: boolean): ReactNode => {
		if (!prompt || !model) return null;
		const cancel = () => setPrompt(undefined);
		if (prompt.kind === 'create-type') {
			const orgAllowed = externalAnalyzerType(model) === 'ORGANIZATION';
			const next = (type: 'ACCOUNT' | 'ORGANIZATION') => (activeUnusedAnalyzers(model).length === 0 ? setPrompt({ kind: 'create-days', type, value: '90' }) : startCreate(type, undefined));
			return (
				<ChoicePrompt
					label={`External-access analyzer: zone of trust${orgAllowed ? ' (you may create an organization analyzer here)' : ' (an organization analyzer needs the management account or a delegated administrator)'}`}
					choices={[{ key: 'a', label: `ACCOUNT: this account ${model.accountId}` }, ...(orgAllowed ? [{ key: 'o', label: `ORGANIZATION ${model.organization?.id ?? ''}` }] : [])]}
					onChoose={(key) => next(key === 'o' ? 'ORGANIZATION' : 'ACCOUNT')}
					onCancel={cancel}
					isActive={isActive}
				/>
			);
		}
		if (prompt.kind === 'create-days') {
			return (
				<TextPrompt
					label="Unused-access analyzer: tracking period in days (1–365, empty for none):"
					value={prompt.value}
					onChange={(value) => setPrompt({ ...prompt, value, problem: undefined })}
					onSubmit={(value) => {
						if (value.trim() === '') return startCreate(prompt.type, undefined);
						const days = Number(value.trim());
						const problem = trackingPeriodProblem(days);
						if (problem) setPrompt({ ...prompt, value, problem });
						else startCreate(prompt.type, days);
					}}
					onCancel={cancel}
					problem={prompt.problem}
					hint="unused roles, keys, passwords and permissions are reported after this long"
					isActive={isActive}
				/>
			);
		}
		if (prompt.kind === 'trust-how') {
			const org = model.organization?.id;
			const defaults: Record<TrustFix['kind'], string> = { 'external-id': `iam-wizard-${prompt.role.id}`, organization: org ?? '', principal: '' };
			return (
				<ChoicePrompt
					label={`Fix the trust policy of role ${prompt.role.name}:`}
					choices={[
						{ key: 'e', label: 'require an external ID (the third party sends it)' },
						...(org ? [{ key: 'o', label: `require organization ${org}` }] : []),
						{ key: 'n', label: 'name the principal instead' },
					]}
					onChoose={(key) => {
						const how: TrustFix['kind'] = key === 'e' ? 'external-id' : key === 'o' ? 'organization' : 'principal';
						setPrompt({ kind: 'trust-value', role: prompt.role, findings: prompt.findings, how, value: defaults[how] });
					}}
					onCancel={cancel}
					isActive={isActive}
				/>
			);
		}
		const labels: Record<TrustFix['kind'], string> = { 'external-id': 'External ID (give it to the third party before applying):', organization: 'Organization ID:', principal: 'Principal ARN to trust:' };
		return (
			<TextPrompt
				label={labels[prompt.how]}
				value={prompt.value}
				onChange={(value) => setPrompt({ ...prompt, value, problem: undefined })}
				onSubmit={(value) => submitTrust(prompt, value)}
				onCancel={cancel}
				problem={prompt.problem}
				placeholder={prompt.how === 'principal' ? 'arn:aws:iam::444455556666:role/NAME' : ''}
				isActive={isActive}
			/>
		);
	};

	return { prompt, openCreate, openTrustFix, view };
}
