import { afterEach, describe, expect, it, vi } from 'vitest';

// Chalk decides its colour level when first imported, from the environment; the test
// stdout is not a terminal, so force colour support to prove the theme alone turns it off.
vi.hoisted(() => {
	process.env.FORCE_COLOR = '1';
});

const { Header } = await import('../../source/ui/Header.js');
const { DiffView } = await import('../../source/ui/DiffView.js');
const { policyDiffLines } = await import('../../source/ui/diff-lines.js');
const { colourWanted, setColourEnabled, tone } = await import('../../source/ui/theme.js');
const { KeyDispatcher, cleanupInk, renderInk } = await import('../helpers/render-ink.js');

afterEach(() => {
	cleanupInk();
	setColourEnabled(false);
});

const ansi = /\u001B\[/;

function screen() {
	return (
		<KeyDispatcher>
			<Header accountId="123456789012" callerArn="arn:aws:iam::123456789012:user/admin" mode="live" />
			<DiffView lines={policyDiffLines('p', { Statement: [{ Effect: 'Allow', Action: ['s3:*'] }] }, { Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'] }] })} />
		</KeyDispatcher>
	);
}

describe('theme', () => {
	it('turns colour off for NO_COLOR (any non-empty value) and --no-color', () => {
		expect(colourWanted({ env: {} })).toBe(true);
		expect(colourWanted({ env: { NO_COLOR: '' } })).toBe(true);
		expect(colourWanted({ env: { NO_COLOR: '1' } })).toBe(false);
		expect(colourWanted({ env: {}, argv: ['node', 'iam-wizard', '--no-color'] })).toBe(false);
		expect(colourWanted({ env: {}, noColorFlag: true })).toBe(false);
	});

	it('gives no colour props when colour is off', () => {
		setColourEnabled(false);
		expect(tone('status.warning', { bold: true })).toEqual({});
		setColourEnabled(true);
		expect(tone('status.warning', { bold: true })).toEqual({ color: 'yellow', bold: true });
	});

	it('draws LIVE in the warning colour and the diff in colour when colour is on', async () => {
		setColourEnabled(true);
		const ui = renderInk(screen());
		const frame = await ui.waitForText('LIVE');
		expect(frame).toContain('\u001B[1m\u001B[33mLIVE');
		expect(frame).toContain('\u001B[32m+        "s3:GetObject"');
	});

	it('writes not a single escape code when colour is off', async () => {
		setColourEnabled(false);
		const ui = renderInk(screen());
		const frame = await ui.waitForText('LIVE');
		expect(frame).toContain('LIVE changes are made to this AWS account');
		expect(frame).toContain('+        "s3:GetObject"');
		expect(frame).not.toMatch(ansi);
	});
});
