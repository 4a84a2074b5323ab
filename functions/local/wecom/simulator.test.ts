import { demoCorps } from './corps.js';
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
