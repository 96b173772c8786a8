// Records demo.gif from the real app on the demo account: a scripted walk in a 100x30 tmux
// session, captured screen by screen and drawn with a Terminus console font into a GIF.
// Needs tmux and console-setup-linux (Debian; installed here when missing and run as root)
// and gifenc (npm, MIT; installed into a cache folder, not the project's dependencies).
// Run with `npm run demo:record`. The walk is in scripts/demo/walk.mjs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadPsf2, palette, parseScreen, renderScreen } from './terminal-frames.mjs';
import { walk } from './walk.mjs';

const root = new URL('../../', import.meta.url).pathname;
const columns = 100;
const rows = 30;
const fontFile = '/usr/share/consolefonts/Uni2-Terminus20x10.psf.gz';
const session = `iam-wizard-demo-${process.pid}`;

function have(command) {
	return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

function ensureTools() {
	const missing = [];
	if (!have('tmux')) missing.push('tmux');
	if (!existsSync(fontFile)) missing.push('console-setup-linux');
	if (missing.length > 0) {
		if (process.getuid?.() !== 0) throw new Error(`demo:record needs ${missing.join(' and ')}: sudo apt-get install ${missing.join(' ')}`);
		execFileSync('apt-get', ['install', '-y', '-q', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	}
	const tools = join(tmpdir(), 'iam-wizard-demo-tools');
	if (!existsSync(join(tools, 'node_modules/gifenc'))) {
		execFileSync('npm', ['install', '--silent', '--no-save', '--no-audit', '--no-fund', '--prefix', tools, 'gifenc@1.0.3'], { stdio: 'inherit' });
	}
	return import(pathToFileURL(join(tools, 'node_modules/gifenc/dist/gifenc.esm.js')).href);
}

const tmux = (...args) => execFileSync('tmux', args, { encoding: 'utf8' });
const capture = () => tmux('capture-pane', '-e', '-p', '-t', session);
const plain = () => tmux('capture-pane', '-p', '-t', session);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
	const { GIFEncoder } = await ensureTools();
	if (!existsSync(join(root, 'dist/cli.js'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

	// A private home, so the demo starts from the seed and touches none of the operator's files.
	const home = mkdtempSync(join(tmpdir(), 'iam-wizard-demo-home-'));
	const bin = join(home, 'bin');
	mkdirSync(bin);
	writeFileSync(join(bin, 'iam-wizard'), `#!/bin/sh\nexec node "${join(root, 'dist/cli.js')}" "$@"\n`);
	chmodSync(join(bin, 'iam-wizard'), 0o755);
	writeFileSync(join(home, '.bashrc'), `PS1='\\[\\e[32m\\]$\\[\\e[0m\\] '\ncd ~\n`);
	const env = { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share'), XDG_STATE_HOME: join(home, '.local/state'), XDG_CACHE_HOME: join(home, '.cache'), PATH: `${bin}:${process.env.PATH}`, TERM: 'xterm-256color', AWS_EC2_METADATA_DISABLED: 'true', LANG: 'C.UTF-8' };
	execFileSync('iam-wizard', ['--demo', '--reset', '--version'], { env: { ...process.env, ...env } });

	tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), 'env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), 'bash', '--rcfile', join(home, '.bashrc'), '-i');
	tmux('set-option', '-t', session, 'status', 'off');
	const frames = [];
	let last = '';
	let recording = true;
	const started = Date.now();
	const poll = (async () => {
		while (recording) {
			const screen = capture();
			if (screen !== last) {
				frames.push({ at: Date.now() - started, screen });
				last = screen;
			}
			await sleep(60);
		}
	})();

	const actions = {
		keys: async (...keys) => {
			for (const key of keys) {
				tmux('send-keys', '-t', session, key);
				await sleep(220);
			}
		},
		type: async (text) => {
			for (const ch of text) {
				tmux('send-keys', '-t', session, '-l', ch);
				await sleep(45);
			}
		},
		waitFor: async (text, timeoutMs = 20_000) => {
			const until = Date.now() + timeoutMs;
			while (!plain().includes(text)) {
				if (Date.now() > until) throw new Error(`the screen never showed "${text}":\n${plain()}`);
				await sleep(100);
			}
		},
		pause: sleep,
		screen: plain,
	};
	try {
		await walk(actions);
	} finally {
		recording = false;
		await poll;
		spawnSync('tmux', ['kill-session', '-t', session]);
		rmSync(home, { recursive: true, force: true });
	}

	// DEMO_FRAMES_DIR=dir keeps each captured screen as text, to look at a frame by itself.
	if (process.env.DEMO_FRAMES_DIR) {
		mkdirSync(process.env.DEMO_FRAMES_DIR, { recursive: true });
		frames.forEach((frame, i) => writeFileSync(join(process.env.DEMO_FRAMES_DIR, `${String(i).padStart(4, '0')}-${frame.at}.txt`), frame.screen));
	}
	const font = loadPsf2(fontFile);
	const transparent = palette.length;
	const gifPalette = [...palette, [0, 0, 0]];
	while (gifPalette.length < 32) gifPalette.push([0, 0, 0]);
	const gif = GIFEncoder();
	let previous;
	frames.forEach((frame, i) => {
		const { width, height, pixels } = renderScreen(parseScreen(frame.screen, columns, rows), font, 12);
		const delay = i + 1 < frames.length ? frames[i + 1].at - frame.at : 3000;
		let data = pixels;
		if (previous) {
			// Only what changed is drawn; the rest is transparent over the frame before.
			data = new Uint8Array(pixels.length);
			for (let p = 0; p < pixels.length; p++) data[p] = pixels[p] === previous[p] ? transparent : pixels[p];
		}
		gif.writeFrame(data, width, height, { palette: gifPalette, delay, dispose: 1, ...(previous ? { transparent: true, transparentIndex: transparent } : {}) });
		previous = pixels;
	});
	gif.finish();
	const out = join(root, 'demo.gif');
	writeFileSync(out, gif.bytes());
	const seconds = (frames.at(-1).at + 3000) / 1000;
	console.log(`demo.gif: ${frames.length} frames, ${seconds.toFixed(1)} s, ${(statSync(out).size / 1024).toFixed(0)} KiB`);
}

await main();
