import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { putSecretString, readSecretVersion } from '../adapters/aws/secrets.js';
import { secretCache, type SecretCache } from '../adapters/secretCache.js';
import type { Config } from '../config.js';
import { parseJson, type PublicKeySecret } from './secret.js';
import { sessionKeyPair, type SigningKey } from './tokens.js';

/**
 * The private half of the session key pair, for the functions that issue session tokens
 * (login; the local dev token) and for no other: importing this module is what gives a
 * function's role the signing secret (infra/src/constructs/roles.ts).
 *
 * AWS: the signing secret (SESSION_SIGNING_KEY_ARN) is created empty; the first login
 * generates a P-256 pair into it (of racing containers one wins: the write's token is derived
 * from the version it replaces) and publishes the public half to the public key secret
 * (SESSION_PUBLIC_KEY_ARN), which every other function reads. To rotate, put `{}` in the
 * signing secret: within five minutes a login generates a new pair (everyone signs in again).
 */
let signingKey: SecretCache<SigningKey> | undefined;

export function getSigningKey(config: Config): Promise<SigningKey> {
  signingKey ??= secretCache(() => loadSigningKey(config, awsSecrets(config.region)));
  return signingKey.get();
}

/** What the key pair's loader needs of Secrets Manager (tests give an in-memory one). */
export type SecretStore = {
  read(id: string): Promise<{ value: string | undefined; versionId: string | undefined }>;
  /** A new current version, idempotent by `token` (false: another text won with it). */
  put(id: string, value: string, token: string): Promise<boolean>;
};

const awsSecrets = (region: string): SecretStore => ({
  read: (id) => readSecretVersion(region, id),
  put: (id, value, token) => putSecretString(region, id, value, token),
});

export function resetSigningKey(): void {
  signingKey = undefined;
}

/** The signing secret: `{"privateKey":"-----BEGIN PRIVATE KEY-----…"}` (PKCS #8 PEM). */
type PrivateKeySecret = { privateKey?: string };

/**
 * The signing key: from SESSION_SECRET locally; else from the signing secret, generated into
 * it when it holds none (of racing containers one wins: the write's token is derived from the
 * version it replaces, and the losers read the winner's), its public half published.
 */
export async function loadSigningKey(config: Config, store: SecretStore): Promise<SigningKey> {
  if (config.sessionSecret) return sessionKeyPair(config.sessionSecret).privateKey;
  const { sessionSigningKeyArn: arn, sessionPublicKeyArn: publicArn } = config;
  if (!arn || !publicArn) {
    throw new Error('SESSION_SIGNING_KEY_ARN and SESSION_PUBLIC_KEY_ARN must both be set');
  }
  let current = await store.read(arn);
  let pem = parseJson<PrivateKeySecret>(current.value)?.privateKey;
  if (!pem) {
    const generated = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const text = JSON.stringify({
      privateKey: generated.privateKey.export({ format: 'pem', type: 'pkcs8' }),
    });
    await store.put(arn, text, `keypair-${current.versionId ?? 'none'}`);
    current = await store.read(arn);
    pem = parseJson<PrivateKeySecret>(current.value)?.privateKey;
    if (!pem) throw new Error('the session signing secret holds no private key');
  }
  const privateKey = createPrivateKey(pem);
  await publish(
    store,
    publicArn,
    createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }),
  );
  return privateKey;
}

/** Makes the public key secret hold the public half of the current pair. */
async function publish(
  store: SecretStore,
  publicArn: string,
  publicKey: string | Buffer,
): Promise<void> {
  const pem = publicKey.toString();
  const published = await store.read(publicArn);
  if (parseJson<PublicKeySecret>(published.value)?.publicKey === pem) return;
  const token = `public-${createHash('sha256').update(pem).digest('hex').slice(0, 40)}`;
  await store.put(publicArn, JSON.stringify({ publicKey: pem }), token);
}
