/**
 * The one `useInput` of the wizard. Components do not read keys themselves: they register
 * a layer with `useKeyLayer`, and each keypress is resolved once through the bindings
 * table and offered to the active layers, highest priority (then most recent) first,
 * until one handles it. A focused text field turns letters into text for everyone.
 * A layer may name its screen's key table, so the help overlay can list what the keys
 * mean right now.
 */
import { createContext, useCallback, useMemo, useRef, type ReactNode } from 'react';
import { useInput, type Key } from 'ink';
import { resolveKey, type Command, type ScreenKeys } from './key-bindings.js';

export interface KeyEvent {
	/** What the key means here; undefined for text and unbound keys. */
	command: Command | undefined;
	input: string;
	key: Key;
}

/** Returns true when it handled the key (lower layers then do not see it). */
export type KeyHandler = (event: KeyEvent) => boolean;

export interface KeyLayer {
	id: number;
	priority: number;
	textField: boolean;
	handler: { current: KeyHandler };
	/** The screen's own key table, for the help overlay. */
	keys: { current: ScreenKeys<string> | undefined };
}

export interface KeyRegistry {
	register(layer: Omit<KeyLayer, 'id'>): () => void;
	/** The key tables of the active layers, lowest priority first (the screen before its prompt). */
	activeKeys(): ScreenKeys<string>[];
}

export const KeyRegistryContext = createContext<KeyRegistry | undefined>(undefined);

/**
 * Layer priorities: a prompt above a screen above the shell's global keys; `interrupt` is
 * the shell's Ctrl+C, which no screen, prompt or overlay can take.
 */
export const keyPriority = { shell: 0, screen: 10, pane: 20, prompt: 30, overlay: 40, interrupt: 100 } as const;

export function KeyDispatcher({ children, isActive = true }: { children: ReactNode; isActive?: boolean }) {
	const layers = useRef<KeyLayer[]>([]);
	const nextId = useRef(0);

	const registry = useMemo<KeyRegistry>(
		() => ({
			register(layer) {
				nextId.current += 1;
				const entry: KeyLayer = { ...layer, id: nextId.current };
				layers.current = [...layers.current, entry].sort((a, b) => b.priority - a.priority || b.id - a.id);
				return () => {
					layers.current = layers.current.filter((l) => l !== entry);
				};
			},
			activeKeys: () =>
				layers.current
					.map((l) => l.keys.current)
					.filter((k): k is ScreenKeys<string> => k !== undefined)
					.reverse(),
		}),
		[],
	);

	const onInput = useCallback((input: string, key: Key) => {
		const active = layers.current;
		const textFieldFocused = active.some((l) => l.textField);
		const event: KeyEvent = { command: resolveKey(input, key, { textFieldFocused }), input, key };
		for (const layer of active) {
			if (layer.handler.current(event)) return;
		}
	}, []);

	useInput(onInput, { isActive });

	return <KeyRegistryContext.Provider value={registry}>{children}</KeyRegistryContext.Provider>;
}
