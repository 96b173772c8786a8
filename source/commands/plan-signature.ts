/**
 * Signing plan files with the change-log key: Ed25519 over the RFC 8785 JSON of the plan
 * without its `signature`, so any edit after the plan was written (an action added, a
 * digest changed, one space in a policy) fails the check.
 */
import { createPublicKey, sign, verify } from 'node:crypto';
import { canonicalJson, digestOf } from '../audit/canonical-record.js';
import { fingerprintOf, type SigningKey } from '../audit/signing-key.js';
import { unsignedPlan, type PlanFile, type PlanSignature, type UnsignedPlan } from '../core/plan-file.js';

export function signPlan(body: UnsignedPlan, key: SigningKey): PlanFile {
	const value = sign(null, Buffer.from(canonicalJson(body)), key.privateKey).toString('base64');
	const signature: PlanSignature = { algorithm: 'Ed25519', keyFingerprint: key.fingerprint, publicKeyPem: key.publicKeyPem, value };
	return { ...body, signature };
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
