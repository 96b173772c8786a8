/**
 * `npm run bench`: runs every benchmark module in this folder (each exports
 * `run(): Promise<string[]>`) and prints its figures. Figures live here, never as timed
 * assertions in tests. `npm run bench -- NAME` runs the modules whose file name contains NAME.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
// Benchmarks write nothing outside a temporary folder.
const home = mkdtempSync(join(tmpdir(), 'iam-wizard-bench-'));
for (const [key, sub] of [['HOME', ''], ['XDG_CONFIG_HOME', 'config'], ['XDG_DATA_HOME', 'data'], ['XDG_STATE_HOME', 'state']] as const) {
	process.env[key] = join(home, sub);
}
const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const modules = readdirSync(here)
	.filter((name) => name.endsWith('.ts') && name !== 'run.ts' && !name.startsWith('_'))
	.filter((name) => !filter || name.includes(filter))
	.sort();

for (const name of modules) {
	const module = (await import(pathToFileURL(`${here}/${name}`).href)) as { run?: () => Promise<string[]> };
	if (typeof module.run !== 'function') continue;
	console.log(`## ${name.replace(/\.ts$/, '')}`);
	const started = performance.now();
	for (const line of await module.run()) console.log(line);
	console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
