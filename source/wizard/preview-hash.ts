import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { Action } from '../core/actions.js';

/**
 * SHA-256 of the batch the preview showed (the preview is rendered from these actions), so
 * the log can show that what was applied is what was previewed.
 */
export function previewHashOf(actions: Action[]): string {
	return createHash('sha256')
		.update(canonicalize(actions) ?? '[]')
		.digest('hex');
}
