/** Step 4's rows: one per principal, sorted by reach, and the path lines Enter opens. */
import { describe, expect, it } from 'vitest';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { planBoundaries } from '../../../source/steps/boundaries/plan.js';
import { principalDetail, principalRows } from '../../../source/steps/boundaries/principal-rows.js';
import { planContext } from '../../helpers/model-builder.js';

const now = new Date('2026-11-27T12:00:00Z');

describe('step 4 rows by principal', () => {
	it('folds the findings of a principal into one row and opens every path with each hop\'s statements', async () => {
		// CodeBuild projects unread: the notebook's path through a project is "if such a project exists".
		const model = await createSandboxGateway({ now: () => now, unreadable: ['codebuild-projects'] }).readAccount();
		const plan = planBoundaries(model, planContext(now));
		const rows = principalRows(plan.findings).filter((f) => f.id === 'PRIVILEGE_ESCALATION');
		const resources = rows.map((r) => r.resource);
		expect(new Set(resources).size).toBe(resources.length);
		expect(resources.length).toBe(new Set(plan.findings.filter((f) => f.id === 'PRIVILEGE_ESCALATION').map((f) => f.resource)).size);
		expect(rows[0]!.detail).toMatch(/^reaches full administrator in 1 hop\b/);
		const notebook = rows.find((r) => r.resource.endsWith('role/service-role/data-science-notebook'))!;
		expect(notebook.detail).toMatch(/methods: .*CodeBuildStartBuild/);
		const text = principalDetail(notebook).map((l) => l.text);
		expect(text).toContain('CodeBuildStartBuild → full administrator, 2 hops, conditional');
		expect(text).toContain('1. role data-science-notebook —CodeBuildStartBuild→ role lambda-deployer');
		expect(text).toContain('2. role lambda-deployer —AttachRolePolicy→ full administrator');
		const attach = text.findIndex((l) => /^ {3}iam:AttachRolePolicy on .*: allowed$/.test(l));
		expect(text[attach + 1]).toBe('     allowed by deploy-functions statement 1');
		expect(text).toContain('   only if a CodeBuild project that runs with the role exists (IAM data does not show it)');
	});
});
