import { readSecretString } from '../adapters/aws/secrets.js';
import type { Config } from '../config.js';
import { sessionKey, type SessionKey } from './tokens.js';

let cached: Promise<SessionKey> | undefined;

/**
 * The session signing key. Local: from the environment. AWS: fetched once per container
 * from Secrets Manager (the SDK is loaded only there, so local runs never need it).
 */
export function getSessionKey(config: Config): Promise<SessionKey> {
  cached ??= load(config).catch((err) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

export function resetSessionKey(): void {
  cached = undefined;
}

async function load(config: Config): Promise<SessionKey> {
  if (config.sessionSecret) return sessionKey(config.sessionSecret);
  if (!config.sessionSecretArn)
    throw new Error('neither SESSION_SECRET nor SESSION_SECRET_ARN is set');
  const secret = await readSecretString(config.region, config.sessionSecretArn);
  if (!secret) throw new Error('session secret is empty');
  return sessionKey(secret);
}
