import Taro from '@tarojs/taro';
import { setConfig } from './config';
import { ApiError, apiRequest, type RetryPolicy } from './request';
import { clearSession, saveSession } from './session';

type Call = { url: string; method?: string; header?: Record<string, string>; data?: unknown };
type Answer = { statusCode: number; data: unknown } | 'timeout';

const stub = Taro as unknown as {
  request: (o: Call) => Promise<{ statusCode: number; data: unknown }>;
};
const FAST: RetryPolicy = { attempts: 3, timeoutMs: 1000, delayMs: () => 0 };

function script(answers: Answer[]): Call[] {
  const calls: Call[] = [];
  stub.request = async (o) => {
    calls.push(o);
    const a = answers.shift() ?? { statusCode: 500, data: {} };
    if (a === 'timeout') throw { errMsg: 'request:fail timeout' };
    return a;
  };
  return calls;
}

describe('apiRequest', () => {
  beforeEach(() => {
    setConfig({ apiBaseUrl: 'http://api.test' });
    saveSession({ token: 'tok', user: 'zhangwei', roles: ['sales'], tenant: 'wwdemo01' });
  });
  afterEach(() => clearSession());

  test('a submit that times out is retried with the same Idempotency-Key', async () => {
    const calls = script(['timeout', 'timeout', { statusCode: 201, data: { no: 'SO1' } }]);
    const res = await apiRequest<{ no: string }>(
      { method: 'POST', path: '/api/sales-orders', body: { customer: 'C1' } },
      FAST,
    );
    expect(res).toEqual({ no: 'SO1' });
    expect(calls).toHaveLength(3);
    const keys = calls.map((c) => c.header?.['idempotency-key']);
    expect(keys[0]).toMatch(/^[A-Za-z0-9_.:-]{8,128}$/);
    expect(new Set(keys).size).toBe(1);
    expect(calls[0]!.header?.authorization).toBe('Bearer tok');
    expect(calls[0]!.url).toBe('http://api.test/api/sales-orders');
    expect(calls[0]!.data).toEqual({ customer: 'C1' });
  });

  test('each submit has a fresh key; a given key is used as is', async () => {
    const calls = script([
      { statusCode: 201, data: {} },
      { statusCode: 201, data: {} },
      { statusCode: 201, data: {} },
    ]);
    await apiRequest({ method: 'POST', path: '/a', body: {} }, FAST);
    await apiRequest({ method: 'POST', path: '/a', body: {} }, FAST);
    await apiRequest({ method: 'POST', path: '/a', body: {}, idempotencyKey: 'mine-0001' }, FAST);
    const keys = calls.map((c) => c.header?.['idempotency-key']);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBe('mine-0001');
  });

  test('"in progress" and gateway errors are retried with the same key too', async () => {
    const busy = { error: { code: 'idempotency.inProgress', message: '相同的请求正在处理中' } };
    const calls = script([
      { statusCode: 409, data: busy },
      { statusCode: 503, data: '' },
      { statusCode: 200, data: { ok: true } },
    ]);
    await expect(apiRequest({ method: 'POST', path: '/a', body: {} }, FAST)).resolves.toEqual({
      ok: true,
    });
    expect(new Set(calls.map((c) => c.header?.['idempotency-key'])).size).toBe(1);
  });

  test('a definite answer is not retried: validation errors come back with their issues', async () => {
    const body = {
      error: {
        code: 'request.invalid',
        message: '有些内容需要修改，请看标红的地方',
        issues: [{ path: ['body', 'lines', 0, 'qty'], message: '数量必须大于 0' }],
      },
    };
    const calls = script([{ statusCode: 400, data: JSON.stringify(body) }]);
    const err = (await apiRequest({ method: 'POST', path: '/a', body: {} }, FAST).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(400);
    expect(err.code).toBe('request.invalid');
    expect(err.issues[0]!.path).toEqual(['body', 'lines', 0, 'qty']);
    expect(calls).toHaveLength(1);
  });

  test('after the last try a timeout is a zh-CN network error; reads carry no key', async () => {
    const calls = script(['timeout', 'timeout', 'timeout']);
    await expect(
      apiRequest({ method: 'GET', path: '/api/items', query: { q: '风扇', limit: 5 } }, FAST),
    ).rejects.toMatchObject({ status: 0, code: 'network.timeout' });
    expect(calls).toHaveLength(3);
    expect(calls[0]!.header?.['idempotency-key']).toBeUndefined();
    expect(calls[0]!.url).toBe(`http://api.test/api/items?q=${encodeURIComponent('风扇')}&limit=5`);
  });
});
