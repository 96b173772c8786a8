import { createRequire } from 'node:module';

// source/tool-version.ts and dist/tool-version.js both sit one level below package.json.
const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

export const toolName = pkg.name;
export const toolVersion = pkg.version;
