import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { MAX_INLINE_BODY_BYTES, routes } from '@factory/shared';
import { pathPrefix, prefixAreas } from '../src/http/areas.js';
import { API_SECURITY_HEADERS } from '../src/middleware/headers.js';
import type { RouteHandler } from '../src/middleware/route.js';
import { closeServer, sendJson } from './httpServer.js';

/** What a Lambda carries (its 6 MB request limit, with room for the event; issue 19). */
const MAX_BODY_BYTES = MAX_INLINE_BODY_BYTES;

export type GatewayOptions = {
  port: number;
  host: string;
  /** Loads the Lambda of an area (the same module Lambda runs; it routes within the area). */
  loadArea: (area: string) => Promise<RouteHandler>;
  /** Non-API sites on the same origin (the mini-program's H5 at /app/); true when handled. */
  sites?: Site[];
};

export type Site = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export type Gateway = { url: string; close(): Promise<void> };

/**
 * A local stand-in for the API Gateway HTTP API as deployed: each URL prefix of the route
 * table goes to its area's Lambda (a catch-all route per prefix), which routes within the
 * area itself. Turns each request into an API Gateway v2 event, calls the area's handler and
 * writes its result back.
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const prefixes = prefixAreas(routes);
  // A prefix whose every route caps its body (the WeCom callback: 64 KB) is refused above the
  // largest of those caps before the body is read; the route's handler checks its own cap.
  const limits = new Map<string, number>();
  const uploadRoutes = new Map<string, string>();
  for (const route of routes) {
    const prefix = pathPrefix(route.path);
    const cap = route.maxBodyBytes ?? MAX_BODY_BYTES;
    limits.set(prefix, Math.max(limits.get(prefix) ?? 0, cap));
    if (route.uploadRoute) uploadRoutes.set(prefix, route.uploadRoute);
  }
  const handlers = new Map<string, Promise<RouteHandler>>();
  const handlerFor = (area: string) => {
    let h = handlers.get(area);
    if (!h) {
      h = options.loadArea(area);
      handlers.set(area, h);
    }
    return h;
  };

  const server = createServer((req, res) => {
    serve(req, res, { prefixes, limits, uploadRoutes }, handlerFor, options.sites ?? []).catch(
      (err) => {
        console.error('gateway error', err);
        if (!res.headersSent)
          send(res, 500, { error: { code: 'internal', message: '服务器内部错误' } });
      },
    );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { url: `http://${options.host}:${port}`, close: () => closeServer(server) };
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  {
    prefixes,
    limits,
    uploadRoutes,
  }: {
    prefixes: ReadonlyMap<string, string>;
    limits: ReadonlyMap<string, number>;
    uploadRoutes: ReadonlyMap<string, string>;
  },
  handlerFor: (area: string) => Promise<RouteHandler>,
  sites: Site[],
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  for (const site of sites) if (await site(req, res, url)) return;
  if (method === 'OPTIONS') return preflight(req, res);

  const prefix = pathPrefix(url.pathname);
  const area = prefixes.get(prefix);
  if (!area) {
    req.resume();
    return send(res, 404, {
      error: { code: 'route.notFound', message: `接口不存在：${method} ${url.pathname}` },
    });
  }

  const limit = limits.get(prefix) ?? MAX_BODY_BYTES;
  const body = await readBody(req, limit);
  if (body === 'tooLarge') {
    // Answer at once; the rest is discarded unread and the connection closed after the answer.
    req.resume();
    res.setHeader('connection', 'close');
    const uploadRoute = uploadRoutes.get(prefix);
    return send(res, 413, {
      error: {
        code: 'request.tooLarge',
        message: uploadRoute ? `请求体过大：请先上传文件（${uploadRoute}）` : '请求体过大',
        details: { maxBytes: limit, ...(uploadRoute ? { uploadRoute } : {}) },
      },
    });
  }
  const event = toEvent(req, url, method, prefix, body);
  const context = lambdaContext(area, event.requestContext.requestId);
  const handler = await handlerFor(area);
  const result = await handler(event, context);
  writeResult(res, result);
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  method: string,
  prefix: string,
  body: Buffer,
): APIGatewayProxyEventV2 {
  // As deployed: a catch-all route per prefix; the area's router finds the route itself.
  const proxy = url.pathname.slice(prefix.length + 1);
  const routeKey = proxy ? `ANY ${prefix}/{proxy+}` : `ANY ${prefix}`;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  // API Gateway joins repeated query parameters with commas.
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const now = new Date();
  const requestId = randomUUID();
  const textual = body.length === 0 || isText(headers['content-type']);
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    cookies: req.headers.cookie ? req.headers.cookie.split(/;\s*/) : undefined,
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: proxy ? { proxy } : undefined,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: body.length === 0 ? undefined : textual ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: body.length > 0 && !textual,
  };
}

function isText(contentType: string | undefined): boolean {
  const type = (contentType ?? '').toLowerCase();
  return (
    type.startsWith('text/') ||
    type.includes('json') ||
    type.includes('xml') ||
    type.includes('x-www-form-urlencoded')
  );
}

function lambdaContext(area: string, requestId: string): Context {
  const deadline = Date.now() + 29_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: area,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${area}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${area}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * The request body, or 'tooLarge' as soon as it is known to exceed the route's cap: from its
 * Content-Length before reading anything, else once the bytes read pass it (nothing more is
 * kept in memory).
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'tooLarge'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve('tooLarge');
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void parts.push(chunk);
      req.off('data', onData);
      req.off('end', onEnd);
      parts.length = 0;
      resolve('tooLarge');
    };
    const onEnd = () => resolve(Buffer.concat(parts));
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', reject);
  });
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'idempotent-replay',
};

function preflight(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  res.writeHead(204, {
    ...CORS,
    'access-control-allow-methods': 'GET,POST,PATCH,PUT,DELETE,OPTIONS',
    'access-control-allow-headers':
      req.headers['access-control-request-headers'] ?? 'authorization,content-type,idempotency-key',
    'access-control-max-age': '600',
  });
  res.end();
}

/** Writes a Lambda result the way API Gateway (payload format 2.0) does. */
function writeResult(res: ServerResponse, result: APIGatewayProxyResultV2): void {
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    return send(res, 200, result);
  }
  const headers: Record<string, string | string[]> = { ...CORS };
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body = result.body ?? '';
  const buffer = result.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  headers['content-length'] = String(buffer.length);
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(buffer);
}

/** The gateway's own answers (no route, wrong method, too large) carry the API's headers too. */
function send(res: ServerResponse, status: number, body: unknown): void {
  sendJson(res, status, body, { ...CORS, ...API_SECURITY_HEADERS });
}
