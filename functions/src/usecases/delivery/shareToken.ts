import { createHmac, timingSafeEqual } from 'node:crypto';
import { missing } from './notFound.js';
import type { Deps } from '../../deps.js';
import { getSessionKey } from '../../auth/secret.js';

// Share tokens of delivery notes (发货单分享链接): signed, not stored. A token names the tenant,
// the delivery and when it expires, signed with HMAC-SHA256 under the session key and a
// purpose of its own (so no session token is ever a share token, nor the reverse). Without
// the key nobody can make one, and a token cannot be widened to another delivery or tenant.

const PURPOSE = 'delivery-note:v1:';

type Claims = { t: string; d: string; e: number };

async function sign(deps: Deps, payload: string): Promise<Buffer> {
  const key = await getSessionKey(deps.config);
  return createHmac('sha256', key)
    .update(PURPOSE + payload)
    .digest();
}

export async function mintShareToken(
  deps: Deps,
  tenant: string,
  delivery: string,
  expiresAt: Date,
): Promise<string> {
  const claims: Claims = { t: tenant, d: delivery, e: Math.floor(expiresAt.getTime() / 1000) };
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${payload}.${(await sign(deps, payload)).toString('base64url')}`;
}

/** A link that is not ours, was changed, or has expired: the same 404 (nothing told apart). */
export const shareInvalid = () => missing('delivery', '链接无效或已过期');

/** The tenant and delivery a valid, unexpired token names. */
export async function readShareToken(
  deps: Deps,
  token: string,
  now: Date,
): Promise<{ tenant: string; delivery: string; expiresAt: Date }> {
  const [payload, signature] = token.split('.');
  if (!payload || !signature) throw shareInvalid();
  const expected = await sign(deps, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw shareInvalid();
  let claims: Claims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
  } catch {
    throw shareInvalid();
  }
  if (typeof claims.t !== 'string' || typeof claims.d !== 'string' || typeof claims.e !== 'number')
    throw shareInvalid();
  const expiresAt = new Date(claims.e * 1000);
  if (expiresAt.getTime() <= now.getTime()) throw shareInvalid();
  return { tenant: claims.t, delivery: claims.d, expiresAt };
}
