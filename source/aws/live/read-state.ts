/**
 * Routes `readState(action)` to the service that holds what the action changes. Each
 * service's switch is exhaustive over its kinds, like apply's.
 */
import type { Action, PriorState } from '../../core/actions.js';
import { isAccessAnalyzerAction } from './apply-access-analyzer.js';
import { isConfigAction } from './apply-config.js';
import { isEventsAction } from './apply-events.js';
import { isIamAction } from './apply-iam.js';
import { isMonitoringAction } from './apply-monitoring.js';
import { isOrganizationsAction } from './apply-organizations.js';
import { isSnsAction } from './apply-sns.js';
import { isStsAction, readStsState } from './apply-sts.js';
import { readIamState, type ReadStateContext } from './read-state-iam.js';
import { readMonitoringState } from './read-state-monitoring.js';
import { readAccessAnalyzerState, readConfigServiceState, readEventsState, readOrganizationsState, readSnsState } from './read-state-services.js';

export type { ReadStateContext };

export async function readActionState(context: ReadStateContext, action: Action): Promise<PriorState> {
	if (isIamAction(action)) return readIamState(context, action);
	if (isOrganizationsAction(action)) return readOrganizationsState(context, action);
	if (isAccessAnalyzerAction(action)) return readAccessAnalyzerState(context, action);
	if (isConfigAction(action)) return readConfigServiceState(context, action);
	if (isEventsAction(action)) return readEventsState(context, action);
	if (isSnsAction(action)) return readSnsState(context, action);
	if (isMonitoringAction(action)) return readMonitoringState(context, action);
	if (isStsAction(action)) return readStsState(context.caller, action) as Promise<PriorState>;
	throw new Error(`No state to read for action kind ${(action as { kind?: string }).kind}`);
}
