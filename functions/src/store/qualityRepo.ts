import {
  type DefectRecord,
  type InspectionPlanRecord,
  type Page,
  alreadyExists,
  versionConflict,
  zDefectRecord,
  zInspectionPlanRecord,
} from '@factory/shared';
import type { Deps } from '../deps.js';
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

  return {
    getDefect,
    getDefects,
    listDefects,
    createDefect,
    replaceDefect,
    defectUnchanged,
    getPlan,
    listPlans,
    putPlan,
    deletePlan,
  };
}
