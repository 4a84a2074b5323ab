import { jest } from '@jest/globals';
import { WecomClient } from './client.js';
import { WecomError } from './errors.js';
import { buttonCardMessage } from './messages.js';
import { TokenProvider, type TokenStore } from './tokens.js';

type Reply = Record<string, unknown>;

const APP = {
  corpId: 'wwtest01',
  agentId: 1000002,
  secret: 's3cret',
  token: 'tok',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};

function memoryStore(): TokenStore {
  let token: { accessToken: string; expiresAt: number } | undefined;
  let lease = false;
  return {
    read: async () => token,
    write: async (t) => {
      token = t;
    },
    acquireLease: async () => (lease ? false : (lease = true)),
    releaseLease: async () => {
      lease = false;
    },
  };
}

/** A scripted WeCom: answers each API from a queue (or a default), and records every call. */
function fakeWecom(script: Record<string, Reply[]>, defaults: Record<string, Reply> = {}) {
  const calls: { path: string; query: Record<string, string>; body?: unknown }[] = [];
  let tokens = 0;
  const fetchFn = (async (input: URL | RequestInfo, init?: RequestInit) => {
    const url = new URL(String(input));
    const query = Object.fromEntries(url.searchParams);
    calls.push({
      path: url.pathname,
      query,
      ...(init?.body ? { body: JSON.parse(String(init.body)) } : {}),
    });
    let reply: Reply | undefined;
    if (url.pathname === '/cgi-bin/gettoken') {
      reply = script[url.pathname]?.shift() ?? {
        errcode: 0,
        errmsg: 'ok',
        access_token: `T${++tokens}`,
        expires_in: 7200,
      };
    } else {
      reply = script[url.pathname]?.shift() ?? defaults[url.pathname];
    }
    return new Response(JSON.stringify(reply ?? { errcode: 404, errmsg: 'no reply' }), {
      status: 200,
    });
  }) as typeof fetch;
  return { fetchFn, calls };
}

function clientWith(
  fake: ReturnType<typeof fakeWecom>,
  extra: Partial<ConstructorParameters<typeof WecomClient>[0]> = {},
) {
  const sleeps: number[] = [];
  const client = new WecomClient({
    baseUrl: 'http://wecom.test',
    app: APP,
    store: memoryStore(),
    fetch: fake.fetchFn,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...extra,
  });
  return { client, sleeps };
}

const USER_OK = { errcode: 0, errmsg: 'ok', userid: 'lisi', name: '李四', department: [1, 2] };

describe('WecomClient', () => {
  test('calls with the cached token and the base URL; gettoken once', async () => {
    const fake = fakeWecom({}, { '/cgi-bin/user/get': USER_OK });
    const { client } = clientWith(fake);
    expect(await client.getUser('lisi')).toEqual({
      userid: 'lisi',
      name: '李四',
      department: [1, 2],
    });
    await client.getUser('lisi');
    expect(fake.calls.map((c) => c.path)).toEqual([
      '/cgi-bin/gettoken',
      '/cgi-bin/user/get',
      '/cgi-bin/user/get',
    ]);
    expect(fake.calls[0]!.query).toEqual({ corpid: 'wwtest01', corpsecret: 's3cret' });
    expect(fake.calls[1]!.query).toEqual({ userid: 'lisi', access_token: 'T1' });
  });

  test.each([40014, 42001])(
    'on %i the token is fetched again and the call retried once',
    async (errcode) => {
      const fake = fakeWecom(
        { '/cgi-bin/user/get': [{ errcode, errmsg: 'invalid access_token' }] },
        { '/cgi-bin/user/get': USER_OK },
      );
      const { client } = clientWith(fake);
      expect((await client.getUser('lisi')).userid).toBe('lisi');
      expect(fake.calls.map((c) => [c.path, c.query.access_token])).toEqual([
        ['/cgi-bin/gettoken', undefined],
        ['/cgi-bin/user/get', 'T1'],
        ['/cgi-bin/gettoken', undefined],
        ['/cgi-bin/user/get', 'T2'],
      ]);
    },
  );

  test('a token refused twice in a row is an error, not a loop', async () => {
    const refused = { errcode: 40014, errmsg: 'invalid access_token' };
    const fake = fakeWecom({ '/cgi-bin/user/get': [refused, refused, USER_OK] });
    const { client } = clientWith(fake);
    await expect(client.getUser('lisi')).rejects.toMatchObject({ errcode: 40014 });
    expect(fake.calls.filter((c) => c.path === '/cgi-bin/gettoken')).toHaveLength(2);
  });

  test('40001 (bad secret) is not retried', async () => {
    const fake = fakeWecom({
      '/cgi-bin/gettoken': [{ errcode: 40001, errmsg: 'invalid credential' }],
    });
    const { client } = clientWith(fake);
    const err = (await client.getUser('lisi').catch((e: unknown) => e)) as WecomError;
    expect(err).toBeInstanceOf(WecomError);
    expect([err.errcode, err.api, err.status]).toEqual([40001, 'gettoken', 502]);
    expect(fake.calls).toHaveLength(1);
  });

  test('45009 / 45033 back off with growing, capped, jittered pauses, a bounded number of times', async () => {
    const busy = (errcode: number) => ({ errcode, errmsg: 'api freq out of limit' });
    const fake = fakeWecom({
      '/cgi-bin/user/get': [busy(45009), busy(45033), busy(45009), USER_OK],
    });
    const { client, sleeps } = clientWith(fake, { throttleBaseMs: 100, throttleCapMs: 300 });
    expect((await client.getUser('lisi')).userid).toBe('lisi');
    // random() = 0.5: three quarters of each window (100, 200, then capped at 300).
    expect(sleeps).toEqual([75, 150, 225]);

    const always = fakeWecom({}, { '/cgi-bin/user/get': busy(45009) });
    const bounded = clientWith(always, { throttleRetries: 2, random: () => 0 });
    await expect(bounded.client.getUser('lisi')).rejects.toMatchObject({ errcode: 45009 });
    expect(always.calls.filter((c) => c.path === '/cgi-bin/user/get')).toHaveLength(3);
    expect(bounded.sleeps).toEqual([250, 500]);
  });

  test('60020 says which IP and to add the NAT EIPs to 企业可信IP', async () => {
    const fake = fakeWecom({
      '/cgi-bin/user/get': [
        {
          errcode: 60020,
          errmsg:
            'not allow to access from your ip, hint: [1-abc], from ip: 52.80.1.2, more info at x',
        },
      ],
    });
    const { client } = clientWith(fake);
    const lines: unknown[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((line: unknown) => {
      lines.push(line);
    });
    const err = (await client
      .getUser('lisi')
      .catch((e: unknown) => e)
      .finally(() => spy.mockRestore())) as WecomError;
    // The line the WecomUntrustedIp alarm's metric filter ({ $.errcode = 60020 }) counts.
    expect(lines.map((l) => JSON.parse(String(l)) as Record<string, unknown>)).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'wecom untrusted ip',
        api: 'user/get',
        errcode: 60020,
      }),
    ]);
    expect(err.errcode).toBe(60020);
    expect(err.message).toContain('52.80.1.2');
    expect(err.message).toContain('企业可信IP');
    expect(err.message).toContain('EIP');
    expect(err.details).toMatchObject({ api: 'user/get', errcode: 60020 });
  });

  test('40029 from jscode2session is a WecomError with a clear message', async () => {
    const fake = fakeWecom({
      '/cgi-bin/miniprogram/jscode2session': [{ errcode: 40029, errmsg: 'invalid code' }],
    });
    const { client } = clientWith(fake);
    await expect(client.jscode2session('used')).rejects.toMatchObject({
      errcode: 40029,
      message: expect.stringContaining('40029') as unknown,
    });
  });

  test('message/send adds the agent id and splits the invalid recipients', async () => {
    const fake = fakeWecom({
      '/cgi-bin/message/send': [
        { errcode: 0, errmsg: 'ok', invaliduser: 'x|y', msgid: 'm1', response_code: 'rc1' },
      ],
    });
    const { client } = clientWith(fake);
    const message = buttonCardMessage(
      { touser: ['lisi', 'x', 'y'] },
      { taskId: 't1', title: '采购申请', buttons: [{ text: '同意', key: 'approve:1' }] },
    );
    expect(await client.sendMessage(message)).toEqual({
      msgid: 'm1',
      responseCode: 'rc1',
      invalidUsers: ['x', 'y'],
      invalidParties: [],
      invalidTags: [],
      unlicensedUsers: [],
    });
    expect(fake.calls[1]!.body).toMatchObject({
      touser: 'lisi|x|y',
      agentid: 1000002,
      msgtype: 'template_card',
    });
  });

  test('update_template_card sends the response code and the replacement label', async () => {
    const fake = fakeWecom({
      '/cgi-bin/message/update_template_card': [{ errcode: 0, errmsg: 'ok', invaliduser: [] }],
    });
    const { client } = clientWith(fake);
    await client.updateTemplateCard({
      userids: ['lisi'],
      responseCode: 'rc1',
      replaceName: '已同意',
    });
    expect(fake.calls[1]!.body).toEqual({
      userids: ['lisi'],
      partyids: [],
      tagids: [],
      atall: 0,
      agentid: 1000002,
      response_code: 'rc1',
      button: { replace_name: '已同意' },
    });
  });

  test('the token provider is the shared single-flight one', () => {
    const { client } = clientWith(fakeWecom({}));
    expect(client.tokens).toBeInstanceOf(TokenProvider);
  });
});
