import { promisify } from 'node:util';
import { once } from 'node:events';
import {
  brotliDecompress as unbrotliCb,
  constants,
  createBrotliCompress,
  gunzip as gunzipCb,
} from 'node:zlib';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import { batchGetKeys } from './batchGet.js';
import type { Key } from './keys.js';

// Compression runs on libuv's thread pool: a large value's parts are compressed (and read
// back) while this thread serialises the next ones, on a second core when there is one.
const unbrotli = promisify(unbrotliCb);
const gunzip = promisify(gunzipCb);

/**
 * Brotli at quality 1. Against gzip at level 1 (which parts were written with before, and
 * are still read as: a first part without `encoding`), on a net run's orders (21 MB of JSON):
 * 50 ms against 82-142 ms, 3.2 MB against 3.5 MB; on 100,000 orders of a full plan (43 MB):
 * 80 ms against 179 ms. Reading back takes the same time. gzip's level 3 and 6 cost two to six
 * times level 1 for a tenth to a quarter less size; brotli's quality 0 is a little faster than
 * 1 and larger than gzip's level 1. A Lambda's fraction of a core does both the compression
 * and the JSON, and on a small machine the compression of a net run's parts competes with the
 * collector's threads.
 */
const ENCODING = 'br1';

/** Rows of an array value serialised at a time (see compressJson). */
const ROWS_AT_A_TIME = 256;

/**
 * The JSON text of `value`, compressed. A large array (a result segment) is serialised a few
 * hundred rows at a time into the compression stream instead of as one string: a net run's
 * orders were 20-30 MB of text and as much again as a buffer, made and dropped within the
 * write. Text that size is allocated where the collector counts it at once towards its next
 * full collection; it came about every five net runs, and one that fell inside a write made
 * the compression three to four times as long. Small pieces die young. The text is the same.
 */
async function compressJson(value: unknown): Promise<Buffer> {
  const stream = createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });
  const out: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = once(stream, 'end');
  // A failure of the stream rejects this too; it is awaited last, after the loop may throw.
  ended.catch(() => undefined);
  // Compression runs on the thread pool while the next rows are serialised; past the
  // stream's buffer, wait for it.
  for (const piece of jsonPieces(value)) if (!stream.write(piece)) await once(stream, 'drain');
  stream.end();
  await ended;
  return Buffer.concat(out);
}

/** The JSON text of `value` in pieces: an array's a few hundred rows at a time. */
function* jsonPieces(value: unknown): Generator<string> {
  if (!Array.isArray(value)) {
    yield JSON.stringify(value);
    return;
  }
  yield '[';
  for (let from = 0; from < value.length; from += ROWS_AT_A_TIME) {
    const rows = JSON.stringify(value.slice(from, from + ROWS_AT_A_TIME));
    yield from === 0 ? rows.slice(1, -1) : `,${rows.slice(1, -1)}`;
  }
  yield ']';
}

const decompress = (data: Buffer, encoding: unknown) =>
  encoding === ENCODING ? unbrotli(data) : gunzip(data);

/** Parts are kept well under DynamoDB's 400 KB item limit. */
const PART_BYTES = 300_000;

/**
 * A large JSON value (a run's input snapshot, a result) stored as compressed parts: a
 * 100k-item value is a few dozen items. `partKey(kind, n)` places part n of a value; the first
 * part says how many there are and how they are compressed. Writing a value again replaces it
 * part by part.
 */
export function compressedParts(
  deps: Pick<Deps, 'db' | 'tableName'>,
  type: string,
  partKey: (kind: string, n: number) => Key,
) {
  const TableName = deps.tableName;

  async function put(kind: string, value: unknown): Promise<number> {
    const data = await compressJson(value);
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
            ...(n === 0 ? { encoding: ENCODING } : {}),
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
    return (await decompress(data, first.Item.encoding)).toString('utf8');
  }

  async function get<T>(kind: string): Promise<T | undefined> {
    const text = await getText(kind);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  return { put, get, getText };
}
