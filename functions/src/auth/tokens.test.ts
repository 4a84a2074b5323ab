import { SignJWT } from 'jose';
import { AppError, type Session } from '@factory/shared';
import {
  SESSION_TTL_SECONDS,
  SignatureMismatch,
  mintSessionToken,
  sessionKeyPair,
  verifySessionToken,
} from './tokens.js';

const PAIR = sessionKeyPair('k'.repeat(32));
/** The issuer's half (login) and the verifier's half (every other function). */
const KEY = PAIR.privateKey;
const PUBLIC = PAIR.publicKey;
const OTHER_KEY = sessionKeyPair('o'.repeat(40)).privateKey;
const NOW = new Date('2026-12-01T08:00:00.000Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

function aSession(overrides: Partial<Session> = {}): Session {
  return {
    tenant: 'ww-demo',
    user: 'zhangsan',
    name: '张三',
    roles: ['warehouse', 'planner'],
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the token to be refused');
}

/** Replace the payload of a signed token, keeping its header and signature. */
function withPayload(token: string, change: (payload: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  change(claims);
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

describe('sessionKeyPair', () => {
  test('refuses a secret shorter than 32 characters', () => {
    expect(() => sessionKeyPair('s'.repeat(31))).toThrow(/at least 32/);
    expect(() => sessionKeyPair('')).toThrow(/at least 32/);
  });

  test('derives the same P-256 pair from the same secret, another from another', () => {
    const again = sessionKeyPair('k'.repeat(32));
    const jwk = (k: typeof PUBLIC) => k.export({ format: 'jwk' });
    expect(PAIR.privateKey.asymmetricKeyType).toBe('ec');
    expect(PAIR.privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(PAIR.publicKey.type).toBe('public');
    expect(jwk(again.publicKey)).toEqual(jwk(PUBLIC));
    expect(jwk(sessionKeyPair('o'.repeat(40)).publicKey)).not.toEqual(jwk(PUBLIC));
  });
});

describe('session tokens', () => {
  test('mint then verify gives back the session', async () => {
    const { token } = await mintSessionToken(KEY, aSession(), NOW);
    expect(await verifySessionToken(PUBLIC, token, later(60))).toEqual(aSession());
  });

  test('a session without a display name round-trips', async () => {
    const { name: _name, ...session } = aSession();
    const { token } = await mintSessionToken(KEY, session, NOW);
    const verified = await verifySessionToken(PUBLIC, token, NOW);
    expect(verified).toMatchObject(session);
    expect(verified.name).toBeUndefined();
  });

  test('expires after the TTL (12 hours by default)', async () => {
    const { token, expiresAt } = await mintSessionToken(KEY, aSession(), NOW);
    expect(SESSION_TTL_SECONDS).toBe(12 * 3600);
    expect(expiresAt).toBe('2026-12-01T20:00:00.000Z');
    await expect(
      verifySessionToken(PUBLIC, token, later(SESSION_TTL_SECONDS - 1)),
    ).resolves.toEqual(aSession());
  });

  test('an expired token is auth.unauthenticated, with a message to log in again', async () => {
    const { token } = await mintSessionToken(KEY, aSession(), NOW, 60);
    const err = await refusal(verifySessionToken(PUBLIC, token, later(61)));
    expect(err.code).toBe('auth.unauthenticated');
    expect(err.status).toBe(401);
    expect(err.message).toBe('登录已过期，请重新登录');
  });

  test('a token signed with another key is auth.unauthenticated', async () => {
    const { token } = await mintSessionToken(OTHER_KEY, aSession(), NOW);
    const err = await refusal(verifySessionToken(PUBLIC, token, NOW));
    expect(err.code).toBe('auth.unauthenticated');
    expect(err.message).toBe('会话令牌无效');
  });

  test('a token whose roles were tampered with is refused', async () => {
    const { token } = await mintSessionToken(KEY, aSession({ roles: ['worker'] }), NOW);
    const forged = withPayload(token, (claims) => {
      claims.roles = ['admin'];
    });
    expect(forged).not.toBe(token);
    expect((await refusal(verifySessionToken(PUBLIC, forged, NOW))).code).toBe(
      'auth.unauthenticated',
    );
  });

  test('a token moved to another tenant is refused', async () => {
    const { token } = await mintSessionToken(KEY, aSession(), NOW);
    const forged = withPayload(token, (claims) => {
      claims.tid = 'someone-else';
    });
    expect((await refusal(verifySessionToken(PUBLIC, forged, NOW))).code).toBe(
      'auth.unauthenticated',
    );
  });

  test('an unsigned (alg none) token is refused', async () => {
    const { token } = await mintSessionToken(KEY, aSession(), NOW);
    const [, payload] = token.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expect((await refusal(verifySessionToken(PUBLIC, none, NOW))).code).toBe(
      'auth.unauthenticated',
    );
  });

  test.each(['', 'garbage', 'a.b.c'])('garbage %j is refused', async (token) => {
    expect((await refusal(verifySessionToken(PUBLIC, token, NOW))).code).toBe(
      'auth.unauthenticated',
    );
  });

  test('a correctly signed token for another audience or issuer is refused', async () => {
    const iat = Math.floor(NOW.getTime() / 1000);
    const sign = (issuer: string, audience: string) =>
      new SignJWT({ tid: 'ww-demo', roles: ['admin'] })
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject('zhangsan')
        .setIssuedAt(iat)
        .setExpirationTime(iat + 60)
        .sign(KEY);
    expect(
      (await refusal(verifySessionToken(PUBLIC, await sign('factory-erp', 'other-api'), NOW))).code,
    ).toBe('auth.unauthenticated');
    expect(
      (await refusal(verifySessionToken(PUBLIC, await sign('someone', 'factory-erp-api'), NOW)))
        .code,
    ).toBe('auth.unauthenticated');
  });

  test('a signed token whose content is not a valid session is refused as such', async () => {
    const { token } = await mintSessionToken(
      KEY,
      aSession({ roles: [] as unknown as Session['roles'] }),
      NOW,
    );
    const err = await refusal(verifySessionToken(PUBLIC, token, NOW));
    expect(err.code).toBe('auth.unauthenticated');
    expect(err.message).toBe('会话令牌内容无效');
  });

  describe('lifetime claims are required', () => {
    const iat = Math.floor(NOW.getTime() / 1000);
    const signed = (claims: { iat?: number; exp?: number }) => {
      const jwt = new SignJWT({ tid: 'ww-demo', roles: ['admin'] })
        .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
        .setIssuer('factory-erp')
        .setAudience('factory-erp-api')
        .setSubject('zhangsan');
      if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
      if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
      return jwt.sign(KEY);
    };

    test('a correctly signed token without exp is refused (it would never expire)', async () => {
      const token = await signed({ iat });
      const err = await refusal(verifySessionToken(PUBLIC, token, NOW));
      expect(err.code).toBe('auth.unauthenticated');
      expect(err.status).toBe(401);
    });

    test('a correctly signed token without iat is refused', async () => {
      const token = await signed({ exp: iat + 60 });
      expect((await refusal(verifySessionToken(PUBLIC, token, NOW))).code).toBe(
        'auth.unauthenticated',
      );
    });

    test('a token older than the session TTL is refused even if its exp lies further out', async () => {
      const token = await signed({ iat, exp: iat + 10 * SESSION_TTL_SECONDS });
      await expect(verifySessionToken(PUBLIC, token, later(60))).resolves.toMatchObject({
        user: 'zhangsan',
      });
      const err = await refusal(verifySessionToken(PUBLIC, token, later(SESSION_TTL_SECONDS + 1)));
      expect(err.message).toBe('登录已过期，请重新登录');
    });

    test('a token issued in the future is refused', async () => {
      const token = await signed({ iat: iat + 3600, exp: iat + 7200 });
      expect((await refusal(verifySessionToken(PUBLIC, token, NOW))).code).toBe(
        'auth.unauthenticated',
      );
    });
  });
});

describe('tokens made by a JOSE library', () => {
  test('are read as ours, and ours verify there (the same JWTs)', async () => {
    const { jwtVerify } = await import('jose');
    const iat = Math.floor(NOW.getTime() / 1000);
    const theirs = await new SignJWT({ tid: 'ww-demo', roles: ['admin'], name: '张三' })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setIssuer('factory-erp')
      .setAudience(['factory-erp-api'])
      .setSubject('zhangsan')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .sign(KEY);
    expect(await verifySessionToken(PUBLIC, theirs, NOW)).toEqual(
      aSession({ roles: ['admin'] as Session['roles'] }),
    );
    const { token } = await mintSessionToken(KEY, aSession(), NOW);
    const { payload, protectedHeader } = await jwtVerify(token, PUBLIC, {
      issuer: 'factory-erp',
      audience: 'factory-erp-api',
      algorithms: ['ES256'],
      currentDate: NOW,
    });
    expect(protectedHeader).toEqual({ alg: 'ES256', typ: 'JWT' });
    expect(payload).toMatchObject({
      tid: 'ww-demo',
      sub: 'zhangsan',
      exp: iat + SESSION_TTL_SECONDS,
    });
  });

  test('a token signed with ES256 but a header we must not ignore (crit) is refused', async () => {
    const { token } = await mintSessionToken(KEY, aSession(), NOW);
    const [, payload] = token.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'ES256', crit: ['exp'] })).toString(
      'base64url',
    );
    const { sign } = await import('node:crypto');
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), {
      key: KEY,
      dsaEncoding: 'ieee-p1363',
    }).toString('base64url');
    const err = await refusal(verifySessionToken(PUBLIC, `${header}.${payload}.${signature}`, NOW));
    expect(err.code).toBe('auth.unauthenticated');
  });
});

describe('ES256 only, with the public key only', () => {
  test('a verifier holding the public key cannot mint: it is not a signing key', async () => {
    await expect(mintSessionToken(PUBLIC as never, aSession(), NOW)).rejects.toThrow();
  });

  test('a token signed with another key is a SignatureMismatch (the verifier reads the key again)', async () => {
    const { token } = await mintSessionToken(OTHER_KEY, aSession(), NOW);
    expect(await refusal(verifySessionToken(PUBLIC, token, NOW))).toBeInstanceOf(SignatureMismatch);
  });

  test('an HS256 token keyed with the public key (algorithm confusion) is refused', async () => {
    const { token } = await mintSessionToken(KEY, aSession(), NOW);
    const [, payload] = token.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const { createHmac } = await import('node:crypto');
    const pem = PUBLIC.export({ format: 'pem', type: 'spki' });
    const signature = createHmac('sha256', pem).update(`${header}.${payload}`).digest('base64url');
    const err = await refusal(verifySessionToken(PUBLIC, `${header}.${payload}.${signature}`, NOW));
    expect(err.code).toBe('auth.unauthenticated');
  });
});
