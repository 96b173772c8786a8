/**
 * Keypress-to-frame time of a 10,000-row list: ↓ sent on a fake terminal, timed until Ink
 * has written the next frame. Once for the bare ScrollList, once for the whole wizard on
 * a step proposing 10,000 actions (header, step list, findings and actions panes), and for
 * Space there (a selection change goes through the step machine). Ink runs in debug mode,
 * which draws every update at once: the figures are the work per key, without Ink's 30 fps
 * frame cap that a real terminal adds on top when keys repeat faster than that.
 */
import { Text, render } from 'ink';
import { createElement } from 'react';
import { App } from '../source/app.js';
import { MemoryAuditSink } from '../test/helpers/memory-audit-sink.js';
import { KeyDispatcher } from '../source/ui/KeyDispatcher.js';
import { ScrollList } from '../source/ui/ScrollList.js';
import { ARROW_DOWN, FakeStdin, FakeStdout, SPACE } from '../test/helpers/render-ink.js';
import { createFakeGateway, planContext, testSteps } from '../test/ui/fake-account.js';

const rows = 10_000;
const presses = 300;

function mount(tree: React.ReactElement, columns: number, height: number) {
	const stdout = new FakeStdout(columns, height);
	const stdin = new FakeStdin();
	const instance = render(tree, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: new FakeStdout(columns, height) as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	return { stdout, stdin, instance };
}

function nextFrame(stdout: FakeStdout, predicate: (frame: string) => boolean = () => true): Promise<string> {
	return new Promise((resolve) => {
		const onFrame = (frame: string) => {
			if (!predicate(frame)) return;
			stdout.off('frame', onFrame);
			resolve(frame);
		};
		stdout.on('frame', onFrame);
	});
}

async function time(stdout: FakeStdout, stdin: FakeStdin, key: string, count: number): Promise<number[]> {
	const samples: number[] = [];
	for (let i = 0; i < count; i += 1) {
		const frame = nextFrame(stdout);
		const started = performance.now();
		stdin.write(key);
		await frame;
		samples.push(performance.now() - started);
	}
	return samples;
}

function summary(label: string, samples: number[]): string {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
	return `${label}: median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms (${samples.length} keys)`;
}

async function benchScrollList(): Promise<string[]> {
	const items = Array.from({ length: rows }, (_, i) => `row ${i + 1} arn:aws:iam::123456789012:user/user-${i + 1}`);
	const tree = createElement(KeyDispatcher, null, createElement(ScrollList<string>, { items, height: 20, renderRow: (row: string) => createElement(Text, null, row) }));
	const { stdout, stdin, instance } = mount(tree, 100, 40);
	await new Promise((resolve) => setImmediate(resolve));
	const samples = await time(stdout, stdin, ARROW_DOWN, presses);
	instance.unmount();
	return [summary(`ScrollList, ${rows.toLocaleString('en-US')} rows, ↓`, samples)];
}

async function benchWizard(): Promise<string[]> {
	const users = Array.from({ length: rows }, (_, i) => `user${String(i + 1).padStart(5, '0')}`);
	const gateway = createFakeGateway(users);
	const tree = createElement(App, {
		gateway,
		audit: new MemoryAuditSink(),
		planContext: planContext(),
		steps: testSteps,
		onExit: () => undefined,
		initialStep: 5,
	});
	const { stdout, stdin, instance } = mount(tree, 120, 40);
	if (!stdout.lastFrame().includes('Proposed actions')) await nextFrame(stdout, (f) => f.includes('Proposed actions'));
	const down = await time(stdout, stdin, ARROW_DOWN, presses);
	const space = await time(stdout, stdin, SPACE, 100);
	instance.unmount();
	return [
		summary(`Wizard step screen, ${rows.toLocaleString('en-US')} findings + actions, ↓`, down),
		summary(`Wizard step screen, ${rows.toLocaleString('en-US')} actions, Space (select through the machine)`, space),
	];
}

export async function run(): Promise<string[]> {
	return [...(await benchScrollList()), ...(await benchWizard())];
}
