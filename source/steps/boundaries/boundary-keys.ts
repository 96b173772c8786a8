import { charKey, defineScreenKeys } from '../../ui/key-bindings.js';

/** Step 4's own keys, beside the generic review's. */
export const boundaryKeys = defineScreenKeys('Step 4 · Permission boundaries', {
	editTemplate: charKey('e', 'edit services', "Edit the services the boundary template allows (an edited template is previewed with p for the selected principals)"),
	defaultTemplate: charKey('x', 'default template', 'Go back to the default boundary template'),
	readLastAccessed: charKey('l', 'last-accessed data', 'Read last-accessed data of the principals proposed for a boundary (the breakage guard)'),
});
