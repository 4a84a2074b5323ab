import type { Deps } from '../../deps.js';
import { mintShareToken, readShareToken } from './links.js';

const deps = {
  config: { sessionSecret: 'a-test-session-secret-of-at-least-32-chars' },
} as unknown as Deps;
const now = new Date('2026-12-01T00:30:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe('share tokens', () => {
  it('name their tenant and document until they expire', async () => {
    const token = await mintShareToken(deps, 'delivery', {
      tenant: 'wwa',
      no: 'DL-1',
      expiresAt: later(60_000),
    });
    await expect(readShareToken(deps, 'delivery', token, now)).resolves.toEqual({
      tenant: 'wwa',
      no: 'DL-1',
      expiresAt: later(60_000),
    });
    await expect(readShareToken(deps, 'delivery', token, later(60_000))).resolves.toBeUndefined();
  });

  it("refuse a changed payload, a changed signature, another document type's token and garbage alike", async () => {
    const token = await mintShareToken(deps, 'delivery', {
      tenant: 'wwa',
      no: 'DL-1',
      expiresAt: later(60_000),
    });
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
      await expect(readShareToken(deps, 'delivery', bad, now)).resolves.toBeUndefined();
    }
    await expect(readShareToken(deps, 'purchaseOrder', token, now)).resolves.toBeUndefined();
  });
});
