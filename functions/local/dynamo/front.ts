// The transactions front: an HTTP server speaking the DynamoDB JSON protocol in front of
// dynalite. It forwards every operation byte for byte, except TransactWriteItems and
// TransactGetItems, which it implements itself (transactions.ts).
//
// Isolation comes from one readers-writer lock around every request: reads share it,
// writes (including whole transactions) hold it alone, so a reader never sees a
// transaction half applied or rolled back. This holds only for traffic through the front.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { RwLock } from './rwLock.js';
import { DynamoError, Transactions } from './transactions.js';
import { stripHopByHop } from './upstream.js';
import type { Upstream } from './upstream.js';

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

export type Front = { server: http.Server; close(): Promise<void> };

export function createFront(upstream: Upstream): Front {
  const lock = new RwLock();
  const transactions = new Transactions(upstream);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Read the whole body before taking the lock, so a slow client cannot hold it.
    const body = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    const [api, op = ''] = target.split('.');
    const guarded = <T>(fn: () => Promise<T>) =>
      READ_OPS.has(op) ? lock.read(fn) : lock.write(fn);

    if (api === API && (op === 'TransactWriteItems' || op === 'TransactGetItems')) {
      let payload: Record<string, unknown>;
      try {
        payload = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      } catch {
        return sendJson(req, res, 400, {
          __type: 'com.amazon.coral.service#SerializationException',
        });
      }
      try {
        const out = await guarded(() =>
          op === 'TransactWriteItems'
            ? transactions.writeItems(payload)
            : transactions.getItems(payload),
        );
        return sendJson(req, res, 200, out);
      } catch (err) {
        if (err instanceof DynamoError) return sendJson(req, res, err.status, err.body);
        throw err;
      }
    }

    const answer = await guarded(async () => {
      const r = await upstream.raw(
        req.method ?? 'POST',
        req.url ?? '/',
        stripHopByHop(req.headers),
        body,
      );
      if (SCHEMA_OPS.has(op)) transactions.forgetSchemas();
      return r;
    });
    res.writeHead(answer.status, stripHopByHop(answer.headers));
    res.end(answer.body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Unexpected failures (dynalite down, rollback failed) become a bare 500, as DynamoDB does.
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

function sendJson(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  data: unknown,
): void {
  const body = Buffer.from(JSON.stringify(data));
  // Answer in the content type the client spoke, like dynalite and DynamoDB do.
  const contentType = String(req.headers['content-type'] ?? '').startsWith(
    'application/x-amz-json-1.0',
  )
    ? 'application/x-amz-json-1.0'
    : 'application/json';
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': body.length,
    'x-amzn-requestid': randomUUID(),
    'x-amz-crc32': String(crc32(body)),
  });
  res.end(body);
}
