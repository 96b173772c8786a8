/**
 * Signing plan files with the change-log key: Ed25519 over the RFC 8785 JSON of the plan
 * without its `signature`, so any edit after the plan was written (an action added, a
 * digest changed, one space in a policy) fails the check.
 */
import { createPublicKey, sign, verify } from 'node:crypto';
import { canonicalJson, digestOf } from '../audit/canonical-record.js';
import { certificateHolds, type SignerCertificate } from '../audit/kms-certificate.js';
import { fingerprintOf, type PublicSigningKey, type SigningKey } from '../audit/signing-key.js';
import { unsignedPlan, type PlanFile, type PlanSignature, type UnsignedPlan } from '../core/plan-file.js';

/** Signs with the change-log key, or with a key of the plan's own that a KMS key certified (it then carries the certificate). */
export function signPlan(body: UnsignedPlan, key: SigningKey): PlanFile {
	const value = sign(null, Buffer.from(canonicalJson(body)), key.privateKey).toString('base64');
	const signature: PlanSignature = { algorithm: 'Ed25519', keyFingerprint: key.fingerprint, publicKeyPem: key.publicKeyPem, value, ...(key.certificate ? { certificate: key.certificate } : {}) };
	return { ...body, signature };
}

/**
 * With the change log signed by a KMS key, the plan must be certified by that same key: a
 * plan signed by a key on this machine could be edited and re-signed by whoever can write its
 * files. `kms` is the key's public key as KMS answers it (GetPublicKey).
 */
export function checkPlanKmsCertificate(plan: PlanFile, arn: string, kms: PublicSigningKey): { ok: true } | { ok: false; problem: string } {
	const certificate = plan.signature.certificate;
	if (!certificate) {
		return { ok: false, problem: `it is signed by ${plan.signature.keyFingerprint}, a key on the machine that made it, and the change log is signed with the KMS key ${arn}; make the plan with plan --signing-key ${arn}, so that no one who can edit files can re-sign it` };
	}
	if (certificate.kmsKey !== arn) return { ok: false, problem: `it is certified by the KMS key ${certificate.kmsKey}, not by ${arn}` };
	if (certificate.fingerprint !== kms.fingerprint) return { ok: false, problem: `its certificate names the public key ${certificate.fingerprint}, and KMS answers ${kms.fingerprint} for ${arn}` };
	const holds = certificateHolds(certificate as SignerCertificate, { account: plan.account.id, signer: { fingerprint: plan.signature.keyFingerprint } });
	return holds.ok ? { ok: true } : { ok: false, problem: `its KMS certificate does not verify under ${arn}'s public key: the plan's key was not certified by KMS for this account` };
}

export type PlanSignatureCheck = { ok: true; fingerprint: string } | { ok: false; problem: string };

/** Checks the plan against the public key it names (the caller then decides whether that key is trusted). */
export function checkPlanSignature(plan: PlanFile): PlanSignatureCheck {
	let publicKey;
	try {
		publicKey = createPublicKey(plan.signature.publicKeyPem);
	} catch {
		return { ok: false, problem: 'its signature names no readable public key' };
	}
	if (publicKey.asymmetricKeyType !== 'ed25519') return { ok: false, problem: 'it is not signed with an Ed25519 key' };
	const fingerprint = fingerprintOf(publicKey);
	if (fingerprint !== plan.signature.keyFingerprint) return { ok: false, problem: 'its signature names a key fingerprint that does not match its public key' };
	let bytes: string;
	try {
		bytes = canonicalJson(unsignedPlan(plan));
	} catch {
		return { ok: false, problem: 'it holds values that have no JSON form' };
	}
	const good = verify(null, Buffer.from(bytes), publicKey, Buffer.from(plan.signature.value, 'base64'));
	return good ? { ok: true, fingerprint } : { ok: false, problem: 'its signature does not verify: it was edited after it was written' };
}

/** The digest of the state an action depends on, as the plan records and apply re-checks it. */
export function stateDigestOf(state: unknown): string {
	return digestOf(state ?? null);
}

/** A short ID for people: the first 12 hex digits of the SHA-256 of the signed plan. */
export function planIdOf(plan: PlanFile): string {
	return digestOf(plan).slice(0, 12);
}
