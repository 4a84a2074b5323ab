import { AppError } from '@factory/shared';
import { TABLE } from './table.js';

/**
 * Paging cursors: base64url JSON that the server issued. Every cursor a client sends back is
 * read here, and nothing reaches DynamoDB unless it has exactly the shape the server makes:
 * a start key (the LastEvaluatedKey) holds exactly the key attributes of the table or index
 * read, each a non-empty string, and its partition belongs to the caller's tenant, so a forged
 * cursor can neither page through someone else's data nor make the query fail (a 400 at
 * query.cursor, never a 500).
 */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

export type CursorPartition = { attr: string; value: string };

/** The start key in a cursor, checked against the partitions the query reads. */
export function decodeCursor(
  cursor: string | undefined,
  allowedPartitions: CursorPartition[],
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  return checkStartKey(readCursorJson(cursor), allowedPartitions);
}

/** The JSON inside a cursor; anything that is not base64url of JSON is a 400. */
export function readCursorJson(cursor: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw badCursor();
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
}

/** DynamoDB's limit on a sort key (a partition key may have 2048 bytes; ours are shorter). */
const MAX_KEY_BYTES = 1024;

/**
 * A start key as the server makes it: exactly the table's key attributes, plus an index's when
 * one of the allowed partitions is that index's partition key; every value a well-formed,
 * non-empty string; and every allowed partition matched.
 */
export function checkStartKey(
  value: unknown,
  allowedPartitions: CursorPartition[],
): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badCursor();
  const record = value as Record<string, unknown>;
  const attrs = new Set<string>([TABLE.partitionKey, TABLE.sortKey]);
  for (const index of TABLE.indexes) {
    if (allowedPartitions.some((p) => p.attr === index.partitionKey)) {
      attrs.add(index.partitionKey);
      attrs.add(index.sortKey);
    }
  }
  const names = Object.keys(record);
  if (names.length !== attrs.size || names.some((n) => !attrs.has(n))) throw badCursor();
  for (const n of names) {
    const v = record[n];
    if (typeof v !== 'string' || v === '' || !isWellFormed(v)) throw badCursor();
    if (Buffer.byteLength(v, 'utf8') > MAX_KEY_BYTES) throw badCursor();
  }
  if (!allowedPartitions.every(({ attr, value: p }) => record[attr] === p)) throw badCursor();
  return record as Record<string, string>;
}

/** True for DynamoDB's refusal of a start key (a sort key outside the query's condition, say). */
export function isStartKeyRefusal(err: unknown): boolean {
  const e = err as { name?: string; message?: string } | null;
  return (
    e?.name === 'ValidationException' && /starting key|ExclusiveStartKey/i.test(e.message ?? '')
  );
}

function isWellFormed(s: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

export function badCursor(): AppError {
  return new AppError('request.invalid', '分页游标无效', undefined, [
    { path: ['query', 'cursor'], message: '分页游标无效' },
  ]);
}
