#!/usr/bin/env node
import './production-env.js';
import { createInterface } from 'node:readline/promises';
import { runProgram } from './commands/program.js';

const argv = process.argv.slice(2);
const debug = argv.includes('--debug');

// Libraries warn through process warnings (the AWS SDK about the Node.js version, for one).
// They are not the operator's business: shown with --debug only, never in the middle of output.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
	if (debug) process.stderr.write(`debug: ${warning.name}: ${warning.message}\n`);
});

// `iam-wizard scan | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
	throw error;
});

const io = {
	stdout: (text: string) => void process.stdout.write(text),
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
