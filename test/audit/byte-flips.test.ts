import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { verifyLogs } from '../../source/audit/verify-logs.js';
import { newKey, seededRandom, tempDir, writeSession } from './log-fixtures.js';

test('300 random bit flips over a 200-record log: none passes verification', { timeout: 120_000 }, async () => {
	const dir = await tempDir();
	const key = await newKey();
	// header + 99 × (intent, result) + seal = 200 records.
	const file = await writeSession(dir, key, 99);
	const original = await readFile(file);
	expect(original.toString('utf8').split('\n')).toHaveLength(201);
	expect((await verifyLogs([file])).ok).toBe(true);

	const random = seededRandom(20261127);
	const passed: string[] = [];
	const kinds = new Map<string, number>();
	for (let i = 0; i < 300; i += 1) {
		const at = Math.floor(random() * original.length);
		const bit = 1 << Math.floor(random() * 8);
		const flipped = Buffer.from(original);
		flipped[at] ^= bit;
		await writeFile(file, flipped);
		const report = await verifyLogs([file], { threads: 0 });
		if (report.ok) passed.push(`byte ${at} bit ${bit}: ${JSON.stringify(original.subarray(Math.max(0, at - 20), at + 20).toString('utf8'))}`);
		else kinds.set(report.problem!.kind, (kinds.get(report.problem!.kind) ?? 0) + 1);
	}
	expect(passed).toEqual([]);
	// A flip is mostly a changed field (modified) or broken JSON (malformed).
	expect(kinds.get('modified')).toBeGreaterThan(100);
	expect(kinds.get('malformed')).toBeGreaterThan(0);
});
