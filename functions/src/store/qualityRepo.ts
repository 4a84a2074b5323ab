import {
  type DefectLine,
  type DefectRecord,
  type InspectionPlanRecord,
  type InspectionReceiptKind,
  type InspectionRecord,
  type Page,
  type QuantityString,
  alreadyExists,
  versionConflict,
  zDefectRecord,
  zInspectionPlanRecord,
  zInspectionRecord,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import { batchGetKeys } from './batchGet.js';
import type { Expr } from './expressions.js';
import { keys } from './keys.js';
import { queryPage } from './query.js';
import { declareRecord } from './records.js';
import type { TxItem } from './transact.js';

type Db = Pick<Deps, 'db' | 'tableName'>;

/**
 * Quality's master records (issue 13): the tenant's defect list and the inspection plans per
 * item. Each is one JSON text, with the attributes its list filters read beside it.
 */
export const defectRecord = /* @__PURE__ */ declareRecord<DefectRecord, { code: string }>({
  type: 'defect',
  key: (tenant, d) => keys.defect(tenant, d.code),
  storage: { kind: 'json', attribute: 'doc' },
  extra: (d) => ({ category: d.category, active: d.active, version: d.version }),
  parse: (fields) => zDefectRecord.parse(fields),
});

/** A plan as stored: without the item's name and unit (looked up when answering). */
export type StoredInspectionPlan = Omit<InspectionPlanRecord, 'itemName' | 'unit'>;

export const inspectionPlanRecord = /* @__PURE__ */ declareRecord<
  StoredInspectionPlan,
  { item: string }
>({
  type: 'inspectionPlan',
  key: (tenant, p) => keys.inspectionPlan(tenant, p.item),
  storage: { kind: 'json', attribute: 'doc' },
  extra: (p) => ({ receipts: p.receipts, version: p.version }),
  parse: (fields) => zInspectionPlanRecord.parse(fields),
});

/** An inspection order (检验单) with its results and dispositions: one JSON text. */
export const inspectionRecord = /* @__PURE__ */ declareRecord<InspectionRecord, { no: string }>({
  type: 'inspection',
  key: (tenant, o) => keys.inspection(tenant, o),
  keys: (tenant, o) => keys.inspection(tenant, o),
  storage: { kind: 'json', attribute: 'doc' },
  extra: (o) => ({
    status: o.status,
    kind: o.receipt.kind,
    item: o.item,
    warehouse: o.warehouse,
    receiptDoc: o.receipt.doc,
    version: o.version,
  }),
  parse: (fields) => zInspectionRecord.parse(fields),
});

/**
 * A posted result as the quality reports read it (one per result, kept beside the order in
 * the same transaction): the reversal of its result and an approved concession update it.
 */
export type QualityFact = {
  result: string;
  order: string;
  kind: InspectionReceiptKind;
  item: string;
  partner?: string;
  date: string;
  accepted: QuantityString;
  rejected: QuantityString;
  conceded?: QuantityString;
  defects: DefectLine[];
  reversed?: boolean;
};

export const qualityFactRecord = /* @__PURE__ */ declareRecord<QualityFact, QualityFact>({
  type: 'qualityFact',
  key: (tenant, f) => keys.qualityFact(tenant, f),
  storage: { kind: 'json', attribute: 'doc' },
  parse: (fields) => {
    const f = fields as QualityFact;
    if (typeof f.result !== 'string' || typeof f.date !== 'string' || !Array.isArray(f.defects)) {
      throw new Error('not a quality fact');
    }
    return f;
  },
});

export function qualityRepo(deps: Db, tenant: string) {
  const TableName = deps.tableName;

  function getDefect(code: string) {
    return defectRecord.get(deps, tenant, { code });
  }

  /** The defects of the given codes that exist (consistent reads). */
  async function getDefects(codes: readonly string[]): Promise<Map<string, DefectRecord>> {
    const found = await Promise.all(codes.map((code) => getDefect(code)));
    return new Map(found.flatMap((d) => (d ? [[d.code, d] as const] : [])));
  }

  function listDefects(q: {
    category?: string;
    active?: boolean;
    limit: number;
    cursor?: string;
  }): Promise<Page<DefectRecord>> {
    return queryPage(
      deps,
      {
        partition: { attr: 'pk', value: keys.defectPartition(tenant) },
        build: (e) => {
          const filters = [`${e.name('type')} = ${e.value('defect')}`];
          if (q.category !== undefined)
            filters.push(`${e.name('category')} = ${e.value(q.category)}`);
          if (q.active !== undefined) filters.push(`${e.name('active')} = ${e.value(q.active)}`);
          return { filter: filters.join(' AND ') };
        },
      },
      q,
      defectRecord.read,
    );
  }

  /** A new defect code (409 resource.exists when taken). */
  function createDefect(d: DefectRecord): TxItem {
    return defectRecord.putNew(deps, tenant, d, () => alreadyExists('defect', d.code));
  }

  /** A changed defect, if still at `expected`. */
  function replaceDefect(d: DefectRecord, expected: number): TxItem {
    return defectRecord.putAt(deps, tenant, d, expected, () =>
      versionConflict('defect', d.code, expected),
    );
  }

  /**
   * A condition that a defect named by a plan is still active at the version read, so a plan
   * is never written beside a concurrent deactivation.
   */
  function defectUnchanged(d: DefectRecord): TxItem {
    return {
      ConditionCheck: {
        TableName,
        Key: defectRecord.key(tenant, { code: d.code }),
        ConditionExpression: '#version = :v AND #active = :true',
        ExpressionAttributeNames: { '#version': 'version', '#active': 'active' },
        ExpressionAttributeValues: { ':v': d.version, ':true': true },
      },
      onConditionFailed: () => versionConflict('defect', d.code, d.version),
    };
  }

  function getPlan(item: string) {
    return inspectionPlanRecord.get(deps, tenant, { item });
  }

  /** The plans of the given items that have one (one batch read). */
  async function getPlans(items: Iterable<string>): Promise<Map<string, StoredInspectionPlan>> {
    const codes = [...new Set(items)];
    if (!codes.length) return new Map();
    const rows = await batchGetKeys(
      deps,
      codes.map((item) => inspectionPlanRecord.key(tenant, { item })),
    );
    return new Map(rows.map((r) => inspectionPlanRecord.read(r)).map((p) => [p.item, p]));
  }

  function listPlans(q: {
    receipt?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<StoredInspectionPlan>> {
    return queryPage(
      deps,
      {
        partition: { attr: 'pk', value: keys.inspectionPlanPartition(tenant) },
        build: (e) => {
          const filters = [`${e.name('type')} = ${e.value('inspectionPlan')}`];
          if (q.receipt !== undefined) {
            filters.push(`contains(${e.name('receipts')}, ${e.value(q.receipt)})`);
          }
          return { filter: filters.join(' AND ') };
        },
      },
      q,
      inspectionPlanRecord.read,
    );
  }

  /**
   * Writes a plan over the one read: `expected` undefined, there must be none yet (409
   * resource.exists), else it must still be at `expected` (409 resource.versionConflict).
   */
  function putPlan(p: StoredInspectionPlan, expected: number | undefined): TxItem {
    return inspectionPlanRecord.putAt(deps, tenant, p, expected, () =>
      expected === undefined
        ? alreadyExists('inspectionPlan', p.item)
        : versionConflict('inspectionPlan', p.item, expected),
    );
  }

  function deletePlan(item: string, expected: number): TxItem {
    return {
      Delete: {
        TableName,
        Key: inspectionPlanRecord.key(tenant, { item }),
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expected },
      },
      onConditionFailed: () => versionConflict('inspectionPlan', item, expected),
    };
  }

  function getInspection(no: string) {
    return inspectionRecord.get(deps, tenant, { no });
  }

  /** A new order, its number free (a receipt line opens one, once). */
  function createInspection(o: InspectionRecord): TxItem {
    return inspectionRecord.putNew(deps, tenant, o, () => alreadyExists('inspection', o.no));
  }

  /** The order after a result or dispositions, if still at `expected`. */
  function replaceInspection(o: InspectionRecord, expected: number): TxItem {
    return inspectionRecord.putAt(deps, tenant, o, expected, () =>
      versionConflict('inspection', o.no, expected),
    );
  }

  /**
   * Orders oldest first: pending (open or inspected) or disposed, narrowed by status, receipt
   * kind, item and warehouse; or the orders of one receipt document (or the one order a
   * scanned label names), in number order.
   */
  function listInspections(q: {
    status: 'pending' | 'open' | 'inspected' | 'disposed';
    kind?: string;
    item?: string;
    warehouse?: string;
    receipt?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<InspectionRecord>> {
    const filter = (e: Expr) => {
      const filters = [`${e.name('type')} = ${e.value('inspection')}`];
      if (q.status === 'open' || q.status === 'inspected' || (q.receipt && q.status === 'disposed'))
        filters.push(`${e.name('status')} = ${e.value(q.status)}`);
      else if (q.receipt && q.status === 'pending')
        filters.push(`${e.name('status')} <> ${e.value('disposed')}`);
      for (const f of ['kind', 'item', 'warehouse'] as const) {
        if (q[f] !== undefined) filters.push(`${e.name(f)} = ${e.value(q[f])}`);
      }
      return filters.join(' AND ');
    };
    if (q.receipt) {
      const receipt = q.receipt;
      return queryPage(
        deps,
        {
          partition: { attr: 'pk', value: keys.inspectionPartition(tenant) },
          build: (e) => ({
            // QC-<receipt>-<seq> are a receipt's orders; a full number is one order.
            sortKey: receipt.startsWith('QC-')
              ? `${e.name('sk')} = ${e.value(receipt)}`
              : `begins_with(${e.name('sk')}, ${e.value(`QC-${receipt}-`)})`,
            filter: filter(e),
          }),
        },
        q,
        inspectionRecord.read,
      );
    }
    return queryPage(
      deps,
      {
        indexName: 'gsi1',
        partition: {
          attr: 'gsi1pk',
          value: keys.inspectionQueue(tenant, q.status === 'disposed' ? 'D' : 'P'),
        },
        build: (e) => ({ filter: filter(e) }),
      },
      q,
      inspectionRecord.read,
    );
  }

  /** Every pending order, oldest first (the ageing report). */
  function pendingInspections(): Promise<InspectionRecord[]> {
    return inspectionRecord.queryPartition(deps, {
      attr: 'gsi1pk',
      value: keys.inspectionQueue(tenant, 'P'),
    });
  }

  function putFact(f: QualityFact): TxItem {
    return qualityFactRecord.put(deps, tenant, f);
  }

  function getFact(f: { date: string; result: string }) {
    return qualityFactRecord.get(deps, tenant, f as QualityFact);
  }

  /** The facts of results dated in [from, to] (YYYY-MM-DD), month partition by month. */
  async function factsBetween(from: string, to: string): Promise<QualityFact[]> {
    const months: string[] = [];
    for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = nextMonth(m)) months.push(m);
    const all = await Promise.all(
      months.map((m) =>
        qualityFactRecord.queryPartition(deps, {
          attr: 'pk',
          value: keys.qualityFactPartition(tenant, m),
        }),
      ),
    );
    return all.flat().filter((f) => f.date >= from && f.date <= to);
  }

  return {
    getInspection,
    createInspection,
    replaceInspection,
    listInspections,
    pendingInspections,
    putFact,
    getFact,
    factsBetween,
    getDefect,
    getDefects,
    listDefects,
    createDefect,
    replaceDefect,
    defectUnchanged,
    getPlan,
    getPlans,
    listPlans,
    putPlan,
    deletePlan,
  };
}

function nextMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}
