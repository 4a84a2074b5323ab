import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  AppError,
  type TaskNeed,
  type TaskOrder,
  type TaskOrderState,
  versionConflict,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import { batchGetKeys } from './batchGet.js';
import { Expr } from './expressions.js';
import { refuseOversized } from './itemSize.js';
import { TASK_DONE, TASK_LEGACY_AFTER, TASK_OPEN, type TaskOrderIndexFacts, keys } from './keys.js';
import type { TxItem } from './transact.js';

const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

/** A task order keeps its component needs inside it: one item, so their number is bounded. */
const NEEDS_HINT = '物料清单子件过多（约 2,000 个以上），无法在一张任务单中保存全部需求';

/** A stored task order; `needs` is absent on imported orders until first read for picking. */
export type StoredTaskOrder = Omit<TaskOrder, 'needs'> & { needs?: TaskNeed[]; rev?: number };

/** Released and imported orders were first stored as 'open': that is 'released'. */
function stateOf(raw: unknown): TaskOrderState {
  const s = String(raw ?? 'open');
  if (s === 'open') return 'released';
  if (s === 'cancelled') return 'closed';
  if (s === 'received') return 'completed';
  return s as TaskOrderState;
}

/**
 * Task orders (生产任务单) in the shape MRP, kitting and shortage read (item, qty, received,
 * startDate, dueDate, trackingNo, issued[]) plus their needs, state, priority and version.
 */
export function taskOrderRepo(deps: Pick<Deps, 'db' | 'tableName'>, tenant: string) {
  const TableName = deps.tableName;
  const keyOf = (no: string) => {
    const k = keys.order(tenant, 'taskOrder', no);
    return { pk: k.pk, sk: k.sk };
  };

  function toRecord(raw: Record<string, unknown>): StoredTaskOrder {
    const source = raw.source as Record<string, unknown> | undefined;
    const origin: TaskOrder['origin'] =
      (str(raw.origin) as TaskOrder['origin'] | undefined) ??
      (source?.mrpRun ? 'mrp' : source?.importId ? 'import' : 'manual');
    const rework = raw.rework as Record<string, unknown> | undefined;
    return {
      no: String(raw.no),
      ...(raw.kind === 'rework' ? { kind: 'rework' as const } : {}),
      item: String(raw.item),
      qty: String(raw.qty),
      received: str(raw.received) ?? '0',
      startDate: String(raw.startDate),
      dueDate: String(raw.dueDate),
      ...(raw.trackingNo ? { trackingNo: String(raw.trackingNo) } : {}),
      priority: raw.priority === undefined ? 5 : Number(raw.priority),
      status: stateOf(raw.status),
      ...(raw.bomVersion ? { bomVersion: String(raw.bomVersion) } : {}),
      ...(Array.isArray(raw.needs)
        ? {
            needs: (raw.needs as Record<string, unknown>[]).map((n) => ({
              item: String(n.item),
              qtyPer: String(n.qtyPer),
              lossRate: String(n.lossRate),
              required: String(n.required),
              issued: String(n.issued ?? '0'),
              warehouse: String(n.warehouse ?? ''),
              issueMethod: n.issueMethod === 'backflush' ? 'backflush' : 'manual',
              ...(Array.isArray(n.phantomPath) ? { phantomPath: n.phantomPath.map(String) } : {}),
              ...(n.status === 'rejected' || n.status === 'inspection' ? { status: n.status } : {}),
              ...(n.trackingNo ? { trackingNo: String(n.trackingNo) } : {}),
              ...(Array.isArray(n.substitutes)
                ? {
                    substitutes: (n.substitutes as Record<string, unknown>[]).map((x) => ({
                      item: String(x.item),
                      priority: Number(x.priority),
                      ratio: String(x.ratio),
                    })),
                  }
                : {}),
              ...(Array.isArray(n.substituted) && n.substituted.length
                ? {
                    substituted: (n.substituted as Record<string, unknown>[]).map((x) => ({
                      item: String(x.item),
                      warehouse: String(x.warehouse),
                      ...(x.trackingNo ? { trackingNo: String(x.trackingNo) } : {}),
                      qty: String(x.qty),
                      covers: String(x.covers),
                    })),
                  }
                : {}),
            })),
          }
        : {}),
      issued: ((raw.issued as Record<string, unknown>[] | undefined) ?? []).map((x) => ({
        item: String(x.item),
        qty: String(x.qty),
      })),
      ...(Array.isArray(raw.salesOrders)
        ? {
            salesOrders: (raw.salesOrders as Record<string, unknown>[]).map((s) => ({
              no: String(s.no),
              line: Number(s.line),
            })),
          }
        : {}),
      origin,
      ...(rework
        ? {
            rework: {
              reason: String(rework.reason ?? ''),
              warehouse: String(rework.warehouse ?? ''),
              ...(rework.sourceOrder ? { sourceOrder: String(rework.sourceOrder) } : {}),
            },
          }
        : {}),
      version: raw.version === undefined ? 0 : Number(raw.version),
      ...(raw.rev !== undefined ? { rev: Number(raw.rev) } : {}),
      ...(raw.createdAt ? { createdAt: String(raw.createdAt) } : {}),
      ...(raw.createdBy ? { createdBy: String(raw.createdBy) } : {}),
    };
  }

  async function get(no: string): Promise<StoredTaskOrder | undefined> {
    const res = await deps.db.send(
      new GetCommand({ TableName, Key: keyOf(no), ConsistentRead: true }),
    );
    return res.Item ? toRecord(res.Item) : undefined;
  }

  async function getMany(nos: string[]): Promise<Map<string, StoredTaskOrder>> {
    const found = await batchGetKeys(deps, [...new Set(nos)].map(keyOf));
    return new Map(found.map((raw) => [String(raw.no), toRecord(raw)]));
  }

  const partition = keys.ordersByKind(tenant, 'taskOrder');

  /**
   * One page of a section of the index: open orders by priority, due date and number, or done
   * ones by number; `states` filters by stored status. `next` is where the page stopped.
   */
  async function page(
    section: 'open' | 'done',
    limit: number,
    start?: Record<string, unknown>,
    states?: readonly string[],
  ): Promise<{ items: StoredTaskOrder[]; next?: Record<string, unknown> }> {
    const e = new Expr();
    const key = `${e.name('gsi1pk')} = ${e.value(partition)} AND begins_with(${e.name('gsi1sk')}, ${e.value(section === 'open' ? TASK_OPEN : TASK_DONE)})`;
    const filter = states?.length
      ? `${e.name('status')} IN (${states.map((st) => e.value(st)).join(', ')})`
      : undefined;
    const res = await deps.db.send(
      new QueryCommand({
        TableName,
        IndexName: 'gsi1',
        KeyConditionExpression: key,
        ...(filter ? { FilterExpression: filter } : {}),
        ...e.build(),
        Limit: limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    return {
      items: (res.Items ?? []).map(toRecord),
      ...(res.LastEvaluatedKey ? { next: res.LastEvaluatedKey } : {}),
    };
  }

  /**
   * Records written before the index was placed by state and priority carry their plain
   * number as index key (sorting after both sections): each gets its place once, guarded so
   * that a concurrent change of the order wins.
   */
  async function placeLegacy(): Promise<number> {
    const e = new Expr();
    const rows: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await deps.db.send(
        new QueryCommand({
          TableName,
          IndexName: 'gsi1',
          KeyConditionExpression: `${e.name('gsi1pk')} = ${e.value(partition)} AND ${e.name('gsi1sk')} > ${e.value(TASK_LEGACY_AFTER)}`,
          ...e.build(),
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      rows.push(...(res.Items ?? []));
      start = res.LastEvaluatedKey;
    } while (start);
    for (const raw of rows) {
      const u = new Expr();
      const update = u.update({ set: { gsi1sk: keys.taskOrderIndexSk(toRecord(raw)) } });
      try {
        await deps.db.send(
          new UpdateCommand({
            TableName,
            Key: { pk: raw.pk, sk: raw.sk },
            ...u.forUpdate(update, `${u.name('gsi1sk')} = ${u.value(raw.gsi1sk)}`),
          }),
        );
      } catch (err) {
        if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      }
    }
    return rows.length;
  }

  /** A new task order; its number must be free. */
  function createItem(order: TaskOrder): TxItem {
    refuseOversized(order, `生产任务单 ${order.no}`, NEEDS_HINT);
    return {
      Put: {
        TableName,
        Item: {
          ...keys.taskOrder(tenant, order),
          type: 'taskOrder',
          kind: 'taskOrder',
          ...order,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      onConditionFailed: () =>
        new AppError('resource.exists', `生产任务单已存在：${order.no}`, {
          entity: 'taskOrder',
          id: order.no,
        }),
    };
  }

  /**
   * Changes fields of an order as it was read: guarded by its `version` (0: a record written
   * before versions existed) and by the `rev` that receipts and work reports guard their own
   * changes with, so neither side overwrites the other; both go up by one.
   */
  function updateItem(
    order: TaskOrderIndexFacts & { version: number; rev?: number },
    set: Record<string, unknown>,
  ): TxItem {
    if (set.needs !== undefined) refuseOversized(set, `生产任务单 ${order.no}`, NEEDS_HINT);
    const e = new Expr();
    const v = e.name('version');
    const r = e.name('rev');
    const versionOk =
      order.version === 0
        ? `(attribute_not_exists(${v}) OR ${v} = ${e.value(0)})`
        : `${v} = ${e.value(order.version)}`;
    const revOk =
      order.rev === undefined ? `attribute_not_exists(${r})` : `${r} = ${e.value(order.rev)}`;
    // The index key follows the state (open or done) and priority the order ends with.
    const gsi1sk = keys.taskOrderIndexSk({
      no: order.no,
      status: typeof set.status === 'string' ? set.status : order.status,
      priority: typeof set.priority === 'number' ? set.priority : order.priority,
      ...(order.dueDate ? { dueDate: order.dueDate } : {}),
    });
    const update = e.update({
      set: { ...set, gsi1sk, version: order.version + 1, rev: (order.rev ?? 0) + 1 },
    });
    return {
      Update: {
        TableName,
        Key: keyOf(order.no),
        ...e.forUpdate(update, `attribute_exists(pk) AND ${versionOk} AND ${revOk}`),
      },
      onConditionFailed: () => versionConflict('taskOrder', order.no, order.version),
    };
  }

  return { toRecord, get, getMany, page, placeLegacy, createItem, updateItem };
}
