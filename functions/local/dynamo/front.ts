// The transactions front: speaks the DynamoDB JSON protocol in front of dynalite. Every
// operation goes to dynalite's own engine, except TransactWriteItems and TransactGetItems,
// which it implements itself (transactions.ts).
//
// Isolation comes from one readers-writer lock around every request: reads share it,
// writes (including whole transactions) hold it alone, so a reader never sees a
// transaction half applied or rolled back. This holds for all traffic through the front,
// over HTTP or in process.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { RwLock } from './rwLock.js';
import { DynamoError, Transactions } from './transactions.js';
import type { JsonResponse, Upstream } from './upstream.js';

const API = 'DynamoDB_20120810';
const READ_OPS = new Set([
  'GetItem',
  'BatchGetItem',
  'Query',
  'Scan',
  'DescribeTable',
  'ListTables',
  'DescribeTimeToLive',
  'ListTagsOfResource',
  'TransactGetItems',
]);
// Operations that can change a table's key schema, which transactions cache.
const SCHEMA_OPS = new Set(['CreateTable', 'DeleteTable', 'UpdateTable']);

export type Front = {
  server: http.Server;
  /** One DynamoDB request (X-Amz-Target and JSON body), answered as DynamoDB would. */
  dispatch(target: string, body: Buffer): Promise<JsonResponse>;
  close(): Promise<void>;
};

export function createFront(upstream: Upstream): Front {
  const lock = new RwLock();
  const transactions = new Transactions(upstream);

  async function dispatch(target: string, body: Buffer): Promise<JsonResponse> {
    const [api, op = ''] = target.split('.');
    if (api !== API) {
      return {
        status: 400,
        body: { __type: 'com.amazon.coral.service#UnknownOperationException' },
      };
    }
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return { status: 400, body: { __type: 'com.amazon.coral.service#SerializationException' } };
    }
    const guarded = <T>(fn: () => Promise<T>) =>
      READ_OPS.has(op) ? lock.read(fn) : lock.write(fn);

    if (op === 'TransactWriteItems' || op === 'TransactGetItems') {
      try {
        const out = await guarded(() =>
          op === 'TransactWriteItems'
            ? transactions.writeItems(payload)
            : transactions.getItems(payload),
        );
        return { status: 200, body: out };
      } catch (err) {
        if (err instanceof DynamoError) return { status: err.status, body: err.body };
        throw err;
      }
    }
    return guarded(async () => {
      const answer = await upstream.call(op, payload);
      if (SCHEMA_OPS.has(op)) transactions.forgetSchemas();
      return answer;
    });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Read the whole body before taking the lock, so a slow client cannot hold it.
    const body = await readBody(req);
    if (req.method === 'GET') {
      // DynamoDB answers a plain GET with a health line; tools use it to see the store is up.
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('healthy: dynamodb.local ');
      return;
    }
    const answer = await dispatch(String(req.headers['x-amz-target'] ?? ''), body);
    sendJson(req, res, answer.status, answer.body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Unexpected failures (store closed, rollback failed) become a bare 500, as DynamoDB does.
      console.error('[local-dynamo] front error', err);
      if (!res.headersSent) {
        sendJson(req, res, 500, {
          __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
          message: 'Internal server error',
        });
      } else res.destroy();
    });
  });
  // SDK clients keep connections alive; idle ones must not outlive a test run.
  server.keepAliveTimeout = 5000;

  return {
    server,
    dispatch,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Wait for the operation in flight (a transaction may be mid-way), then drop sockets.
      await lock.write(async () => undefined);
      server.closeAllConnections();
      await closed;
    },
  };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Answers in the content type the client spoke, with the CRC32 header DynamoDB sends. */
export function responseHeaders(requestContentType: string, body: Buffer): Record<string, string> {
  return {
    'content-type': requestContentType.startsWith('application/x-amz-json-1.0')
      ? 'application/x-amz-json-1.0'
      : 'application/json',
    'content-length': String(body.length),
    'x-amzn-requestid': randomUUID(),
    'x-amz-crc32': String(crc32(body)),
  };
}

function sendJson(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  data: unknown,
): void {
  const body = Buffer.from(JSON.stringify(data));
  res.writeHead(status, responseHeaders(String(req.headers['content-type'] ?? ''), body));
  res.end(body);
}
