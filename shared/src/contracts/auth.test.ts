import { pathsOf } from './contracts.builders.js';
import { zDevTokenRequest, zSession, zTenantId } from './auth.js';

describe('zTenantId', () => {
  test('accepts a WeCom corp id and refuses separators', () => {
    expect(zTenantId.safeParse('ww1234567890abcdef').success).toBe(true);
    expect(zTenantId.safeParse('demo_corp-1').success).toBe(true);
    expect(zTenantId.safeParse('a#b').success).toBe(false);
    expect(zTenantId.safeParse('').success).toBe(false);
    expect(zTenantId.safeParse('x'.repeat(65)).success).toBe(false);
  });
});

describe('zSession', () => {
  test('needs at least one known role', () => {
    const base = { tenant: 'demo', user: 'zhangsan' };
    expect(zSession.safeParse({ ...base, roles: ['warehouse'] }).success).toBe(true);
    expect(pathsOf(zSession, { ...base, roles: [] })).toEqual(['roles']);
    expect(pathsOf(zSession, { ...base, roles: ['root'] })).toEqual(['roles.0']);
  });
});

describe('zDevTokenRequest', () => {
  test('needs a user and refuses unknown fields', () => {
    expect(zDevTokenRequest.safeParse({ user: 'zhangsan' }).success).toBe(true);
    expect(pathsOf(zDevTokenRequest, { roles: ['admin'] })).toEqual(['user', 'roles']);
  });
});
