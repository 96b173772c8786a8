/**
 * Security Hub in the region: whether the account is subscribed (DescribeHub; not being
 * subscribed is InvalidAccessException, a model value here), its enabled standards, and the
 * IAM.* controls of those standards with their status.
 */
import { DescribeHubCommand, DescribeStandardsControlsCommand, GetEnabledStandardsCommand } from '@aws-sdk/client-securityhub';
import type { SecurityHubState } from '../../core/model.js';
import type { AwsCaller } from './aws-caller.js';
import { orAbsent } from '../absence.js';

export async function readEnabledStandards(caller: AwsCaller): Promise<SecurityHubState['standards']> {
	const pages = await caller.pages('securityhub', (token) => new GetEnabledStandardsCommand(token ? { NextToken: token } : {}), (page) => page.NextToken);
	return pages.flatMap((page) =>
		(page.StandardsSubscriptions ?? []).map((s) => ({ standardsArn: s.StandardsArn ?? '', subscriptionArn: s.StandardsSubscriptionArn ?? '', status: s.StandardsStatus ?? 'READY' })),
	);
}

export async function readSecurityHub(caller: AwsCaller): Promise<SecurityHubState> {
	const hub = await orAbsent(() => caller.send('securityhub', new DescribeHubCommand({})), null);
	if (!hub) return { enabled: false, standards: [] };
	const standards = await readEnabledStandards(caller);
	const iamControls: NonNullable<SecurityHubState['iamControls']> = [];
	for (const standard of standards.filter((s) => s.status === 'READY' && s.standardsArn.includes('cis-aws-foundations-benchmark'))) {
		const pages = await caller.pages(
			'securityhub',
			(token) => new DescribeStandardsControlsCommand({ StandardsSubscriptionArn: standard.subscriptionArn, ...(token ? { NextToken: token } : {}) }),
			(page) => page.NextToken,
		);
		for (const control of pages.flatMap((page) => page.Controls ?? [])) {
			if (!control.ControlId?.startsWith('IAM.') || iamControls.some((c) => c.controlId === control.ControlId)) continue;
			iamControls.push({ controlId: control.ControlId, status: control.ControlStatus ?? 'ENABLED', ...(control.Title ? { title: control.Title } : {}) });
		}
	}
	return { enabled: true, ...(hub.HubArn ? { hubArn: hub.HubArn } : {}), standards, iamControls };
}
