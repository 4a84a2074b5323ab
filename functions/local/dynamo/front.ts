// The transactions front: speaks the DynamoDB JSON protocol in front of dynalite. Every
// operation goes to dynalite's own engine, except TransactWriteItems and TransactGetItems,
// which it implements itself (transactions.ts).
//
// Isolation comes from one readers-writer lock around every request: reads share it,
// writes (including whole transactions) hold it alone, so a reader never sees a
// transaction half applied. This holds for all traffic through the front, over HTTP or in
// process.
//
// DynamoDB runs transactions concurrently and cancels one that touches an item another
// transaction holds (TransactionConflict); the lock alone would never do that. With
// `transactionConflicts` on, the front does it too: a transaction holds its items for a
// window before it is applied (DynamoDB's prepare phase), and any transaction, transactional
// read or single-item write that touches a held item meanwhile is refused as DynamoDB
// refuses it, so the application's handling of conflicts is exercised locally.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { RwLock } from './rwLock.js';
import { DynamoError, itemId as itemIdOf, Transactions } from './transactions.js';
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

// Single-item writes that DynamoDB refuses while a transaction holds their item.
const ITEM_WRITE_OPS = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);
const TYPE_PREFIX = 'com.amazonaws.dynamodb.v20120810#';
const CONFLICT_MESSAGE = 'Transaction is ongoing for the item';

export type TransactionConflictOptions = {
  /** How long a transaction holds its items before it is applied (default 10 ms). */
  windowMs?: number;
};

/** `true` turns conflicts on with the default window; `false` or absent turns them off. */
export type TransactionConflictSetting = TransactionConflictOptions | boolean | undefined;

export type FrontOptions = { transactionConflicts?: TransactionConflictSetting };

export type FrontStats = {
  /** Requests refused with TransactionConflict (transactions, reads and single writes). */
  transactionConflicts: number;
  /** Items held now by transactions in their window, by id (table and key, as JSON). */
  heldItems: readonly string[];
};

export type Front = {
  server: http.Server;
  /** One DynamoDB request (X-Amz-Target and JSON body), answered as DynamoDB would. */
  dispatch(target: string, body: Buffer): Promise<JsonResponse>;
  /** Turns the emulation of TransactionConflict on or off (tests switch it per test). */
  setTransactionConflicts(setting: TransactionConflictSetting): void;
  stats(): FrontStats;
  close(): Promise<void>;
};

const DEFAULT_WINDOW_MS = 10;

function windowOf(setting: TransactionConflictSetting): number | undefined {
  if (!setting) return undefined;
  return setting === true ? DEFAULT_WINDOW_MS : (setting.windowMs ?? DEFAULT_WINDOW_MS);
}

export function createFront(upstream: Upstream, options: FrontOptions = {}): Front {
  const lock = new RwLock();
  const transactions = new Transactions(upstream);
  /** Conflict emulation: the hold window, or undefined when off. */
  let conflictWindowMs = windowOf(options.transactionConflicts);
  /** Items held by transactions in their window. */
  const held = new Set<string>();
  const stats: Omit<FrontStats, 'heldItems'> = { transactionConflicts: 0 };

  function conflictCancellation(clashes: boolean[]): DynamoError {
    stats.transactionConflicts++;
    const reasons = clashes.map((c) =>
      c ? { Code: 'TransactionConflict', Message: CONFLICT_MESSAGE } : { Code: 'None' },
    );
    return new DynamoError(400, {
      __type: `${TYPE_PREFIX}TransactionCanceledException`,
      Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      CancellationReasons: reasons,
    });
  }

  async function transactWrite(payload: Record<string, unknown>) {
    const prepared = await lock.read(() => transactions.prepareWrite(payload));
    const windowMs = conflictWindowMs;
    if (windowMs === undefined) return lock.write(() => transactions.executeWrite(prepared));
    const ids = transactions.itemsOf(prepared);
    const clashes = ids.map((id) => held.has(id));
    if (clashes.some(Boolean)) throw conflictCancellation(clashes);
    for (const id of ids) held.add(id);
    try {
      await new Promise((resolve) => setTimeout(resolve, windowMs));
      return await lock.write(() => transactions.executeWrite(prepared));
    } finally {
      for (const id of ids) held.delete(id);
    }
  }

  function transactGet(payload: Record<string, unknown>) {
    const prepared = transactions.prepareGet(payload);
    if (held.size > 0) {
      const clashes = prepared.gets.map((g) => held.has(itemIdOf(g.table, g.key)));
      if (clashes.some(Boolean)) throw conflictCancellation(clashes);
    }
    return lock.read(() => transactions.getItems(prepared));
  }

  /** A single-item write to an item a transaction holds is refused, as DynamoDB does. */
  async function heldByTransaction(op: string, payload: Record<string, unknown>) {
    if (held.size === 0 || !ITEM_WRITE_OPS.has(op)) return false;
    const id = await transactions.itemOfWrite(op, payload);
    if (id === undefined || !held.has(id)) return false;
    stats.transactionConflicts++;
    return true;
  }

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
        const out = await (op === 'TransactWriteItems'
          ? transactWrite(payload)
          : transactGet(payload));
        return { status: 200, body: out };
      } catch (err) {
        if (err instanceof DynamoError) return { status: err.status, body: err.body };
        throw err;
      }
    }
    if (await heldByTransaction(op, payload)) {
      return {
        status: 400,
        body: { __type: `${TYPE_PREFIX}TransactionConflictException`, message: CONFLICT_MESSAGE },
      };
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
      // Unexpected failures (store closed, a write failed) become a bare 500, as DynamoDB does.
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
    setTransactionConflicts(setting) {
      conflictWindowMs = windowOf(setting);
    },
    stats: () => ({ ...stats, heldItems: [...held] }),
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
