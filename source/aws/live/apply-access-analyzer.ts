/** One IAM Access Analyzer call per `access-analyzer:` action kind. */
import { CreateAnalyzerCommand, DeleteAnalyzerCommand, StartPolicyGenerationCommand, UpdateFindingsCommand } from '@aws-sdk/client-accessanalyzer';
import type { Action, ActionKind, ApplyResult } from '../../core/actions.js';
import type { AwsCaller } from './aws-caller.js';
import { applyResult, unhandledKind } from './apply-result.js';

export type AccessAnalyzerKind = Extract<ActionKind, `access-analyzer:${string}`>;

export function isAccessAnalyzerAction(action: Action): action is Action<AccessAnalyzerKind> {
	return action.kind.startsWith('access-analyzer:');
}

export async function applyAccessAnalyzerAction(caller: AwsCaller, action: Action<AccessAnalyzerKind>): Promise<ApplyResult> {
	switch (action.kind) {
		case 'access-analyzer:CreateAnalyzer': {
			const output = await caller.send('accessAnalyzer', new CreateAnalyzerCommand(action.params));
			return applyResult(output, { analyzerArn: output.arn });
		}
		case 'access-analyzer:DeleteAnalyzer':
			return applyResult(await caller.send('accessAnalyzer', new DeleteAnalyzerCommand(action.params)));
		case 'access-analyzer:UpdateFindings':
			return applyResult(await caller.send('accessAnalyzer', new UpdateFindingsCommand(action.params)));
		case 'access-analyzer:StartPolicyGeneration': {
			const { principalArn, trailArn, accessRole, startTime, endTime } = action.params;
			const output = await caller.send(
				'accessAnalyzer',
				new StartPolicyGenerationCommand({
					policyGenerationDetails: { principalArn },
					cloudTrailDetails: {
						trails: [{ cloudTrailArn: trailArn, allRegions: true }],
						accessRole,
						startTime: new Date(startTime),
						endTime: new Date(endTime),
					},
				}),
			);
			return applyResult(output, { jobId: output.jobId });
		}
		default:
			return unhandledKind(action);
	}
}
