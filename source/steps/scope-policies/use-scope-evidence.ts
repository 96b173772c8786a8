/**
 * Step 3's evidence and choices for each policy, and the analysis re-run on every change:
 * generated policies from step 2 (read once after the first frame, never while rendering),
 * last-accessed data and validations read through the gateway, and the operator's choices.
 * One evidence read runs at a time (`busy`); its outcome is the `notice`.
 */
import { useEffect, useMemo, useState } from 'react';
import type { AwsGateway } from '../../aws/gateway.js';
import type { AccountModel } from '../../core/model.js';
import type { PolicyDocument } from '../../core/policy-document.js';
import { isBlockingIssue } from '../../core/policy-validation-types.js';
import type { PlanContext } from '../../core/settings.js';
import { readGeneratedPolicies } from '../../settings/generated-policies.js';
import { analyseScope, type PolicyScope, type ScopeInputs } from './plan.js';
import { readLastAccessed, validateDocument, withLastAccessed, withValidation } from './scope-evidence.js';
import type { ScopeChoices } from './scope-proposal.js';
import { plural } from '../../core/plural.js';

export type ScopeNotice = { text: string; token: 'status.warning' | 'status.ok' | 'status.error' };

function generatedByPrincipal(): Record<string, PolicyDocument> {
	const out: Record<string, PolicyDocument> = {};
	// Newest first: keep the first entry of each principal.
	for (const entry of readGeneratedPolicies()) out[entry.principalArn] ??= entry.document;
	return out;
}

export function useScopeEvidence(model: AccountModel | null, gateway: AwsGateway, planContext: PlanContext) {
	const [inputs, setInputs] = useState<ScopeInputs>({});
	const [busy, setBusy] = useState<string | undefined>();
	const [notice, setNotice] = useState<ScopeNotice | undefined>();

	// The generated policies are on disk: read them after the first frame, not during a render.
	useEffect(() => {
		setInputs((prev) => ({ ...prev, generated: generatedByPrincipal() }));
	}, []);

	const analysis = useMemo(() => (model ? analyseScope(model, planContext, inputs) : undefined), [model, planContext, inputs]);

	const setChoices = (key: string, update: (c: ScopeChoices) => ScopeChoices) =>
		setInputs((prev) => ({ ...prev, choices: { ...prev.choices, [key]: update(prev.choices?.[key] ?? {}) } }));

	const clearChoices = (keys: ReadonlySet<string>) =>
		setInputs((prev) => ({ ...prev, choices: Object.fromEntries(Object.entries(prev.choices ?? {}).filter(([k]) => !keys.has(k))) }));

	/** Runs one gateway read; a failure becomes the notice. */
	const run = (label: string, task: () => Promise<void>) => {
		setBusy(label);
		setNotice(undefined);
		task().then(
			() => setBusy(undefined),
			(error: unknown) => {
				setBusy(undefined);
				setNotice({ text: `${label} failed: ${(error as Error).message}`, token: 'status.error' });
			},
		);
	};

	const readUsage = (scope: PolicyScope) =>
		run('Reading last-accessed data', async () => {
			const reports = await readLastAccessed(gateway, scope.source.principals);
			setInputs((prev) => withLastAccessed(prev, reports));
			setNotice({ text: `Read last-accessed data of ${plural(Object.keys(reports).length, 'principal')}.`, token: 'status.ok' });
		});

	const validate = (scope: PolicyScope) => {
		const document = scope.proposal?.document ?? scope.source.document;
		run('Validating', async () => {
			const result = await validateDocument(gateway, document);
			setInputs((prev) => withValidation(prev, scope.source.key, result));
			const blocking = result.issues.filter(isBlockingIssue);
			const by = result.by === 'access-analyzer' ? 'Access Analyzer' : "The sandbox's checks";
			setNotice(
				blocking.length > 0
					? { text: `${by}: ${blocking.map((i) => i.issueCode).join(', ')}`, token: 'status.error' }
					: { text: `${by}: no errors or security warnings (${plural(result.issues.length, 'other note')}).`, token: 'status.ok' },
			);
		});
	};

	/**
	 * Validates through the gateway every chosen proposal only checked locally, then hands the
	 * ones still ready to `start`; one that fails there is not previewed, and says why.
	 */
	const validateThenPreview = (ready: PolicyScope[], chosenKeys: readonly string[], start: (scopes: PolicyScope[]) => void) => {
		const unchecked = ready.filter((s) => s.proposalIssues?.by === 'local' && s.proposal);
		if (unchecked.length === 0 || !gateway.validatePolicy || !model) {
			start(ready);
			return;
		}
		run('Validating through the gateway before the preview', async () => {
			let next = inputs;
			for (const scope of unchecked) next = withValidation(next, scope.source.key, await validateDocument(gateway, scope.proposal!.document));
			setInputs(next);
			const rechecked = analyseScope(model, planContext, next).scopes.filter((s) => chosenKeys.includes(s.source.key));
			const failed = rechecked.filter((s) => s.actions.length === 0);
			if (failed.length > 0) {
				setNotice({ text: `Not previewed: ${failed.map((s) => `${s.source.name}: ${s.blocked ?? 'no change'}`).join('; ')}`, token: 'status.error' });
				return;
			}
			start(rechecked);
		});
	};

	return { inputs, analysis, busy, notice, setNotice, setChoices, clearChoices, readUsage, validate, validateThenPreview };
}

export type ScopeEvidence = ReturnType<typeof useScopeEvidence>;
