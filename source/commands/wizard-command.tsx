/**
 * `iam-wizard` with no command: the interactive wizard. Checks for a terminal first,
 * reconciles any interrupted session, keeps library noise off the screen, and seals the
 * change log at the end.
 */
import { render } from 'ink';
import { App } from '../app.js';
import type { StoredSettings } from '../settings/settings-store.js';
import { wizardSteps } from '../steps/registry.js';
import { routeStderr } from '../ui/quiet-stderr.js';
import { checkTerminal } from '../ui/terminal-guard.js';
import { colourWanted, setColourEnabled } from '../ui/theme.js';
import { openChangeLogSession, type ChangeLogOptions } from './change-log-session.js';
import { exitCodes, type CommandIo } from './command-io.js';
import { openGateway, type SourceOptions } from './open-gateway.js';
import { planContextFor } from './scan.js';
import { loadIamCatalogue } from '../aws/iam-catalogue.js';
import type { PlanContext } from '../core/settings.js';
import { readInactiveKeys, recordInactiveKeys } from '../settings/inactive-keys-store.js';
import { recordingReads } from './recording-gateway.js';

export interface WizardOptions extends SourceOptions, ChangeLogOptions {
	color?: boolean;
	exclude?: string[];
	debug?: boolean;
}

export interface WizardTerminal {
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
}

export async function runWizardCommand(
	options: WizardOptions,
	settings: StoredSettings,
	io: CommandIo,
	terminal: WizardTerminal = { stdin: process.stdin, stdout: process.stdout },
): Promise<number> {
	const check = checkTerminal(terminal.stdin, terminal.stdout);
	if (!check.ok) {
		io.stderr(`${check.message}\n`);
		return check.exitCode;
	}
	setColourEnabled(colourWanted({ env: io.env, noColorFlag: options.color === false }));
	const debug = options.debug ? (line: string) => io.stderr(`debug: ${line}\n`) : undefined;
	const opened = await openGateway(options, settings, io.now, debug);
	const planContext: PlanContext = {
		...planContextFor(settings, io.now(), options.exclude, options.graceDays),
		catalogue: await loadIamCatalogue(),
		inactiveKeys: readInactiveKeys(),
	};
	const snapshot = opened.mode === 'snapshot';
	const gateway = recordingReads(opened, (model) => {
		planContext.inactiveKeys = recordInactiveKeys(model, io.now(), { save: !snapshot });
	});
	const { session, dir } = await openChangeLogSession(options, settings, gateway, 'wizard', io.now);
	for (const { file, outcome } of await session.reconcile(dir, gateway)) {
		io.stdout(`An earlier session (${file}) stopped in the middle of a change; re-read it and recorded: ${outcome}.\n`);
	}

	const restore = routeStderr({ debug: Boolean(options.debug) });
	try {
		const app = render(
			<App
				gateway={gateway}
				audit={session}
				planContext={planContext}
				steps={wizardSteps}
				now={io.now}
				debug={options.debug}
				onExit={() => app.unmount()}
			/>,
			{ exitOnCtrlC: false, stdin: terminal.stdin, stdout: terminal.stdout },
		);
		await app.waitUntilExit();
	} finally {
		restore();
		await session.close();
	}
	const file = await session.file();
	if (file) io.stdout(`Change log: ${file}\nCheck it with: iam-wizard audit verify ${file}\n`);
	// Last line: the session's anchor, to keep in the change ticket (verify --anchors checks the log against it).
	const anchor = await session.anchorLine();
	if (anchor) io.stdout(`${anchor}\n`);
	return exitCodes.ok;
}
