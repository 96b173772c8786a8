// Turns what `tmux capture-pane -e -p` prints (text with SGR colour codes) into pixels, with a
// PSF2 bitmap console font (Terminus, from Debian's console-setup-linux).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** The palette every frame uses: index 0 is the background. xterm's 16 colours, darkened a little. */
export const palette = [
	[24, 26, 33], [205, 49, 49], [13, 188, 121], [229, 229, 16], [36, 114, 200], [188, 63, 188], [17, 168, 205], [204, 204, 204],
	[102, 102, 102], [241, 76, 76], [35, 209, 139], [245, 245, 67], [59, 142, 234], [214, 112, 214], [41, 184, 219], [240, 240, 240],
];
const background = 0;
const foreground = 7;

/** Glyphs the console font lacks, drawn as the nearest one it has. */
const fallbacks = { '✓': '√', '✗': '×', '▏': '│', '❯': '›', '○': 'o', '◉': '●', '⚠': '!', '⠋': '·', '⠙': '·', '⠹': '·', '⠸': '·', '⠼': '·', '⠴': '·', '⠦': '·', '⠧': '·', '⠇': '·', '⠏': '·' };

export function loadPsf2(path) {
	const buf = gunzipSync(readFileSync(path));
	if (buf.readUInt32LE(0) !== 0x864ab572) throw new Error(`${path} is not a PSF2 font`);
	const headerSize = buf.readUInt32LE(8);
	const count = buf.readUInt32LE(16);
	const charSize = buf.readUInt32LE(20);
	const height = buf.readUInt32LE(24);
	const width = buf.readUInt32LE(28);
	const rowBytes = Math.ceil(width / 8);
	const glyphs = new Map();
	let i = headerSize + count * charSize;
	let glyph = 0;
	let bytes = [];
	const take = () => {
		for (const ch of Buffer.from(bytes).toString('utf8')) if (!glyphs.has(ch)) glyphs.set(ch, glyph);
		bytes = [];
	};
	while (i < buf.length && glyph < count) {
		const b = buf[i];
		if (b === 0xff) { take(); glyph++; i++; continue; }
		if (b === 0xfe) { take(); while (i < buf.length && buf[i] !== 0xff) i++; continue; }
		bytes.push(b); i++;
	}
	const bitmap = (ch) => {
		let index = glyphs.get(ch) ?? glyphs.get(fallbacks[ch] ?? '') ?? glyphs.get('?');
		const start = headerSize + index * charSize;
		return (x, y) => (buf[start + y * rowBytes + (x >> 3)] & (0x80 >> (x & 7))) !== 0;
	};
	return { width, height, bitmap };
}

function nearest(rgb) {
	let best = 0;
	let bestDistance = Infinity;
	palette.forEach((p, i) => {
		const d = (p[0] - rgb[0]) ** 2 + (p[1] - rgb[1]) ** 2 + (p[2] - rgb[2]) ** 2;
		if (d < bestDistance) { bestDistance = d; best = i; }
	});
	return best;
}

function xterm256(n) {
	if (n < 16) return palette[n];
	if (n >= 232) { const v = 8 + (n - 232) * 10; return [v, v, v]; }
	const c = n - 16;
	const level = (v) => (v === 0 ? 0 : 55 + v * 40);
	return [level(Math.floor(c / 36)), level(Math.floor(c / 6) % 6), level(c % 6)];
}

/** One screen as rows of cells {ch, fg, bg} (palette indexes). */
export function parseScreen(text, columns, rows) {
	const lines = text.replace(/\n$/, '').split('\n');
	const screen = [];
	for (let r = 0; r < rows; r++) {
		const line = lines[r] ?? '';
		const cells = [];
		let fg = foreground;
		let bg = background;
		let bold = false;
		let inverse = false;
		for (let i = 0; i < line.length; ) {
			if (line[i] === '\u001b') {
				const m = /^\u001b\[([0-9;:]*)m/.exec(line.slice(i));
				if (m) {
					const codes = m[1] === '' ? [0] : m[1].split(/[;:]/).map(Number);
					for (let k = 0; k < codes.length; k++) {
						const c = codes[k];
						if (c === 0) { fg = foreground; bg = background; bold = false; inverse = false; }
						else if (c === 1) bold = true;
						else if (c === 22) bold = false;
						else if (c === 7) inverse = true;
						else if (c === 27) inverse = false;
						else if (c >= 30 && c <= 37) fg = c - 30;
						else if (c >= 90 && c <= 97) fg = c - 90 + 8;
						else if (c === 39) fg = foreground;
						else if (c >= 40 && c <= 47) bg = c - 40;
						else if (c >= 100 && c <= 107) bg = c - 100 + 8;
						else if (c === 49) bg = background;
						else if ((c === 38 || c === 48) && codes[k + 1] === 5) { const v = nearest(xterm256(codes[k + 2])); if (c === 38) fg = v; else bg = v; k += 2; }
						else if ((c === 38 || c === 48) && codes[k + 1] === 2) { const v = nearest(codes.slice(k + 2, k + 5)); if (c === 38) fg = v; else bg = v; k += 4; }
					}
					i += m[0].length;
					continue;
				}
				const other = /^\u001b(\[[0-9;?]*[A-Za-z]|\][^\u0007]*\u0007|.)/.exec(line.slice(i));
				i += other ? other[0].length : 1;
				continue;
			}
			const ch = String.fromCodePoint(line.codePointAt(i));
			i += ch.length;
			let f = bold && fg < 8 ? fg + 8 : fg;
			let b = bg;
			if (inverse) [f, b] = [b === background ? 0 : b, f];
			if (inverse && f === background) f = 0;
			cells.push({ ch, fg: inverse && b === f ? background : f, bg: b });
		}
		while (cells.length < columns) cells.push({ ch: ' ', fg: foreground, bg: background });
		screen.push(cells.slice(0, columns));
	}
	return screen;
}

/** Pixels (palette indexes), with a margin around the text. */
export function renderScreen(screen, font, margin) {
	const columns = screen[0].length;
	const width = columns * font.width + margin * 2;
	const height = screen.length * font.height + margin * 2;
	const pixels = new Uint8Array(width * height).fill(background);
	screen.forEach((cells, r) => {
		cells.forEach((cell, c) => {
			const draw = font.bitmap(cell.ch);
			const x0 = margin + c * font.width;
			const y0 = margin + r * font.height;
			for (let y = 0; y < font.height; y++) {
				const row = (y0 + y) * width + x0;
				for (let x = 0; x < font.width; x++) pixels[row + x] = cell.ch !== ' ' && draw(x, y) ? cell.fg : cell.bg;
			}
		});
	});
	return { width, height, pixels };
}
