import { createPublicKey } from 'node:crypto';
import { readSecretString } from '../adapters/aws/secrets.js';
import { secretCache, type SecretCache } from '../adapters/secretCache.js';
import type { Config } from '../config.js';
import { sessionKeyPair, unauthenticated, type VerifyKey } from './tokens.js';

/**
 * The key every function checking bearer tokens holds (issue 19): the public half of the
 * session key pair. The share-link key is in auth/shareKey.ts, the private half in
 * auth/signingKey.ts, imported only where tokens are issued, so only those
 * functions' roles may read it (infra/src/constructs/roles.ts finds who imports what).
 *
 * Local: both derived from SESSION_SECRET. AWS: read from Secrets Manager by ARN and cached
 * for SECRET_TTL_MS (5 minutes), so a rotated key pair is seen without a redeploy; a token
 * whose signature does not verify makes the verifier read the public key again once.
 */
let verifyKey: SecretCache<VerifyKey> | undefined;

export function getVerifyKey(config: Config): Promise<VerifyKey> {
  verifyKey ??= secretCache(() => loadVerifyKey(config, readerOf(config)));
  return verifyKey.get();
}

/** The public key read again (at most every 10 s): after a signature that did not verify. */
export function refreshVerifyKey(config: Config): Promise<VerifyKey> {
  verifyKey ??= secretCache(() => loadVerifyKey(config, readerOf(config)));
  return verifyKey.refresh();
}

export function resetSessionKey(): void {
  verifyKey = undefined;
}

/** The public key's secret: `{"publicKey":"-----BEGIN PUBLIC KEY-----…"}` (SPKI PEM). */
export type PublicKeySecret = { publicKey?: string };

const readerOf = (config: Config) => (id: string) => readSecretString(config.region, id);

/** The public key: from SESSION_SECRET locally, else from the public key secret. */
export async function loadVerifyKey(
  config: Config,
  read: (id: string) => Promise<string | undefined>,
): Promise<VerifyKey> {
  if (config.sessionSecret) return sessionKeyPair(config.sessionSecret).publicKey;
  if (!config.sessionPublicKeyArn) {
    throw new Error('neither SESSION_SECRET nor SESSION_PUBLIC_KEY_ARN is set');
  }
  const text = await read(config.sessionPublicKeyArn);
  const pem = parseJson<PublicKeySecret>(text)?.publicKey;
  // Nobody has signed in yet: the first login generates the pair and publishes this half.
  if (!pem) throw unauthenticated('会话密钥尚未生成，请先登录');
  return createPublicKey(pem);
}

export function parseJson<T>(text: string | undefined): T | undefined {
  try {
    const value: unknown = JSON.parse(text ?? '');
    return value !== null && typeof value === 'object' ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}
