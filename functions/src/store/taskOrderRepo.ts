import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  AppError,
  type TaskNeed,
  type TaskOrder,
  versionConflict,
  zTaskOrder,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import type { AssigneeScope } from '../domain/shopfloor/assignees.js';
import { taskOrderState } from '../domain/states.js';
import { batchGetKeys } from './batchGet.js';
import { Expr } from './expressions.js';
import { refuseOversized } from './itemSize.js';
import { TASK_DONE, TASK_LEGACY_AFTER, TASK_OPEN, type TaskOrderIndexFacts, keys } from './keys.js';
import {
  declareRecord,
  isStored,
  type StoredItem,
  storedList,
  strings,
  text,
  texts,
} from './records.js';
import type { TxItem } from './transact.js';
import { marking } from './mrpMarks.js';

/** A task order keeps its component needs inside it: one item, so their number is bounded. */
const NEEDS_HINT = '物料清单子件过多（约 2,000 个以上），无法在一张生产任务单中保存全部需求';

/** A stored task order; `needs` is absent on imported orders until first read for picking. */
export type StoredTaskOrder = Omit<TaskOrder, 'needs'> & { needs?: TaskNeed[]; rev?: number };

/**
 * A component need as stored: needs built here name the `item`; imports and the first
 * releases named it `component` and may lack the quantities a later version added.
 */
export type StoredNeed = {
  item: string;
  /** Absent when stored: 1, no loss, nothing issued, no warehouse (''). */
  qtyPer: string;
  lossRate: string;
  issued: string;
  warehouse: string;
  /** Absent on needs written by hand (planning does not use them). */
  required?: string;
  issueMethod: 'manual' | 'backflush';
  phantomPath?: string[];
  status?: 'rejected' | 'inspection';
  trackingNo?: string;
  substitutes?: { item: string; priority: number; ratio: string }[];
  substituted?: {
    item: string;
    warehouse: string;
    trackingNo?: string;
    qty: string;
    covers: string;
  }[];
};

/**
 * A task order as stored, whoever wrote it (entry, release, import, rework), with the
 * receipts' and work reports' fields: what every reader of a task order starts from. `status`
 * is the stored name (see domain/states.ts for the state it means).
 */
export type TaskOrderRecord = {
  no: string;
  kind?: 'rework';
  item: string;
  qty: string;
  received: string;
  startDate: string;
  dueDate?: string;
  trackingNo?: string;
  priority?: number;
  status: string;
  bomVersion?: string;
  needs?: StoredNeed[];
  issued: { item: string; qty: string }[];
  salesOrders?: { no: string; line: number }[];
  origin: TaskOrder['origin'];
  rework?: { reason: string; warehouse: string; sourceOrder?: string };
  assignees?: string[];
  version: number;
  rev?: number;
  createdAt?: string;
  createdBy?: string;
  /** Issue warehouse of an imported or released order (receipts' default). */
  warehouse?: string;
  reportedGood: string;
  reportedScrap: string;
  openingReceived?: string;
  /** When it was closed (costing's W is 0 from then on). */
  closedAt?: string;
  backflushed?: { item: string; warehouse: string; trackingNo?: string; qty: string }[];
};

/** Where an order came from: as stored, else from its source (MRP run, import) or entry. */
function originOf(raw: StoredItem): TaskOrder['origin'] {
  if (raw.origin !== undefined && raw.origin !== null)
    return zTaskOrder.shape.origin.parse(raw.origin);
  const source = isStored(raw.source) ? raw.source : {};
  return source.mrpRun ? 'mrp' : source.importId ? 'import' : 'manual';
}

function toNeed(n: StoredItem): StoredNeed {
  const substituted = storedList(n.substituted);
  return {
    item: String(n.item ?? n.component),
    qtyPer: text(n.qtyPer) ?? '1',
    lossRate: text(n.lossRate) ?? '0',
    issued: text(n.issued) ?? '0',
    warehouse: text(n.warehouse) ?? '',
    ...texts(n, ['required']),
    ...texts(n, ['trackingNo'], true),
    issueMethod: n.issueMethod === 'backflush' ? 'backflush' : 'manual',
    ...(Array.isArray(n.phantomPath) ? { phantomPath: n.phantomPath.map(String) } : {}),
    ...(n.status === 'rejected' || n.status === 'inspection' ? { status: n.status } : {}),
    ...(Array.isArray(n.substitutes)
      ? {
          substitutes: storedList(n.substitutes).map((x) => ({
            item: String(x.item),
            priority: Number(x.priority),
            ratio: String(x.ratio),
          })),
        }
      : {}),
    ...(substituted.length
      ? {
          substituted: substituted.map((x) => ({
            ...texts(x, ['trackingNo'], true),
            ...strings(x, ['item', 'warehouse', 'qty', 'covers']),
          })),
        }
      : {}),
  };
}

/** The one reading of a stored task order. */
function parseTaskOrder(raw: StoredItem): TaskOrderRecord {
  if (raw.no === undefined || raw.item === undefined || raw.qty === undefined) {
    throw new Error('no, item and qty are required');
  }
  const rework = isStored(raw.rework) ? raw.rework : undefined;
  return {
    ...strings(raw, ['no', 'item', 'qty', 'startDate']),
    received: text(raw.received) ?? '0',
    reportedGood: text(raw.reportedGood) ?? '0',
    reportedScrap: text(raw.reportedScrap) ?? '0',
    status: text(raw.status) ?? 'open',
    ...(raw.kind === 'rework' ? { kind: 'rework' as const } : {}),
    ...texts(
      raw,
      ['dueDate', 'trackingNo', 'bomVersion', 'createdAt', 'createdBy', 'warehouse', 'closedAt'],
      true,
    ),
    ...texts(raw, ['openingReceived']),
    ...(raw.priority !== undefined ? { priority: Number(raw.priority) } : {}),
    version: raw.version === undefined ? 0 : Number(raw.version),
    ...(raw.rev !== undefined ? { rev: Number(raw.rev) } : {}),
    origin: originOf(raw),
    ...(Array.isArray(raw.needs) ? { needs: storedList(raw.needs).map(toNeed) } : {}),
    issued: storedList(raw.issued).map((x) => ({ item: String(x.item), qty: text(x.qty) ?? '0' })),
    ...(Array.isArray(raw.salesOrders)
      ? {
          salesOrders: storedList(raw.salesOrders).map((x) => ({
            no: String(x.no),
            line: Number(x.line),
          })),
        }
      : {}),
    ...(Array.isArray(raw.assignees) ? { assignees: raw.assignees.map(String) } : {}),
    ...(rework
      ? {
          rework: {
            reason: text(rework.reason) ?? '',
            warehouse: text(rework.warehouse) ?? '',
            ...texts(rework, ['sourceOrder'], true),
          },
        }
      : {}),
    ...(Array.isArray(raw.backflushed)
      ? {
          backflushed: storedList(raw.backflushed).map((c) => ({
            ...texts(c, ['trackingNo'], true),
            item: String(c.item),
            warehouse: String(c.warehouse),
            qty: text(c.qty) ?? '0',
          })),
        }
      : {}),
  };
}

/**
 * A task order (生产任务单): `MO#<no>`, indexed among the task orders by state, priority and
 * due date (keys.taskOrder). Written as the shared contract's TaskOrder with `kind:
 * 'taskOrder'` (which a rework order's own `kind` overrides), read back as a TaskOrderRecord.
 */
export const taskOrderRecord = /* @__PURE__ */ declareRecord<TaskOrder, string, TaskOrderRecord>({
  type: 'taskOrder',
  key: (tenant, no) => keys.order(tenant, 'taskOrder', no),
  keys: (tenant, o) => keys.taskOrder(tenant, o),
  attributes: (o) => ({ kind: 'taskOrder', ...o }),
  parse: parseTaskOrder,
});

/** A stored task order as the task order features read it (the API's TaskOrder). */
export function storedTaskOrder({
  warehouse: _w,
  reportedGood: _g,
  reportedScrap: _s,
  openingReceived: _o,
  backflushed: _b,
  dueDate,
  priority,
  status,
  needs,
  ...r
}: TaskOrderRecord): StoredTaskOrder {
  return {
    ...r,
    dueDate: dueDate ?? '',
    priority: priority ?? 5,
    status: taskOrderState(status),
    ...(needs
      ? {
          needs: needs.map((n): TaskNeed => ({ ...n, required: n.required ?? '0' })),
        }
      : {}),
  };
}

/**
 * Task orders (生产任务单) in the shape MRP, kitting and shortage read (item, qty, received,
 * startDate, dueDate, trackingNo, issued[]) plus their needs, state, priority and version.
 */
export function taskOrderRepo(deps: Pick<Deps, 'db' | 'tableName'>, tenant: string) {
  const TableName = deps.tableName;
  const keyOf = (no: string) => taskOrderRecord.key(tenant, no);

  function toRecord(raw: StoredItem): StoredTaskOrder {
    return storedTaskOrder(taskOrderRecord.read(raw));
  }

  async function get(no: string): Promise<StoredTaskOrder | undefined> {
    const found = await taskOrderRecord.get(deps, tenant, no);
    return found ? storedTaskOrder(found) : undefined;
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
    scope: AssigneeScope = { kind: 'all' },
  ): Promise<{ items: StoredTaskOrder[]; next?: Record<string, unknown> }> {
    const e = new Expr();
    const key = `${e.name('gsi1pk')} = ${e.value(partition)} AND begins_with(${e.name('gsi1sk')}, ${e.value(section === 'open' ? TASK_OPEN : TASK_DONE)})`;
    const filters = [
      states?.length
        ? `${e.name('status')} IN (${states.map((st) => e.value(st)).join(', ')})`
        : undefined,
      assigneeFilter(e, scope),
    ].filter((f): f is string => f !== undefined);
    const filter = filters.length ? filters.map((f) => `(${f})`).join(' AND ') : undefined;
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
      ...taskOrderRecord.putNew(
        deps,
        tenant,
        order,
        () =>
          new AppError('resource.exists', `生产任务单已存在：${order.no}`, {
            entity: 'taskOrder',
            id: order.no,
          }),
      ),
      ...orderMarks(order),
    };
  }

  /**
   * Changes fields of an order as it was read: guarded by its `version` (0: a record written
   * before versions existed) and by the `rev` that receipts and work reports guard their own
   * changes with, so neither side overwrites the other; both go up by one.
   */
  function updateItem(
    order: TaskOrderIndexFacts & {
      version: number;
      rev?: number;
      item?: string;
      needs?: readonly { item: string }[];
    },
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
      ...orderMarks(order),
    };
  }

  /** A task order is supply of its item and demand for its components (planning marks). */
  function orderMarks(order: { item?: string; needs?: readonly { item: string }[] }) {
    return marking(tenant, [order.item, ...(order.needs ?? []).map((n) => n.item)]);
  }

  return { toRecord, get, getMany, page, placeLegacy, createItem, updateItem };
}

/** `inScope` (domain/shopfloor/assignees) as a filter on the stored `assignees` list. */
function assigneeFilter(e: Expr, scope: AssigneeScope): string | undefined {
  if (scope.kind === 'all') return undefined;
  const a = e.name('assignees');
  const named = `contains(${a}, ${e.value(scope.user)})`;
  return scope.kind === 'assigned'
    ? named
    : `${named} OR attribute_not_exists(${a}) OR size(${a}) = ${e.value(0)}`;
}
