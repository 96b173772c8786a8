import { charKey, defineScreenKeys } from '../../ui/key-bindings.js';

/** Step 1's own keys (the findings table adds its filter and order keys). */
export const inventoryKeys = defineScreenKeys('Step 1 · Inventory', {
	moveToGroup: charKey('m', "move the user's direct policies to a group", "Move the direct policies of the user under the cursor to a group (asks which)"),
	regenerateReport: charKey('c', 'regenerate the credential report', 'Regenerate the credential report (previewed and confirmed first)'),
});
