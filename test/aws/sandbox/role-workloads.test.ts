/**
 * The demo account knows what runs with its roles: a path through its Lambda function, its
 * stopped Jenkins instance or its CodeBuild project is reported on the resource, not "if such
 * a resource exists"; a terminated instance gives none; and when a service's list is denied
 * the path is conditional again and step 4 says which call.
 */
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../../source/commands/program.js';
import type { ScanReport } from '../../../source/commands/scan-report.js';
import { createSandboxGateway } from '../../../source/aws/sandbox/sandbox-gateway.js';
import { createSeedState } from '../../../source/aws/sandbox/seed.js';
import { planBoundaries } from '../../../source/steps/boundaries/plan.js';
import { captureIo } from '../../helpers/command-io.js';
import { planContext } from '../../helpers/model-builder.js';

const now = new Date('2026-11-27T12:00:00Z');
const account = '123456789012';
const deployer = `arn:aws:iam::${account}:role/lambda-deployer`;
const notebook = `arn:aws:iam::${account}:role/service-role/data-science-notebook`;
const nightlyReport = `arn:aws:lambda:us-east-1:${account}:function:nightly-report`;

type Evidence = { conditional: boolean; needsResources?: string[]; pathSteps: { to: string; steps: { action: string; target: string }[] }[] };

describe('the demo account and the resources that run with a role', () => {
	it('scan --demo reports lambda-deployer reaching reporting-lambda through the function nightly-report, with no "if such a resource exists"', async () => {
		const io = captureIo({ now });
		expect(await runProgram(['scan', '--demo', '--reset', '--format', 'json'], io)).toBe(0);
		const report = JSON.parse(io.out()) as ScanReport;

		const update = report.findings.find((f) => f.id === 'PRIVILEGE_ESCALATION' && f.resource === deployer && f.method === 'UpdateFunctionCode')!;
		const evidence = update.evidence as unknown as Evidence;
		expect(evidence.conditional).toBe(false);
		expect(evidence.needsResources).toBeUndefined();
		expect(evidence.pathSteps[0]).toMatchObject({ to: `arn:aws:iam::${account}:role/service-role/reporting-lambda`, steps: [{ action: 'lambda:UpdateFunctionCode', target: nightlyReport }] });
		expect(update.detail).toContain('UpdateFunctionCode → role reporting-lambda');
		expect(update.detail).not.toMatch(/only if|if such/);
		expect(report.notEvaluated.find((n) => n.area === 'escalation paths through resources')?.reason).toMatch(/^Lambda functions, EC2 instances, CloudFormation stacks, CodeBuild projects were read in us-east-1 only: /);
	});

	it("reaches jenkins-legacy through the stopped Jenkins instance's profile, and the lambda-deploy project's role in two hops, both unconditionally", async () => {
		const model = await createSandboxGateway({ now: () => now }).readAccount();
		const plan = planBoundaries(model, planContext(now));
		const of = (method: string) => plan.findings.find((f) => f.resource === notebook && f.method === method)!.evidence as unknown as Evidence;

		expect(of('SSMSendCommand')).toMatchObject({ conditional: false, pathSteps: [{ to: `arn:aws:iam::${account}:role/jenkins-legacy`, steps: [{ target: `arn:aws:ec2:us-east-1:${account}:instance/i-0a7e3c1b9d2f4e601` }, { target: 'arn:aws:ssm:us-east-1::document/AWS-RunShellScript' }] }] });
		expect(of('CodeBuildStartBuild')).toMatchObject({ conditional: false, pathSteps: [{ to: deployer, steps: [{ target: `arn:aws:codebuild:us-east-1:${account}:project/lambda-deploy` }] }, { method: 'AttachRolePolicy' }] });
		// The terminated instance of the same profile is not among the workloads.
		expect(model.roleWorkloads!.workloads.filter((w) => w.service === 'ec2.amazonaws.com').map((w) => w.resourceArn)).not.toContain(`arn:aws:ec2:us-east-1:${account}:instance/i-09c1e3a5b7d9f1a23`);
	});

	it('with ListFunctions denied, the path is "if such a resource exists" again and step 4 names the call', async () => {
		const model = await createSandboxGateway({ now: () => now, unreadable: ['lambda-functions'] }).readAccount();
		const plan = planBoundaries(model, planContext(now));

		const update = plan.findings.find((f) => f.resource === deployer && f.method === 'UpdateFunctionCode')!;
		expect(update.detail).toContain('only if a Lambda function that runs with the role exists (IAM data does not show it)');
		// In the live adapter's words (read-role-workloads.ts): the call, and what to grant.
		const denied = 'Access denied to lambda:ListFunctions: grant lambda:ListFunctions to the caller (policies/scan-only.json grants every read a scan makes)';
		expect(model.notEvaluated).toContainEqual({ area: 'lambda-functions', reason: `${denied}; escalation paths through Lambda functions are reported as conditional "if such a resource exists".`, findingIds: [] });
		expect(plan.notEvaluated.find((n) => n.area === 'escalation paths through resources')?.reason).toContain(`Lambda functions were not read (${denied}), so each is reported as conditional "if such a resource exists".`);
	});
});

describe('a demo account saved before it knew its workloads', () => {
	it('counts them as not read, not as none: the paths stay "if such a resource exists" and step 4 says how to get them', async () => {
		const state = createSeedState(now);
		delete state.roleWorkloads;
		const model = await createSandboxGateway({ now: () => now, state }).readAccount();
		const plan = planBoundaries(model, planContext(now));

		expect(model.roleWorkloads!.read).toEqual([]);
		const update = plan.findings.find((f) => f.resource === deployer && f.method === 'UpdateFunctionCode')!;
		expect(update.detail).toContain('only if a Lambda function that runs with the role exists (IAM data does not show it)');
		expect(plan.notEvaluated.find((n) => n.area === 'escalation paths through resources')?.reason).toContain('iam-wizard --demo --reset starts a fresh one that has them');
	});
});
