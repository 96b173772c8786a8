/**
 * Prints the worked example of docs/change-log-format.md: a three-record session (header,
 * attestation, seal) signed with the RFC 8032 test key 1, so anyone can recompute it.
 * Run: npx tsx scripts/change-log-example.ts
 */
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { canonicalForms } from '../source/audit/canonical-record.js';
import { logFormatVersion, type RecordBody } from '../source/audit/log-records.js';
import { RecordChain } from '../source/audit/record-chain.js';
import { sessionFileName } from '../source/audit/session-files.js';
import { fingerprintOf } from '../source/audit/signing-key.js';

const seed = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const privateKey = createPrivateKey({ key: Buffer.from(`302e020100300506032b657004220420${seed}`, 'hex'), format: 'der', type: 'pkcs8' });
const publicKey = createPublicKey(privateKey);
const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
const fingerprint = fingerprintOf(publicKey);
const started = new Date('2026-11-27T20:15:03.123Z');
const session = '6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const chain = new RecordChain({ privateKey, fingerprint }, null);
const bodies: RecordBody[] = [
	{
		type: 'header', format: logFormatVersion, tool: 'iam-wizard', toolVersion: '0.1.0', session, account: '123456789012',
		caller: 'arn:aws:iam::123456789012:user/ops-admin', region: 'eu-west-1', mode: 'live', command: 'wizard',
		signer: { publicKey: publicKeyPem, fingerprint }, started: started.toISOString(), prevSession: null,
	},
	{ type: 'attestation', time: '2026-11-27T20:16:00.000Z', step: 5, statement: 'The root user has a hardware MFA device', findingIds: ['ROOT_NO_HW_MFA'], reason: 'CHG-42' },
	{ type: 'seal', time: '2026-11-27T20:17:00.000Z', count: 3, lastHash: '' },
];
const out: string[] = [];
let file = '';
for (const [index, body] of bodies.entries()) {
	const b = body.type === 'seal' ? { ...body, lastHash: chain.lastHash as string } : body;
	const signed = chain.append(b);
	const unsigned = canonicalForms(signed.record as unknown as Record<string, unknown>).unsigned;
	file += signed.line;
	out.push(`### Record ${index + 1}: ${body.type}`, '');
	out.push('Signed bytes (the canonical record without `sig`), as UTF-8 text:', '', '```', unsigned, '```', '');
	out.push(`- signed bytes: ${Buffer.byteLength(unsigned)} bytes, SHA-256 \`${createHash('sha256').update(unsigned).digest('hex')}\``);
	out.push(`- \`sig\` (base64): \`${signed.record.sig}\``);
	out.push(`- \`sig\` (hex): \`${Buffer.from(signed.record.sig, 'base64').toString('hex')}\``);
	out.push(`- record hash (SHA-256 of the line without its LF, hex): \`${signed.hash}\``, '');
}
const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
console.log(`File name: \`${sessionFileName(started, session)}\`\n`);
console.log(`Public key (raw, hex): \`${raw.toString('hex')}\`; fingerprint \`${fingerprint}\`; PEM:\n\n\`\`\`\n${publicKeyPem.trimEnd()}\n\`\`\`\n`);
console.log(out.join('\n'));
console.log(`The whole file (${Buffer.byteLength(file)} bytes), base64:\n\n\`\`\`base64\n${Buffer.from(file).toString('base64').replace(/.{76}/g, '$&\n')}\n\`\`\``);
console.log(`\nThe whole file, hex:\n\n\`\`\`hex\n${Buffer.from(file).toString('hex').replace(/.{128}/g, '$&\n')}\n\`\`\``);
