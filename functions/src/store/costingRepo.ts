import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  type CostingOpening,
  type CostingPeriodRecord,
  type CostingSettings,
  type CostPoolDefinition,
  type ExpenseEntry,
  type WipCount,
  alreadyExists,
  versionConflict,
  zCostingOpening,
  zCostingPeriod,
  zCostingSettings,
  zCostPoolDefinition,
  zExpenseEntry,
  zWipCount,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';
import { compressedParts } from './parts.js';
import { queryAll } from './query.js';
import { costExpenseDeclaration } from './costingEntries.js';
import { declareRecord } from './records.js';
import { periodLockCheck, type TxItem } from './transact.js';

type Db = Pick<Deps, 'db' | 'tableName'>;

export const costPoolRecord = /* @__PURE__ */ declareRecord<CostPoolDefinition, string>({
  type: 'costPool',
  key: (tenant, code) => keys.costPool(tenant, code),
  keys: (tenant, p) => keys.costPool(tenant, p.code),
  storage: { kind: 'json', attribute: 'doc' },
  parse: (fields) => zCostPoolDefinition.parse(fields),
});

export const costingSettingsRecord = /* @__PURE__ */ declareRecord<CostingSettings, 'settings'>({
  type: 'costingSettings',
  key: (tenant) => keys.costingSettings(tenant),
  keys: (tenant) => keys.costingSettings(tenant),
  storage: { kind: 'json', attribute: 'doc' },
  parse: (fields) => zCostingSettings.parse(fields),
});

export const costingPeriodRecord = /* @__PURE__ */ declareRecord<CostingPeriodRecord, string>({
  type: 'costingPeriod',
  key: (tenant, period) => keys.costingPeriod(tenant, period),
  keys: (tenant, p) => keys.costingPeriod(tenant, p.period),
  storage: { kind: 'json', attribute: 'doc' },
  // The version beside the text: a write is conditional on it.
  extra: (p) => ({ version: p.version }),
  parse: (fields) => zCostingPeriod.parse(fields),
});

export const costExpenseRecord = /* @__PURE__ */ declareRecord<
  ExpenseEntry,
  { period: string; id: string }
>({
  ...costExpenseDeclaration,
  parse: (fields) => zExpenseEntry.parse(fields),
});

export const costWipCountRecord = /* @__PURE__ */ declareRecord<
  WipCount,
  { period: string; order: string }
>({
  type: 'costWipCount',
  key: (tenant, w) => keys.costWipCount(tenant, w.period, w.order),
  storage: { kind: 'json', attribute: 'doc' },
  parse: (fields) => zWipCount.parse(fields),
});

/** The posting lock: documents dated on or before `closedThrough` are refused. */
export type CostingLock = { closedThrough: string; period: string };

/**
 * Costing's records: pools, the opening, the lock, periods with their runs, entries and WIP
 * counts, and each run's input and result as compressed parts.
 */
export function costingRepo(deps: Db, tenant: string) {
  const costing = { attr: 'pk' as const, value: keys.costingPartition(tenant) };
  const periodPartition = (period: string) => ({
    attr: 'pk' as const,
    value: keys.costPeriodPartition(tenant, period),
  });
  const opening = compressedParts(deps, 'costingOpeningPart', (_kind, n) =>
    keys.costingOpeningPart(tenant, n),
  );
  const partsOf = (period: string, runId: string) =>
    compressedParts(deps, 'costRunPart', (kind, n) =>
      keys.costRunPart(tenant, period, runId, kind, n),
    );

  return {
    getSettings: () => costingSettingsRecord.get(deps, tenant, 'settings'),
    putSettings: (settings: CostingSettings): TxItem =>
      costingSettingsRecord.put(deps, tenant, settings),

    getPool: (code: string) => costPoolRecord.get(deps, tenant, code),
    putPool: (pool: CostPoolDefinition): TxItem => costPoolRecord.put(deps, tenant, pool),
    async pools(): Promise<CostPoolDefinition[]> {
      const rows = await queryAll(deps, costing);
      return rows.filter((r) => r.type === 'costPool').map(costPoolRecord.read);
    },

    async getOpening(): Promise<CostingOpening | undefined> {
      const stored = await opening.get<unknown>('OPENING');
      return stored === undefined ? undefined : zCostingOpening.parse(stored);
    },
    /** Written in parts before the request completes: a retry writes the same again. */
    putOpening: (o: CostingOpening): Promise<number> => opening.put('OPENING', o),

    async periods(): Promise<CostingPeriodRecord[]> {
      const rows = await queryAll(deps, costing);
      return rows.filter((r) => r.type === 'costingPeriod').map(costingPeriodRecord.read);
    },
    getPeriod: (period: string) => costingPeriodRecord.get(deps, tenant, period),
    /** A period written at the version read (undefined: a new one). */
    putPeriod(p: CostingPeriodRecord, expected: number | undefined): TxItem {
      return costingPeriodRecord.putAt(deps, tenant, p, expected, () =>
        expected === undefined
          ? alreadyExists('costingPeriod', p.period)
          : versionConflict('costingPeriod', p.period, expected),
      );
    },

    async getLock(): Promise<CostingLock | undefined> {
      const res = await deps.db.send(
        new GetCommand({
          TableName: deps.tableName,
          Key: keys.costingLock(tenant),
          ConsistentRead: true,
        }),
      );
      return res.Item?.closedThrough
        ? { closedThrough: String(res.Item.closedThrough), period: String(res.Item.period) }
        : undefined;
    },
    /** Moves the lock (closing: forward; reopening: back, or away with undefined). */
    setLock(lock: CostingLock | undefined): TxItem {
      if (!lock) return { Delete: { TableName: deps.tableName, Key: keys.costingLock(tenant) } };
      return {
        Put: {
          TableName: deps.tableName,
          Item: { ...keys.costingLock(tenant), type: 'costingLock', ...lock },
        },
      };
    },

    /** Holds a write to `date` back if the period it falls in is closed meanwhile. */
    openCheck: (date: string): TxItem =>
      periodLockCheck(deps.tableName, keys.costingLock(tenant), date),

    addExpense: (e: ExpenseEntry): TxItem =>
      costExpenseRecord.putNew(deps, tenant, e, () => alreadyExists('costExpense', e.id)),
    async expenses(period: string): Promise<ExpenseEntry[]> {
      return costExpenseRecord.queryPartition(deps, periodPartition(period));
    },
    putWipCount: (w: WipCount): TxItem => costWipCountRecord.put(deps, tenant, w),
    async wipCounts(period: string): Promise<WipCount[]> {
      return costWipCountRecord.queryPartition(deps, periodPartition(period));
    },

    putRunPart: (period: string, runId: string, kind: string, value: unknown) =>
      partsOf(period, runId).put(kind, value),
    getRunPart: <T>(period: string, runId: string, kind: string) =>
      partsOf(period, runId).get<T>(kind),
  };
}

export type CostingRepo = ReturnType<typeof costingRepo>;
