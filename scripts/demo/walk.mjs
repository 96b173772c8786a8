// The scripted walk demo:record films: what an operator does in a first session on the
// demo account. Each step waits for what the screen must show before going on, so a screen
// that changed fails the recording instead of filming the wrong thing.
export async function walk({ keys, type, waitFor, pause }) {
	await pause(600);
	await type('iam-wizard --demo');
	await keys('Enter');
	await waitFor('Findings (');
	await pause(2500);

	// Step 1: narrow the findings to access keys.
	await keys('/');
	await type('KEY_');
	await keys('Enter');
	await pause(2500);

	// Step 4: who can reach more than they have, and the path one principal would take.
	await keys('4');
	await waitFor('Step 4');
	await pause(2500);
	await keys('Tab', 'Down');
	await pause(800);
	await keys('Enter');
	await waitFor('hop');
	await pause(4500);
	await keys('Escape');
	await pause(800);

	// Step 5: the password policy to the CIS values, previewed, applied with a reason, verified.
	await keys('5');
	await waitFor('MFA guardrail');
	await pause(2500);
	await keys(']');
	await waitFor('preview setting it');
	await pause(1500);
	await keys('p');
	await waitFor('Preview:');
	await pause(3000);
	await keys('Enter');
	await waitFor('Reason or ticket ID');
	await type('SEC-42 CIS 1.7');
	await keys('Enter');
	await waitFor('[y/N]');
	await pause(800);
	await keys('y');
	await waitFor('re-read and confirmed');
	await pause(3500);

	// Step 6: what monitors the account, and the alerts it would add, each proven before it is made.
	await keys('Escape');
	await pause(500);
	await keys('6');
	await waitFor('Alerts');
	await pause(3500);

	// Leave: the change log of this session is verified from the shell.
	await keys('q');
	await waitFor('Check it with');
	await pause(800);
	await type('iam-wizard audit verify ~/.local/state/iam-wizard/logs');
	await keys('Enter');
	await waitFor('OK:');
	await pause(3500);
}
