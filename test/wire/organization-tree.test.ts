// The OU tree through the real SDK (Organizations' JSON protocol): every level is asked for, and step 5 draws it with the account's branch marked.
import { describe, expect, it } from 'vitest';
import { createLiveGateway } from '../../source/aws/live/live-gateway.js';
import { organizationTree } from '../../source/steps/mfa-credentials/organization-context.js';
import { fakeAws, now } from './wire-kit.js';

describe('the organization tree on the wire', () => {
	it('reads the OUs below the root and draws them with the SCPs on each level', async () => {
		const { server } = await fakeAws({ established: true });
		const gateway = await createLiveGateway({ region: 'us-east-1', maxAttempts: 1, now: () => now });

		const model = await gateway.readAccount();

		expect(server.requests.filter((r) => r.operation === 'organizations:ListOrganizationalUnitsForParent')).toHaveLength(2);
		expect(model.organization!.organizationalUnits).toEqual([{ id: 'ou-ab12-team', name: 'team', parentId: 'r-ab12' }]);
		expect(organizationTree(model).map((l) => l.text)).toEqual(['Root r-ab12 [FullAWSAccess]', '  ▸ OU team ou-ab12-team [no SCP] ← this account']);
	});
});
