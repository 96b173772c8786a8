/**
 * Ink's <Text> with its strings passed through `printable`: the one place the wizard's
 * screens turn text into terminal output, so a name from a snapshot or an account carrying
 * ESC[2J or a bidi override shows as visible escapes instead of acting on the terminal.
 * Line breaks stay (multi-line texts are laid out with them). Every screen imports Text
 * from here, never from ink (test/ui/printable-text.test.tsx checks the source tree).
 */
import { Text as InkText, type TextProps } from 'ink';
import type { ReactNode } from 'react';
import { printable } from '../core/printable.js';

function shown(node: ReactNode): ReactNode {
	if (typeof node === 'string') return printable(node, { keepLineBreaks: true });
	if (Array.isArray(node)) return node.map(shown);
	return node;
}

export function Text({ children, ...props }: TextProps) {
	return <InkText {...props}>{shown(children)}</InkText>;
}
