import { useContext, useLayoutEffect, useRef } from 'react';
import type { ScreenKeys } from './key-bindings.js';
import { KeyRegistryContext, type KeyHandler, type KeyRegistry } from './KeyDispatcher.js';

export interface KeyLayerOptions {
	/** Only active layers see keys (Ink's isActive habit, through the one dispatcher). */
	isActive?: boolean;
	/** See keyPriority. */
	priority: number;
	/** This layer is a focused text field: letters are text while it is active. */
	textField?: boolean;
	/** The screen's own key table: listed in the help overlay while this layer is active. */
	keys?: ScreenKeys<string>;
}

/** Registers `handler` with the nearest KeyDispatcher while active. */
export function useKeyLayer(handler: KeyHandler, options: KeyLayerOptions): void {
	const registry = useContext(KeyRegistryContext);
	if (!registry) throw new Error('useKeyLayer needs a <KeyDispatcher> above it');
	const handlerRef = useRef(handler);
	handlerRef.current = handler;
	const { isActive = true, priority, textField = false } = options;
	const keysRef = useRef(options.keys);
	keysRef.current = options.keys;
	// Layout effect: the layer is live as soon as its frame is drawn, not a tick later.
	useLayoutEffect(() => {
		if (!isActive) return;
		return registry.register({ priority, textField, handler: handlerRef, keys: keysRef });
	}, [registry, isActive, priority, textField]);
}

/** The dispatcher's registry (the shell reads the active key tables for the help overlay). */
export function useKeyRegistry(): KeyRegistry {
	const registry = useContext(KeyRegistryContext);
	if (!registry) throw new Error('useKeyRegistry needs a <KeyDispatcher> above it');
	return registry;
}
