// The scripted walk demo:record films: what an operator does in a first session on the
// demo account. Each step waits for what the screen must show before going on, so a screen
// that changed fails the recording instead of filming the wrong thing.
export async function walk({ keys, type, waitFor, pause }) {
	await pause(600);
	await type('iam-wizard --demo');
	await keys('Enter');
	await waitFor('Step 1 · Inventory');
	await pause(2500);

	// Step 1: narrow the findings to access keys.
	await keys('/');
	await type('KEY_');
	await keys('Enter');
	await pause(2500);

	// Leave: the change log of this session is verified from the shell.
	await keys('q');
	await pause(800);
	await type('iam-wizard audit verify ~/.local/state/iam-wizard/logs');
	await keys('Enter');
	await waitFor(process.env.DEMO_TEST_END ?? 'OK');
	await pause(3000);
}
