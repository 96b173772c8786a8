/**
 * Run in a child process by the crash test: opens a session, applies one action, writes
 * the intent of a second, then dies with SIGKILL before its result, as a process killed
 * mid-call would. Arguments: log directory, keys directory.
 */
import { openAuditLog } from '../../source/audit/signed-audit-log.js';
import { loadOrCreateSigningKey } from '../../source/audit/signing-key.js';
import { clock, deactivateKey, logApplied, session } from './log-fixtures.js';

const [dir, keysDir] = process.argv.slice(2);
const key = await loadOrCreateSigningKey({ keysDir });
const now = clock();
const log = await openAuditLog({ dir, key, session: { ...session, command: 'apply' }, now });
await logApplied(log, deactivateKey('alice', 'AKIAIOSFODNN7EXAMPLE'), now);
const action = deactivateKey('bob', 'AKIAI44QH8DHBEXAMPLE');
await log.intent({ time: now().toISOString(), step: 5, action, findingIds: action.findingIds, reason: 'CHG-77' });
process.stdout.write(`${log.file}\n`);
process.kill(process.pid, 'SIGKILL');
