import { AppError, type Session } from '@factory/shared';
import { readConfig } from '../config.js';
import { loadVerifyKey } from './secret.js';
import { loadSigningKey, type SecretStore } from './signingKey.js';
import { mintSessionToken, verifySessionToken } from './tokens.js';

const NOW = new Date('2026-12-01T08:00:00.000Z');
const SESSION: Session = { tenant: 'ww-demo', user: 'zhangsan', roles: ['admin'] };
const config = readConfig({
  SESSION_SIGNING_KEY_ARN: 'arn:signing',
  SESSION_PUBLIC_KEY_ARN: 'arn:public',
});

/**
 * Secrets Manager as the loader uses it: versions with ids, and a write's ClientRequestToken
 * that makes a repeat with the same text a no-op and one with another text fail.
 */
function memorySecrets(initial: Record<string, string>) {
  const secrets = new Map<
    string,
    { value: string; versionId: string; tokens: Map<string, string> }
  >();
  let n = 0;
  for (const [id, value] of Object.entries(initial)) {
    secrets.set(id, { value, versionId: `v${++n}`, tokens: new Map() });
  }
  const store: SecretStore & { puts: number; set(id: string, value: string): void } = {
    puts: 0,
    async read(id) {
      const s = secrets.get(id)!;
      return { value: s.value, versionId: s.versionId };
    },
    async put(id, value, token) {
      const s = secrets.get(id)!;
      const earlier = s.tokens.get(token);
      if (earlier !== undefined) return earlier === value;
      s.tokens.set(token, value);
      s.value = value;
      s.versionId = `v${++n}`;
      store.puts++;
      return true;
    },
    set(id, value) {
      const s = secrets.get(id)!;
      s.value = value;
      s.versionId = `v${++n}`;
    },
  };
  return store;
}

const placeholder = JSON.stringify({ placeholder: 'x' });
const read = (store: SecretStore) => async (id: string) => (await store.read(id)).value;

describe('the session key pair in AWS', () => {
  it('is generated on first use, its public half published: tokens verify with it', async () => {
    const store = memorySecrets({ 'arn:signing': placeholder, 'arn:public': placeholder });
    // Before any login there is no public key: verifiers refuse (401), nothing else.
    await expect(loadVerifyKey(config, read(store))).rejects.toBeInstanceOf(AppError);

    const key = await loadSigningKey(config, store);
    expect(key.type).toBe('private');
    expect(JSON.parse((await store.read('arn:signing')).value!).privateKey).toMatch(
      /BEGIN PRIVATE KEY/,
    );
    const { token } = await mintSessionToken(key, SESSION, NOW);
    const publicKey = await loadVerifyKey(config, read(store));
    expect(publicKey.type).toBe('public');
    expect(await verifySessionToken(publicKey, token, NOW)).toEqual(SESSION);
  });

  it('is generated once when two containers race: both sign with the winner', async () => {
    const store = memorySecrets({ 'arn:signing': placeholder, 'arn:public': placeholder });
    const [a, b] = await Promise.all([
      loadSigningKey(config, store),
      loadSigningKey(config, store),
    ]);
    const pem = (k: typeof a) => k.export({ format: 'pem', type: 'pkcs8' });
    expect(pem(a)).toEqual(pem(b));
    const { token } = await mintSessionToken(b, SESSION, NOW);
    expect(await verifySessionToken(await loadVerifyKey(config, read(store)), token, NOW)).toEqual(
      SESSION,
    );
  });

  it('is loaded, not generated again, once there; a rotation ({}) makes a new pair', async () => {
    const store = memorySecrets({ 'arn:signing': placeholder, 'arn:public': placeholder });
    const first = await loadSigningKey(config, store);
    const writes = store.puts;
    const again = await loadSigningKey(config, store);
    expect(store.puts).toBe(writes);
    const pem = (k: typeof first) => k.export({ format: 'pem', type: 'pkcs8' });
    expect(pem(again)).toEqual(pem(first));

    const { token: old } = await mintSessionToken(first, SESSION, NOW);
    store.set('arn:signing', '{}');
    const rotated = await loadSigningKey(config, store);
    expect(pem(rotated)).not.toEqual(pem(first));
    const publicKey = await loadVerifyKey(config, read(store));
    const { token } = await mintSessionToken(rotated, SESSION, NOW);
    expect(await verifySessionToken(publicKey, token, NOW)).toEqual(SESSION);
    // Everyone signs in again: the old pair's tokens no longer verify.
    await expect(verifySessionToken(publicKey, old, NOW)).rejects.toMatchObject({
      code: 'auth.unauthenticated',
    });
  });
});
