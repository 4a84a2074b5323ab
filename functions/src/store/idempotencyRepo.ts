import { gunzipSync, gzipSync } from 'node:zlib';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import { Expr } from './expressions.js';
import { keys } from './keys.js';
import type { TxItem } from './transact.js';

export type StoredResponse = { statusCode: number; body: string };

export type ClaimResult =
  | { state: 'claimed'; resource?: string }
  | { state: 'replay'; response: StoredResponse }
  | { state: 'mismatch' }
  | { state: 'inProgress' };

/** How long a claim blocks a retry before another attempt may take over (longer than a Lambda run). */
export const LEASE_MS = 60_000;
/**
 * A response larger than this is kept gzip-compressed: a posting's answer lists every line of
 * its document, and the record must stay one item (a 1,000-line document's answer is a few
 * hundred KB as text, a few dozen compressed).
 */
const COMPRESS_ABOVE = 32 * 1024;

/** How long a finished result is replayed. */
export const RETENTION_SECONDS = 24 * 3600;

/**
 * Idempotency records. A request claims its key (with a random token) before it does any
 * work; the work's own transaction completes the record where it can, so "done" and
 * "recorded as done" cannot come apart.
 */
export function idempotencyRepo(deps: Pick<Deps, 'db' | 'tableName'>, tenant: string) {
  const TableName = deps.tableName;

  async function claim(key: string, hash: string, token: string, now: Date): Promise<ClaimResult> {
    const e = new Expr();
    const update = e.update({
      set: {
        type: 'idempotency',
        status: 'inProgress',
        requestHash: hash,
        token,
        leaseUntil: now.getTime() + LEASE_MS,
        expiresAt: Math.floor(now.getTime() / 1000) + RETENTION_SECONDS,
      },
    });
    // A claim left behind by a crashed attempt may be taken over once its lease has run out,
    // but only by the same request: the new attempt then resumes what the old one linked.
    const condition =
      `attribute_not_exists(${e.name('pk')}) OR (${e.name('status')} = ${e.value('inProgress')} AND ` +
      `${e.name('leaseUntil')} < ${e.value(now.getTime())} AND ${e.name('requestHash')} = ${e.value(hash)})`;
    try {
      const res = await deps.db.send(
        new UpdateCommand({
          TableName,
          Key: keys.idempotency(tenant, key),
          ...e.forUpdate(update, condition),
          ReturnValues: 'ALL_NEW',
        }),
      );
      const resource = res.Attributes?.resource;
      return resource ? { state: 'claimed', resource: String(resource) } : { state: 'claimed' };
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    }
    const existing = await deps.db.send(
      new GetCommand({ TableName, Key: keys.idempotency(tenant, key), ConsistentRead: true }),
    );
    const item = existing.Item;
    if (!item) return claim(key, hash, token, now); // released in between: try again
    if (item.requestHash !== hash) return { state: 'mismatch' };
    if (item.status === 'completed') return { state: 'replay', response: storedResponse(item) };
    return { state: 'inProgress' };
  }

  function owned(
    key: string,
    token: string,
    set: Record<string, unknown>,
    remove: string[] = [],
  ): TxItem {
    const e = new Expr();
    const update = e.update({ set, remove });
    const condition = `${e.name('token')} = ${e.value(token)}`;
    return {
      Update: { TableName, Key: keys.idempotency(tenant, key), ...e.forUpdate(update, condition) },
    };
  }

  /** Written in the same transaction as the work it records. */
  function completeItem(key: string, token: string, response: StoredResponse): TxItem {
    const text = JSON.stringify(response);
    return owned(
      key,
      token,
      {
        status: 'completed',
        ...(text.length > COMPRESS_ABOVE
          ? { responseGz: gzipSync(Buffer.from(text)) }
          : { response: text }),
      },
      ['leaseUntil'],
    );
  }

  /** Links a multi-step posting to the key, so a retry resumes it instead of starting again. */
  function linkItem(key: string, token: string, resource: string): TxItem {
    return owned(key, token, { resource });
  }

  async function complete(key: string, token: string, response: StoredResponse): Promise<void> {
    const { Update } = completeItem(key, token, response);
    await deps.db.send(new UpdateCommand(Update!));
  }

  /** After a failure nothing was done, so the key is freed for a retry. */
  async function release(key: string, token: string): Promise<void> {
    try {
      await deps.db.send(
        new DeleteCommand({
          TableName,
          Key: keys.idempotency(tenant, key),
          ConditionExpression: '#token = :token AND #status = :inProgress',
          ExpressionAttributeNames: { '#token': 'token', '#status': 'status' },
          ExpressionAttributeValues: { ':token': token, ':inProgress': 'inProgress' },
        }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    }
  }

  return { claim, completeItem, linkItem, complete, release };
}

export type IdempotencyRepo = ReturnType<typeof idempotencyRepo>;

function storedResponse(item: Record<string, unknown>): StoredResponse {
  const text =
    item.responseGz !== undefined
      ? gunzipSync(item.responseGz as Uint8Array).toString('utf8')
      : String(item.response);
  return JSON.parse(text) as StoredResponse;
}
