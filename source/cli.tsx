#!/usr/bin/env node
import './quiet-warnings.js';
import './production-env.js';
import './compiler-flags.js';
import { createInterface } from 'node:readline/promises';
import { writeFailure } from './fs/file-error.js';
import { runProgram } from './commands/program.js';

// Warnings (the AWS SDK's about the Node.js version, for one) are handled by quiet-warnings.ts, imported first.
const argv = process.argv.slice(2);

// `iam-wizard scan | head` closes the pipe early: that is the reader's choice, not an error.
// Any other failure to write the output (`> /dev/full`, a full disk) is one sentence and exit 2.
function outputFailed(error: unknown): never {
	if ((error as NodeJS.ErrnoException)?.code === 'EPIPE') process.exit(process.exitCode ?? 0);
	process.stderr.write(`iam-wizard: ${writeFailure('the standard output', error).message}\n`);
	process.exit(2);
}
process.stdout.on('error', outputFailed);

const io = {
	stdout: (text: string) => {
		// Output redirected to a file is written synchronously, and a failure throws here.
		try {
			process.stdout.write(text);
		} catch (error) {
			outputFailed(error);
		}
	},
	// A report made as bytes (scan --format json) is written without a 20 MB string in between.
	stdoutBytes: (bytes: Uint8Array) => {
		try {
			process.stdout.write(bytes);
		} catch (error) {
			outputFailed(error);
		}
	},
	stderr: (text: string) => void process.stderr.write(text),
	env: process.env,
	cwd: process.cwd(),
	isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
	prompt: async (question: string) => {
		const rl = createInterface({ input: process.stdin, output: process.stdout });
		try {
			return await rl.question(question);
		} finally {
			rl.close();
		}
	},
	now: () => new Date(),
};

process.exitCode = await runProgram(argv, io);
