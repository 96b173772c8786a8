/** What a batch will do, before anything is done: one scrolling page built from the actions. */
import { useMemo } from 'react';
import { useStdout } from 'ink';
import type { Action } from '../core/actions.js';
import type { Finding } from '../core/finding.js';
import type { AccountModel } from '../core/model.js';
import { previewLines } from './preview-lines.js';
import { ScrollText } from './ScrollText.js';
import { wrapLines } from './wrap-lines.js';

export interface ActionPreviewProps {
	actions: readonly Action[];
	/** The step's findings, to name what each action fixes. */
	findings: readonly Finding[];
	/** The model the plan was made from: the "before" of diffs and settings. */
	model?: AccountModel;
	height: number;
	isActive?: boolean;
	/** The actions undo an applied batch: `model` is then the account as that batch left it. */
	rollback?: boolean;
}

export function ActionPreview({ actions, findings, model, height, isActive = true, rollback = false }: ActionPreviewProps) {
	const { stdout } = useStdout();
	const columns = stdout.columns || 80;
	// Wrapped, never cut: the operator confirms what these lines say, every parameter of every call.
	const lines = useMemo(() => wrapLines(previewLines(actions, findings, model, { rollback }), Math.max(20, columns - 1)), [actions, findings, model, rollback, columns]);
	return <ScrollText lines={lines} height={height} isActive={isActive} />;
}
