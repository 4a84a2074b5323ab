import { randomBytes } from 'node:crypto';
import { buildWecomXml } from '../../src/wecom/xml.js';
import type { SimCorp, SimMember } from './corps.js';
import { wecomDecrypt, wecomEncrypt, wecomSignature } from './simCrypto.js';

type Json = Record<string, unknown>;

export const TOKEN_TTL_SECONDS = 7200;
export const LOGIN_CODE_TTL_SECONDS = 300;
export const RESPONSE_CODE_TTL_SECONDS = 72 * 3600;
/** Per app and member: more than this many messages a minute are dropped without an error. */
export const MESSAGES_PER_MEMBER_PER_MINUTE = 30;
export const CALLBACK_TIMEOUT_MS = 5_000;
export const CALLBACK_ATTEMPTS = 3;

const INTERACTIVE_CARDS = new Set([
  'button_interaction',
  'vote_interaction',
  'multiple_interaction',
]);
const TASK_ID = /^[0-9a-zA-Z_\-@]{1,128}$/;

export type SimulatorOptions = {
  corps: SimCorp[];
  now?: () => number;
  tokenTtlSeconds?: number;
  fetch?: typeof fetch;
  callbackTimeoutMs?: number;
};

type Token = { corpid: string; expiresAt: number; revoked: boolean };
type LoginCode = { corpid: string; userid: string; expiresAt: number; used: boolean };
type ResponseCode = { corpid: string; msgid: string; expiresAt: number; used: boolean };
type CardState = { replaceName?: string; card?: Json };

export type SimMessage = {
  msgid: string;
  corpid: string;
  msgtype: string;
  content: Json;
  /** Members it reached (lower-case userids), and members it was dropped for (rate limit). */
  recipients: string[];
  dropped: string[];
  createdAt: number;
  responseCode?: string;
  taskId?: string;
  cards: Map<string, CardState>;
};

export type DeliveryAttempt = { status?: number; error?: string; ms: number };
export type Delivery = {
  corpid: string;
  url: string;
  /** The plaintext event and the request as sent (encrypted envelope). */
  event: string;
  query: { msg_signature: string; timestamp: string; nonce: string };
  body: string;
  attempts: DeliveryAttempt[];
  delivered: boolean;
  at: number;
};

export type ApiResult = { status: number; body: Json };

/** The longest look-back of WeCom's duplicate check (4 h). */
export const MAX_DUPLICATE_CHECK_SECONDS = 4 * 3600;
const DEFAULT_DUPLICATE_CHECK_SECONDS = 1800;

/**
 * Faults to make WeCom misbehave for tests (and by hand, `POST /sim/api/faults`). They apply
 * to the APIs that deliver messages (`message/send`, `message/update_template_card`) unless
 * `apis` names others (`gettoken` …).
 */
export type SimFaults = {
  /** Every answer of those APIs comes this late; the call has taken effect already. */
  delayMs?: number;
  /**
   * The next `count` calls fail without taking effect: with `errcode` (default -1, 系统繁忙)
   * in a 200 answer as WeCom does, or with HTTP `httpStatus` instead.
   */
  fail?: { count: number; errcode?: number; httpStatus?: number };
  /** The next `count` calls take effect, but their answer is lost (the connection is cut). */
  loseAnswers?: number;
  apis?: string[];
};

/** Call counters of one corp. */
export type SimStats = Record<
  | 'gettoken'
  | 'messages'
  | 'dropped'
  | 'cardUpdates'
  | 'duplicates'
  | 'failedCalls'
  | 'lostAnswers',
  number
> &
  Record<string, number>;

/** What the transport does with one API call (see SimFaults). */
export type FaultPlan = {
  /** Answer this instead of calling the API. */
  reply?: ApiResult;
  delayMs: number;
  cutAnswer: boolean;
};

const DELIVERY_APIS = ['message/send', 'message/update_template_card'];

/** A WeCom error reply with the shape of errmsg WeCom uses (hint, from ip, more info). */
function fail(errcode: number, text: string, ip = '127.0.0.1'): Json {
  const hint = randomBytes(6).toString('hex');
  return {
    errcode,
    errmsg: `${text}, hint: [${Math.floor(Date.now() / 1000)}-${hint}], from ip: ${ip}, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`,
  };
}

const ok = (fields: Json = {}): Json => ({ errcode: 0, errmsg: 'ok', ...fields });
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * The WeCom server as far as this product uses it, for the demo corps: tokens with a TTL
 * and early revocation, single-use login codes, the address book with a visible range,
 * app messages and template cards with response codes, the per-member rate limit, the
 * trusted-IP list, and callbacks signed and encrypted as WeCom sends them.
 */
export class WecomSimulator {
  readonly corps: ReadonlyMap<string, SimCorp>;
  private readonly tokens = new Map<string, Token>();
  private readonly codes = new Map<string, LoginCode>();
  private readonly responseCodes = new Map<string, ResponseCode>();
  private readonly messages: SimMessage[] = [];
  private readonly taskIds = new Set<string>();
  private readonly sendLog = new Map<string, number[]>();
  private readonly callbackUrls = new Map<string, string>();
  private readonly trustedIps = new Map<string, Set<string>>();
  private readonly counters = new Map<string, Record<string, number>>();
  /** Messages sent with enable_duplicate_check: request JSON -> the message and when. */
  private readonly recentRequests = new Map<string, { message: SimMessage; at: number }>();
  private faults: SimFaults = {};
  readonly deliveries: Delivery[] = [];
  private readonly now: () => number;
  private readonly tokenTtl: number;
  private readonly fetch: typeof fetch;
  private readonly callbackTimeoutMs: number;
  private seq = 0;

  constructor(options: SimulatorOptions) {
    this.corps = new Map(options.corps.map((c) => [c.corpid, c]));
    this.now = options.now ?? Date.now;
    this.tokenTtl = options.tokenTtlSeconds ?? TOKEN_TTL_SECONDS;
    this.fetch = options.fetch ?? fetch;
    this.callbackTimeoutMs = options.callbackTimeoutMs ?? CALLBACK_TIMEOUT_MS;
  }

  // ---- WeCom API (/cgi-bin/...) ----

  gettoken(q: URLSearchParams): Json {
    const corp = this.corps.get(q.get('corpid') ?? '');
    if (!corp) return fail(40013, 'invalid corpid');
    this.count(corp.corpid, 'gettoken');
    if (q.get('corpsecret') !== corp.secret) return fail(40001, 'invalid credential');
    const token = randomBytes(48).toString('base64url');
    this.tokens.set(token, {
      corpid: corp.corpid,
      expiresAt: this.now() + this.tokenTtl * 1000,
      revoked: false,
    });
    return ok({ access_token: token, expires_in: this.tokenTtl });
  }

  jscode2session(q: URLSearchParams, ip: string): Json {
    const auth = this.authorize(q, ip);
    if ('error' in auth) return auth.error;
    const code = this.codes.get(q.get('js_code') ?? '');
    if (!code || code.used || code.expiresAt < this.now() || code.corpid !== auth.corpid) {
      return fail(40029, 'invalid code', ip);
    }
    code.used = true;
    return ok({
      corpid: code.corpid,
      userid: code.userid,
      session_key: randomBytes(16).toString('base64'),
    });
  }

  userGet(q: URLSearchParams, ip: string): Json {
    const auth = this.authorize(q, ip);
    if ('error' in auth) return auth.error;
    const member = this.member(auth.corpid, q.get('userid') ?? '');
    if (!member || !member.visible) return fail(60111, 'userid not found', ip);
    return ok({
      userid: member.userid,
      name: member.name,
      department: member.department,
      order: member.department.map(() => 0),
      position: member.position,
      main_department: member.department[0],
      is_leader_in_dept: member.department.map(() => 0),
      direct_leader: [],
      status: 1,
    });
  }

  getcallbackip(q: URLSearchParams, ip: string): Json {
    const auth = this.authorize(q, ip);
    if ('error' in auth) return auth.error;
    return ok({ ip_list: ['127.0.0.1'] });
  }

  messageSend(q: URLSearchParams, body: Json | undefined, ip: string): Json {
    const auth = this.authorize(q, ip);
    if ('error' in auth) return auth.error;
    const corp = this.corps.get(auth.corpid)!;
    if (!body) return fail(47001, 'data format error', ip);
    if (Number(body.agentid) !== corp.agentId) return fail(40056, 'invalid agentid', ip);
    // WeCom's duplicate check: the same request JSON within the interval is not delivered
    // again. (WeCom does not document its answer to a duplicate; the simulator answers as for
    // the first send: its msgid and, for an interactive card, its response code.)
    const duplicateKey =
      Number(body.enable_duplicate_check) === 1 ? `${corp.corpid}/${JSON.stringify(body)}` : '';
    if (duplicateKey) {
      const interval = Math.min(
        MAX_DUPLICATE_CHECK_SECONDS,
        Number(body.duplicate_check_interval ?? DEFAULT_DUPLICATE_CHECK_SECONDS),
      );
      const seen = this.recentRequests.get(duplicateKey);
      if (seen && seen.at > this.now() - interval * 1000) {
        this.count(corp.corpid, 'duplicates');
        return ok({
          msgid: seen.message.msgid,
          ...(seen.message.responseCode ? { response_code: seen.message.responseCode } : {}),
        });
      }
    }
    const msgtype = String(body.msgtype ?? '');
    const content = body[msgtype] as Json | undefined;
    const problem = this.checkContent(corp, msgtype, content, ip);
    if (problem) return problem;

    const { users, invalidUsers, invalidParties, invalidTags } = this.recipients(corp, body);
    const replyInvalid = {
      ...(invalidUsers.length ? { invaliduser: invalidUsers.join('|') } : {}),
      ...(invalidParties.length ? { invalidparty: invalidParties.join('|') } : {}),
      ...(invalidTags.length ? { invalidtag: invalidTags.join('|') } : {}),
    };
    if (!users.length)
      return { ...fail(81013, 'user & party & tag all invalid', ip), ...replyInvalid };

    const cardType = msgtype === 'template_card' ? String(content!.card_type) : undefined;
    const taskId = cardType ? String(content!.task_id ?? '') : undefined;
    if (taskId) this.taskIds.add(`${corp.corpid}/${taskId}`);

    const now = this.now();
    const recipients: string[] = [];
    const dropped: string[] = [];
    for (const u of users) {
      const key = `${corp.corpid}/${u}`;
      const recent = (this.sendLog.get(key) ?? []).filter((t) => t > now - 60_000);
      if (recent.length >= MESSAGES_PER_MEMBER_PER_MINUTE) {
        dropped.push(u);
        this.count(corp.corpid, 'dropped');
      } else {
        recent.push(now);
        recipients.push(u);
      }
      this.sendLog.set(key, recent);
    }
    const msgid = `sim${now.toString(36)}${(++this.seq).toString(36)}${randomBytes(4).toString('hex')}`;
    const message: SimMessage = {
      msgid,
      corpid: corp.corpid,
      msgtype,
      content: structuredClone(content!),
      recipients,
      dropped,
      createdAt: now,
      cards: new Map(),
      ...(taskId ? { taskId } : {}),
    };
    if (cardType && INTERACTIVE_CARDS.has(cardType)) {
      message.responseCode = this.newResponseCode(corp.corpid, msgid);
    }
    this.messages.push(message);
    if (duplicateKey) this.recentRequests.set(duplicateKey, { message, at: now });
    this.count(corp.corpid, 'messages');
    return ok({
      ...replyInvalid,
      msgid,
      ...(message.responseCode ? { response_code: message.responseCode } : {}),
    });
  }

  updateTemplateCard(q: URLSearchParams, body: Json | undefined, ip: string): Json {
    const auth = this.authorize(q, ip);
    if ('error' in auth) return auth.error;
    const corp = this.corps.get(auth.corpid)!;
    if (!body) return fail(47001, 'data format error', ip);
    if (Number(body.agentid) !== corp.agentId) return fail(40056, 'invalid agentid', ip);
    const code = this.responseCodes.get(String(body.response_code ?? ''));
    if (!code || code.corpid !== corp.corpid || code.used || code.expiresAt < this.now()) {
      return fail(40058, 'invalid response_code', ip);
    }
    const message = this.messages.find((m) => m.msgid === code.msgid)!;
    const button = body.button as Json | undefined;
    const card = body.template_card as Json | undefined;
    if (!button?.replace_name && !card) return fail(40058, 'button or template_card missing', ip);
    const named = (body.userids as string[] | undefined)?.map((u) => u.toLowerCase()) ?? [];
    const targets =
      Number(body.atall) === 1
        ? message.recipients
        : named.filter((u) => message.recipients.includes(u));
    const invalid = named.filter((u) => !message.recipients.includes(u));
    code.used = true;
    for (const u of targets) {
      message.cards.set(
        u,
        button?.replace_name ? { replaceName: String(button.replace_name) } : { card: card! },
      );
    }
    this.count(corp.corpid, 'cardUpdates');
    return ok({ invaliduser: invalid });
  }

  // ---- simulator controls (/sim/api/...) ----

  /** What `wx.qy.login` gives the mini-program: a code for jscode2session, 5 minutes, once. */
  loginCode(corpid: string, userid: string): { code: string; expiresIn: number } | undefined {
    const member = this.member(corpid, userid);
    if (!member || !member.visible) return undefined;
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, {
      corpid,
      userid: member.userid,
      expiresAt: this.now() + LOGIN_CODE_TTL_SECONDS * 1000,
      used: false,
    });
    return { code, expiresIn: LOGIN_CODE_TTL_SECONDS };
  }

  /** WeCom may invalidate tokens before their expiry: every token of the corp stops working. */
  revokeTokens(corpid: string): number {
    let n = 0;
    for (const t of this.tokens.values()) {
      if (t.corpid === corpid && !t.revoked) {
        t.revoked = true;
        n++;
      }
    }
    return n;
  }

  /** The app's 企业可信IP; undefined allows every IP. */
  setTrustedIps(corpid: string, ips: string[] | undefined): void {
    if (ips) this.trustedIps.set(corpid, new Set(ips));
    else this.trustedIps.delete(corpid);
  }

  stats(corpid: string): SimStats {
    return {
      gettoken: 0,
      messages: 0,
      dropped: 0,
      cardUpdates: 0,
      duplicates: 0,
      failedCalls: 0,
      lostAnswers: 0,
      ...this.counters.get(corpid),
    };
  }

  /** Every message the corp's app sent, oldest first (what reached WeCom, duplicates once). */
  sentMessages(corpid: string): SimMessage[] {
    return this.messages.filter((m) => m.corpid === corpid);
  }

  /** Replaces the faults (`{}`: WeCom behaves again). */
  setFaults(faults: SimFaults): void {
    this.faults = structuredClone(faults);
  }

  getFaults(): SimFaults {
    return structuredClone(this.faults);
  }

  /**
   * What the transport does with a call of `api` (`message/send` …) by the corp of the
   * token: fail it, delay its answer, or cut it. Counts the faults it applies.
   */
  planCall(api: string, q: URLSearchParams): FaultPlan {
    const f = this.faults;
    const plan: FaultPlan = { delayMs: 0, cutAnswer: false };
    if (!(f.apis ?? DELIVERY_APIS).includes(api)) return plan;
    const corpid = this.tokens.get(q.get('access_token') ?? '')?.corpid ?? q.get('corpid') ?? '';
    plan.delayMs = f.delayMs ?? 0;
    if (f.fail && f.fail.count > 0) {
      f.fail.count--;
      this.count(corpid, 'failedCalls');
      plan.reply = f.fail.httpStatus
        ? { status: f.fail.httpStatus, body: { error: 'simulated failure' } }
        : { status: 200, body: fail(f.fail.errcode ?? -1, 'system busy') };
      return plan;
    }
    if (f.loseAnswers && f.loseAnswers > 0) {
      f.loseAnswers--;
      this.count(corpid, 'lostAnswers');
      plan.cutAnswer = true;
    }
    return plan;
  }

  inbox(corpid: string, userid: string): Json[] {
    const u = userid.toLowerCase();
    return this.messages
      .filter((m) => m.corpid === corpid && m.recipients.includes(u))
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((m) => {
        const state = m.cards.get(u);
        return {
          msgid: m.msgid,
          msgtype: m.msgtype,
          createdAt: new Date(m.createdAt).toISOString(),
          [m.msgtype]: state?.card ?? m.content,
          ...(state?.replaceName ? { replaceName: state.replaceName } : {}),
          ...(state?.card ? { replaced: true } : {}),
        };
      });
  }

  /**
   * Sets the app's callback URL, verifying it as WeCom does first: a GET with an encrypted
   * echostr that the URL must answer decrypted.
   */
  async setCallbackUrl(corpid: string, url: string): Promise<{ ok: boolean; detail: string }> {
    const corp = this.corps.get(corpid);
    if (!corp) return { ok: false, detail: `unknown corp ${corpid}` };
    const echo = randomBytes(12).toString('hex');
    const echostr = wecomEncrypt(corp.encodingAesKey, echo, corp.corpid);
    const timestamp = String(Math.floor(this.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    const target = new URL(url);
    target.searchParams.set('msg_signature', wecomSignature(corp.token, timestamp, nonce, echostr));
    target.searchParams.set('timestamp', timestamp);
    target.searchParams.set('nonce', nonce);
    target.searchParams.set('echostr', echostr);
    try {
      const res = await this.fetch(target, { signal: AbortSignal.timeout(this.callbackTimeoutMs) });
      const answer = await res.text();
      if (res.status !== 200 || answer !== echo) {
        return {
          ok: false,
          detail: `verification failed: HTTP ${res.status} ${answer.slice(0, 200)}`,
        };
      }
    } catch (err) {
      return { ok: false, detail: `verification failed: ${(err as Error).message}` };
    }
    this.callbackUrls.set(corpid, url);
    return { ok: true, detail: 'verified' };
  }

  callbackUrl(corpid: string): string | undefined {
    return this.callbackUrls.get(corpid);
  }

  /**
   * A member taps a button of an interactive card: WeCom posts a template_card_event with a
   * fresh response code to the app's callback URL, encrypted and signed; a reply other than
   * HTTP 200 within 5 s is retried, 3 attempts in all, the same request each time.
   */
  async click(
    corpid: string,
    userid: string,
    msgid: string,
    buttonKey: string,
  ): Promise<{ status: number; body: Json }> {
    const corp = this.corps.get(corpid);
    const u = userid.toLowerCase();
    const message = this.messages.find(
      (m) => m.corpid === corpid && m.msgid === msgid && m.recipients.includes(u),
    );
    if (!corp || !message) return { status: 404, body: { error: '消息不存在' } };
    if (message.msgtype !== 'template_card')
      return { status: 400, body: { error: '不是模板卡片' } };
    const card = message.content;
    const buttons = (card.button_list as Json[] | undefined) ?? [];
    if (!buttons.some((b) => b.key === buttonKey)) {
      return { status: 400, body: { error: '按钮不存在' } };
    }
    if (message.cards.has(u)) return { status: 409, body: { error: '卡片已处理' } };
    const url = this.callbackUrls.get(corpid);
    if (!url) return { status: 409, body: { error: '应用未设置接收消息的 URL' } };

    const responseCode = this.newResponseCode(corpid, msgid);
    const createTime = Math.floor(this.now() / 1000);
    const event = buildWecomXml({
      ToUserName: corp.corpid,
      FromUserName: u,
      CreateTime: createTime,
      MsgType: 'event',
      Event: 'template_card_event',
      EventKey: buttonKey,
      TaskId: String(card.task_id ?? ''),
      CardType: String(card.card_type ?? ''),
      ResponseCode: responseCode,
      AgentID: corp.agentId,
    });
    const delivery = await this.deliver(corp, event);
    return {
      status: 200,
      body: { delivered: delivery.delivered, attempts: delivery.attempts, responseCode },
    };
  }

  /** Encrypts, signs and posts one callback, with WeCom's timeout and retries. */
  async deliver(corp: SimCorp, event: string): Promise<Delivery> {
    const url = this.callbackUrls.get(corp.corpid);
    if (!url) throw new Error(`no callback URL for ${corp.corpid}`);
    const encrypted = wecomEncrypt(corp.encodingAesKey, event, corp.corpid);
    const timestamp = String(Math.floor(this.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    const query = {
      msg_signature: wecomSignature(corp.token, timestamp, nonce, encrypted),
      timestamp,
      nonce,
    };
    const body = buildWecomXml({
      ToUserName: corp.corpid,
      Encrypt: encrypted,
      AgentID: String(corp.agentId),
    });
    const target = new URL(url);
    for (const [k, v] of Object.entries(query)) target.searchParams.set(k, v);
    const delivery: Delivery = {
      corpid: corp.corpid,
      url,
      event,
      query,
      body,
      attempts: [],
      delivered: false,
      at: this.now(),
    };
    this.deliveries.push(delivery);
    for (let i = 0; i < CALLBACK_ATTEMPTS && !delivery.delivered; i++) {
      const started = Date.now();
      try {
        const res = await this.fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'text/xml; charset=utf-8' },
          body,
          signal: AbortSignal.timeout(this.callbackTimeoutMs),
        });
        await res.text();
        delivery.attempts.push({ status: res.status, ms: Date.now() - started });
        delivery.delivered = res.status === 200;
      } catch (err) {
        delivery.attempts.push({ error: (err as Error).message, ms: Date.now() - started });
      }
    }
    return delivery;
  }

  /** Decrypts an encrypted callback body of this corp (for the page and tests). */
  open(corpid: string, encrypted: string): string {
    const corp = this.corps.get(corpid)!;
    return wecomDecrypt(corp.encodingAesKey, encrypted).message;
  }

  directory(): Json[] {
    return [...this.corps.values()].map((c) => ({
      corpid: c.corpid,
      name: c.name,
      agentId: c.agentId,
      departments: c.departments,
      members: c.members,
      callbackUrl: this.callbackUrls.get(c.corpid) ?? null,
    }));
  }

  // ---- internals ----

  private authorize(q: URLSearchParams, ip: string): { corpid: string } | { error: Json } {
    const value = q.get('access_token');
    if (!value) return { error: fail(41001, 'access_token missing', ip) };
    const token = this.tokens.get(value);
    if (!token || token.revoked) return { error: fail(40014, 'invalid access_token', ip) };
    if (token.expiresAt <= this.now()) return { error: fail(42001, 'access_token expired', ip) };
    const trusted = this.trustedIps.get(token.corpid);
    if (trusted && !trusted.has(ip)) {
      return { error: fail(60020, 'not allow to access from your ip', ip) };
    }
    return { corpid: token.corpid };
  }

  private member(corpid: string, userid: string): SimMember | undefined {
    const u = userid.toLowerCase();
    return this.corps.get(corpid)?.members.find((m) => m.userid.toLowerCase() === u);
  }

  private recipients(corp: SimCorp, body: Json) {
    const split = (v: unknown) =>
      typeof v === 'string' && v !== '' ? v.split('|').filter(Boolean) : [];
    const visible = corp.members.filter((m) => m.visible);
    const users = new Set<string>();
    const invalidUsers: string[] = [];
    const touser = split(body.touser);
    if (touser.includes('@all')) visible.forEach((m) => users.add(m.userid.toLowerCase()));
    else {
      for (const id of touser) {
        const m = this.member(corp.corpid, id);
        if (m?.visible) users.add(m.userid.toLowerCase());
        else invalidUsers.push(id.toLowerCase());
      }
    }
    const invalidParties: string[] = [];
    for (const id of split(body.toparty)) {
      const dept = corp.departments.find((d) => String(d.id) === id);
      if (!dept) invalidParties.push(id);
      else
        visible
          .filter((m) => m.department.includes(dept.id))
          .forEach((m) => users.add(m.userid.toLowerCase()));
    }
    // The simulator's corps have no tags: every tag is invalid.
    const invalidTags = split(body.totag);
    return { users: [...users], invalidUsers, invalidParties, invalidTags };
  }

  private checkContent(corp: SimCorp, msgtype: string, content: Json | undefined, ip: string) {
    if (!content || typeof content !== 'object') return fail(40008, 'invalid message type', ip);
    switch (msgtype) {
      case 'text': {
        const text = String(content.content ?? '');
        if (!text) return fail(44004, 'empty content', ip);
        if (bytes(text) > 2048) return fail(45002, 'content size out of limit', ip);
        return undefined;
      }
      case 'textcard':
        if (!content.title || !content.description || !content.url) {
          return fail(40058, 'textcard title, description and url are required', ip);
        }
        if (bytes(String(content.title)) > 128 || bytes(String(content.description)) > 512) {
          return fail(45002, 'content size out of limit', ip);
        }
        return undefined;
      case 'miniprogram_notice':
        if (!corp.miniprogramAppId) return fail(90206, 'miniprogram not linked to this corp', ip);
        if (content.appid !== corp.miniprogramAppId) return fail(90206, 'invalid appid', ip);
        if (!content.title) return fail(40058, 'title is required', ip);
        return undefined;
      case 'template_card': {
        const cardType = String(content.card_type ?? '');
        if (!['text_notice', 'news_notice', ...INTERACTIVE_CARDS].includes(cardType)) {
          return fail(40058, 'invalid card_type', ip);
        }
        const taskId = content.task_id === undefined ? undefined : String(content.task_id);
        if (INTERACTIVE_CARDS.has(cardType) && !taskId)
          return fail(40058, 'task_id is required', ip);
        if (taskId !== undefined && !TASK_ID.test(taskId))
          return fail(40058, 'invalid task_id', ip);
        if (taskId && this.taskIds.has(`${corp.corpid}/${taskId}`)) {
          return fail(40058, 'task_id already exists', ip);
        }
        if (cardType === 'button_interaction') {
          const buttons = content.button_list;
          if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 6) {
            return fail(40058, 'button_list must have 1 to 6 buttons', ip);
          }
        }
        return undefined;
      }
      default:
        return fail(40008, 'invalid message type', ip);
    }
  }

  private newResponseCode(corpid: string, msgid: string): string {
    const code = randomBytes(32).toString('base64url');
    this.responseCodes.set(code, {
      corpid,
      msgid,
      expiresAt: this.now() + RESPONSE_CODE_TTL_SECONDS * 1000,
      used: false,
    });
    return code;
  }

  private count(corpid: string, name: string): void {
    const c = this.counters.get(corpid) ?? {};
    c[name] = (c[name] ?? 0) + 1;
    this.counters.set(corpid, c);
  }
}
