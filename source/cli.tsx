#!/usr/bin/env node
import './quiet-warnings.js';
import './production-env.js';
import { createInterface } from 'node:readline/promises';
import { runProgram } from './commands/program.js';

// Warnings (the AWS SDK's about the Node.js version, for one) are handled by quiet-warnings.ts, imported first.
const argv = process.argv.slice(2);

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
