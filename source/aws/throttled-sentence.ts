/**
 * What iam-wizard says when AWS kept throttling a call past the SDK's retries. The live
 * adapter says it for a throttling answer; the sandbox for its injected throttling, so the
 * demo and a live account say the same thing.
 */
export function throttledSentence(operation: string, attempts: number | undefined): string {
	const tries = attempts ? ` after ${attempts} attempt${attempts === 1 ? '' : 's'}` : '';
	return `AWS kept throttling ${operation}${tries}: wait a minute and try again.`;
}
