/**
 * The whole wizard (App) on a sandbox account in a fake terminal, as the screen tests render
 * it: the tests' clock, default thresholds, a change log kept in memory, and verification
 * that does not wait between re-reads.
 */
import { App } from '../../source/app.js';
import type { SandboxGateway } from '../../source/aws/sandbox/sandbox-gateway.js';
import { defaultThresholds } from '../../source/core/settings.js';
import { wizardSteps, type WizardStep } from '../../source/steps/registry.js';
import { MemoryAuditSink } from './memory-audit-sink.js';
import { renderInk, type RenderedInk } from './render-ink.js';

export const wizardNow = new Date('2026-11-27T12:00:00Z');
export const noWait = { attempts: 2, delayMs: 0, sleep: async () => undefined };

export interface WizardRenderOptions {
	initialStep?: number;
	steps?: readonly WizardStep[];
	columns?: number;
	rows?: number;
	now?: Date;
}

export function renderSandboxWizard(gateway: SandboxGateway, options: WizardRenderOptions = {}): { ui: RenderedInk; audit: MemoryAuditSink } {
	const now = options.now ?? wizardNow;
	const audit = new MemoryAuditSink();
	const ui = renderInk(
		<App
			gateway={gateway}
			audit={audit}
			planContext={{ now, thresholds: defaultThresholds, excluded: [] }}
			steps={options.steps ?? wizardSteps}
			onExit={() => undefined}
			now={() => now}
			verify={noWait}
			{...(options.initialStep !== undefined ? { initialStep: options.initialStep } : {})}
		/>,
		{ columns: options.columns ?? 100, rows: options.rows ?? 40 },
	);
	return { ui, audit };
}
