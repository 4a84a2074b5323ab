import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoCorps, type SimCorp } from './corps.js';
import { wecomDecrypt, wecomSignature } from './simCrypto.js';
import { MESSAGES_PER_MEMBER_PER_MINUTE, WecomSimulator } from './simulator.js';

type Json = Record<string, unknown>;

function setup() {
  const clock = { t: Date.parse('2026-12-01T08:00:00Z') };
  const corps = demoCorps();
  const sim = new WecomSimulator({ corps, now: () => clock.t, tokenTtlSeconds: 7200 });
  const corp = corps[0]!;
  const q = (o: Record<string, string>) => new URLSearchParams(o);
  const token = () =>
    String(sim.gettoken(q({ corpid: corp.corpid, corpsecret: corp.secret })).access_token);
  const send = (access: string, body: Json) =>
    sim.messageSend(q({ access_token: access }), { agentid: corp.agentId, ...body }, '127.0.0.1');
  return { clock, sim, corp, q, token, send };
}

const text = (touser: string) => ({ touser, msgtype: 'text', text: { content: '你好' } });

describe('WeCom simulator', () => {
  test('gettoken checks corpid and secret', () => {
    const { sim, corp, q } = setup();
    expect(sim.gettoken(q({ corpid: 'nope', corpsecret: 'x' })).errcode).toBe(40013);
    expect(sim.gettoken(q({ corpid: corp.corpid, corpsecret: 'wrong' })).errcode).toBe(40001);
    expect(sim.gettoken(q({ corpid: corp.corpid, corpsecret: corp.secret }))).toMatchObject({
      errcode: 0,
      expires_in: 7200,
    });
  });

  test('tokens expire (42001) and can be revoked early (40014)', () => {
    const { sim, corp, clock, token, q } = setup();
    const t = token();
    const get = (access: string) =>
      sim.userGet(q({ access_token: access, userid: 'lina' }), '127.0.0.1');
    expect(get(t)).toMatchObject({ errcode: 0, userid: 'lina', department: [3] });
    clock.t += 7200 * 1000;
    expect(get(t).errcode).toBe(42001);
    const t2 = token();
    expect(sim.revokeTokens(corp.corpid)).toBeGreaterThan(0);
    expect(get(t2).errcode).toBe(40014);
    expect(get('').errcode).toBe(41001);
  });

  test('login codes: single use, 5 minutes, only for the corp that issued them', () => {
    const { sim, clock, token, q } = setup();
    const t = token();
    const session = (code: string) =>
      sim.jscode2session(
        q({ access_token: t, js_code: code, grant_type: 'authorization_code' }),
        '1.1.1.1',
      );
    const code = sim.loginCode('wwdemo01', 'zhoujun')!.code;
    expect(session(code)).toMatchObject({ errcode: 0, corpid: 'wwdemo01', userid: 'zhoujun' });
    expect(session(code).errcode).toBe(40029);
    const late = sim.loginCode('wwdemo01', 'lina')!.code;
    clock.t += 301 * 1000;
    expect(session(late).errcode).toBe(40029);
    expect(session(sim.loginCode('wwdemo02', 'lisi')!.code).errcode).toBe(40029);
    expect(sim.loginCode('wwdemo01', 'guest')).toBeUndefined();
  });

  test('recipients outside the visible range come back invalid; all invalid is 81013', () => {
    const { sim, token, send } = setup();
    const t = token();
    expect(send(t, text('zhoujun|guest|NoSuchUser'))).toMatchObject({
      errcode: 0,
      invaliduser: 'guest|nosuchuser',
    });
    expect(send(t, text('guest'))).toMatchObject({ errcode: 81013, invaliduser: 'guest' });
    expect(sim.inbox('wwdemo01', 'zhoujun')).toHaveLength(1);
    expect(sim.inbox('wwdemo01', 'guest')).toHaveLength(0);
    // A department reaches its visible members.
    send(t, { toparty: '5', msgtype: 'text', text: { content: '车间通知' } });
    expect(sim.inbox('wwdemo01', 'liuyang')).toHaveLength(1);
    expect(sim.inbox('wwdemo01', 'chenjie')).toHaveLength(1);
  });

  test(`more than ${MESSAGES_PER_MEMBER_PER_MINUTE} messages a minute to one member are dropped silently`, () => {
    const { sim, clock, token, send } = setup();
    const t = token();
    for (let i = 0; i < MESSAGES_PER_MEMBER_PER_MINUTE + 5; i++) {
      expect(send(t, text('lina')).errcode).toBe(0);
    }
    expect(sim.inbox('wwdemo01', 'lina')).toHaveLength(MESSAGES_PER_MEMBER_PER_MINUTE);
    expect(sim.stats('wwdemo01').dropped).toBe(5);
    clock.t += 60_001;
    send(t, text('lina'));
    expect(sim.inbox('wwdemo01', 'lina')).toHaveLength(MESSAGES_PER_MEMBER_PER_MINUTE + 1);
  });

  test('response codes: returned for interactive cards, single use, 72 hours', () => {
    const { sim, clock, token, send, q, corp } = setup();
    const t = token();
    const card = (taskId: string) => ({
      touser: 'zhoujun',
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        task_id: taskId,
        main_title: { title: '采购申请' },
        button_list: [{ text: '同意', style: 1, key: 'approve:1' }],
      },
    });
    const sent = send(t, card('task-1'));
    expect(sent.response_code).toEqual(expect.any(String));
    expect(send(t, card('task-1')).errcode).toBe(40058);
    const update = (code: unknown) =>
      sim.updateTemplateCard(
        q({ access_token: token() }),
        {
          userids: ['zhoujun'],
          agentid: corp.agentId,
          response_code: code,
          button: { replace_name: '已同意' },
        },
        '127.0.0.1',
      );
    expect(update(sent.response_code).errcode).toBe(0);
    expect(sim.inbox('wwdemo01', 'zhoujun')[0]).toMatchObject({ replaceName: '已同意' });
    expect(update(sent.response_code).errcode).toBe(40058);
    const later = send(t, card('task-2'));
    clock.t += 72 * 3600 * 1000 + 1;
    expect(update(later.response_code).errcode).toBe(40058);
  });

  test('an untrusted IP gets 60020 on data APIs once the app has a trusted-IP list', () => {
    const { sim, token, q } = setup();
    const t = token();
    sim.setTrustedIps('wwdemo01', ['10.0.0.1']);
    const res = sim.userGet(q({ access_token: t, userid: 'lina' }), '10.0.0.2');
    expect(res.errcode).toBe(60020);
    expect(res.errmsg).toContain('from ip: 10.0.0.2');
    expect(sim.userGet(q({ access_token: t, userid: 'lina' }), '10.0.0.1').errcode).toBe(0);
  });
});

describe('WeCom simulator callbacks', () => {
  /** A product stand-in: verifies the URL like the real one, then answers POSTs as scripted. */
  async function product(corp: SimCorp, script: ('hang' | number)[]) {
    const received: { query: URLSearchParams; body: string }[] = [];
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      let body = '';
      req.on('data', (d) => (body += String(d)));
      req.on('end', () => {
        if (req.method === 'GET') {
          const echostr = url.searchParams.get('echostr')!;
          const ok =
            wecomSignature(
              corp.token,
              url.searchParams.get('timestamp')!,
              url.searchParams.get('nonce')!,
              echostr,
            ) === url.searchParams.get('msg_signature');
          res.writeHead(ok ? 200 : 401);
          return void res.end(ok ? wecomDecrypt(corp.encodingAesKey, echostr).message : '');
        }
        received.push({ query: url.searchParams, body });
        const next = script.shift() ?? 200;
        if (next === 'hang') return; // never answers: the simulator's timeout fires
        res.writeHead(next);
        res.end('');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/wecom/callback`,
      received,
      close: () => {
        server.closeAllConnections();
        return new Promise((r) => server.close(r));
      },
    };
  }

  test('the callback URL is verified before it is saved', async () => {
    const corps = demoCorps();
    const sim = new WecomSimulator({ corps, callbackTimeoutMs: 2000 });
    const good = await product(corps[0]!, []);
    // A URL that answers with the wrong corp's key material is refused.
    const other = await product({ ...corps[0]!, token: 'wrong-token' }, []);
    try {
      expect(await sim.setCallbackUrl('wwdemo01', other.url)).toMatchObject({ ok: false });
      expect(sim.callbackUrl('wwdemo01')).toBeUndefined();
      expect(await sim.setCallbackUrl('wwdemo01', good.url)).toEqual({
        ok: true,
        detail: 'verified',
      });
      expect(sim.callbackUrl('wwdemo01')).toBe(good.url);
    } finally {
      await good.close();
      await other.close();
    }
  });

  test('a click is posted signed and encrypted; no answer in time or a non-200 is retried, 3 attempts in all', async () => {
    const corps = demoCorps();
    const corp = corps[0]!;
    // Long enough that a loaded CI machine still answers the 500 in time; the hang costs it once.
    const sim = new WecomSimulator({ corps, callbackTimeoutMs: 2000 });
    const target = await product(corp, ['hang', 500, 200]);
    try {
      await sim.setCallbackUrl('wwdemo01', target.url);
      const t = String(
        sim.gettoken(new URLSearchParams({ corpid: corp.corpid, corpsecret: corp.secret }))
          .access_token,
      );
      const sent = sim.messageSend(
        new URLSearchParams({ access_token: t }),
        {
          touser: 'zhoujun',
          agentid: corp.agentId,
          msgtype: 'template_card',
          template_card: {
            card_type: 'button_interaction',
            task_id: 'ap-9-1',
            main_title: { title: '采购申请' },
            button_list: [{ text: '同意', style: 1, key: 'approve:9' }],
          },
        },
        '127.0.0.1',
      );
      const click = await sim.click('wwdemo01', 'zhoujun', String(sent.msgid), 'approve:9');
      expect(click.status).toBe(200);
      const attempts = click.body.attempts as { status?: number; error?: string }[];
      expect(attempts.map((a) => a.status ?? 'timeout')).toEqual(['timeout', 500, 200]);
      expect(click.body.delivered).toBe(true);

      // The same request each time: a retry is a duplicate for the product to drop.
      expect(target.received).toHaveLength(3);
      expect(new Set(target.received.map((r) => r.body)).size).toBe(1);
      const { query, body } = target.received[0]!;
      const encrypted = /<Encrypt><!\[CDATA\[(.+?)\]\]><\/Encrypt>/.exec(body)![1]!;
      expect(query.get('msg_signature')).toBe(
        wecomSignature(corp.token, query.get('timestamp')!, query.get('nonce')!, encrypted),
      );
      const opened = wecomDecrypt(corp.encodingAesKey, encrypted);
      expect(opened.receiveId).toBe('wwdemo01');
      expect(opened.message).toContain('<Event><![CDATA[template_card_event]]></Event>');
      expect(opened.message).toContain('<EventKey><![CDATA[approve:9]]></EventKey>');
      expect(opened.message).toContain(
        `<ResponseCode><![CDATA[${String(click.body.responseCode)}]]></ResponseCode>`,
      );
      expect(body).not.toContain('approve:9');
    } finally {
      await target.close();
    }
  });
});
