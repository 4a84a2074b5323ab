import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import { batchGetKeys } from './batchGet.js';
import type { Key } from './keys.js';

// Compression runs on libuv's thread pool: a large value's parts are compressed (and read
// back) while this thread serialises the next ones, on a second core when there is one.
const gzip = promisify(gzipCb);
const gunzip = promisify(gunzipCb);

/** Parts are kept well under DynamoDB's 400 KB item limit. */
const PART_BYTES = 300_000;

/**
 * A large JSON value (a run's input snapshot, a result) stored as gzip-compressed parts: a
 * 100k-item value is a few dozen items. `partKey(kind, n)` places part n of a value; the first
 * part says how many there are. Writing a value again replaces it part by part.
 */
export function gzipParts(
  deps: Pick<Deps, 'db' | 'tableName'>,
  type: string,
  partKey: (kind: string, n: number) => Key,
) {
  const TableName = deps.tableName;

  async function put(kind: string, value: unknown): Promise<number> {
    // The fastest level: the result of a 20k-item MRP run is over 100 MB of JSON; level 6 took
    // about three times as long as level 3 for a quarter less size, and level 3 two to three
    // times as long as level 1 for a tenth less (a net run's 49,000 orders, 30 MB: 174-375 ms
    // against 101-112 ms; 4.1 MB against 4.5 MB). A Lambda's fraction of a core does both the
    // compression and the JSON.
    const data = await gzip(Buffer.from(JSON.stringify(value)), { level: 1 });
    const parts = Math.max(1, Math.ceil(data.length / PART_BYTES));
    // The first part (which says how many) goes last: a reader never sees a half-written value.
    for (let n = parts - 1; n >= 0; n--) {
      await deps.db.send(
        new PutCommand({
          TableName,
          Item: {
            ...partKey(kind, n),
            type,
            parts,
            data: data.subarray(n * PART_BYTES, (n + 1) * PART_BYTES),
          },
        }),
      );
    }
    return parts;
  }

  /** The JSON text stored in parts, as written (for a reader that does not need objects). */
  async function getText(kind: string): Promise<string | undefined> {
    const first = await deps.db.send(
      new GetCommand({ TableName, Key: partKey(kind, 0), ConsistentRead: true }),
    );
    if (!first.Item) return undefined;
    const parts = Number(first.Item.parts);
    const rest = await batchGetKeys(
      deps,
      Array.from({ length: parts - 1 }, (_, i) => partKey(kind, i + 1)),
    );
    const ordered = [first.Item, ...rest].sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
    const data = Buffer.concat(ordered.map((p) => Buffer.from(p.data as Uint8Array)));
    return (await gunzip(data)).toString('utf8');
  }

  async function get<T>(kind: string): Promise<T | undefined> {
    const text = await getText(kind);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  return { put, get, getText };
}
