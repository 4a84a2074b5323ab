import { jest } from '@jest/globals';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { MAX_WECOM_CALLBACK_BYTES, type Session } from '@factory/shared';
import {
  wecomDecrypt,
  wecomEncrypt,
  wecomSignature,
} from '../../functions/local/wecom/simCrypto.js';
import type { SimCorp } from '../../functions/local/wecom/corps.js';
import { getDeps, type Deps } from '../../functions/src/deps.js';
import { keys } from '../../functions/src/store/keys.js';
import { userRepo } from '../../functions/src/store/userRepo.js';
import type { ApprovalDecision } from '../../functions/src/usecases/approval/index.js';
import {
  sendApprovalCard,
  updateApprovalCard,
  WecomClient,
  wecomClient,
} from '../../functions/src/wecom/index.js';
import { wecomApp } from '../../functions/src/wecom/apps.js';
import { dynamoTokenStore } from '../../functions/src/store/wecomTokenStore.js';
import type { CallbackJob } from '../../functions/src/wecom/dispatcher.js';
import { buildWecomXml } from '../../functions/src/wecom/xml.js';
import { dedupeKey, parseCallbackMessage } from '../../functions/src/wecom/events.js';
import { processCallback, type ProcessOutcome } from '../../functions/src/wecom/processor.js';
import { errorOf, startApi, type Api } from './harness.js';

jest.setTimeout(60_000);

type Decided = { session: Session; approvalId: string; decision: ApprovalDecision };

let api: Api;
const jobs: CallbackJob[] = [];
const outcomes: ProcessOutcome[] = [];
const decided: Decided[] = [];

/** The approval engine is another engineer's seam: record what the processor asks of it. */
async function decideSpy(
  _deps: Deps,
  session: Session,
  approvalId: string,
  decision: ApprovalDecision,
) {
  decided.push({ session, approvalId, decision });
  return { ok: true };
}

beforeAll(async () => {
  api = await startApi({
    wecom: {
      process: async (deps, job) => {
        jobs.push(job);
        outcomes.push(await processCallback(deps, job, decideSpy));
      },
    },
  });
  const deps = getDeps();
  const users = userRepo(deps, 'wwdemo01');
  await users.putIfAbsent({
    userid: 'zhoujun',
    name: '周军（厂长）',
    roles: ['manager'],
    active: true,
  });
  await users.putIfAbsent({
    userid: 'wuhao',
    name: '吴浩（工艺工程师）',
    roles: ['engineer'],
    active: true,
  });
  await users.putIfAbsent({
    userid: 'lina',
    name: '李娜（计划）',
    roles: ['planner'],
    active: false,
  });
  await userRepo(deps, 'wwdemo02').putIfAbsent({
    userid: 'lisi',
    name: '李四（二厂计划）',
    roles: ['planner'],
    active: true,
  });
});

afterAll(() => api.close());

beforeEach(() => {
  jobs.length = 0;
  outcomes.length = 0;
  decided.length = 0;
});

const sim = () => api.runtime.wecom!.sim;
const corp = (id = 'wwdemo01'): SimCorp => sim().corps.get(id)!;
const nowSeconds = () => Math.floor(api.runtime.clock.now().getTime() / 1000);

async function simApi<T = Record<string, unknown>>(path: string, body?: unknown) {
  const res = await fetch(`${api.runtime.wecom!.url}/sim/api/${path}`, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** A callback POST exactly as WeCom sends it (or tampered with, by the caller). */
function signedCallback(
  event: string,
  options: { timestamp?: number; tamper?: boolean; c?: SimCorp } = {},
) {
  const c = options.c ?? corp();
  const encrypted = wecomEncrypt(c.encodingAesKey, event, c.corpid);
  const timestamp = String(options.timestamp ?? nowSeconds());
  const nonce = Math.random().toString(36).slice(2);
  let signature = wecomSignature(c.token, timestamp, nonce, encrypted);
  if (options.tamper) signature = wecomSignature('not-the-token', timestamp, nonce, encrypted);
  const query = new URLSearchParams({ msg_signature: signature, timestamp, nonce });
  const body = buildWecomXml({
    ToUserName: c.corpid,
    Encrypt: encrypted,
    AgentID: String(c.agentId),
  });
  return fetch(`${api.url}/wecom/callback?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body,
  });
}

function cardClick(fromUser: string, createTime: number, eventKey: string) {
  return buildWecomXml({
    ToUserName: 'wwdemo01',
    FromUserName: fromUser,
    CreateTime: createTime,
    MsgType: 'event',
    Event: 'template_card_event',
    EventKey: eventKey,
    TaskId: `ap-${eventKey.split(':')[1]}-1`,
    CardType: 'button_interaction',
    ResponseCode: 'rc-test',
    AgentID: corp().agentId,
  });
}

/** Whether the product recorded this delivery (for de-duplication). */
async function seen(event: string): Promise<boolean> {
  const deps = getDeps();
  const res = await deps.db.send(
    new GetCommand({
      TableName: deps.tableName,
      Key: keys.wecomCallback('wwdemo01', dedupeKey(parseCallbackMessage(event))),
    }),
  );
  return res.Item !== undefined;
}

describe('callback URL', () => {
  it('was verified by the simulator when the runtime registered it', () => {
    expect(sim().callbackUrl('wwdemo01')).toBe(`${api.url}/wecom/callback`);
    expect(sim().callbackUrl('wwdemo02')).toBe(`${api.url}/wecom/callback`);
  });

  it('answers URL verification with the decrypted echostr, as plain text', async () => {
    const c = corp('wwdemo02');
    const echostr = wecomEncrypt(c.encodingAesKey, 'echo-12345', c.corpid);
    const timestamp = String(nowSeconds());
    const query = new URLSearchParams({
      msg_signature: wecomSignature(c.token, timestamp, 'n1', echostr),
      timestamp,
      nonce: 'n1',
      echostr,
    });
    const res = await fetch(`${api.url}/wecom/callback?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('echo-12345');
  });

  it('refuses URL verification with a wrong signature', async () => {
    const c = corp();
    const echostr = wecomEncrypt(c.encodingAesKey, 'echo', c.corpid);
    const query = new URLSearchParams({
      msg_signature: 'a'.repeat(40),
      timestamp: String(nowSeconds()),
      nonce: 'n1',
      echostr,
    });
    const res = await fetch(`${api.url}/wecom/callback?${query}`);
    expect(res.status).toBe(401);
    // Malformed but present values are refused the same way, not as a bad request.
    query.set('msg_signature', 'forged');
    query.set('timestamp', 'yesterday');
    expect((await fetch(`${api.url}/wecom/callback?${query}`)).status).toBe(401);
  });
});

describe('callback events', () => {
  it('acks a genuine event with an empty 200 and processes it after the ack', async () => {
    const createTime = nowSeconds();
    const res = await signedCallback(cardClick('zhoujun', createTime, 'approve:AP-1'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await api.runtime.wecom!.idle();
    expect(outcomes).toEqual([
      { kind: 'decided', approvalId: 'AP-1', approve: true, user: 'zhoujun' },
    ]);
    expect(decided).toEqual([
      {
        session: { tenant: 'wwdemo01', user: 'zhoujun', name: '周军（厂长）', roles: ['manager'] },
        approvalId: 'AP-1',
        decision: { approve: true, via: 'wecom', responseCode: 'rc-test', step: 1 },
      },
    ]);
  });

  it('refuses a forged signature with 401 and records nothing', async () => {
    const event = cardClick('zhoujun', nowSeconds() - 7, 'approve:AP-2');
    const res = await signedCallback(event, { tamper: true });
    expect(res.status).toBe(401);
    expect(errorOf({ status: 401, body: await res.json(), headers: res.headers }).code).toBe(
      'wecom.badSignature',
    );
    await api.runtime.wecom!.idle();
    expect(jobs).toEqual([]);
    expect(await seen(event)).toBe(false);
  });

  it('refuses a message encrypted for another corp id (receive id check)', async () => {
    const c = corp();
    const event = cardClick('zhoujun', nowSeconds() - 9, 'approve:AP-3');
    const encrypted = wecomEncrypt(c.encodingAesKey, event, 'wwsomeoneelse');
    const timestamp = String(nowSeconds());
    const query = new URLSearchParams({
      msg_signature: wecomSignature(c.token, timestamp, 'n2', encrypted),
      timestamp,
      nonce: 'n2',
    });
    const res = await fetch(`${api.url}/wecom/callback?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: buildWecomXml({ ToUserName: c.corpid, Encrypt: encrypted, AgentID: String(c.agentId) }),
    });
    expect(res.status).toBe(401);
    await api.runtime.wecom!.idle();
    expect(jobs).toEqual([]);
  });

  it('refuses a stale timestamp (more than 5 minutes off) with 401', async () => {
    const event = cardClick('zhoujun', nowSeconds() - 600, 'approve:AP-4');
    const res = await signedCallback(event, { timestamp: nowSeconds() - 301 });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'wecom.staleRequest',
    );
    await api.runtime.wecom!.idle();
    expect(jobs).toEqual([]);
    expect(await seen(event)).toBe(false);
  });

  it('processes a replayed event once (same FromUserName and CreateTime)', async () => {
    const createTime = nowSeconds() - 3;
    const event = cardClick('wuhao', createTime, 'reject:AP-5');
    const first = await signedCallback(event);
    const second = await signedCallback(event);
    const third = await signedCallback(event);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    await api.runtime.wecom!.idle();
    expect(jobs).toHaveLength(1);
    expect(decided.map((d) => [d.approvalId, d.decision.approve, d.session.user])).toEqual([
      ['AP-5', false, 'wuhao'],
    ]);
    expect(await seen(event)).toBe(true);
  });

  it('two cards tapped by one person in the same second are two events', async () => {
    const createTime = nowSeconds() - 13;
    await signedCallback(cardClick('wuhao', createTime, 'approve:AP-7'));
    await signedCallback(cardClick('wuhao', createTime, 'approve:AP-8'));
    await api.runtime.wecom!.idle();
    expect(decided.map((d) => d.approvalId).sort()).toEqual(['AP-7', 'AP-8']);
  });

  it('ignores clicks of people who are not product users, or are inactive', async () => {
    await signedCallback(cardClick('lina', nowSeconds() - 11, 'approve:AP-6'));
    await signedCallback(cardClick('nobody', nowSeconds() - 11, 'approve:AP-6'));
    await api.runtime.wecom!.idle();
    expect(decided).toEqual([]);
    expect(outcomes.map((o) => o.kind)).toEqual(['ignored', 'ignored']);
  });
});

describe('callback bodies', () => {
  const query = () =>
    new URLSearchParams({
      msg_signature: 'f'.repeat(40),
      timestamp: String(nowSeconds()),
      nonce: 'n',
    });
  /** An unsigned envelope padded to `bytes`: well-formed enough to be worth parsing. */
  const padded = (bytes: number) => {
    const head = `<xml><ToUserName><![CDATA[wwdemo01]]></ToUserName><Encrypt><![CDATA[AAAA]]></Encrypt><Pad>`;
    const tail = '</Pad></xml>';
    return head + 'x'.repeat(bytes - head.length - tail.length) + tail;
  };

  it('refuses unsigned 10 MB bodies with 413 before reading them; a genuine callback still goes through', async () => {
    const big = padded(10 * 1024 * 1024);
    const refused = await Promise.all(
      [1, 2, 3, 4].map(() =>
        fetch(`${api.url}/wecom/callback?${query()}`, {
          method: 'POST',
          headers: { 'content-type': 'text/xml' },
          body: big,
        }),
      ),
    );
    for (const res of refused) {
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'request.tooLarge',
      );
    }
    const genuine = await signedCallback(cardClick('zhoujun', nowSeconds() - 17, 'approve:AP-9'));
    expect(genuine.status).toBe(200);
    await api.runtime.wecom!.idle();
    expect(decided.map((d) => d.approvalId)).toEqual(['AP-9']);
  });

  it('an unsigned body under the cap is refused for its signature (401)', async () => {
    const res = await fetch(`${api.url}/wecom/callback?${query()}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: padded(60 * 1024),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      error: { code: 'wecom.badSignature', details: { reason: 'signature' } },
    });
  });

  it('the Lambda itself refuses a body above 64 KB before anything else (API Gateway passes up to 10 MB)', async () => {
    // The wecom area's Lambda, as deployed: it routes the request to the callback's handler.
    const { handler } = await import('../../functions/src/lambdas/wecom.js');
    const body = padded(MAX_WECOM_CALLBACK_BYTES + 1);
    const event = {
      version: '2.0',
      routeKey: 'POST /wecom/callback',
      rawPath: '/wecom/callback',
      rawQueryString: query().toString(),
      headers: { 'content-type': 'text/xml' },
      queryStringParameters: Object.fromEntries(query()),
      requestContext: { requestId: 'r1', http: { method: 'POST', path: '/wecom/callback' } },
      body,
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEventV2;
    const res = (await handler(event, { awsRequestId: 'r1' } as Context)) as {
      statusCode: number;
      body: string;
    };
    expect(res.statusCode).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({
      error: { code: 'request.tooLarge', details: { maxBytes: MAX_WECOM_CALLBACK_BYTES } },
    });
    const base64 = (await handler(
      { ...event, body: Buffer.from(body).toString('base64'), isBase64Encoded: true },
      { awsRequestId: 'r2' } as Context,
    )) as { statusCode: number };
    expect(base64.statusCode).toBe(413);
  });
});

describe('client against the simulator', () => {
  it('refreshes a token revoked early once, and the call succeeds', async () => {
    const client = await wecomClient(getDeps(), 'wwdemo01');
    expect((await client.getUser('zhoujun')).name).toBe('周军（厂长）');
    const before = sim().stats('wwdemo01').gettoken ?? 0;
    expect(sim().revokeTokens('wwdemo01')).toBeGreaterThan(0);
    const [a, b] = await Promise.all([client.getUser('zhoujun'), client.getUser('wuhao')]);
    expect([a.userid, b.userid]).toEqual(['zhoujun', 'wuhao']);
    expect(sim().stats('wwdemo01').gettoken).toBe(before + 1);
  });

  it('containers share the token in the table: after a revocation only one of them refetches it', async () => {
    const deps = getDeps();
    const app = await wecomApp(deps.config, 'wwdemo01');
    // Four "containers": each its own client and memory, all on the same table items.
    const containers = Array.from(
      { length: 4 },
      () =>
        new WecomClient({
          baseUrl: deps.config.wecom.baseUrl,
          app,
          store: dynamoTokenStore(deps, 'wwdemo01', app.agentId),
        }),
    );
    await containers[0]!.getUser('zhoujun');
    sim().revokeTokens('wwdemo01');
    const before = sim().stats('wwdemo01').gettoken ?? 0;
    const users = await Promise.all(containers.map((c) => c.getUser('lina')));
    expect(users.map((u) => u.userid)).toEqual(['lina', 'lina', 'lina', 'lina']);
    expect(sim().stats('wwdemo01').gettoken).toBe(before + 1);
  });

  it('names the trusted-IP fix when WeCom answers 60020', async () => {
    const client = await wecomClient(getDeps(), 'wwdemo02');
    sim().setTrustedIps('wwdemo02', ['203.0.113.7']);
    try {
      await expect(client.getUser('lisi')).rejects.toMatchObject({
        errcode: 60020,
        code: 'wecom.apiError',
        message: expect.stringContaining('企业可信IP') as unknown,
      });
    } finally {
      sim().setTrustedIps('wwdemo02', undefined);
    }
  });
});

describe('login', () => {
  const loginCode = async (corpid: string, userid: string) =>
    (await simApi<{ code: string }>('login-code', { corpid, userid })).body.code;

  it('logs a demo user in with their roles; the token works on the API', async () => {
    const res = await api.call<{
      token: string;
      roles: string[];
      tenant: string;
      user: string;
      name: string;
    }>('POST', '/api/auth/wecom/login', { body: { code: await loginCode('wwdemo01', 'zhoujun') } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tenant: 'wwdemo01',
      user: 'zhoujun',
      name: '周军（厂长）',
      roles: ['manager'],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/session_?key/i);
    const me = await api.call('GET', '/api/me', { token: res.body.token });
    expect(me.body).toEqual({
      tenant: 'wwdemo01',
      user: 'zhoujun',
      name: '周军（厂长）',
      roles: ['manager'],
    });
  });

  it('refuses a code used twice (40029 -> 401 auth.invalidCode)', async () => {
    const code = await loginCode('wwdemo01', 'wuhao');
    const first = await api.call('POST', '/api/auth/wecom/login', { body: { code } });
    expect(first.status).toBe(200);
    const again = await api.call('POST', '/api/auth/wecom/login', { body: { code } });
    expect(again.status).toBe(401);
    expect(errorOf(again).code).toBe('auth.invalidCode');
  });

  it('refuses inactive and unknown product users with 403', async () => {
    const inactive = await api.call('POST', '/api/auth/wecom/login', {
      body: { code: await loginCode('wwdemo01', 'lina') },
    });
    expect([inactive.status, errorOf(inactive).code]).toEqual([403, 'auth.userInactive']);
    const unknown = await api.call('POST', '/api/auth/wecom/login', {
      body: { code: await loginCode('wwdemo01', 'zhaomin') },
    });
    expect([unknown.status, errorOf(unknown).code]).toEqual([403, 'auth.unknownUser']);
  });

  it('keeps corps apart: a wwdemo02 code logs in to wwdemo02 only', async () => {
    const wrongCorp = await api.call('POST', '/api/auth/wecom/login', {
      body: { code: await loginCode('wwdemo02', 'lisi') },
    });
    expect([wrongCorp.status, errorOf(wrongCorp).code]).toEqual([401, 'auth.invalidCode']);
    const res = await api.call<{ tenant: string; roles: string[] }>(
      'POST',
      '/api/auth/wecom/login',
      {
        body: { code: await loginCode('wwdemo02', 'lisi'), corpId: 'wwdemo02' },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tenant: 'wwdemo02', roles: ['planner'] });
  });
});

describe('approval cards through the simulator', () => {
  it('a card click reaches the product encrypted, and the card shows the decision after the update', async () => {
    const deps = getDeps();
    const sent = await sendApprovalCard(deps, {
      tenant: 'wwdemo01',
      touser: ['zhoujun', 'guest'],
      taskId: 'ap-PR-7-1',
      title: '采购申请',
      desc: '李娜 ¥1,200.00',
      fields: [{ key: '单号', value: 'PR-7' }],
      approveKey: 'approve:PR-7',
      rejectKey: 'reject:PR-7',
    });
    expect(sent.msgid).toBeTruthy();
    expect(sent.responseCode).toBeTruthy();

    const inbox = await simApi<{
      messages: { msgid: string; template_card: { button_list: unknown[] } }[];
    }>('inbox?corpid=wwdemo01&userid=zhoujun');
    const card = inbox.body.messages.find((m) => m.msgid === sent.msgid)!;
    expect(card.template_card.button_list).toEqual([
      { text: '同意', style: 1, key: 'approve:PR-7' },
      { text: '驳回', style: 2, key: 'reject:PR-7' },
    ]);

    const click = await simApi<{ delivered: boolean; responseCode: string; attempts: unknown[] }>(
      'click',
      {
        corpid: 'wwdemo01',
        userid: 'zhoujun',
        msgid: sent.msgid,
        buttonKey: 'approve:PR-7',
      },
    );
    expect(click.status).toBe(200);
    expect(click.body).toMatchObject({ delivered: true, attempts: [{ status: 200 }] });

    // On the wire it was encrypted; it decrypts to the click with this corp's key.
    const delivery = sim().deliveries.at(-1)!;
    expect(delivery.body).not.toContain('approve:PR-7');
    const encrypted = /<Encrypt><!\[CDATA\[(.+?)\]\]><\/Encrypt>/.exec(delivery.body)![1]!;
    const opened = wecomDecrypt(corp().encodingAesKey, encrypted);
    expect(opened.receiveId).toBe('wwdemo01');
    expect(opened.message).toContain('<EventKey><![CDATA[approve:PR-7]]></EventKey>');

    await api.runtime.wecom!.idle();
    expect(decided).toEqual([
      {
        session: { tenant: 'wwdemo01', user: 'zhoujun', name: '周军（厂长）', roles: ['manager'] },
        approvalId: 'PR-7',
        decision: { approve: true, via: 'wecom', responseCode: click.body.responseCode, step: 1 },
      },
    ]);

    await updateApprovalCard(deps, {
      tenant: 'wwdemo01',
      userids: ['zhoujun'],
      responseCode: click.body.responseCode,
      replaceName: '已同意',
    });
    const after = await simApi<{ messages: { msgid: string; replaceName?: string }[] }>(
      'inbox?corpid=wwdemo01&userid=zhoujun',
    );
    expect(after.body.messages.find((m) => m.msgid === sent.msgid)!.replaceName).toBe('已同意');
    // The response code is single use, and a decided card cannot be clicked again.
    await expect(
      updateApprovalCard(deps, {
        tenant: 'wwdemo01',
        userids: ['zhoujun'],
        responseCode: click.body.responseCode,
        replaceName: '已驳回',
      }),
    ).rejects.toMatchObject({ errcode: 40058 });
    const again = await simApi('click', {
      corpid: 'wwdemo01',
      userid: 'zhoujun',
      msgid: sent.msgid,
      buttonKey: 'reject:PR-7',
    });
    expect(again.status).toBe(409);
  });
});
