/**
 * Routes an action to the service that makes its one call. Each service's switch is
 * exhaustive over its kinds, and `_everyKindHasAService` fails to compile if a kind with a
 * new service prefix is added to core/actions.ts without a router here.
 */
import type { Action, ActionKind, ApplyResult } from '../../core/actions.js';
import type { AwsCaller } from './aws-caller.js';
import { applyAccessAnalyzerAction, isAccessAnalyzerAction, type AccessAnalyzerKind } from './apply-access-analyzer.js';
import { applyConfigAction, isConfigAction, type ConfigKind } from './apply-config.js';
import { applyEventsAction, isEventsAction, type EventsKind } from './apply-events.js';
import { applyIamAction, isIamAction, type IamKind } from './apply-iam.js';
import { applyMonitoringAction, isMonitoringAction, type MonitoringKind } from './apply-monitoring.js';
import { applyOrganizationsAction, isOrganizationsAction, type OrganizationsKind } from './apply-organizations.js';
import { applyResult } from './apply-result.js';
import { applySnsAction, isSnsAction, type SnsKind } from './apply-sns.js';
import { applyStsAction, isStsAction, type StsKind } from './apply-sts.js';

type RoutedKind = IamKind | OrganizationsKind | AccessAnalyzerKind | ConfigKind | EventsKind | SnsKind | MonitoringKind | StsKind;
const _everyKindHasAService: [Exclude<ActionKind, RoutedKind>] extends [never] ? true : never = true;
void _everyKindHasAService;

export async function applyAction(caller: AwsCaller, action: Action): Promise<ApplyResult> {
	if (isIamAction(action)) return applyIamAction(caller, action);
	if (isOrganizationsAction(action)) return applyOrganizationsAction(caller, action);
	if (isAccessAnalyzerAction(action)) return applyAccessAnalyzerAction(caller, action);
	if (isConfigAction(action)) return applyConfigAction(caller, action);
	if (isEventsAction(action)) return applyEventsAction(caller, action);
	if (isSnsAction(action)) return applySnsAction(caller, action);
	if (isMonitoringAction(action)) return applyMonitoringAction(caller, action);
	if (isStsAction(action)) return applyStsAction(caller, action);
	throw new Error(`No AWS call for action kind ${(action as { kind?: string }).kind}`);
}

export { applyResult };
