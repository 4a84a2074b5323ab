import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { versionConflict } from '@factory/shared';
import type { Deps } from '../deps.js';
import type {
  ComponentLine,
  PurchaseOrderFacts,
  TaskOrderFacts,
} from '../domain/shopfloor/index.js';
import { Expr } from './expressions.js';
import { keys } from './keys.js';
import type { TxItem } from './transact.js';

const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
const text = (v: unknown, fallback = '0') => str(v) ?? fallback;

/**
 * Purchase and task orders as receipts and work reports use them. Orders come from imports,
 * releases and entry, in the shape `keys.order` documents; changes are guarded by `rev`
 * (absent on a record never changed since it was written).
 */
export function orderRepo(deps: Pick<Deps, 'db' | 'tableName'>, tenant: string) {
  const TableName = deps.tableName;

  const orderKey = (kind: 'purchaseOrder' | 'taskOrder', no: string) => {
    const { pk, sk } = keys.order(tenant, kind, no);
    return { pk, sk };
  };

  async function getRaw(kind: 'purchaseOrder' | 'taskOrder', no: string) {
    const res = await deps.db.send(
      new GetCommand({ TableName, Key: orderKey(kind, no), ConsistentRead: true }),
    );
    return res.Item;
  }

  return {
    async getPurchaseOrder(no: string): Promise<PurchaseOrderFacts | undefined> {
      const r = await getRaw('purchaseOrder', no);
      return r ? toPurchaseOrder(r) : undefined;
    },

    async getTaskOrder(no: string): Promise<TaskOrderFacts | undefined> {
      const r = await getRaw('taskOrder', no);
      return r ? toTaskOrder(r) : undefined;
    },

    /**
     * Sets fields of an order in a transaction, only if nobody changed it since it was read
     * (same `rev`); bumps `rev`. A lost race is 409 resource.versionConflict.
     */
    update(
      kind: 'purchaseOrder' | 'taskOrder',
      no: string,
      rev: number | undefined,
      set: Record<string, unknown>,
      at: string,
      /** `received` of purchase order lines by 0-based index (other line fields are kept). */
      lineReceived: ReadonlyMap<number, string> = new Map(),
    ): TxItem {
      const e = new Expr();
      let update = e.update({ set: { ...set, rev: (rev ?? 0) + 1, updatedAt: at } });
      for (const [i, received] of lineReceived) {
        update += `, ${e.name('lines')}[${i}].${e.name('received')} = ${e.value(received)}`;
      }
      const condition =
        rev === undefined
          ? `attribute_exists(pk) AND attribute_not_exists(${e.name('rev')})`
          : `${e.name('rev')} = ${e.value(rev)}`;
      return {
        Update: {
          TableName,
          Key: orderKey(kind, no),
          ...e.forUpdate(update, condition),
        },
        onConditionFailed: () => versionConflict(kind, no, rev ?? 0),
      };
    },
  };
}

export function toPurchaseOrder(r: Record<string, unknown>): PurchaseOrderFacts {
  return {
    no: String(r.no),
    ...(r.supplier ? { supplier: String(r.supplier) } : {}),
    status: text(r.status, 'open'),
    lines: ((r.lines as Record<string, unknown>[] | undefined) ?? []).map((l) => ({
      item: String(l.item),
      qty: text(l.qty),
      received: text(l.received),
      ...(l.dueDate ? { dueDate: String(l.dueDate) } : {}),
      ...(l.trackingNo ? { trackingNo: String(l.trackingNo) } : {}),
      ...(l.closed === true ? { closed: true } : {}),
      ...(l.unitPrice !== undefined ? { unitPrice: String(l.unitPrice) } : {}),
    })),
    ...(r.rev !== undefined ? { rev: Number(r.rev) } : {}),
  };
}

export function toTaskOrder(r: Record<string, unknown>): TaskOrderFacts {
  const needs = r.needs as Record<string, unknown>[] | undefined;
  const rework = r.rework as Record<string, unknown> | undefined;
  return {
    no: String(r.no),
    ...(r.kind === 'rework' ? { kind: 'rework' as const } : {}),
    item: String(r.item),
    qty: text(r.qty),
    received: text(r.received),
    startDate: String(r.startDate),
    ...(r.dueDate ? { dueDate: String(r.dueDate) } : {}),
    status: text(r.status, 'open'),
    ...(r.priority !== undefined ? { priority: Number(r.priority) } : {}),
    ...(r.trackingNo ? { trackingNo: String(r.trackingNo) } : {}),
    ...(r.warehouse ? { warehouse: String(r.warehouse) } : {}),
    ...(rework?.warehouse ? { reworkWarehouse: String(rework.warehouse) } : {}),
    issued: ((r.issued as Record<string, unknown>[] | undefined) ?? []).map((x) => ({
      item: String(x.item),
      qty: text(x.qty),
    })),
    ...(Array.isArray(needs) && needs.length ? { needs: needs.map(toComponentLine) } : {}),
    reportedGood: text(r.reportedGood),
    reportedScrap: text(r.reportedScrap),
    ...(r.openingReceived !== undefined ? { openingReceived: text(r.openingReceived) } : {}),
    ...(Array.isArray(r.backflushed)
      ? {
          backflushed: (r.backflushed as Record<string, unknown>[]).map((c) => ({
            item: String(c.item),
            warehouse: String(c.warehouse),
            ...(c.trackingNo ? { trackingNo: String(c.trackingNo) } : {}),
            qty: text(c.qty),
          })),
        }
      : {}),
    ...(r.rev !== undefined ? { rev: Number(r.rev) } : {}),
  };
}

/** A task order's component need as the other order features store it (item or component). */
function toComponentLine(n: Record<string, unknown>): ComponentLine {
  const warehouse = str(n.warehouse);
  return {
    item: String(n.item ?? n.component),
    qtyPer: text(n.qtyPer, '1'),
    lossRate: text(n.lossRate),
    issueMethod: n.issueMethod === 'backflush' ? 'backflush' : 'manual',
    ...(warehouse ? { warehouse } : {}),
    ...(n.trackingNo ? { trackingNo: String(n.trackingNo) } : {}),
  };
}
