/**
 * `npm run bench`: runs every benchmark module in this folder (each exports
 * `run(): Promise<string[]>`) and prints its figures. Figures live here, never as timed
 * assertions in tests. `npm run bench -- NAME` runs the modules whose file name contains NAME.
 *
 * Each module runs in a process of its own, so one module's memory (a 100,000-record log)
 * never shows in another's peak, and with NODE_ENV=production, as the CLI runs React.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [mode, argument] = process.argv.slice(2);

async function runModule(name: string): Promise<void> {
	// Library warnings (the SDK's about Node 20) are not figures.
	process.removeAllListeners('warning');
	const module = (await import(pathToFileURL(join(here, name)).href)) as { run?: () => Promise<string[]> };
	if (typeof module.run !== 'function') return;
	const started = performance.now();
	for (const line of await module.run()) console.log(line);
	console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}

if (mode === '--module' && argument) {
	await runModule(argument);
} else {
	// Benchmarks write nothing outside a temporary folder.
	const home = mkdtempSync(join(tmpdir(), 'iam-wizard-bench-'));
	const env = {
		...process.env,
		AWS_EC2_METADATA_DISABLED: 'true',
		NODE_ENV: 'production',
		HOME: home,
		XDG_CONFIG_HOME: join(home, 'config'),
		XDG_DATA_HOME: join(home, 'data'),
		XDG_STATE_HOME: join(home, 'state'),
	};
	const modules = readdirSync(here)
		.filter((name) => name.endsWith('.ts') && name !== 'run.ts' && !name.startsWith('_'))
		.filter((name) => !mode || name.includes(mode))
		.sort();
	let failed = false;
	for (const name of modules) {
		console.log(`## ${name.replace(/\.ts$/, '')}`);
		const child = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', fileURLToPath(import.meta.url), '--module', name], { env, stdio: 'inherit' });
		if (child.status !== 0) failed = true;
	}
	process.exitCode = failed ? 1 : 0;
}
