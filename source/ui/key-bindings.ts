/**
 * Every key the wizard understands, in one module: the global table below, plus one small
 * table per screen or prompt (`defineScreenKeys`). The dispatcher resolves the global
 * commands, each screen matches its own actions through its table, and the help overlay and
 * the footers are written from the same tables, so none of them can disagree.
 *
 * Keys are matched with their modifiers: a table's `c` is a plain c, never Ctrl+C (which
 * Ink reports as input "c" with key.ctrl) and never Meta+c. Nothing outside this module
 * compares `input` with a character.
 */
import type { Key } from 'ink';

export type Command =
	| 'up'
	| 'down'
	| 'pageUp'
	| 'pageDown'
	| 'home'
	| 'end'
	| 'toggle'
	| 'selectAll'
	| 'switchPane'
	| 'next'
	| 'preview'
	| 'back'
	| 'cancel'
	| 'quit'
	| 'interrupt'
	| 'help'
	| 'prevStep'
	| 'nextStep'
	| 'step1'
	| 'step2'
	| 'step3'
	| 'step4'
	| 'step5'
	| 'step6'
	| 'retry'
	| 'rollback'
	| 'skip'
	| 'nextSection'
	| 'prevSection'
	| 'notes';

type KeyName = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'tab';

/** A key: a named key from Ink, or a typed character (case-sensitive: g and G differ), or ctrl+letter. */
export type KeySpec = { name: KeyName } | { input: string } | { ctrl: string };

export interface Binding {
	command: Command;
	keys: KeySpec[];
	/** How the help overlay writes the keys. */
	label: string;
	description: string;
	/** Still a command while a text field has focus (everything else is text there). */
	inTextField?: boolean;
}

export const keyBindings: readonly Binding[] = [
	{ command: 'up', keys: [{ name: 'upArrow' }, { input: 'k' }], label: '↑ k', description: 'Move up' },
	{ command: 'down', keys: [{ name: 'downArrow' }, { input: 'j' }], label: '↓ j', description: 'Move down' },
	{ command: 'pageUp', keys: [{ name: 'pageUp' }], label: 'PgUp', description: 'Page up' },
	{ command: 'pageDown', keys: [{ name: 'pageDown' }], label: 'PgDn', description: 'Page down' },
	{ command: 'home', keys: [{ name: 'home' }, { input: 'g' }], label: 'g Home', description: 'First row' },
	{ command: 'end', keys: [{ name: 'end' }, { input: 'G' }], label: 'G End', description: 'Last row' },
	{ command: 'toggle', keys: [{ input: ' ' }], label: 'Space', description: 'Select or unselect the action under the cursor' },
	{ command: 'selectAll', keys: [{ input: 'a' }], label: 'a', description: 'Select all actions, or none' },
	{ command: 'switchPane', keys: [{ name: 'tab' }], label: 'Tab', description: 'Switch between findings and actions' },
	{ command: 'next', keys: [{ name: 'return' }], label: 'Enter', description: 'Go on (open a step, preview, confirm, submit a field)', inTextField: true },
	{ command: 'preview', keys: [{ input: 'p' }], label: 'p', description: 'Preview the selected actions' },
	{ command: 'back', keys: [{ input: 'b' }], label: 'b', description: 'Back one screen' },
	{ command: 'cancel', keys: [{ name: 'escape' }], label: 'Esc', description: 'Leave a text field, cancel a prompt', inTextField: true },
	{ command: 'quit', keys: [{ input: 'q' }], label: 'q', description: 'Quit (asks first while changes are being applied)' },
	{ command: 'interrupt', keys: [{ ctrl: 'c' }], label: 'Ctrl+C', description: 'Quit now, from any screen or text field (a batch in flight stops after its current change)', inTextField: true },
	{ command: 'help', keys: [{ input: '?' }], label: '?', description: 'Show or hide this help' },
	{ command: 'prevStep', keys: [{ name: 'leftArrow' }], label: '←', description: 'Previous step' },
	{ command: 'nextStep', keys: [{ name: 'rightArrow' }], label: '→', description: 'Next step' },
	{ command: 'step1', keys: [{ input: '1' }], label: '1–6', description: 'Go to step 1 to 6' },
	{ command: 'step2', keys: [{ input: '2' }], label: '', description: '' },
	{ command: 'step3', keys: [{ input: '3' }], label: '', description: '' },
	{ command: 'step4', keys: [{ input: '4' }], label: '', description: '' },
	{ command: 'step5', keys: [{ input: '5' }], label: '', description: '' },
	{ command: 'step6', keys: [{ input: '6' }], label: '', description: '' },
	{ command: 'retry', keys: [{ input: 'r' }], label: 'r', description: 'After a failure: retry the failed action; after a batch: re-read the account' },
	{ command: 'rollback', keys: [{ input: 'u' }], label: 'u', description: 'After a batch (failed or done): undo (roll back) what it applied' },
	{ command: 'skip', keys: [{ input: 's' }], label: 's', description: 'After a failure: skip the rest and keep what was applied' },
	{ command: 'nextSection', keys: [{ input: ']' }], label: ']', description: 'Next section of a step with several (step 5: guardrail, password, root, keys, all changes)' },
	{ command: 'prevSection', keys: [{ input: '[' }], label: '[', description: 'Previous section of a step with several' },
	{ command: 'notes', keys: [{ input: '!' }], label: '!', description: "Read in full what the screen cuts at its edge: a step's notes (what was not checked and why, who was excluded) with step 1's dashboard, step 2's analyzers and step 3's policy under the cursor; step 5's organization and guardrail lines; a batch's outcome (step 6's TestEventPattern proofs, the findings gone and remaining; after a failure, the changes applied; after a rollback, those not yet visible or not undone)" },
];

export interface KeyContext {
	/** A text field has focus: letters are text; only Esc and Enter are commands. */
	textFieldFocused: boolean;
}

/** The command a keypress means here, or undefined (text, or an unbound key). */
export function resolveKey(input: string, key: Partial<Key>, context: KeyContext): Command | undefined {
	for (const binding of keyBindings) {
		if (context.textFieldFocused && !binding.inTextField) continue;
		if (binding.keys.some((spec) => matches(spec, input, key))) return binding.command;
	}
	return undefined;
}

/** Whether a keypress is this key, modifiers included (the one place a key is compared). */
export function matches(spec: KeySpec, input: string, key: Partial<Key>): boolean {
	if ('name' in spec) return key[spec.name] === true;
	if ('ctrl' in spec) return key.ctrl === true && input === spec.ctrl;
	if (key.ctrl || key.meta) return false;
	return input === spec.input;
}

/** The step a step-jump command names, if it is one. */
export function stepOfCommand(command: Command): number | undefined {
	const match = /^step([1-6])$/.exec(command);
	return match ? Number(match[1]) : undefined;
}

export interface HelpRow {
	keys: string;
	description: string;
	/** A section heading (a screen's title) rather than a key. */
	heading?: boolean;
}

/** Rows for the help overlay: the global keys (the 1–6 family once), then each active screen's own. */
export function helpRows(screens: readonly ScreenKeys<string>[] = []): HelpRow[] {
	const rows: HelpRow[] = keyBindings.filter((b) => b.label !== '').map((b) => ({ keys: b.label, description: b.description }));
	const seen = new Set<ScreenKeys<string>>();
	for (const screen of screens) {
		if (seen.has(screen)) continue;
		seen.add(screen);
		rows.push({ keys: '', description: screen.title, heading: true });
		for (const binding of Object.values<ScreenBinding>(screen.bindings)) rows.push({ keys: binding.label, description: binding.description });
	}
	return rows;
}

/** How hints write the key of a command ("p", "Enter"), from the same table. */
export function keyLabel(command: Command): string {
	return keyBindings.find((b) => b.command === command && b.label !== '')?.label ?? command;
}

/** A footer hint for a global command: "r re-read". */
export function commandHint(command: Command, text: string): string {
	return `${keyLabel(command)} ${text}`;
}

/** One screen's (or prompt's) own key: what it is, how footers and help write it. */
export interface ScreenBinding {
	keys: KeySpec[];
	/** How the help overlay and footers write the key ("c", "y/n"). */
	label: string;
	/** The footer's short text after the key ("regenerate the credential report"). */
	hint: string;
	/** The help overlay's sentence. */
	description: string;
}

/** A plain (unmodified) character key: `charKey('c', 'hint', 'description')`. */
export function charKey(character: string, hint: string, description: string): ScreenBinding {
	return { keys: [{ input: character }], label: character === ' ' ? 'Space' : character, hint, description };
}

export interface ScreenKeys<A extends string> {
	/** The help overlay's heading for these keys ("Step 1 · Inventory"). */
	title: string;
	bindings: Readonly<Record<A, ScreenBinding>>;
	/** The action a keypress means in this table, modifiers included; undefined otherwise. */
	match(event: { input: string; key: Partial<Key> }): A | undefined;
	/** A footer hint: the key's label and its hint, or `text` in place of the hint. */
	hint(action: A, text?: string): string;
	/** The key's label alone. */
	label(action: A): string;
}

/**
 * A screen's own key table. Its keys are plain characters the global table leaves free
 * (tests check there is no overlap), and only mean something while the screen's key layer
 * is active.
 */
export function defineScreenKeys<A extends string>(title: string, bindings: Record<A, ScreenBinding>): ScreenKeys<A> {
	const entries = Object.entries<ScreenBinding>(bindings) as [A, ScreenBinding][];
	return {
		title,
		bindings,
		match: ({ input, key: pressed }) => entries.find(([, binding]) => binding.keys.some((spec) => matches(spec, input, pressed)))?.[0],
		hint: (action, text) => `${bindings[action].label} ${text ?? bindings[action].hint}`,
		label: (action) => bindings[action].label,
	};
}

/** Joins footer hints, leaving out the empty ones. */
export function hints(...parts: (string | false | undefined | null)[]): string {
	return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' · ');
}

/** The keys of every yes/no question (the quit question, lock-out risks, the last confirmation). */
export const yesNoKeys = defineScreenKeys('A yes/no question', {
	yes: { keys: [{ input: 'y' }, { input: 'Y' }], label: 'y', hint: 'yes', description: 'Yes' },
	no: { keys: [{ input: 'n' }, { input: 'N' }], label: 'n', hint: 'no', description: 'No (as are Enter and Esc)' },
});
