/**
 * Ed25519 signatures of a bundle's manifest (node:crypto only). The key pair is PEM: PKCS#8
 * for the private key (kept by whoever certifies), SPKI for the public key (given to whoever
 * checks). A fingerprint names a public key: SHA-256 of its DER form, as `SHA256:<base64>`.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

export function fingerprint(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`;
}

/** Writes PREFIX.key (private, readable by its owner only) and PREFIX.pub; returns the fingerprint. */
export function generateSigningKey(prefix: string): string {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(`${prefix}.key`, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(`${prefix}.pub`, publicKey.export({ type: 'spki', format: 'pem' }));
  return fingerprint(publicKey);
}

export function readPrivateKey(path: string): KeyObject {
  const key = createPrivateKey(readFileSync(path));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${path} is not an Ed25519 private key`);
  return key;
}

export function readPublicKey(path: string): KeyObject {
  const key = createPublicKey(readFileSync(path));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${path} is not an Ed25519 public key`);
  return key;
}

export const signText = (text: Buffer, key: KeyObject) => sign(null, text, key).toString('base64');

export const signatureHolds = (text: Buffer, signature: string, key: KeyObject) =>
  verify(null, text, key, Buffer.from(signature.trim(), 'base64'));
