import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';
import { AppError, type FactoryFile, type ImportJob, type ImportSummary } from '@factory/shared';
import type { Deps } from '../deps.js';
import { batchGetKeys } from './batchGet.js';
import { batchDelete, batchPut } from './batchWrite.js';
import { Expr } from './expressions.js';
import { type IndexKey, type Key, keys, type MasterKind, type OrderKind } from './keys.js';
import { ALL_ITEMS, marking } from './mrpMarks.js';
import { chunk, transactWrite, type TxItem } from './transact.js';

type ImportedBy = { importId: string; at: string; by: string };

/**
 * How long the import lock holds without being renewed. A running import renews it every
 * quarter of that; one that stopped (a crashed process) frees it when it runs out.
 */
export const IMPORT_LEASE_MS = 60_000;

const gzip = promisify(gzipCb);
const gunzip = promisify(gunzipCb);
/** A part of a stored import file: well under DynamoDB's 400 KB item limit. */
const FILE_PART_BYTES = 300_000;
/** How long the file of an import job is kept (a resumed job reads it again). */
const FILE_KEEP_SECONDS = 7 * 24 * 3600;

/** A stored summary (the table's numbers come back as exact decimal strings). */
function summaryOf(stored: Record<string, unknown>): ImportSummary {
  const counts = (stored.counts ?? {}) as Record<string, unknown>;
  return {
    importId: String(stored.importId),
    counts: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)])),
    stockDocument: stored.stockDocument == null ? null : String(stored.stockDocument),
  };
}

/** Who holds the tenant's import lock, for what file, and how far it got. */
export type ImportClaim = {
  importId: string;
  /** An earlier attempt at the same file stopped part way: this one redoes it under its id. */
  resumed: boolean;
  startedAt: string;
  /** The opening stock document the earlier attempt had numbered, if it got that far. */
  stockDocument?: string;
};

/** Records an import brings besides master data and stock: BOMs, open orders, calendar. */
export function importRepo(deps: Pick<Deps, 'db' | 'tableName'>, tenant: string) {
  const TableName = deps.tableName;

  const create = (key: Key, item: Record<string, unknown>, what: string): TxItem => ({
    Put: { TableName, Item: { ...key, ...item }, ConditionExpression: 'attribute_not_exists(pk)' },
    onConditionFailed: () => new AppError('import.conflict', `${what} 已存在`, { what }),
  });

  function orders(file: FactoryFile, src: ImportedBy): TxItem[] {
    const out: TxItem[] = [];
    const add = (kind: OrderKind, no: string, body: Record<string, unknown>) =>
      out.push(
        create(
          kind === 'taskOrder'
            ? keys.taskOrder(tenant, {
                no,
                status: typeof body.status === 'string' ? body.status : 'open',
                ...(typeof body.priority === 'number' ? { priority: body.priority } : {}),
                ...(typeof body.dueDate === 'string' ? { dueDate: body.dueDate } : {}),
              })
            : keys.order(tenant, kind, no),
          { type: kind, kind, no, status: 'open', ...body, source: src },
          `单据 ${no}`,
        ),
      );
    for (const po of file.purchaseOrders ?? []) add('purchaseOrder', po.no, po);
    for (const mo of file.taskOrders ?? []) add('taskOrder', mo.no, mo);
    for (const oo of file.outsourcingOrders ?? []) add('outsourcingOrder', oo.no, oo);
    for (const so of file.salesOrders ?? []) add('salesOrder', so.no, so);
    for (const fc of file.forecasts ?? []) {
      out.push(
        create(
          keys.forecast(tenant, fc.item, fc.from),
          { type: 'forecast', ...fc, source: src },
          `预测 ${fc.item} ${fc.from}`,
        ),
      );
    }
    return out;
  }

  function calendar(file: FactoryFile, src: ImportedBy): TxItem[] {
    if (!file.calendar) return [];
    return [
      {
        Put: {
          TableName,
          Item: {
            ...keys.calendar(tenant),
            type: 'calendar',
            ...file.calendar,
            planningDate: file.runDate,
            source: src,
          },
        },
      },
    ];
  }

  /** Order numbers already taken in this tenant (other than by import `importId`). */
  async function existingOrders(file: FactoryFile, importId?: string): Promise<Set<string>> {
    const wanted: [string, Key & IndexKey][] = [
      ...(file.purchaseOrders ?? []).map(
        (o) => [o.no, keys.order(tenant, 'purchaseOrder', o.no)] as [string, Key & IndexKey],
      ),
      ...(file.taskOrders ?? []).map(
        (o) => [o.no, keys.order(tenant, 'taskOrder', o.no)] as [string, Key & IndexKey],
      ),
      ...(file.outsourcingOrders ?? []).map(
        (o) => [o.no, keys.order(tenant, 'outsourcingOrder', o.no)] as [string, Key & IndexKey],
      ),
      ...(file.salesOrders ?? []).map(
        (o) => [o.no, keys.order(tenant, 'salesOrder', o.no)] as [string, Key & IndexKey],
      ),
    ];
    // A tenant without orders of a kind yet (a factory moving in) needs no look-up per number.
    const kinds: OrderKind[] = ['purchaseOrder', 'taskOrder', 'outsourcingOrder', 'salesOrder'];
    const empty = new Set<string>();
    await Promise.all(
      kinds.map(async (kind) => {
        if (await isEmpty(keys.ordersByKind(tenant, kind), 'gsi1'))
          empty.add(keys.order(tenant, kind, '').gsi1pk);
      }),
    );
    const found = await batchGetKeys(
      deps,
      wanted.filter(([, k]) => !empty.has(k.gsi1pk)).map(([, k]) => ({ pk: k.pk, sk: k.sk })),
    );
    return new Set(
      found
        .filter(
          (item) => (item.source as { importId?: unknown } | undefined)?.importId !== importId,
        )
        .map((item) => String(item.no)),
    );
  }

  /** Whether a partition (of the table, or of gsi1) holds nothing yet: one read of one key. */
  async function isEmpty(partition: string, index?: 'gsi1'): Promise<boolean> {
    const attr = index ? 'gsi1pk' : 'pk';
    const res = await deps.db.send(
      new QueryCommand({
        TableName,
        ...(index ? { IndexName: index } : {}),
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': attr },
        ExpressionAttributeValues: { ':p': partition },
        ProjectionExpression: '#p',
        Limit: 1,
      }),
    );
    return (res.Items ?? []).length === 0;
  }

  /**
   * Writes creates in transactions of 100 and returns their keys; if one transaction fails,
   * what earlier ones wrote is removed before the error is passed on.
   */
  async function writeAll(items: TxItem[]): Promise<Key[]> {
    const written: Key[] = [];
    try {
      // One item stays free for a planning mark (`*` when its records mark too many items).
      for (const part of chunk(items, 99)) {
        await transactWrite(deps.db, part);
        for (const op of part)
          if (op.Put) written.push({ pk: String(op.Put.Item!.pk), sk: String(op.Put.Item!.sk) });
      }
    } catch (err) {
      await removeAll(written);
      throw err;
    }
    return written;
  }

  async function removeAll(written: Key[]): Promise<void> {
    for (const part of chunk(written, 100)) {
      await transactWrite(
        deps.db,
        part.map((Key) => ({ Delete: { TableName, Key } })),
      );
    }
  }

  /** The job's start, with `extra` in the same transaction (a request linking its key). */
  async function startJob(importId: string, src: ImportedBy, extra: TxItem[] = []): Promise<void> {
    await transactWrite(deps.db, [
      {
        Put: {
          TableName,
          Item: {
            ...keys.importJob(tenant, importId),
            type: 'import',
            importId,
            status: 'running',
            startedAt: src.at,
            by: src.by,
          },
        },
        // An import may change any item's demand or supply: plan every item (again at the end).
        ...marking(tenant, [ALL_ITEMS]),
      },
      ...extra,
    ]);
  }

  /** The job's end, with `extra` in the same transaction (the request's completion). */
  async function finishJob(
    importId: string,
    status: 'completed' | 'failed',
    detail: Record<string, unknown>,
    extra: TxItem[] = [],
  ): Promise<void> {
    const e = new Expr();
    await transactWrite(deps.db, [
      {
        Update: {
          TableName,
          Key: keys.importJob(tenant, importId),
          ...e.forUpdate(e.update({ set: { status, ...detail } })),
        },
        ...marking(tenant, [ALL_ITEMS]),
      },
      ...extra,
    ]);
  }

  /** The job record of an import (absent: unknown id, or another tenant's). */
  async function getJob(importId: string): Promise<ImportJob | undefined> {
    const item = (
      await deps.db.send(
        new GetCommand({ TableName, Key: keys.importJob(tenant, importId), ConsistentRead: true }),
      )
    ).Item;
    if (!item) return undefined;
    return {
      importId: String(item.importId),
      status: item.status as ImportJob['status'],
      startedAt: String(item.startedAt),
      by: String(item.by),
      ...(item.finishedAt ? { finishedAt: String(item.finishedAt) } : {}),
      ...(item.summary ? { summary: summaryOf(item.summary as Record<string, unknown>) } : {}),
      ...(item.errorCode
        ? { error: { code: String(item.errorCode), message: String(item.error ?? '') } }
        : {}),
      ...(item.interruptedAt
        ? { interrupted: { at: String(item.interruptedAt), message: String(item.interruption) } }
        : {}),
      // Only while it runs: a finished job has its summary (or its error).
      ...(item.progress && item.status === 'running'
        ? { progress: progressOf(item.progress as Record<string, unknown>) }
        : {}),
    };
  }

  /** A worker's run stopped unexpectedly; the job stays running (see zImportJob). */
  async function interruptJob(importId: string, at: Date, message: string): Promise<void> {
    const e = new Expr();
    await deps.db.send(
      new UpdateCommand({
        TableName,
        Key: keys.importJob(tenant, importId),
        ...e.forUpdate(
          e.update({ set: { interruptedAt: at.toISOString(), interruption: message } }),
          `${e.name('status')} = ${e.value('running')}`,
        ),
      }),
    );
  }

  /** Keeps the file of an import run as a job, for the worker (and a resumed worker) to read. */
  async function saveFile(importId: string, file: FactoryFile, now: Date): Promise<void> {
    const data = await gzip(Buffer.from(JSON.stringify(file)), { level: 3 });
    const parts = Math.max(1, Math.ceil(data.length / FILE_PART_BYTES));
    const expiresAt = Math.floor(now.getTime() / 1000) + FILE_KEEP_SECONDS;
    await batchPut(
      deps,
      Array.from({ length: parts }, (_, n) => ({
        ...keys.importFilePart(tenant, importId, n),
        type: 'importFilePart',
        parts,
        data: data.subarray(n * FILE_PART_BYTES, (n + 1) * FILE_PART_BYTES),
        expiresAt,
      })),
    );
  }

  async function loadFile(importId: string): Promise<FactoryFile | undefined> {
    const first = await deps.db.send(
      new GetCommand({
        TableName,
        Key: keys.importFilePart(tenant, importId, 0),
        ConsistentRead: true,
      }),
    );
    if (!first.Item) return undefined;
    const parts = Number(first.Item.parts);
    const rest = await batchGetKeys(
      deps,
      Array.from({ length: parts - 1 }, (_, i) => keys.importFilePart(tenant, importId, i + 1)),
    );
    const ordered = [first.Item, ...rest].sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
    if (ordered.length !== parts) throw new Error(`import ${importId}: file parts missing`);
    const data = Buffer.concat(ordered.map((p) => Buffer.from(p.data as Uint8Array)));
    return JSON.parse((await gunzip(data)).toString('utf8')) as FactoryFile;
  }

  /** The lock's claim when `importId` still holds it (a job's worker carries on under it). */
  async function heldClaim(importId: string): Promise<ImportClaim | undefined> {
    const held = (
      await deps.db.send(
        new GetCommand({ TableName, Key: keys.importLock(tenant), ConsistentRead: true }),
      )
    ).Item;
    if (!held || held.importId !== importId) return undefined;
    return {
      importId,
      resumed: held.resumed === true,
      startedAt: String(held.startedAt),
      ...(held.stockDocument ? { stockDocument: String(held.stockDocument) } : {}),
    };
  }

  async function getMeta(): Promise<Record<string, unknown> | undefined> {
    return (
      await deps.db.send(
        new GetCommand({ TableName, Key: keys.meta(tenant), ConsistentRead: true }),
      )
    ).Item;
  }

  async function setMeta(values: Record<string, unknown>): Promise<void> {
    const e = new Expr();
    await deps.db.send(
      new UpdateCommand({
        TableName,
        Key: keys.meta(tenant),
        ...e.forUpdate(e.update({ set: { type: 'meta', ...values } })),
      }),
    );
  }

  /**
   * Takes the tenant's import lock for a file (by its fingerprint). Free, or left by an import
   * that stopped without finishing (its lease ran out): taken; if that import was of the same
   * file, this one resumes it under the same id. Held and renewed by a running import:
   * 409 import.inProgress.
   */
  async function claim(newId: string, fingerprint: string, now: Date): Promise<ImportClaim> {
    const key = keys.importLock(tenant);
    const held = (await deps.db.send(new GetCommand({ TableName, Key: key, ConsistentRead: true })))
      .Item;
    if (held && Number(held.leaseUntil) >= now.getTime()) throw inProgress(held, now);
    const resumed = held !== undefined && held.fingerprint === fingerprint;
    const claimed: ImportClaim = resumed
      ? {
          importId: String(held.importId),
          resumed: true,
          startedAt: String(held.startedAt),
          ...(held.stockDocument ? { stockDocument: String(held.stockDocument) } : {}),
        }
      : { importId: newId, resumed: false, startedAt: now.toISOString() };
    const e = new Expr();
    const condition = held
      ? `${e.name('leaseUntil')} = ${e.value(Number(held.leaseUntil))} AND ${e.name('importId')} = ${e.value(held.importId)}`
      : `attribute_not_exists(${e.name('pk')})`;
    try {
      await deps.db.send(
        new PutCommand({
          TableName,
          Item: {
            ...key,
            type: 'importLock',
            ...claimed,
            fingerprint,
            leaseUntil: now.getTime() + IMPORT_LEASE_MS,
          },
          ...e.build(condition),
        }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      throw inProgress(undefined, now); // another import took it in between
    }
    return claimed;
  }

  function inProgress(held: Record<string, unknown> | undefined, now: Date): AppError {
    const seconds = held
      ? Math.max(1, Math.ceil((Number(held.leaseUntil) - now.getTime()) / 1000))
      : 1;
    return new AppError(
      'import.inProgress',
      `另一个导入正在进行，请在 ${seconds} 秒后重试（重新导入同一文件会从中断处继续）`,
      { ...(held ? { importId: String(held.importId) } : {}), retryAfterSeconds: seconds },
    );
  }

  /** Renews the lease, and records what the import has reached; refused once it lost the lock. */
  async function renew(importId: string, now: Date, set: Record<string, unknown> = {}) {
    const e = new Expr();
    const update = e.update({ set: { leaseUntil: now.getTime() + IMPORT_LEASE_MS, ...set } });
    try {
      await deps.db.send(
        new UpdateCommand({
          TableName,
          Key: keys.importLock(tenant),
          ...e.forUpdate(update, `${e.name('importId')} = ${e.value(importId)}`),
        }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      throw new AppError('import.inProgress', '导入已被另一次导入接管（本次运行超时）', {
        importId,
      });
    }
  }

  /** Frees the lock (finished, or refused before anything was written). */
  async function release(importId: string): Promise<void> {
    try {
      await deps.db.send(
        new DeleteCommand({
          TableName,
          Key: keys.importLock(tenant),
          ConditionExpression: '#id = :id',
          ExpressionAttributeNames: { '#id': 'importId' },
          ExpressionAttributeValues: { ':id': importId },
        }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    }
  }

  /**
   * Codes of a master-data kind that exist already, other than those `importId` wrote (a
   * resumed import meets its own records again).
   */
  async function existingMaster(
    kind: MasterKind,
    codes: Iterable<string>,
    importId: string,
  ): Promise<Set<string>> {
    if (await isEmpty(keys.masterPartition(tenant, kind))) return new Set();
    const found = await batchGetKeys(
      deps,
      [...new Set(codes)].map((c) => keys.master(tenant, kind, c)),
    );
    return new Set(found.filter((r) => r.importId !== importId).map((r) => String(r.sk)));
  }

  /**
   * Writes records without conditions, in batches (keys were checked first and the lock
   * keeps other imports out); `progress` runs between slices (the lease is renewed there).
   */
  async function putAll(
    items: Record<string, unknown>[],
    progress: (written: number) => Promise<void> = async () => undefined,
  ): Promise<void> {
    let written = 0;
    for (const part of chunk(items, 2_000)) {
      await batchPut(deps, part);
      written += part.length;
      await progress(written);
    }
  }

  /** How far the job is, on its record (GET /api/imports/{id} shows it). */
  async function setProgress(
    importId: string,
    progress: NonNullable<ImportJob['progress']>,
  ): Promise<void> {
    const e = new Expr();
    await deps.db.send(
      new UpdateCommand({
        TableName,
        Key: keys.importJob(tenant, importId),
        ...e.forUpdate(e.update({ set: { progress } }), 'attribute_exists(pk)'),
      }),
    );
  }

  async function deleteAll(keyList: Key[]): Promise<void> {
    await batchDelete(deps, keyList);
  }

  return {
    orders,
    calendar,
    existingOrders,
    existingMaster,
    writeAll,
    setProgress,
    removeAll,
    putAll,
    deleteAll,
    claim,
    renew,
    release,
    startJob,
    finishJob,
    getJob,
    interruptJob,
    saveFile,
    loadFile,
    heldClaim,
    getMeta,
    setMeta,
  };
}

function progressOf(p: Record<string, unknown>): NonNullable<ImportJob['progress']> {
  return {
    phase: p.phase === 'stock' ? 'stock' : 'records',
    done: Number(p.done),
    total: Number(p.total),
  };
}
