import { AppError, type Forecast, type Page, type WorkCalendar } from '@factory/shared';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';
import { getItem, queryAll, queryPage } from './query.js';
import { declareRecord, text, texts, type StoredItem } from './records.js';
import type { TxItem } from './transact.js';
import { ALL_ITEMS, marking } from './mrpMarks.js';

type Db = Pick<Deps, 'db' | 'tableName'>;

/**
 * Planning inputs besides orders and stock: forecasts and the work calendar. An import of a
 * factory file writes the same records (store/importRepo.ts), without `version` and `origin`;
 * an absent version reads as 1 and such a record's origin is `import`.
 */

/** A forecast as stored (the item's name and unit are looked up when answering). */
export type ForecastRecord = Omit<Forecast, 'itemName' | 'unit'>;

const versionOf = (raw: StoredItem) =>
  raw.version === undefined || raw.version === null ? 1 : Number(raw.version);

export const forecastRecord = /* @__PURE__ */ declareRecord<
  ForecastRecord,
  { item: string; from: string }
>({
  type: 'forecast',
  key: (tenant, f) => keys.forecast(tenant, f.item, f.from),
  parse: (raw) => ({
    item: String(raw.item),
    from: String(raw.from),
    to: String(raw.to),
    qty: String(raw.qty),
    ...texts(raw, ['note', 'updatedAt', 'updatedBy'], true),
    origin: raw.origin === 'entry' ? 'entry' : 'import',
    version: versionOf(raw),
  }),
});

/** The calendar as stored; `version` absent on one an import wrote (reads as 1). */
export type CalendarRecord = Omit<WorkCalendar, 'version'> & { version: number };

export const calendarRecord = /* @__PURE__ */ declareRecord<CalendarRecord, object>({
  type: 'calendar',
  key: (tenant) => keys.calendar(tenant),
  parse: (raw) => ({
    nonWorkingWeekdays: (Array.isArray(raw.nonWorkingWeekdays) ? raw.nonWorkingWeekdays : []).map(
      Number,
    ),
    holidays: (Array.isArray(raw.holidays) ? raw.holidays : []).map(String),
    extraWorkingDays: (Array.isArray(raw.extraWorkingDays) ? raw.extraWorkingDays : []).map(String),
    version: versionOf(raw),
    ...texts(raw, ['updatedAt', 'updatedBy'], true),
    ...(text(raw.planningDate) ? { planningDate: text(raw.planningDate) } : {}),
  }),
});

/** The defaults while a tenant has no calendar: Saturday and Sunday off, no holidays. */
export const DEFAULT_CALENDAR = {
  nonWorkingWeekdays: [6, 7],
  holidays: [],
  extraWorkingDays: [],
} as const;

/**
 * The condition that the stored record is still at `expected` (an absent version counts as
 * 1); `expected` undefined: no record may be there yet.
 */
function atVersion(expected: number | undefined) {
  if (expected === undefined) return { ConditionExpression: 'attribute_not_exists(pk)' };
  return {
    ConditionExpression:
      expected === 1
        ? 'attribute_exists(pk) AND (attribute_not_exists(#version) OR #version = :expected)'
        : '#version = :expected',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':expected': expected },
  };
}

export function planningInputRepo(deps: Db, tenant: string) {
  const TableName = deps.tableName;
  const partition = { attr: 'pk' as const, value: keys.forecastPartition(tenant) };
  const label = (f: { item: string; from: string }) => `${f.item} ${f.from}`;
  const conflict = (f: { item: string; from: string }, expected: number) => () =>
    new AppError('resource.versionConflict', `预测已被他人修改，请刷新后重试：${label(f)}`, {
      entity: 'forecast',
      id: label(f),
      expectedVersion: expected,
    });

  /** Every forecast of the tenant (what MRP reads). */
  function allForecasts(): Promise<ForecastRecord[]> {
    return forecastRecord.queryPartition(deps, partition);
  }

  /**
   * One item's forecasts (the overlap check) and its guard's rev, both read consistently and
   * the guard first: a writer that commits after the guard was read moves it on, so the
   * caller's guarded write fails rather than missing that writer's forecast.
   */
  async function forItem(item: string): Promise<{ forecasts: ForecastRecord[]; rev?: number }> {
    const guard = await getItem(deps, keys.forecastGuard(tenant, item), { consistent: true });
    const rows = await queryPage(
      deps,
      {
        partition,
        consistent: true,
        build: (e) => ({
          sortKey: `begins_with(${e.name('sk')}, ${e.value(`${item}#`)})`,
          filter: `${e.name('type')} = ${e.value('forecast')}`,
        }),
      },
      { limit: 1000 },
      forecastRecord.read,
    );
    return { forecasts: rows.items, ...(guard ? { rev: Number(guard.rev) } : {}) };
  }

  /** Moves the item's guard on from `rev` (as read by forItem): fails if another writer did. */
  function bumpGuard(item: string, rev: number | undefined): TxItem {
    return {
      Put: {
        TableName,
        Item: { ...keys.forecastGuard(tenant, item), type: 'forecastGuard', rev: (rev ?? 0) + 1 },
        ...(rev === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: '#rev = :rev',
              ExpressionAttributeNames: { '#rev': 'rev' },
              ExpressionAttributeValues: { ':rev': rev },
            }),
      },
      onConditionFailed: () =>
        new AppError('resource.versionConflict', `物料 ${item} 的预测已被他人修改，请重试`, {
          entity: 'forecast',
          id: item,
        }),
    };
  }

  function getForecast(item: string, from: string) {
    return forecastRecord.get(deps, tenant, { item, from });
  }

  /** Paged in item, start date order; by item (key) and by period (overlapping from..to). */
  function listForecasts(q: {
    item?: string;
    from?: string;
    to?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<ForecastRecord>> {
    return queryPage(
      deps,
      {
        partition,
        build: (e) => {
          const filters = [`${e.name('type')} = ${e.value('forecast')}`];
          if (q.from) filters.push(`${e.name('to')} >= ${e.value(q.from)}`);
          if (q.to) filters.push(`${e.name('from')} <= ${e.value(q.to)}`);
          return {
            ...(q.item
              ? { sortKey: `begins_with(${e.name('sk')}, ${e.value(`${q.item}#`)})` }
              : {}),
            filter: filters.join(' AND '),
          };
        },
      },
      q,
      forecastRecord.read,
    );
  }

  /** A new forecast (its item and start date must be free: else 409 resource.exists). */
  function createForecast(f: ForecastRecord): TxItem {
    return {
      ...forecastRecord.putNew(
        deps,
        tenant,
        f,
        () =>
          new AppError('resource.exists', `预测已存在：${label(f)}`, {
            entity: 'forecast',
            id: label(f),
          }),
      ),
      ...marking(tenant, [f.item]),
    };
  }

  /** A changed forecast under the same key, if still at `expected`. */
  function replaceForecast(f: ForecastRecord, expected: number): TxItem {
    return {
      Put: { TableName, Item: forecastRecord.item(tenant, f), ...atVersion(expected) },
      onConditionFailed: conflict(f, expected),
      ...marking(tenant, [f.item]),
    };
  }

  /** Deletes a forecast if still at `expected`. */
  function deleteForecast(f: { item: string; from: string }, expected: number): TxItem {
    return {
      Delete: { TableName, Key: forecastRecord.key(tenant, f), ...atVersion(expected) },
      onConditionFailed: conflict(f, expected),
      ...marking(tenant, [f.item]),
    };
  }

  /** The stored calendar, if any. */
  function getCalendar() {
    return calendarRecord.get(deps, tenant, {});
  }

  /**
   * Writes the calendar over the one read (`readVersion`; undefined: none was stored), so a
   * concurrent change is refused (409) rather than lost. Keeps what an import stored beside it.
   */
  function putCalendar(
    cal: CalendarRecord & { planningDate?: string },
    readVersion: number | undefined,
  ): TxItem {
    return {
      Put: { TableName, Item: calendarRecord.item(tenant, cal), ...atVersion(readVersion) },
      // Working days move every item's dates.
      ...marking(tenant, [ALL_ITEMS]),
      onConditionFailed: () =>
        new AppError('resource.versionConflict', '工作日历已被他人修改，请刷新后重试', {
          entity: 'calendar',
          id: 'calendar',
          ...(readVersion !== undefined ? { expectedVersion: readVersion } : {}),
        }),
    };
  }

  return {
    allForecasts,
    forItem,
    bumpGuard,
    getForecast,
    listForecasts,
    createForecast,
    replaceForecast,
    deleteForecast,
    getCalendar,
    putCalendar,
    /** Every forecast row of the partition as stored (tests). */
    rawForecasts: () => queryAll(deps, partition),
  };
}
