import {
  createECDH,
  createHash,
  createPrivateKey,
  createPublicKey,
  sign as signData,
  verify as verifyData,
  type KeyObject,
} from 'node:crypto';
import { AppError, type Session, zSession } from '@factory/shared';

const ISSUER = 'factory-erp';
const AUDIENCE = 'factory-erp-api';
export const SESSION_TTL_SECONDS = 12 * 3600;

/** The private half of the session key pair: only where tokens are issued (login). */
export type SigningKey = KeyObject;
/** The public half: every function that checks a bearer token. */
export type VerifyKey = KeyObject;
export type SessionKeyPair = { privateKey: SigningKey; publicKey: VerifyKey };

/**
 * A P-256 key pair derived from a secret (the local runtime's, the tests'): the same secret
 * gives the same pair, so a local data folder keeps its tokens valid across restarts. In AWS
 * the pair is generated at random instead (auth/signingKey.ts).
 */
export function sessionKeyPair(secret: string): SessionKeyPair {
  if (secret.length < 32) throw new Error('session secret must be at least 32 characters');
  const d = createHash('sha256').update(`session-key-pair\n${secret}`).digest();
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey(); // 0x04 || x || y
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    x: point.subarray(1, 33).toString('base64url'),
    y: point.subarray(33, 65).toString('base64url'),
  };
  return {
    privateKey: createPrivateKey({ key: { ...jwk, d: d.toString('base64url') }, format: 'jwk' }),
    publicKey: createPublicKey({ key: jwk, format: 'jwk' }),
  };
}

/**
 * Session tokens are JWTs (RFC 7519) signed with ECDSA P-256 and SHA-256 (JWS ES256, the
 * signature as R || S, RFC 7518 §3.4), made and checked with node:crypto: the one algorithm
 * and the few claims the product uses, in a few lines instead of a JOSE library in every
 * function's bundle. Only the function that issues tokens holds the private key; every other
 * function verifies with the public key, so none of them can mint a token (issue 19).
 */
const HEADER = base64url(JSON.stringify({ alg: 'ES256', typ: 'JWT' }));
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const ES256 = { dsaEncoding: 'ieee-p1363' } as const;

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function sign(key: SigningKey, signingInput: string): Buffer {
  return signData('sha256', Buffer.from(signingInput), { key, ...ES256 });
}

/**
 * The signature did not verify: perhaps the key pair was rotated since this container read
 * the public key (middleware/auth.ts then reads it again once).
 */
export class SignatureMismatch extends AppError {
  constructor() {
    super('auth.unauthenticated', '会话令牌无效');
  }
}

/** A signed session token (ES256 JWT) naming tenant, user and roles. */
export async function mintSessionToken(
  key: SigningKey,
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
 * Verifies a session token: signature (ES256 only), issuer, audience, and its lifetime. A
 * token must carry `exp` and `iat` (one without `exp` would be valid forever), must not be
 * older than SESSION_TTL_SECONDS whatever its `exp` says, and must not be issued in the future.
 */
export async function verifySessionToken(
  key: VerifyKey,
  token: string,
  now: Date,
): Promise<Session> {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => p.length > 0 && BASE64URL.test(p))) {
    throw unauthenticated('会话令牌无效');
  }
  const [header, payload, signature] = parts as [string, string, string];
  const given = Buffer.from(signature, 'base64url');
  if (
    given.length !== 64 ||
    !verifyData('sha256', Buffer.from(`${header}.${payload}`), { key, ...ES256 }, given)
  ) {
    throw new SignatureMismatch();
  }
  const head = json(header);
  // Signed with our key, yet only ever ES256 with nothing the verifier must understand.
  if (head?.alg !== 'ES256' || 'crit' in head || 'b64' in head) {
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
