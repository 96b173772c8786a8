/** A spinner and what is being waited for (loading, applying, verifying). */
import { Text } from './Text.js';
import Spinner from 'ink-spinner';
import { tone } from './theme.js';

export function Busy({ label }: { label: string }) {
	return (
		<Text wrap="truncate-end">
			<Text {...tone('status.info')}>
				<Spinner type="dots" />
			</Text>{' '}
			{label}
		</Text>
	);
}
