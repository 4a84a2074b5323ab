import { SignJWT } from 'jose';
import { getSigningKey } from '../../functions/src/auth/signingKey.js';
import { getDeps } from '../../functions/src/deps.js';
import { errorOf, startApi, type Api } from './harness.js';

// Edges that cost others (issue 10, point 9): what every response says to a browser, and
// session tokens that would never expire.
let api: Api;
beforeAll(async () => {
  api = await startApi({ serveMiniapp: true });
});
afterAll(() => api.close());

describe('API responses carry X-Content-Type-Options: nosniff', () => {
  it('answers, errors, replays, the gateway’s own answers and the WeCom callback’s text', async () => {
    const token = await api.token('admin');
    const post = () =>
      api.call('POST', '/api/units', {
        token,
        body: { code: 'sec-u', name: '件', precision: 0 },
        headers: { 'idempotency-key': 'security-units-1' },
      });
    const created = await post();
    const replayed = await post();
    expect(replayed.headers.get('idempotent-replay')).toBe('true');
    const responses = [
      await api.call('GET', '/api/health'),
      created,
      replayed,
      await api.call('GET', '/api/units/none', { token }),
      await api.call('GET', '/api/units'),
      await api.call('GET', '/api/no-such-route'),
      await api.call('DELETE', '/api/health'),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 201, 201, 404, 401, 404, 405]);
    const callback = await fetch(`${api.url}/wecom/callback?msg_signature=x&timestamp=1&nonce=n`, {
      method: 'POST',
      body: '<xml></xml>',
    });
    expect(callback.status).toBe(401);
    for (const headers of [...responses.map((r) => r.headers), callback.headers])
      expect(headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('/app/ security headers', () => {
  it('the page, its files and its config carry CSP, nosniff, frame and referrer policies', async () => {
    for (const path of ['/app/', '/app/config.json', '/app/js/none.js']) {
      const res = await fetch(`${api.url}${path}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toMatch(
        /default-src 'self'.*script-src 'self';.*frame-ancestors 'none'/,
      );
    }
  });
});

describe('session tokens', () => {
  const sign = async (claims: { exp?: number }) => {
    const iat = Math.floor(api.runtime.clock.now().getTime() / 1000);
    const jwt = new SignJWT({ tid: 'wwtest01', roles: ['admin'] })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setIssuer('factory-erp')
      .setAudience('factory-erp-api')
      .setSubject('admin')
      .setIssuedAt(iat);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    return jwt.sign(await getSigningKey(getDeps().config));
  };

  it('a correctly signed token without exp is refused with 401; the same with exp works', async () => {
    const forever = await api.call('GET', '/api/units', { token: await sign({}) });
    expect(forever.status).toBe(401);
    expect(errorOf(forever).code).toBe('auth.unauthenticated');
    const exp = Math.floor(api.runtime.clock.now().getTime() / 1000) + 60;
    expect((await api.call('GET', '/api/units', { token: await sign({ exp }) })).status).toBe(200);
  });
});
