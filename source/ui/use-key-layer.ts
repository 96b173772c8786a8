import { useContext, useLayoutEffect, useRef } from 'react';
import { KeyRegistryContext, type KeyHandler } from './KeyDispatcher.js';

export interface KeyLayerOptions {
	/** Only active layers see keys (Ink's isActive habit, through the one dispatcher). */
	isActive?: boolean;
	/** See keyPriority. */
	priority: number;
	/** This layer is a focused text field: letters are text while it is active. */
	textField?: boolean;
}

/** Registers `handler` with the nearest KeyDispatcher while active. */
export function useKeyLayer(handler: KeyHandler, options: KeyLayerOptions): void {
	const registry = useContext(KeyRegistryContext);
	if (!registry) throw new Error('useKeyLayer needs a <KeyDispatcher> above it');
	const handlerRef = useRef(handler);
	handlerRef.current = handler;
	const { isActive = true, priority, textField = false } = options;
	// Layout effect: the layer is live as soon as its frame is drawn, not a tick later.
	useLayoutEffect(() => {
		if (!isActive) return;
		return registry.register({ priority, textField, handler: handlerRef });
	}, [registry, isActive, priority, textField]);
}
