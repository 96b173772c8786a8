// Imported first by the CLI, before any module that loads the AWS SDK or another library:
// warnings are not the operator's business and tools that treat stderr output as failure
// run iam-wizard headless. Node.js and library warnings (the AWS SDK's multi-line
// NodeVersionSupportWarning on Node 20, for one) reach stderr only with --debug, as
// "debug:" lines. Being first, this catches warnings raised while later modules load too.
const debug = process.argv.slice(2).includes('--debug');

// The SDK checks this before it warns at all, whichever of its copies is loaded and whenever.
if (!debug) process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

process.removeAllListeners('warning');
process.on('warning', (warning) => {
	if (debug) process.stderr.write(`debug: ${warning.name}: ${warning.message}\n`);
});

export {};
