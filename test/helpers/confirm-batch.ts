/**
 * The wizard's confirmation as an operator goes through it after a preview: Enter, a reason
 * for the change log, then y (or the account ID typed, for a batch that asks for it).
 */
import { ENTER, type RenderedInk } from './render-ink.js';

/** From a preview: Enter, the reason, Enter, and y at the [y/N] question. */
export async function confirmWithReason(ui: RenderedInk, reason: string): Promise<void> {
	ui.press(ENTER);
	await ui.waitForText('Reason or ticket ID');
	ui.type(reason);
	ui.press(ENTER);
	await ui.waitForText('[y/N]');
	ui.press('y');
}

/** From a preview of a batch that asks for the account ID typed: Enter, the reason, then the ID. */
export async function confirmWithAccountId(ui: RenderedInk, reason: string, accountId: string): Promise<void> {
	ui.press(ENTER);
	await ui.waitForText('Reason or ticket ID');
	ui.type(reason);
	ui.press(ENTER);
	await ui.waitForText(`Type the account ID ${accountId} to`);
	ui.type(accountId);
	ui.press(ENTER);
}
