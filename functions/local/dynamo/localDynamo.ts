// The local embedded DynamoDB: dynalite's engine in process, behind the transactions front
// (front.ts), which listens on the public port. Clients only ever talk to the front; those
// in the same process may skip the socket (inProcess.ts).
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { Level } from 'level';
import { createEngine, type EngineOptions } from './engine.js';
import { createFront, type Front, type TransactionConflictSetting } from './front.js';

export type LocalDynamoOptions = {
  /** LevelDB folder for persistence, created if missing; in memory when absent. */
  path?: string;
  /** Port of the front; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  /**
   * Refuse overlapping transactions with TransactionConflict, as DynamoDB does (off by
   * default: the front then runs transactions one at a time and never refuses one).
   */
  transactionConflicts?: TransactionConflictSetting;
  /** Called before each durable write of items (see EngineOptions; the crash tests use it). */
  beforeWrite?: EngineOptions['beforeWrite'];
};

export type LocalDynamo = {
  /** The front's URL, e.g. http://127.0.0.1:8000. */
  endpoint: string;
  /** For clients in this process: the same front without the socket. */
  front: Front;
  /** Stops the front, then dynalite, which flushes and closes LevelDB. */
  close(): Promise<void>;
};

export async function startLocalDynamo(opts: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  const host = opts.host ?? '127.0.0.1';
  if (opts.path) {
    await mkdir(opts.path, { recursive: true });
    await assertNotLocked(opts.path);
  }

  const engine = createEngine({
    ...(opts.path ? { path: opts.path } : {}),
    ...(opts.beforeWrite ? { beforeWrite: opts.beforeWrite } : {}),
  });
  const front = createFront(engine, { transactionConflicts: opts.transactionConflicts });

  try {
    // Fails early on a store that cannot open.
    const probe = await engine.call('ListTables', {});
    if (probe.status !== 200)
      throw new Error(`local dynamo store did not start: ${JSON.stringify(probe.body)}`);
    const port = await listen(front.server, opts.port ?? 0, host);
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return {
      endpoint: `http://${shownHost}:${port}`,
      front,
      async close() {
        await front.close();
        await engine.close();
      },
    };
  } catch (err) {
    await engine.close().catch(() => undefined);
    throw err;
  }
}

export class LocalStoreLockedError extends Error {
  override readonly name = 'LocalStoreLockedError';
}

/**
 * dynalite opens LevelDB lazily and, when another process holds the folder, fails inside a
 * stream with an unhandled error that kills the process. Opening it once ourselves first
 * turns that into an error the caller can handle (the CLI then uses the running API).
 */
async function assertNotLocked(path: string): Promise<void> {
  const db = new Level(path);
  try {
    await db.open();
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    if (
      (err as { code?: string }).code === 'LEVEL_DATABASE_NOT_OPEN' &&
      cause?.code === 'LEVEL_LOCKED'
    ) {
      throw new LocalStoreLockedError(
        `the local store ${path} is in use by another process (is npm start running?)`,
      );
    }
    throw err;
  } finally {
    await db.close();
  }
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
