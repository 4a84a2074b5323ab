import { versionConflict } from '@factory/shared';
import type { Deps } from '../deps.js';
import type {
  ComponentLine,
  PurchaseOrderFacts,
  TaskOrderFacts,
} from '../domain/shopfloor/index.js';
import { Expr } from './expressions.js';
import { keys } from './keys.js';
import { declareRecord, storedList, text, texts } from './records.js';
import { type StoredNeed, type TaskOrderRecord, taskOrderRecord } from './taskOrderRepo.js';
import type { TxItem } from './transact.js';

/**
 * A purchase order (`PO#<no>`) as receipts read it: written by imports, MRP releases and entry
 * (purchaseOrderRepo; not yet through this declaration), its lines' `received` set by
 * receipts, a line's `closed` and `unitPrice` kept for receipts to check and value.
 */
export const purchaseOrderRecord = /* @__PURE__ */ declareRecord<
  PurchaseOrderFacts,
  { no: string }
>({
  type: 'purchaseOrder',
  key: (tenant, o) => keys.order(tenant, 'purchaseOrder', o.no),
  parse: (r) => ({
    no: String(r.no),
    ...texts(r, ['supplier'], true),
    status: text(r.status) ?? 'open',
    lines: storedList(r.lines).map((l) => ({
      item: String(l.item),
      qty: text(l.qty) ?? '0',
      received: text(l.received) ?? '0',
      ...texts(l, ['dueDate', 'trackingNo'], true),
      ...(l.closed === true ? { closed: true } : {}),
      ...(l.unitPrice !== undefined ? { unitPrice: String(l.unitPrice) } : {}),
    })),
    ...(r.rev !== undefined ? { rev: Number(r.rev) } : {}),
  }),
});

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

  return {
    async getPurchaseOrder(no: string): Promise<PurchaseOrderFacts | undefined> {
      return purchaseOrderRecord.get(deps, tenant, { no });
    },

    async getTaskOrder(no: string): Promise<TaskOrderFacts | undefined> {
      const r = await taskOrderRecord.get(deps, tenant, no);
      return r ? taskOrderFacts(r) : undefined;
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

/** A stored task order as receipts and work reports read it (the status as stored). */
export function taskOrderFacts(r: TaskOrderRecord): TaskOrderFacts {
  const needs = r.needs ?? [];
  return {
    no: r.no,
    ...(r.kind ? { kind: r.kind } : {}),
    item: r.item,
    qty: r.qty,
    received: r.received,
    startDate: r.startDate,
    ...(r.dueDate ? { dueDate: r.dueDate } : {}),
    status: r.status,
    ...(r.priority !== undefined ? { priority: r.priority } : {}),
    ...(r.trackingNo ? { trackingNo: r.trackingNo } : {}),
    ...(r.warehouse ? { warehouse: r.warehouse } : {}),
    ...(r.rework?.warehouse ? { reworkWarehouse: r.rework.warehouse } : {}),
    issued: r.issued,
    ...(needs.length ? { needs: needs.map(toComponentLine) } : {}),
    reportedGood: r.reportedGood,
    reportedScrap: r.reportedScrap,
    ...(r.openingReceived !== undefined ? { openingReceived: r.openingReceived } : {}),
    ...(r.backflushed ? { backflushed: r.backflushed } : {}),
    ...(r.rev !== undefined ? { rev: r.rev } : {}),
  };
}

/** A stored item read as a task order's facts. */
export function toTaskOrder(raw: Record<string, unknown>): TaskOrderFacts {
  return taskOrderFacts(taskOrderRecord.read(raw));
}

/** A task order's component need as receipts and backflush read it. */
function toComponentLine(n: StoredNeed): ComponentLine {
  return {
    item: n.item,
    qtyPer: n.qtyPer,
    lossRate: n.lossRate,
    issueMethod: n.issueMethod,
    ...(n.warehouse ? { warehouse: n.warehouse } : {}),
    ...(n.trackingNo ? { trackingNo: n.trackingNo } : {}),
  };
}
