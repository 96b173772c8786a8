import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { GatewayError } from '../../../source/core/gateway-error.js';

export const now = new Date('2026-12-01T12:00:00Z');

export function tempFolder(): string {
	return mkdtempSync(join(tmpdir(), 'iam-wizard-snapshot-'));
}

/** A fresh folder holding copies of `files` ([source path, name in the folder]) and written texts. */
export function folderWith(copies: [string, string][], texts: Record<string, string> = {}): string {
	const folder = tempFolder();
	for (const [source, name] of copies) copyFileSync(source, join(folder, name));
	for (const [name, text] of Object.entries(texts)) writeFileSync(join(folder, name), text);
	return folder;
}

/** The GatewayError a promise rejects with. */
export async function gatewayErrorOf(promise: Promise<unknown>): Promise<GatewayError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(GatewayError);
	return error as GatewayError;
}
