/** The mock runtime's tool-signing key pair (SchemaPin: ECDSA P-256 with SHA-256). */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';

/** An ECDSA P-256 key pair plus the public key as SPKI PEM. */
export interface SigningKeys {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** SPKI PEM of `publicKey` (`-----BEGIN PUBLIC KEY-----...`). */
  readonly publicKeyPem: string;
}

/** Generates a fresh ECDSA P-256 key pair. */
export function createSigningKeys(): SigningKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKey, publicKeyPem };
}
