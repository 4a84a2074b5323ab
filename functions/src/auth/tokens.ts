import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { AppError, type Session, zSession } from '@factory/shared';

const ISSUER = 'factory-erp';
const AUDIENCE = 'factory-erp-api';
export const SESSION_TTL_SECONDS = 12 * 3600;

export type SessionKey = Uint8Array;

export function sessionKey(secret: string): SessionKey {
  if (secret.length < 32) throw new Error('session secret must be at least 32 characters');
  return new TextEncoder().encode(secret);
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
  const token = await new SignJWT({ tid: session.tenant, roles: session.roles, name: session.name })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(session.user)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key);
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
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
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: SESSION_TTL_SECONDS,
      currentDate: now,
    });
    const parsed = zSession.safeParse({
      tenant: payload.tid,
      user: payload.sub,
      name: payload.name,
      roles: payload.roles,
    });
    if (!parsed.success) throw unauthenticated('会话令牌内容无效');
    return parsed.data;
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof joseErrors.JWTExpired) throw unauthenticated('登录已过期，请重新登录');
    throw unauthenticated('会话令牌无效');
  }
}

export function unauthenticated(message = '请先登录'): AppError {
  return new AppError('auth.unauthenticated', message);
}
