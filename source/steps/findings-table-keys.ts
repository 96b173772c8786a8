import { charKey, defineScreenKeys } from '../ui/key-bindings.js';

/** The findings table's own keys (steps 1, 2 and 4 show one). */
export const findingsTableKeys = defineScreenKeys('Findings table', {
	filter: charKey('/', 'filter', 'Filter the findings by ID or text (Esc clears the filter)'),
	order: charKey('o', 'order', 'Change the order of the findings (severity, resource, ID)'),
});
