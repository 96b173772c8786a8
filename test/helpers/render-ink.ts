/**
 * The project's own Ink test render (the Shopify cli-kit habit): a fake terminal whose
 * size can change, named keys, and `waitForFrame` that resolves on the first frame that
 * satisfies a condition — never a fixed sleep.
 */
import { EventEmitter } from 'node:events';
import { render, type Instance } from 'ink';
import type { ReactElement } from 'react';

export const ARROW_UP = '\u001B[A';
export const ARROW_DOWN = '\u001B[B';
export const ARROW_RIGHT = '\u001B[C';
export const ARROW_LEFT = '\u001B[D';
export const PAGE_UP = '\u001B[5~';
export const PAGE_DOWN = '\u001B[6~';
export const HOME = '\u001B[H';
export const END = '\u001B[F';
export const ENTER = '\r';
export const ESC = '\u001B';
export const SPACE = ' ';
export const TAB = '\t';
export const BACKSPACE = '\u007F';
export const CTRL_C = '\u0003';

export class FakeStdout extends EventEmitter {
	readonly frames: string[] = [];
	isTTY = true;
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}
	write = (frame: string): boolean => {
		this.frames.push(frame);
		this.emit('frame', frame);
		return true;
	};
	lastFrame = (): string => this.frames.at(-1) ?? '';
	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}
}

export class FakeStdin extends EventEmitter {
	isTTY: boolean;
	private data: string | null = null;
	constructor(isTTY = true) {
		super();
		this.isTTY = isTTY;
	}
	write = (data: string): void => {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	};
	read = (): string | null => {
		const { data } = this;
		this.data = null;
		return data;
	};
	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

export interface RenderInkOptions {
	columns?: number;
	rows?: number;
}

export interface RenderedInk {
	stdout: FakeStdout;
	stdin: FakeStdin;
	stderr: FakeStdout;
	lastFrame(): string;
	/** Sends keys one by one, as a terminal would. */
	press(...keys: string[]): void;
	/** Sends text as typed (one chunk, as a fast typist or a paste). */
	type(text: string): void;
	/** Resolves with the first frame (the current one included) for which `predicate` holds. */
	waitForFrame(predicate: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
	/** Resolves once `text` is on screen. */
	waitForText(text: string, timeoutMs?: number): Promise<string>;
	rerender: Instance['rerender'];
	unmount(): void;
}

const mounted: Instance[] = [];

export function renderInk(tree: ReactElement, options: RenderInkOptions = {}): RenderedInk {
	const stdout = new FakeStdout(options.columns ?? 100, options.rows ?? 40);
	const stderr = new FakeStdout(options.columns ?? 100, options.rows ?? 40);
	const stdin = new FakeStdin();
	const instance = render(tree, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	mounted.push(instance);

	const waitForFrame = (predicate: (frame: string) => boolean, timeoutMs = 5000): Promise<string> =>
		new Promise((resolve, reject) => {
			if (predicate(stdout.lastFrame())) {
				resolve(stdout.lastFrame());
				return;
			}
			const onFrame = (frame: string) => {
				if (frame.startsWith('\n  ERROR  ')) {
					// Ink drew its error overview: the component threw; fail now, with the error.
					clearTimeout(timer);
					stdout.off('frame', onFrame);
					reject(new Error(`The component threw:${frame}`));
					return;
				}
				if (!predicate(frame)) return;
				clearTimeout(timer);
				stdout.off('frame', onFrame);
				resolve(frame);
			};
			const timer = setTimeout(() => {
				stdout.off('frame', onFrame);
				reject(new Error(`No frame matched within ${timeoutMs} ms. Last frame:\n${stdout.lastFrame()}`));
			}, timeoutMs);
			stdout.on('frame', onFrame);
		});

	return {
		stdout,
		stdin,
		stderr,
		lastFrame: stdout.lastFrame,
		press: (...keys) => {
			for (const key of keys) stdin.write(key);
		},
		type: (text) => stdin.write(text),
		waitForFrame,
		waitForText: (text, timeoutMs) => waitForFrame((frame) => frame.includes(text), timeoutMs),
		rerender: instance.rerender,
		unmount: () => {
			instance.unmount();
			instance.cleanup();
		},
	};
}

/** Unmounts everything rendered by renderInk (call in afterEach). */
export function cleanupInk(): void {
	for (const instance of mounted.splice(0)) {
		instance.unmount();
		instance.cleanup();
	}
}

/** Components read keys through the wizard's one dispatcher; wrap a component under test in it. */
export { KeyDispatcher } from '../../source/ui/KeyDispatcher.js';
