import Taro from '@tarojs/taro';
import { setConfig } from './config';
import { loginAsDemoUser, logout } from './login';
import { getSession } from './session';

type Call = { url: string; method?: string; header?: Record<string, string>; data?: unknown };
const stub = Taro as unknown as {
  request: (o: Call) => Promise<{ statusCode: number; data: unknown }>;
};

describe('H5 login through the WeCom simulator', () => {
  afterEach(() => logout());

  test('the simulator issues a code for the demo user; our API turns it into a session', async () => {
    setConfig({
      apiBaseUrl: 'http://api.test',
      simulatorUrl: 'http://sim.test',
      corpid: 'wwdemo01',
    });
    const calls: Call[] = [];
    stub.request = async (o) => {
      calls.push(o);
      if (o.url === 'http://sim.test/sim/api/login-code')
        return { statusCode: 200, data: { code: 'CODE1', expiresIn: 300 } };
      return {
        statusCode: 200,
        data: {
          token: 'T',
          expiresAt: '2999-01-01T00:00:00.000Z',
          tenant: 'wwdemo01',
          user: 'zhangwei',
          name: '张伟（销售）',
          roles: ['sales'],
        },
      };
    };
    const session = await loginAsDemoUser('zhangwei');
    expect(calls.map((c) => [c.method, c.url, c.data])).toEqual([
      ['POST', 'http://sim.test/sim/api/login-code', { corpid: 'wwdemo01', userid: 'zhangwei' }],
      ['POST', 'http://api.test/api/auth/wecom/login', { code: 'CODE1', corpId: 'wwdemo01' }],
    ]);
    // Neither call carries a token or an Idempotency-Key (the simulator's CORS allows neither).
    for (const c of calls) expect(Object.keys(c.header ?? {})).toEqual(['accept', 'content-type']);
    expect(session).toMatchObject({ token: 'T', user: 'zhangwei', roles: ['sales'] });
    expect(getSession()?.token).toBe('T');
  });

  test('a simulator refusal comes back in its own words', async () => {
    setConfig({ apiBaseUrl: 'http://api.test', simulatorUrl: 'http://sim.test', corpid: 'x' });
    stub.request = async () => ({
      statusCode: 404,
      data: { error: '成员不存在或不在应用可见范围内' },
    });
    await expect(loginAsDemoUser('nobody')).rejects.toThrow('成员不存在或不在应用可见范围内');
    expect(getSession()).toBeUndefined();
  });
});
