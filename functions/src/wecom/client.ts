import type { Deps } from '../deps.js';
import { wecomApp, type WecomApp } from './apps.js';
import { THROTTLE_ERRORS, TOKEN_ERRORS, WECOM, WecomError } from './errors.js';
import type { OutgoingMessage } from './messages.js';
import { dynamoTokenStore } from '../store/wecomTokenStore.js';
import { TokenProvider, type TokenStore } from './tokens.js';
import { countMetric, METRIC } from '../telemetry/metrics.js';
import { log } from '../telemetry/log.js';

type Json = Record<string, unknown>;

export type WecomClientOptions = {
  /** https://qyapi.weixin.qq.com, or the simulator. */
  baseUrl: string;
  app: WecomApp;
  store: TokenStore;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** [0, 1): jitter of the back-off. */
  random?: () => number;
  now?: () => number;
  timeoutMs?: number;
  /** Retries after 45009/45033, each after a jittered, growing, capped pause. */
  throttleRetries?: number;
  throttleBaseMs?: number;
  throttleCapMs?: number;
};

export type MiniProgramSession = { corpId: string; userId: string; sessionKey: string };

export type WecomUser = {
  userid: string;
  name: string;
  department: number[];
  position?: string;
  status?: number;
};

export type SendResult = {
  msgid: string;
  /** For button / vote / multiple interaction cards: single use, valid 72 h. */
  responseCode?: string;
  invalidUsers: string[];
  invalidParties: string[];
  invalidTags: string[];
  unlicensedUsers: string[];
};

export type TemplateCardUpdate = {
  userids?: string[];
  partyids?: number[];
  tagids?: number[];
  atall?: 0 | 1;
  responseCode: string;
  /** Grey the buttons with this label … */
  replaceName?: string;
  /** … or replace the whole card. */
  templateCard?: Json;
};

/**
 * A small typed WeCom client for one app: the token from the shared cache, one retry with
 * a fresh token on 40014/42001, bounded jittered back-off on 45009/45033, and a WecomError
 * (errcode + a clear message) for everything else.
 */
export class WecomClient {
  readonly tokens: TokenProvider;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: WecomClientOptions) {
    this.fetch = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = options.random ?? Math.random;
    this.tokens = new TokenProvider({
      store: options.store,
      fetchToken: () => this.fetchToken(),
      sleep: this.sleep,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  get app(): WecomApp {
    return this.options.app;
  }

  /** gettoken itself (callers use the cached token; this is what refreshes it). */
  async fetchToken(): Promise<{ accessToken: string; expiresIn: number }> {
    const res = await this.request('gettoken', 'GET', '/cgi-bin/gettoken', {
      corpid: this.app.corpId,
      corpsecret: this.app.secret,
    });
    return { accessToken: String(res.access_token), expiresIn: Number(res.expires_in ?? 7200) };
  }

  async jscode2session(code: string): Promise<MiniProgramSession> {
    const res = await this.withToken(
      'jscode2session',
      'GET',
      '/cgi-bin/miniprogram/jscode2session',
      {
        js_code: code,
        grant_type: 'authorization_code',
      },
    );
    return {
      corpId: String(res.corpid),
      userId: String(res.userid),
      sessionKey: String(res.session_key),
    };
  }

  async getUser(userid: string): Promise<WecomUser> {
    const res = await this.withToken('user/get', 'GET', '/cgi-bin/user/get', { userid });
    return {
      userid: String(res.userid),
      name: String(res.name ?? res.userid),
      department: Array.isArray(res.department) ? res.department.map(Number) : [],
      ...(res.position ? { position: String(res.position) } : {}),
      ...(res.status !== undefined ? { status: Number(res.status) } : {}),
    };
  }

  async sendMessage(message: OutgoingMessage): Promise<SendResult> {
    const res = await this.withToken(
      'message/send',
      'POST',
      '/cgi-bin/message/send',
      {},
      {
        ...message,
        agentid: this.app.agentId,
      },
    );
    return {
      msgid: String(res.msgid),
      ...(res.response_code ? { responseCode: String(res.response_code) } : {}),
      invalidUsers: splitIds(res.invaliduser),
      invalidParties: splitIds(res.invalidparty),
      invalidTags: splitIds(res.invalidtag),
      unlicensedUsers: splitIds(res.unlicenseduser),
    };
  }

  async updateTemplateCard(update: TemplateCardUpdate): Promise<{ invalidUsers: string[] }> {
    const body: Json = {
      userids: update.userids ?? [],
      partyids: update.partyids ?? [],
      tagids: update.tagids ?? [],
      atall: update.atall ?? 0,
      agentid: this.app.agentId,
      response_code: update.responseCode,
      ...(update.replaceName ? { button: { replace_name: update.replaceName } } : {}),
      ...(update.templateCard ? { template_card: update.templateCard } : {}),
    };
    const res = await this.withToken(
      'message/update_template_card',
      'POST',
      '/cgi-bin/message/update_template_card',
      {},
      body,
    );
    return { invalidUsers: splitIds(res.invaliduser) };
  }

  /** The IP ranges WeCom sends callbacks from. */
  async getCallbackIps(): Promise<string[]> {
    const res = await this.withToken('getcallbackip', 'GET', '/cgi-bin/getcallbackip', {});
    return Array.isArray(res.ip_list) ? res.ip_list.map(String) : [];
  }

  /** A call with the access token; a token WeCom refuses is replaced once, then retried. */
  private async withToken(
    api: string,
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string>,
    body?: Json,
  ): Promise<Json> {
    const token = await this.tokens.get();
    try {
      return await this.request(api, method, path, { ...query, access_token: token }, body);
    } catch (err) {
      if (!(err instanceof WecomError) || !TOKEN_ERRORS.has(err.errcode)) throw err;
      const renewed = await this.tokens.renew(token);
      return this.request(api, method, path, { ...query, access_token: renewed }, body);
    }
  }

  /** One API call; 45009/45033 back off and retry a bounded number of times. */
  private async request(
    api: string,
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string>,
    body?: Json,
  ): Promise<Json> {
    const retries = this.options.throttleRetries ?? 3;
    const base = this.options.throttleBaseMs ?? 500;
    const cap = this.options.throttleCapMs ?? 4_000;
    for (let attempt = 0; ; attempt++) {
      const res = await this.send(api, method, path, query, body).catch((err: unknown) => {
        countMetric(METRIC.wecomFailures, { api });
        throw err;
      });
      const errcode = Number(res.errcode ?? 0);
      if (errcode === 0) return res;
      const err = new WecomError(api, errcode, String(res.errmsg ?? ''));
      if (errcode === WECOM.untrustedIp) {
        // The line the `WecomUntrustedIp` alarm counts (a metric filter on `errcode`): the
        // egress IP is not in the app's 企业可信IP, so every WeCom call of this function fails.
        log.error('wecom untrusted ip', { api, errcode, errmsg: String(res.errmsg ?? '') });
      }
      if (!THROTTLE_ERRORS.has(errcode) || attempt >= retries) {
        // A refused token is renewed and the call tried again (withToken): not a failure yet.
        if (!TOKEN_ERRORS.has(errcode)) countMetric(METRIC.wecomFailures, { api });
        throw err;
      }
      // Full jitter over an exponentially growing, capped window.
      const window = Math.min(cap, base * 2 ** attempt);
      await this.sleep(Math.round(window / 2 + (this.random() * window) / 2));
    }
  }

  private async send(
    api: string,
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string>,
    body?: Json,
  ): Promise<Json> {
    const url = new URL(path, `${this.options.baseUrl}/`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const res = await this.fetch(url, {
      method,
      headers: body ? { 'content-type': 'application/json; charset=utf-8' } : {},
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    const textBody = await res.text();
    if (!res.ok) throw new Error(`WeCom ${api}: HTTP ${res.status}`);
    try {
      return JSON.parse(textBody) as Json;
    } catch {
      throw new Error(`WeCom ${api}: the answer is not JSON`);
    }
  }
}

function splitIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  if (typeof value !== 'string' || value === '') return [];
  return value.split('|').filter(Boolean);
}

const clients = new WeakMap<Deps, Map<string, Promise<WecomClient>>>();

/** The client of a tenant's app, one per container (its token memo lives as long). */
export function wecomClient(deps: Deps, tenant: string): Promise<WecomClient> {
  let perDeps = clients.get(deps);
  if (!perDeps) {
    perDeps = new Map();
    clients.set(deps, perDeps);
  }
  let client = perDeps.get(tenant);
  if (!client) {
    client = wecomApp(deps.config, tenant).then(
      (app) =>
        new WecomClient({
          baseUrl: deps.config.wecom.baseUrl,
          app,
          store: dynamoTokenStore(deps, tenant, app.agentId),
          now: () => deps.clock.now().getTime(),
        }),
    );
    client.catch(() => perDeps.delete(tenant));
    perDeps.set(tenant, client);
  }
  return client;
}
