import type { Deps } from '../../deps.js';
import { mintShareToken, readShareToken } from './shareToken.js';

const deps = {
  config: { sessionSecret: 'a-test-session-secret-of-at-least-32-chars' },
} as unknown as Deps;
const now = new Date('2026-12-01T00:30:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe('delivery note share tokens', () => {
  it('name their tenant and delivery until they expire', async () => {
    const token = await mintShareToken(deps, 'wwa', 'DL-1', later(60_000));
    await expect(readShareToken(deps, token, now)).resolves.toEqual({
      tenant: 'wwa',
      delivery: 'DL-1',
      expiresAt: later(60_000),
    });
    await expect(readShareToken(deps, token, later(60_000))).rejects.toMatchObject({
      code: 'resource.notFound',
    });
  });

  it('refuse a changed payload, a changed signature and garbage alike', async () => {
    const token = await mintShareToken(deps, 'wwa', 'DL-1', later(60_000));
    const [payload, signature] = token.split('.') as [string, string];
    const widened = Buffer.from(JSON.stringify({ t: 'wwb', d: 'DL-1', e: 1e12 })).toString(
      'base64url',
    );
    for (const bad of [
      `${widened}.${signature}`,
      `${payload}.${signature.slice(1)}A`,
      `${payload}.`,
      'nope',
    ]) {
      await expect(readShareToken(deps, bad, now)).rejects.toMatchObject({
        code: 'resource.notFound',
      });
    }
  });
});
