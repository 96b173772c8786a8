/**
 * The actions a step proposes, with selection marks. Blocked actions (a break-glass
 * principal, the caller's own key) show why and cannot be selected; actions with a
 * lock-out risk say so and are never selected by default.
 */
import { Text } from './Text.js';
import type { Action } from '../core/actions.js';
import { ScrollList } from './ScrollList.js';
import { muted, tone } from './theme.js';

export interface ActionsListProps {
	actions: readonly Action[];
	selected: ReadonlySet<number>;
	/** Index → why it is never changed. */
	blocked: ReadonlyMap<number, string>;
	/** Index → the lock-out risk. */
	lockout: Readonly<Record<number, string>>;
	height: number;
	isActive: boolean;
	onToggle: (index: number) => void;
	emptyText: string;
}

export function ActionsList({ actions, selected, blocked, lockout, height, isActive, onToggle, emptyText }: ActionsListProps) {
	return (
		<ScrollList
			items={actions}
			height={height}
			isActive={isActive}
			emptyText={emptyText}
			isSelected={(_, index) => selected.has(index)}
			onToggle={(_, index) => onToggle(index)}
			renderRow={(action, index) => {
				const why = blocked.get(index);
				if (why) {
					return (
						<Text {...muted()}>
							{action.summary} — excluded: {why}
						</Text>
					);
				}
				const risk = lockout[index];
				return (
					<Text>
						{action.summary}
						{risk ? <Text {...tone('status.error')}> (lock-out risk)</Text> : null}
					</Text>
				);
			}}
		/>
	);
}
