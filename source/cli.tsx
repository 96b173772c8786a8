#!/usr/bin/env node
import { createInterface } from 'node:readline/promises';
import { runProgram } from './commands/program.js';

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

process.exitCode = await runProgram(process.argv.slice(2), io);
