/** In --debug, the last lines libraries wrote to stderr (caught by routeStderr), below the wizard. */
import { useEffect, useState } from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';
import { capturedStderr, onCapturedStderr } from './quiet-stderr.js';
import { muted } from './theme.js';

export function DebugLog({ lines: count = 3 }: { lines?: number }) {
	const [lines, setLines] = useState(() => capturedStderr().slice(-count));
	// Deferred: a line may be caught while React itself is rendering (its own warnings).
	useEffect(() => onCapturedStderr(() => queueMicrotask(() => setLines(capturedStderr().slice(-count)))), [count]);
	if (lines.length === 0) return null;
	return (
		<Box flexDirection="column">
			{lines.map((line, i) => (
				<Text key={i} wrap="truncate-end" {...muted()}>
					debug: {line}
				</Text>
			))}
		</Box>
	);
}
