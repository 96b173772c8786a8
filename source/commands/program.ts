/**
 * The command line: commands, flags and their help. Handlers live beside this file; this
 * one only parses and dispatches, and maps every failure to one sentence and an exit code.
 */
import { FileError } from '../fs/file-error.js';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { severityOrder } from '../core/finding-catalogue.js';
import { isGatewayError } from '../core/gateway-error.js';
import { toolVersion } from '../tool-version.js';
import { exitCodes, printableIo, UsageError, type CommandIo } from './command-io.js';
import { inventoryFormats, planFormats, queryFormats, scanFormats } from './formats.js';
import type { WizardOptions } from './wizard-command.js';
import { importInteractive } from './import-interactive.js';
import type { StoredSettings } from '../settings/stored-settings.js';

// Every handler, the settings (conf) and with them the AWS SDK load only when their command
// runs, so `--version` and `--help` start as fast as Node itself.
/** With --demo, the demo account's clock (see demo-clock.ts); loaded only then. */
async function demoClockIo(io: CommandIo, options: { demo?: boolean; reset?: boolean }): Promise<CommandIo> {
	if (!options.demo) return io;
	return (await import('./demo-clock.js')).withDemoClock(io, options);
}

/** conf (settings-store) loads only when the file is missing, incomplete or wrong: reading a settings file as it is needs none of it. */
async function readSettings(): Promise<StoredSettings> {
	return (await import('../settings/stored-settings.js')).readStoredSettings() ?? (await import('../settings/settings-store.js')).readSettings();
}

export interface ProgramHooks {
	/** Called with the parsed wizard options when no command is given. */
	runWizard?: (options: WizardOptions, settings: StoredSettings, io: CommandIo) => Promise<number>;
}

function positiveInteger(value: string): number {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1 || n > 20) throw new InvalidArgumentError('expected a whole number from 1 to 20.');
	return n;
}

function graceDays(value: string): number {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1 || n > 3650) throw new InvalidArgumentError('expected a whole number of days from 1 to 3650.');
	return n;
}

/** The shape of an SNS topic ARN; whether it is this account's is known once the account is read. */
function alertTopicArn(value: string): string {
	if (!/^arn:[a-z-]+:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]{1,256}$/.test(value)) throw new InvalidArgumentError('expected an SNS topic ARN, like arn:aws:sns:us-east-1:123456789012:ops-alerts.');
	return value;
}

function collect(value: string, previous: string[] = []): string[] {
	return [...previous, value];
}

/** The flags that choose which account is read: shared by the wizard, scan, plan and apply. */
export function addSourceOptions(command: Command): Command {
	return command
		.option('--demo', 'use the built-in sandbox account (no AWS credentials needed)')
		.option('--reset', 'with --demo: restore the sandbox account to its seed first')
		.option('--snapshot <path>', 'read a saved `aws iam get-account-authorization-details` JSON (file or folder); read-only')
		.option('--as-of <date>', 'with --snapshot: count ages from this date instead of now')
		.option('--profile <name>', 'AWS profile (default: settings, then the SDK chain)')
		.option('--region <region>', 'AWS region (default: settings, then the profile or AWS_REGION)')
		.option('--max-attempts <n>', 'attempts per AWS call with adaptive retry', positiveInteger)
		.option('--exclude <arn>', 'a break-glass principal never proposed for a change (repeatable)', collect)
		.option('--grace-days <n>', 'days a deactivated, unused access key waits before its deletion is proposed (default: settings, 30)', graceDays)
		.option('--debug', 'show debug lines and stack traces on stderr');
}

/** Step 6's topic: only for what plans step 6 (the wizard, scan, plan); the audit commands, query and inventory refuse it as unknown. */
function addAlertTopicOption(command: Command): Command {
	return command.option('--alert-topic <arn>', "step 6: the SNS topic the alert rules send to, this account's, in us-east-1 (default: settings; none: iam-wizard creates iam-wizard-alerts)", alertTopicArn);
}

export function buildProgram(io: CommandIo, setExitCode: (code: number) => void, hooks: ProgramHooks = {}): Command {
	const program = new Command('iam-wizard');
	program
		.description('A terminal wizard that walks you through hardening AWS IAM toward least privilege.\nRun with no command for the wizard; `scan` for scripts and CI.')
		.version(toolVersion, '-V, --version')
		.enablePositionalOptions()
		.exitOverride()
		.configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

	addAlertTopicOption(addSourceOptions(program))
		.option('--no-color', 'no colours (NO_COLOR is honoured too)')
		.option('--log-dir <dir>', 'change-log directory (default: settings, then $XDG_STATE_HOME/iam-wizard/logs)')
		.option('--signing-key <file|arn>', 'Ed25519 private key (PEM), or a KMS key ARN (ECC_NIST_EDWARDS25519) that certifies a key per session, to sign the change log')
		.option('--anchors <s3url>', "keep the session's anchor in this S3 bucket with Object Lock, s3://BUCKET/PREFIX (default: settings)")
		.action(async (options) => {
			// Ink and React load only for the wizard, so headless commands start fast.
			const runWizard = hooks.runWizard ?? (await importInteractive(() => import('./wizard-command.js'))).runWizardCommand;
			setExitCode(await runWizard(options, await readSettings(), await demoClockIo(io, options)));
		});

	addAlertTopicOption(addSourceOptions(program.command('scan')))
		.description('read the account and print every finding (for scripts and CI)')
		.addOption(new Option('--format <format>', 'output format').choices([...scanFormats]).default('table'))
		.option('--output <file>', 'write the report to a file instead of stdout')
		.addOption(new Option('--fail-on <severity>', 'exit 1 when an unsuppressed finding is at or above this severity').choices([...severityOrder]))
		.option('--baseline <file>', 'with --fail-on: count only findings whose fingerprint is not in this earlier `scan --format json`')
		.option('--suppressions <file>', 'accepted findings (default: .iam-wizard-suppressions.yaml or .json in the working directory)')
		.addHelpText(
			'after',
			'\nFormats: table (people), json (scripts), md (tickets), sarif (GitHub code scanning), csv (spreadsheets).\nExit codes: 0 scan completed; 2 usage error or the account could not be read.\nWith --fail-on: 1 when an unsuppressed finding is at or above it (with --baseline: only findings new since then), 0 when none.\nParts of the account that could not be read are listed under notEvaluated.',
		)
		.action(async (options) => {
			const { runScan } = await import('./scan.js');
			setExitCode(await runScan(options, await readSettings(), await demoClockIo(io, options), options.debug ? (line) => io.stderr(`debug: ${line}\n`) : undefined));
		});

	const audit = program.command('audit').description('the signed change log: verify, export, undo, and the public key for auditors');
	addSourceOptions(audit.command('verify'))
		.description('check change-log files or directories: exit 0 when intact, 1 naming the first bad record (format: docs/change-log-format.md)')
		.argument('<paths...>', 'session files (.jsonl) or log directories')
		.option('--pubkey <file>', 'require this signer (PEM, as `audit pubkey` prints it)')
		.option('--strict', 'fail on a session that ended without a seal, even one a later session reconciled')
		.option('--anchors <file|s3url>', 'check every session anchored in this file (the "iam-wizard anchor:" lines apply and the wizard print last), or kept in s3://BUCKET/PREFIX, is present and whole')
		.option('--cloudtrail', 'also compare each session with CloudTrail event history: writes the caller made that the log lacks, and logged writes CloudTrail does not show')
		.action(async (paths: string[], options) => {
			const { runAuditVerify } = await import('./audit-verify.js');
			setExitCode(await runAuditVerify({ ...options, paths }, io));
		});
	addSourceOptions(audit.command('export'))
		.description('the change log for an auditor: verification status, then what changed, when, by whom and why')
		.argument('<file>', 'a session file (.jsonl)')
		.addOption(new Option('--format <format>', 'output format').choices(['md', 'json', 'csv']).default('md'))
		.option('--output <file>', 'write to a file instead of stdout')
		.option('--pubkey <file>', 'require this signer (PEM)')
		.option('--strict', 'fail on a session that ended without a seal, even one a later session reconciled')
		.option('--anchors <file|s3url>', 'also check the session against its anchor in this file of "iam-wizard anchor:" lines, or kept in s3://BUCKET/PREFIX')
		.option('--cloudtrail', 'also compare the session with CloudTrail event history, as audit verify --cloudtrail does')
		.action(async (file: string, options) => {
			const { runAuditExport } = await import('./audit-export.js');
			setExitCode(await runAuditExport({ ...options, file }, io));
		});
	addSourceOptions(audit.command('pubkey'))
		.description('print the public key that signs change logs, and its fingerprint')
		.option('--signing-key <file|arn>', 'Ed25519 private key (PEM) instead of the one in the settings directory, or a KMS key ARN (its public key is fetched)')
		.action(async (options) => {
			const { runAuditPubkey } = await import('./audit-pubkey.js');
			setExitCode(await runAuditPubkey({ ...options, signingKey: options.signingKey }, io));
		});
	addSourceOptions(audit.command('undo'))
		.description('apply the recorded inverse of one logged action, previewed and confirmed, in a new session')
		.argument('<file>', 'the session file that holds the action')
		.requiredOption('--seq <n>', 'the action to undo (its intent seq)', (value) => Number(value))
		.option('--yes', 'apply without the y/N question (never skips a typed account ID)')
		.option('--log-dir <dir>', 'change-log directory for the new session')
		.option('--signing-key <file|arn>', 'Ed25519 private key (PEM), or a KMS key ARN (ECC_NIST_EDWARDS25519) that certifies a key per session, to sign the change log')
		.option('--pubkey <file>', 'require the log to be signed by this key (PEM)')
		.option('--anchors <s3url>', "keep the undo session's anchor in this S3 bucket with Object Lock, s3://BUCKET/PREFIX (default: settings)")
		.action(async (file: string, options) => {
			const { runAuditUndo } = await import('./audit-undo.js');
			setExitCode(await runAuditUndo({ ...options, file }, await readSettings(), io));
		});

	addAlertTopicOption(addSourceOptions(program.command('plan')))
		.description('read the account and write a signed plan of the changes each step offers by default (changes nothing)')
		.requiredOption('--out <file>', 'where to write the plan (JSON, signed with the change-log key)')
		.option('--steps <list>', 'only these steps, such as 1,3,5 (default: all)')
		.option('--only <ids>', 'only actions addressing these finding IDs or fingerprints (comma-separated)')
		.addOption(new Option('--format <format>', 'what to print: a short summary, or Markdown for a review ticket').choices([...planFormats]).default('text'))
		.option('--allow-lockout-risk', 'include actions that could cut your own access (left out by default)')
		.option('--migrate <user=trust>', 'step 5: move a workload user from its access key to a role; trust is ec2, ecs, lambda, github:OWNER/REPO@BRANCH, account:ID:EXTERNAL_ID or rolesanywhere:TRUST_ANCHOR_ID@CERT_CN (repeatable)', collect)
		.option('--log-dir <dir>', 'change logs that say when iam-wizard deactivated each key (default: settings, then $XDG_STATE_HOME/iam-wizard/logs)')
		.option('--abandon-migration <user>', "step 5: undo a workload migration, the key first, then the role (repeatable)", collect)
		.option('--signing-key <file|arn>', 'Ed25519 private key (PEM) that signs the plan (default: the change-log key), or the KMS key ARN that signs the change log: it certifies the plan, and apply --signing-key ARN requires it')
		.option('--suppressions <file>', 'accepted findings are not acted on (default: .iam-wizard-suppressions.yaml or .json here)')
		.addOption(new Option('--validation <where>', 'policy documents: aws (Access Analyzer ValidatePolicy) or local (its local subset when Access Analyzer cannot answer); recorded for apply').choices(['aws', 'local']))
		.addHelpText('after', '\nExit codes: 0 plan written; 2 usage error (unknown step or finding ID) or the account could not be read.\nApply it with: iam-wizard apply --plan FILE')
		.action(async (options) => {
			const { runPlan } = await import('./plan.js');
			setExitCode(await runPlan(options, await readSettings(), await demoClockIo(io, options)));
		});

	program
		.command('apply')
		.description('apply a plan written by `iam-wizard plan`, exactly as reviewed, or nothing')
		.requiredOption('--plan <file>', 'the plan file')
		.option('--yes', 'apply without the y/N question (needed without a terminal)')
		.option('--reason <text>', 'change reason or ticket ID, recorded in the change log')
		.option('--confirm-account <id>', 'the account ID, typed: needed when the plan has a high blast radius (accepted always)')
		.option('--allow-lockout-risk', 'apply actions that could cut your own access')
		.option('--profile <name>', "AWS profile (default: the plan's)")
		.option('--region <region>', "AWS region (default: the plan's)")
		.option('--max-attempts <n>', 'attempts per AWS call with adaptive retry', positiveInteger)
		.option('--log-dir <dir>', 'change-log directory (default: settings, then $XDG_STATE_HOME/iam-wizard/logs)')
		.option('--signing-key <file|arn>', 'Ed25519 private key (PEM): checks the plan and signs the change log; or a KMS key ARN that signs the change log and must have certified the plan')
		.option('--anchors <s3url>', "keep the session's anchor in this S3 bucket with Object Lock, s3://BUCKET/PREFIX (default: settings)")
		.addOption(new Option('--validation <where>', "policy documents: aws (Access Analyzer ValidatePolicy, the default) or local (its local subset when Access Analyzer cannot answer); default: the plan's").choices(['aws', 'local']))
		.option('--debug', 'show debug lines and stack traces on stderr')
		.addHelpText(
			'after',
			'\nRefused, nothing applied (exit 1): the plan is stale (something an action depends on changed), for another\naccount, edited or signed by another key, made from a snapshot, or needs --confirm-account / --allow-lockout-risk.\nExit codes: 0 all applied; 1 refused, not confirmed, or stopped by a failure (the change log says exactly\nwhat was applied); 2 usage error (missing or unreadable plan, a plan from a newer iam-wizard, no terminal without --yes).',
		)
		.action(async (options) => {
			const { runApply } = await import('./apply.js');
			setExitCode(await runApply(options, await readSettings(), io));
		});

	program
		.command('demo-clock')
		.description("show the demo account's clock, or move it forward to see later phases (a workload on its new role, a grace period ending)")
		.option('--advance <days>', 'move the demo clock forward by this many days')
		.action(async (options) => {
			const { runDemoClock } = await import('./demo-clock.js');
			setExitCode(await runDemoClock(options, io));
		});

	addSourceOptions(program.command('query'))
		.description('ask the principal graph who can do an action, or what a principal can reach, with paths')
		.option('--who-can <action>', 'every principal that can make this request, itself or through a path (e.g. iam:PassRole)')
		.option('--on <resource>', 'with --who-can: the resource ARN the request is on')
		.option('--reach <principal>', 'what this user or role (ARN, name, user/NAME or role/NAME) can act as')
		.addOption(new Option('--format <format>', 'output format').choices([...queryFormats]).default('table'))
		.action(async (options) => {
			const { runQuery } = await import('./query.js');
			setExitCode(await runQuery(options, await readSettings(), await demoClockIo(io, options), options.debug ? (line) => io.stderr(`debug: ${line}\n`) : undefined));
		});

	addSourceOptions(program.command('inventory'))
		.description('export every user and role with keys, MFA, last use and policies (the auditors\' spreadsheet)')
		.addOption(new Option('--format <format>', 'output format').choices([...inventoryFormats]).default('csv'))
		.option('--output <file>', 'write the export to a file instead of stdout')
		.action(async (options) => {
			const { runInventoryExport } = await import('./inventory-export.js');
			setExitCode(await runInventoryExport(options, await readSettings(), io, options.debug ? (line) => io.stderr(`debug: ${line}\n`) : undefined));
		});

	acceptNoColorEverywhere(program);
	nameCommandInHelpHint(program);
	return program;
}

/**
 * After a usage error Commander prints the hint each command was given; subcommands inherit
 * the program's, so `audit export` without its file pointed at `iam-wizard --help`, the
 * top-level help, which does not list export's arguments. Each command names its own help.
 */
function nameCommandInHelpHint(command: Command, path = command.name()): void {
	command.showHelpAfterError(`(run ${path} --help for usage)`);
	for (const sub of command.commands) nameCommandInHelpHint(sub, `${path} ${sub.name()}`);
}

/**
 * `--no-color` is the wizard's option, but scripts pass it to every command (`scan --no-color`):
 * with positional options a subcommand rejects what it does not declare, so each declares it.
 * Headless commands print no colour, so there it changes nothing.
 */
function acceptNoColorEverywhere(command: Command): void {
	for (const sub of command.commands) {
		if (!sub.options.some((o) => o.long === '--no-color') && sub.commands.length === 0) sub.option('--no-color', 'no colours (NO_COLOR is honoured too)');
		acceptNoColorEverywhere(sub);
	}
}

/** An error is one line on the terminal, whatever it quotes (a library's multi-line message, a file's content). */
function oneLine(message: string): string {
	return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Runs the command line and returns the exit code; never throws. */
export async function runProgram(argv: string[], processIo: CommandIo, hooks: ProgramHooks = {}): Promise<number> {
	const io = printableIo(processIo);
	let exitCode: number = exitCodes.ok;
	const program = buildProgram(io, (code) => (exitCode = code), hooks);
	const debug = argv.includes('--debug');
	try {
		await program.parseAsync(argv, { from: 'user' });
		return exitCode;
	} catch (error) {
		if (error instanceof CommanderError) {
			if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return exitCodes.ok;
			return exitCodes.usage;
		}
		if (error instanceof UsageError) {
			io.stderr(`iam-wizard: ${oneLine(error.message)}\n`);
			if (debug && error.stack) io.stderr(`${error.stack}\n`);
			return error.exitCode;
		}
		if (error instanceof FileError) {
			io.stderr(`iam-wizard: ${oneLine(error.message)}\n`);
			if (debug && error.stack) io.stderr(`${error.stack}\n`);
			return error.exitCode;
		}
		if (isGatewayError(error)) {
			io.stderr(`iam-wizard: ${oneLine(error.message)}\n`);
			if (debug) io.stderr(`${(error as Error).stack ?? ''}\n${error.cause ? `caused by: ${String((error.cause as Error).stack ?? error.cause)}\n` : ''}`);
			return exitCodes.usage;
		}
		const message = oneLine(error instanceof Error ? error.message : String(error));
		io.stderr(`iam-wizard: unexpected error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
		if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
		return exitCodes.findingsOrRefused;
	}
}
