import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from '@factory/shared';
import type { Deps } from '../deps.js';
import { Expr } from './expressions.js';
import type { Key } from './keys.js';
import { badCursor, decodeCursor, encodeCursor, isStartKeyRefusal } from './paging.js';

export type PagedQuery = {
  indexName?: string;
  /** The partition read; a cursor is honoured only for this partition. */
  partition: { attr: string; value: string };
  /** Extra key condition (after the partition equality) and a filter, built on the same Expr. */
  build?: (e: Expr) => { sortKey?: string; filter?: string };
  /** Newest first when the sort key is a time (inboxes). */
  descending?: boolean;
  /**
   * A test DynamoDB cannot express (an element of a list of maps), applied after the filter;
   * the page still ends just after the last item read, so the cursor stays exact.
   */
  keep?: (raw: Record<string, unknown>) => boolean;

  /** A strongly consistent read (the table's own partitions only, not an index). */
  consistent?: boolean;
};

/**
 * One page of a query. A filter can thin a DynamoDB page out, so this keeps reading until the
 * page is full or the partition ends; the cursor points just after the last item returned.
 */
export async function queryPage<T>(
  deps: Pick<Deps, 'db' | 'tableName'>,
  query: PagedQuery,
  page: { limit: number; cursor?: string },
  map: (raw: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const e = new Expr();
  const { attr, value } = query.partition;
  const extra = query.build?.(e) ?? {};
  const keyCondition = `${e.name(attr)} = ${e.value(value)}${extra.sortKey ? ` AND ${extra.sortKey}` : ''}`;
  const parts = e.build();
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined = decodeCursor(page.cursor, [query.partition]);
  let fromClient = startKey !== undefined;
  do {
    const request = new QueryCommand({
      TableName: deps.tableName,
      IndexName: query.indexName,
      KeyConditionExpression: keyCondition,
      FilterExpression: extra.filter,
      ExpressionAttributeNames: parts.ExpressionAttributeNames,
      ExpressionAttributeValues: parts.ExpressionAttributeValues,
      ExclusiveStartKey: startKey,
      Limit: page.limit - items.length,
      ...(query.descending ? { ScanIndexForward: false } : {}),
      ...(query.consistent ? { ConsistentRead: true } : {}),
    });
    // A well-shaped cursor may still point outside what the query reads (its sort key does not
    // match the key condition): DynamoDB refuses it, and that is the client's bad cursor.
    const res = await deps.db.send(request).catch((err: unknown) => {
      throw fromClient && isStartKeyRefusal(err) ? badCursor() : err;
    });
    fromClient = false;
    for (const raw of res.Items ?? []) if (!query.keep || query.keep(raw)) items.push(map(raw));
    startKey = res.LastEvaluatedKey;
  } while (startKey && items.length < page.limit);
  return { items, nextCursor: encodeCursor(startKey) };
}

/**
 * Every item of a partition (of the table, or of gsi1), page by page; `consistent` reads the
 * table strongly (an index cannot be).
 */
export async function queryAll(
  deps: Pick<Deps, 'db' | 'tableName'>,
  partition: { attr: 'pk' | 'gsi1pk'; value: string },
  options: { consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await deps.db.send(
      new QueryCommand({
        TableName: deps.tableName,
        ...(partition.attr === 'gsi1pk' ? { IndexName: 'gsi1' } : {}),
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': partition.attr },
        ExpressionAttributeValues: { ':p': partition.value },
        ...(options.consistent && partition.attr === 'pk' ? { ConsistentRead: true } : {}),
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

/** One item by its key, as stored (undefined when there is none). */
export async function getItem(
  deps: Pick<Deps, 'db' | 'tableName'>,
  key: Key,
  options: { consistent?: boolean } = {},
): Promise<Record<string, unknown> | undefined> {
  const res = await deps.db.send(
    new GetCommand({
      TableName: deps.tableName,
      Key: key,
      ...(options.consistent ? { ConsistentRead: true } : {}),
    }),
  );
  return res.Item;
}
