import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { AppError, type FactoryFile } from '@factory/shared';
import type { Deps } from '../deps.js';
import { batchGetKeys } from './batchGet.js';
import { Expr } from './expressions.js';
import { type Key, keys, type OrderKind } from './keys.js';
import { chunk, transactWrite, type TxItem } from './transact.js';

type ImportedBy = { importId: string; at: string; by: string };

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

  /** Order numbers already taken in this tenant. */
  async function existingOrders(file: FactoryFile): Promise<Set<string>> {
    const wanted: [string, Key][] = [
      ...(file.purchaseOrders ?? []).map(
        (o) => [o.no, keys.order(tenant, 'purchaseOrder', o.no)] as [string, Key],
      ),
      ...(file.taskOrders ?? []).map(
        (o) => [o.no, keys.order(tenant, 'taskOrder', o.no)] as [string, Key],
      ),
      ...(file.outsourcingOrders ?? []).map(
        (o) => [o.no, keys.order(tenant, 'outsourcingOrder', o.no)] as [string, Key],
      ),
      ...(file.salesOrders ?? []).map(
        (o) => [o.no, keys.order(tenant, 'salesOrder', o.no)] as [string, Key],
      ),
    ];
    const found = await batchGetKeys(
      deps,
      wanted.map(([, k]) => ({ pk: k.pk, sk: k.sk })),
    );
    return new Set(found.map((item) => String(item.no)));
  }

  /**
   * Writes creates in transactions of 100 and returns their keys; if one transaction fails,
   * what earlier ones wrote is removed before the error is passed on.
   */
  async function writeAll(items: TxItem[]): Promise<Key[]> {
    const written: Key[] = [];
    try {
      for (const part of chunk(items, 100)) {
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

  async function startJob(importId: string, src: ImportedBy): Promise<void> {
    await deps.db.send(
      new PutCommand({
        TableName,
        Item: {
          ...keys.importJob(tenant, importId),
          type: 'import',
          importId,
          status: 'running',
          startedAt: src.at,
          by: src.by,
        },
      }),
    );
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
      },
      ...extra,
    ]);
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

  return {
    orders,
    calendar,
    existingOrders,
    writeAll,
    removeAll,
    startJob,
    finishJob,
    getMeta,
    setMeta,
  };
}
