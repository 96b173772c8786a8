/**
 * Driving runWizardCommand (the wizard's whole path: gateway, change-log session, Ink) in a
 * test: `drawnSince` waits for text drawn after the previous wait, and `useNodeConsole`
 * gives Ink the console class it patches (vitest's console has none).
 */
import { Console } from 'node:console';
import { afterEach, beforeEach } from 'vitest';
import type { FakeStdout } from './render-ink.js';

/** Resolves once `text` has been drawn since the last call. */
export function drawnSince(stdout: FakeStdout) {
	let seen = 0;
	return (text: string, timeoutMs = 15_000): Promise<void> =>
		new Promise((resolve, reject) => {
			const check = (): boolean => {
				const at = stdout.frames.slice(seen).findIndex((f) => f.includes(text));
				if (at < 0) return false;
				seen += at;
				return true;
			};
			if (check()) return resolve();
			const onFrame = () => {
				if (!check()) return;
				clearTimeout(timer);
				stdout.off('frame', onFrame);
				resolve();
			};
			const timer = setTimeout(() => {
				stdout.off('frame', onFrame);
				reject(new Error(`"${text}" was not drawn within ${timeoutMs} ms. Last frame:\n${stdout.lastFrame()}`));
			}, timeoutMs);
			stdout.on('frame', onFrame);
		});
}

/** Ink patches the console with `new console.Console(...)`: give it Node's for each test. */
export function useNodeConsole(): void {
	const ownConsole = console as unknown as { Console?: typeof Console };
	const vitestConsole = ownConsole.Console;
	beforeEach(() => {
		ownConsole.Console = Console;
	});
	afterEach(() => {
		ownConsole.Console = vitestConsole;
	});
}
