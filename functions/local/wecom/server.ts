import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { demoCorps, type SimCorp } from './corps.js';
import { SIM_PAGE } from './page.js';
import { WecomSimulator, type SimFaults, type SimulatorOptions } from './simulator.js';
import { closeServer, sendJson } from '../httpServer.js';

export type WecomSimServer = {
  url: string;
  sim: WecomSimulator;
  close(): Promise<void>;
};

export type WecomSimServerOptions = Partial<Omit<SimulatorOptions, 'corps'>> & {
  port?: number;
  host?: string;
  corps?: SimCorp[];
};

type Json = Record<string, unknown>;

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET,POST,OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
};

/**
 * The WeCom simulator on a local port: the qyapi endpoints the product calls (/cgi-bin/…),
 * the simulator's own controls (/sim/api/…, CORS open for the H5 mini-program and tests),
 * and a page (/sim/) showing every member's messages and cards.
 */
export async function startWecomSimulator(
  options: WecomSimServerOptions = {},
): Promise<WecomSimServer> {
  const sim = new WecomSimulator({ ...options, corps: options.corps ?? demoCorps() });
  const host = options.host ?? '127.0.0.1';
  // Answers held back by a `delayMs` fault, let go when the server closes.
  const held = new Set<() => void>();
  const server = createServer((req, res) => {
    route(sim, req, res, held).catch((err: unknown) => {
      console.error('wecom simulator error', err);
      if (!res.headersSent) send(res, 500, { error: (err as Error).message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    sim,
    async close() {
      const closing = closeServer(server);
      for (const release of [...held]) release();
      server.closeAllConnections();
      await closing;
    },
  };
}

async function route(
  sim: WecomSimulator,
  req: IncomingMessage,
  res: ServerResponse,
  held: Set<() => void>,
) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  const ip = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const q = url.searchParams;
  const path = url.pathname;

  if (method === 'OPTIONS') {
    req.resume();
    res.writeHead(204, CORS);
    return void res.end();
  }

  if (path.startsWith('/cgi-bin/')) {
    const body = method === 'POST' ? parseJson(await readBody(req)) : undefined;
    if (method !== 'POST') req.resume();
    const api: Record<string, () => Json> = {
      'GET /cgi-bin/gettoken': () => sim.gettoken(q),
      'GET /cgi-bin/miniprogram/jscode2session': () => sim.jscode2session(q, ip),
      'GET /cgi-bin/user/get': () => sim.userGet(q, ip),
      'GET /cgi-bin/getcallbackip': () => sim.getcallbackip(q, ip),
      'POST /cgi-bin/message/send': () => sim.messageSend(q, body, ip),
      'POST /cgi-bin/message/update_template_card': () => sim.updateTemplateCard(q, body, ip),
    };
    const call = api[`${method} ${path}`];
    if (!call) return send(res, 404, { errcode: 404, errmsg: `no such API: ${method} ${path}` });
    const plan = sim.planCall(path.slice('/cgi-bin/'.length), q);
    // A failing call never takes effect; a slow or cut one has taken effect before its answer.
    const answer = plan.reply ?? { status: 200, body: call() };
    if (plan.delayMs > 0) await hold(held, plan.delayMs);
    if (plan.cutAnswer) return void res.destroy();
    // WeCom answers HTTP 200 with an errcode, errors included.
    return send(res, answer.status, answer.body);
  }

  if (path === '/sim' || path === '/sim/') {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return void res.end(SIM_PAGE);
  }

  if (path.startsWith('/sim/api/')) {
    const body = method === 'POST' ? (parseJson(await readBody(req)) ?? {}) : {};
    if (method !== 'POST') req.resume();
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    switch (`${method} ${path}`) {
      case 'GET /sim/api/directory':
        return send(res, 200, { corps: sim.directory() });
      case 'GET /sim/api/inbox': {
        const corpid = q.get('corpid') ?? '';
        if (!sim.corps.has(corpid)) return send(res, 404, { error: '企业不存在' });
        return send(res, 200, { messages: sim.inbox(corpid, q.get('userid') ?? '') });
      }
      case 'POST /sim/api/login-code': {
        const code = sim.loginCode(str(body.corpid), str(body.userid));
        if (!code) return send(res, 404, { error: '成员不存在或不在应用可见范围内' });
        return send(res, 200, code);
      }
      case 'POST /sim/api/click': {
        const r = await sim.click(
          str(body.corpid),
          str(body.userid),
          str(body.msgid),
          str(body.buttonKey),
        );
        return send(res, r.status, r.body);
      }
      case 'POST /sim/api/revoke-token':
        return send(res, 200, { revoked: sim.revokeTokens(str(body.corpid)) });
      case 'POST /sim/api/trusted-ips': {
        const ips = Array.isArray(body.ips) ? body.ips.map(String) : undefined;
        sim.setTrustedIps(str(body.corpid), ips);
        return send(res, 200, { corpid: str(body.corpid), ips: ips ?? null });
      }
      case 'POST /sim/api/callback-url': {
        const r = await sim.setCallbackUrl(str(body.corpid), str(body.url));
        return send(res, r.ok ? 200 : 400, r);
      }
      case 'POST /sim/api/faults':
        sim.setFaults(body as SimFaults);
        return send(res, 200, { faults: sim.getFaults() });
      case 'GET /sim/api/faults':
        return send(res, 200, { faults: sim.getFaults() });
      case 'GET /sim/api/stats':
        return send(res, 200, sim.stats(q.get('corpid') ?? ''));
      case 'GET /sim/api/deliveries':
        return send(res, 200, {
          deliveries: sim.deliveries
            .filter((d) => !q.get('corpid') || d.corpid === q.get('corpid'))
            .map((d) => ({ ...d, at: new Date(d.at).toISOString() })),
        });
      default:
        return send(res, 404, { error: `no such simulator API: ${method} ${path}` });
    }
  }

  req.resume();
  if (path === '/') {
    res.writeHead(302, { location: '/sim/' });
    return void res.end();
  }
  send(res, 404, { error: 'not found' });
}

/** Waits `ms`, or less when the server closes meanwhile. */
function hold(held: Set<() => void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const release = () => {
      clearTimeout(timer);
      held.delete(release);
      resolve();
    };
    const timer = setTimeout(release, ms);
    held.add(release);
  });
}

function parseJson(text: string): Json | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  sendJson(res, status, body, CORS);
}
