import { charKey, defineScreenKeys } from '../../ui/key-bindings.js';

/** Step 5's access-key section: its own keys beside the list's. */
export const keyRetirementKeys = defineScreenKeys('Step 5 · Access keys', {
	migrate: charKey('m', 'next migration step', 'The next step of the migration under the cursor: propose a role trusted by where the workload runs, or, once the role is used and the key is not, deactivate the key, or, after the grace period, delete it (previewed before anything changes; deletion asks for the account ID)'),
	abandon: charKey('x', 'abandon', "Abandon the migration under the cursor: the key comes back first, then the role and what came with it go"),
	snippet: charKey('c', 'what the workload needs', 'Show the copyable text the workload needs to use its role (a CLI profile or a GitHub Actions step); nothing is run'),
});

/** Where a workload runs, asked when a migration starts. */
export const platformKeys = defineScreenKeys('Step 5 · Where the workload runs', {
	ec2: charKey('i', 'EC2 instance', 'An EC2 instance: the role gets an instance profile'),
	ecs: charKey('t', 'ECS task', 'An ECS task: the role trusts ecs-tasks.amazonaws.com for this account only'),
	lambda: charKey('l', 'Lambda', 'A Lambda function'),
	github: charKey('h', 'GitHub Actions', 'GitHub Actions through OIDC: the repository and branch go in the token subject; the OIDC provider is created if missing'),
	account: charKey('o', 'another account', "Another AWS account's principal, with an ExternalId"),
	rolesanywhere: charKey('e', 'outside AWS', 'A machine outside AWS with an X.509 certificate: IAM Roles Anywhere through an existing trust anchor, for one certificate subject (CN)'),
});
