import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError, type Session, zSession } from '@factory/shared';

const ISSUER = 'factory-erp';
const AUDIENCE = 'factory-erp-api';
export const SESSION_TTL_SECONDS = 12 * 3600;

export type SessionKey = Uint8Array;

export function sessionKey(secret: string): SessionKey {
  if (secret.length < 32) throw new Error('session secret must be at least 32 characters');
  return new TextEncoder().encode(secret);
}

/**
 * Session tokens are JWTs (RFC 7519) signed with HMAC-SHA256 (JWS HS256), made and checked
 * with node:crypto: the one algorithm and the few claims the product uses, in a few lines
 * instead of a JOSE library in every function's bundle. Tokens of either are the same.
 */
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function sign(key: SessionKey, signingInput: string): Buffer {
  return createHmac('sha256', key).update(signingInput).digest();
}

/** A signed session token (HS256 JWT) naming tenant, user and roles. */
export async function mintSessionToken(
  key: SessionKey,
  session: Session,
  now: Date,
  ttlSeconds = SESSION_TTL_SECONDS,
): Promise<{ token: string; expiresAt: string }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + ttlSeconds;
  const payload = base64url(
    JSON.stringify({
      tid: session.tenant,
      roles: session.roles,
      name: session.name,
      iss: ISSUER,
      aud: AUDIENCE,
      sub: session.user,
      iat,
      exp,
    }),
  );
  const signature = sign(key, `${HEADER}.${payload}`).toString('base64url');
  return {
    token: `${HEADER}.${payload}.${signature}`,
    expiresAt: new Date(exp * 1000).toISOString(),
  };
}

/**
 * Verifies a session token: signature (HS256 only), issuer, audience, and its lifetime. A
 * token must carry `exp` and `iat` (one without `exp` would be valid forever), must not be
 * older than SESSION_TTL_SECONDS whatever its `exp` says, and must not be issued in the future.
 */
export async function verifySessionToken(
  key: SessionKey,
  token: string,
  now: Date,
): Promise<Session> {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => p.length > 0 && BASE64URL.test(p))) {
    throw unauthenticated('会话令牌无效');
  }
  const [header, payload, signature] = parts as [string, string, string];
  const expected = sign(key, `${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw unauthenticated('会话令牌无效');
  }
  const head = json(header);
  // Signed with our key, yet only ever HS256 with nothing the verifier must understand.
  if (head?.alg !== 'HS256' || 'crit' in head || 'b64' in head) {
    throw unauthenticated('会话令牌无效');
  }
  const claims = json(payload);
  const at = Math.floor(now.getTime() / 1000);
  const audience = claims?.aud;
  if (
    !claims ||
    claims.iss !== ISSUER ||
    !(audience === AUDIENCE || (Array.isArray(audience) && audience.includes(AUDIENCE))) ||
    typeof claims.sub !== 'string' ||
    !isNumericDate(claims.exp) ||
    !isNumericDate(claims.iat) ||
    (claims.nbf !== undefined && (!isNumericDate(claims.nbf) || claims.nbf > at))
  ) {
    throw unauthenticated('会话令牌无效');
  }
  // Issued in the future: not a session this service handed out.
  if (claims.iat > at) throw unauthenticated('会话令牌无效');
  if (claims.exp <= at || at - claims.iat > SESSION_TTL_SECONDS) {
    throw unauthenticated('登录已过期，请重新登录');
  }
  const parsed = zSession.safeParse({
    tenant: claims.tid,
    user: claims.sub,
    name: claims.name,
    roles: claims.roles,
  });
  if (!parsed.success) throw unauthenticated('会话令牌内容无效');
  return parsed.data;
}

function json(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function unauthenticated(message = '请先登录'): AppError {
  return new AppError('auth.unauthenticated', message);
}
