/**
 * docs/findings.md, written from the findings catalogue in the code (source/core/
 * finding-catalogue.ts), so the shipped documentation cannot disagree with what scan reports.
 * `npm run docs:findings` rewrites it; test/docs/findings-doc.test.ts fails when it is stale.
 */
import { findingCatalogue, type CatalogueEntry } from '../source/core/finding-catalogue.js';

const stepTitles: Record<number, string> = {
	1: 'Step 1 — inventory and credentials',
	2: 'Step 2 — Access Analyzer and trust',
	3: 'Step 3 — policy scope',
	4: 'Step 4 — boundaries and privilege escalation',
	5: 'Step 5 — MFA and long-lived credentials',
	6: 'Step 6 — continuous monitoring',
};

const stepNotes: Record<number, string> = {
	3: 'Human principals are IAM users with a console password, IAM Identity Center roles (`aws-reserved/sso.amazonaws.com/`) and roles whose trust names SAML/OIDC federation for people or IAM users. Service-linked roles and AWS-managed policies cannot be modified: they are reported, never changed. Actions that only accept `Resource: "*"` (such as `iam:ListRoles`) are never reported as POLICY_WILDCARD_RESOURCE.',
	4: 'Escalation is decided as reach in a graph of the account\'s principals: see [escalation-paths.md](escalation-paths.md) for the methods and what a finding\'s `path` holds.',
	5: 'An MFA-enforcing policy denies when `aws:MultiFactorAuthPresent` is false or absent, which would also deny every workload (long-term keys and role sessions assumed without MFA). iam-wizard\'s guardrail is therefore scoped to people (IAM users, and role patterns the operator names) and excludes calls made through AWS services and break-glass principals.',
	6: 'EventBridge rules catch the events in real time; CIS section 4 and Security Hub CloudWatch.1–.14 check CloudWatch Logs metric filters and alarms on the trail\'s log group instead, which iam-wizard offers as a second form where the control must pass.',
};

const escape = (text: string) => text.replace(/\|/g, '\\|');

function controls(entry: CatalogueEntry, prefix: string): string {
	const list = entry.controls.filter((c) => c.startsWith(prefix)).map((c) => c.slice(prefix.length));
	return list.length > 0 ? list.join(', ') : '—';
}

export function findingsDocument(): string {
	const entries = Object.entries(findingCatalogue) as [string, CatalogueEntry][];
	const lines = [
		'# Findings catalogue',
		'',
		'<!-- Written by `npm run docs:findings` from source/core/finding-catalogue.ts: edit the code, not this file. -->',
		'',
		'Every problem iam-wizard reports has a stable ID from this table. IDs appear in the wizard, in `scan`',
		'output (JSON, Markdown, SARIF, CSV), in plans and in the change log, so scripts, suppressions and',
		'auditors can rely on them. IDs are never renamed.',
		'',
		'A finding is `{ id, severity, step, resource (ARN), title, detail, controls[], evidence, fingerprint }`.',
		'`controls` holds CIS AWS Foundations Benchmark v5.0.0 numbers (`CIS-5.0:1.14`) and AWS Security Hub',
		'control IDs (`SecurityHub:IAM.2`). `fingerprint` is a stable `ID|resource|qualifier`, where the qualifier',
		'tells apart findings of one ID on one resource (the access key, the escalation method, the policy, the',
		'validation issue); suppressions, SARIF `partialFingerprints` and `--baseline` comparisons use it. A',
		'suppressed finding stays in the output, marked `suppressed: {reason, expires}`.',
		'',
		'Severity, from the highest: `critical`, `high`, `medium`, `low`, `info`.',
	];
	for (const step of [1, 2, 3, 4, 5, 6]) {
		lines.push('', `## ${stepTitles[step]}`, '');
		if (stepNotes[step]) lines.push(stepNotes[step], '');
		lines.push('| ID | when | severity | CIS v5 | Security Hub |', '| --- | --- | --- | --- | --- |');
		for (const [id, entry] of entries.filter(([, e]) => e.step === step)) {
			lines.push(`| \`${id}\` | ${escape(entry.help)} | ${entry.severity} | ${controls(entry, 'CIS-5.0:')} | ${controls(entry, 'SecurityHub:')} |`);
		}
	}
	return `${lines.join('\n')}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/scripts\//, '/scripts/'))) {
	const { writeFileSync } = await import('node:fs');
	writeFileSync(new URL('../docs/findings.md', import.meta.url), findingsDocument());
	console.log('docs/findings.md written');
}
