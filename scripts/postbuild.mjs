// Makes the built CLI executable, so `npx iam-wizard` runs it straight after `npm install`.
import { chmodSync } from 'node:fs';

chmodSync(new URL('../dist/cli.js', import.meta.url), 0o755);
