/**
 * Names from a snapshot carrying terminal control sequences, on the wizard's screens: shown
 * as visible escapes, never written to the terminal as control characters.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../source/app.js';
import { loadSnapshot } from '../../source/aws/snapshot/load-snapshot.js';
import { defaultThresholds } from '../../source/core/settings.js';
import { wizardSteps } from '../../source/steps/registry.js';
import { setColourEnabled } from '../../source/ui/theme.js';
import { Text } from '../../source/ui/Text.js';
import { escapeName, writeHostileSnapshot } from '../helpers/hostile-snapshot.js';
import { MemoryAuditSink } from '../helpers/memory-audit-sink.js';
import { ARROW_DOWN, cleanupInk, renderInk } from '../helpers/render-ink.js';

const now = new Date('2026-11-27T12:00:00Z');
const shown = 'evil\\u001b[2J\\u001b[31mred\\u009b1m\\u202eoops';

beforeEach(() => setColourEnabled(false));
afterEach(() => {
	cleanupInk();
	setColourEnabled(true);
});

describe('control characters on the wizard screens', () => {
	it('Text shows strings, nested and mixed, with their control characters escaped', async () => {
		const ui = renderInk(
			<Text>
				{'a\u001b[2J'} and {['b\u009b', 7]} <Text bold={false}>{`c${escapeName}`}</Text>
				{'\nsecond line'}
			</Text>,
		);
		const frame = await ui.waitForText('second line');
		expect(frame).not.toMatch(/[\u001b\u009b\u202e]/);
		expect(frame).toContain(`a\\u001b[2J and b\\u009b7 c${shown}`);
		expect(frame.split('\n')).toHaveLength(2);
	});

	it('step 1 lists a snapshot user whose name holds ESC[2J, and names it in the key footer, as visible text', async () => {
		const gateway = await loadSnapshot(writeHostileSnapshot({ users: ['carol', escapeName] }), { now, asOf: now });
		const ui = renderInk(
			<App gateway={gateway} audit={new MemoryAuditSink()} planContext={{ now, thresholds: defaultThresholds, excluded: [] }} steps={wizardSteps} onExit={() => undefined} now={() => now} verify={{ attempts: 2, delayMs: 0, sleep: async () => undefined }} />,
			{ columns: 160, rows: 48 },
		);
		const list = await ui.waitForText(shown);
		expect(list).toContain(`USER_DIRECT_POLICY     LOW      Policy attached directly to a user: user/${shown}`);
		ui.press(ARROW_DOWN);
		await ui.waitForText(`m move ${shown}'s direct policies to a group`);
		expect(ui.stdout.frames.join('')).not.toMatch(/[\u001b\u009b\u202e]/);
	});

	it('no screen imports Text from ink itself', () => {
		const offenders: string[] = [];
		const walk = (dir: string): void => {
			for (const name of readdirSync(dir)) {
				const path = join(dir, name);
				if (statSync(path).isDirectory()) walk(path);
				else if (/\.tsx?$/.test(name) && !path.endsWith(join('ui', 'Text.tsx')) && /import\s*\{[^}]*\bText\b[^}]*\}\s*from\s*'ink'/.test(readFileSync(path, 'utf8'))) offenders.push(path);
			}
		};
		walk(new URL('../../source', import.meta.url).pathname);
		expect(offenders).toEqual([]);
	});
});
