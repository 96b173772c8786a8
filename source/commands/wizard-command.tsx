/**
 * `iam-wizard` with no command: the interactive wizard. Checks for a terminal first,
 * reconciles any interrupted session, keeps library noise off the screen, and seals the
 * change log at the end.
 */
import { render } from 'ink';
import type { StoredSettings } from '../settings/settings-store.js';
import { Busy } from '../ui/Busy.js';
import { routeStderr } from '../ui/quiet-stderr.js';
import { checkTerminal } from '../ui/terminal-guard.js';
import { colourWanted, setColourEnabled } from '../ui/theme.js';
import { logDirectory, type ChangeLogOptions } from './change-log-session.js';
import { exitCodes, type CommandIo } from './command-io.js';
import type { SourceOptions } from './open-gateway.js';
import type { PlanContext } from '../core/settings.js';
import { readKeyDeactivations } from '../audit/key-deactivations.js';

export interface WizardOptions extends SourceOptions, ChangeLogOptions {
	color?: boolean;
	exclude?: string[];
	/** s3://BUCKET/PREFIX: keep the session's anchor there under Object Lock (default: the `anchors` setting). */
	anchors?: string;
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
	const inkOptions = { exitOnCtrlC: false, stdin: terminal.stdin, stdout: terminal.stdout };
	// The first frame shows before anything heavy loads: the wizard's screens, the adapter (and
	// with it the AWS SDK), the action catalogue and the change log load while it spins.
	// Ctrl+C in this moment is the terminal's own: nothing has been opened yet.
	const starting = render(<Busy label={`Opening ${sourceLabel(options)}…`} />, { ...inkOptions, exitOnCtrlC: true });
	const [{ App }, { wizardSteps }, { openGateway }, { arnWarnings, planContextFor }, { loadIamCatalogue }, inactiveKeysStore, { openChangeLogSession }, { recordingReads }, { anchorBucketFor, finishSessionAnchor }] = await Promise.all([
		import('../app.js'),
		import('../steps/registry.js'),
		import('./open-gateway.js'),
		import('./scan.js'),
		import('../aws/iam-catalogue.js'),
		import('../settings/inactive-keys-store.js'),
		import('./change-log-session.js'),
		import('./recording-gateway.js'),
		import('./session-anchor-output.js'),
	]).catch((error: unknown) => {
		starting.unmount();
		throw error;
	});
	const { readInactiveKeys, recordInactiveKeys } = inactiveKeysStore;
	let opened;
	try {
		opened = await openGateway(options, settings, io.now, debug);
	} catch (error) {
		starting.clear();
		starting.unmount();
		throw error;
	}
	const planContext: PlanContext = {
		...planContextFor(settings, io.now(), options.exclude, options.graceDays),
		catalogue: await loadIamCatalogue(),
		inactiveKeys: readInactiveKeys(),
	};
	const snapshot = opened.mode === 'snapshot';
	const gateway = recordingReads(opened, (model) => {
		planContext.inactiveKeys = recordInactiveKeys(model, io.now(), { save: !snapshot, deactivatedByUs: readKeyDeactivations(logDirectory(options, settings)) });
	});
	let session, dir, reconciled, anchorBucket;
	try {
		anchorBucket = await anchorBucketFor(options.anchors ?? settings.anchors, gateway);
		({ session, dir } = await openChangeLogSession(options, settings, gateway, 'wizard', io.now));
		reconciled = await session.reconcile(dir, gateway);
	} finally {
		starting.clear();
		starting.unmount();
	}
	for (const { file, outcome } of reconciled) {
		io.stdout(`An earlier session (${file}) stopped in the middle of a change; re-read it and recorded: ${outcome}.\n`);
	}

	const restore = routeStderr({ debug: Boolean(options.debug) });
	let interrupted = false;
	try {
		const app = render(
			<App
				gateway={gateway}
				audit={session}
				planContext={planContext}
				steps={wizardSteps}
				now={io.now}
				debug={options.debug}
				warningsFor={(model) => arnWarnings(model, settings, options.exclude)}
				onExit={(how) => {
					interrupted = how === 'interrupt';
					app.unmount();
				}}
			/>,
			inkOptions,
		);
		await app.waitUntilExit();
		// Ink leaves the cursor at the end of the footer: end that line, so the shell's prompt
		// (and the change log's path below) start on a line of their own.
		terminal.stdout.write('\n');
	} finally {
		restore();
		await session.close();
	}
	const file = await session.file();
	if (file) io.stdout(`Change log: ${file}\nCheck it with: iam-wizard audit verify ${file}\n`);
	await finishSessionAnchor(session, anchorBucket, io);
	return interrupted ? exitCodes.interrupted : exitCodes.ok;
}

function sourceLabel(options: SourceOptions): string {
	if (options.demo) return 'the demo sandbox account';
	if (options.snapshot !== undefined) return `the snapshot ${options.snapshot}`;
	return options.profile ? `the account of profile ${options.profile}` : 'the account';
}
