// No test may reach AWS or the instance metadata address, nor write outside a temp folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.NO_COLOR = '1';
const home = mkdtempSync(join(tmpdir(), 'iam-wizard-test-'));
process.env.HOME = home;
process.env.XDG_CONFIG_HOME = join(home, 'config');
process.env.XDG_DATA_HOME = join(home, 'data');
process.env.XDG_STATE_HOME = join(home, 'state');
process.env.XDG_CACHE_HOME = join(home, 'cache');
// Ink draws nothing until exit when it loads under CI=true (as CI runners set it): the
// screen tests read frames, as the wizard's own entry arranges (commands/import-interactive).
for (const k of ['CI', 'CONTINUOUS_INTEGRATION']) delete process.env[k];
for (const k of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL']) {
	delete process.env[k];
}
process.env.AWS_CONFIG_FILE = join(home, 'aws-config');
process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'aws-credentials');
