import { createHash } from 'node:crypto';
import { readSecretString } from '../adapters/aws/secrets.js';
import { secretCache, type SecretCache } from '../adapters/secretCache.js';
import type { Config } from '../config.js';

/**
 * The HMAC key of share links (usecases/share/links.ts): no session key of any kind, held only
 * by the functions making or opening share links (purchasing, delivery). Local: derived from
 * SESSION_SECRET. AWS: the share link secret (SHARE_SECRET_ARN), cached for 5 minutes.
 */
let shareKey: SecretCache<Uint8Array> | undefined;

export function getShareKey(config: Config): Promise<Uint8Array> {
  shareKey ??= secretCache(() => loadShareKey(config));
  return shareKey.get();
}

export function resetShareKey(): void {
  shareKey = undefined;
}

async function loadShareKey(config: Config): Promise<Uint8Array> {
  if (config.sessionSecret) {
    return createHash('sha256').update(`share-links\n${config.sessionSecret}`).digest();
  }
  if (!config.shareSecretArn) throw new Error('neither SESSION_SECRET nor SHARE_SECRET_ARN is set');
  const secret = await readSecretString(config.region, config.shareSecretArn);
  if (!secret || secret.length < 32) throw new Error('share link secret is empty or short');
  return new TextEncoder().encode(secret);
}
