import {
  AppError,
  type FieldIssue,
  type Forecast,
  type ForecastCreate,
  type ForecastListQuery,
  type ForecastUpdate,
  type Item,
  type Page,
  type Session,
  fitsPrecision,
  invalidRequest,
  qty,
  toQtyString,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { type ForecastRecord, planningInputRepo } from '../../store/planningInputRepo.js';
import { completing, type CommitHooks } from '../hooks.js';

/**
 * Forecasts (预测) entered, changed and deleted through the API. They are the records an
 * import writes (one per item and period start), so MRP consumes them unchanged. Rules chosen:
 * the item must exist and be active, the quantity fit the item's precision, and the periods of
 * one item may not overlap (a sales order consumes the forecast of its item whose period holds
 * its due date: with overlaps that would be ambiguous), checked under the item's guard so two
 * writers cannot both pass it.
 */

type Path = (string | number)[];

const missing = (item: string, from: string) =>
  new AppError('resource.notFound', `预测不存在：${item} ${from}`, {
    entity: 'forecast',
    id: `${item} ${from}`,
  });

async function activeItem(
  deps: Deps,
  tenant: string,
  code: string,
  quantity: string | undefined,
  at: Path,
): Promise<Item> {
  const found = (await getMasterRecords(deps, tenant, { item: [code] })).item?.get(code) as
    Item | undefined;
  const issues: FieldIssue[] = [];
  if (!found) issues.push({ path: [...at, 'item'], message: `物料不存在：${code}` });
  else if (!found.active) issues.push({ path: [...at, 'item'], message: `物料 ${code} 已停用` });
  else if (quantity !== undefined && !fitsPrecision(quantity, found.precision)) {
    issues.push({
      path: [...at, 'qty'],
      message: `数量 ${quantity} 超出物料 ${code} 的精度（${found.precision} 位小数）`,
    });
  }
  if (issues.length || !found) throw invalidRequest(issues);
  return found;
}

/** Refuses a period that overlaps another forecast of the item (409 naming `from`/`to`). */
function refuseOverlap(
  others: readonly ForecastRecord[],
  f: { item: string; from: string; to: string },
) {
  const other = others.find((o) => o.from <= f.to && o.to >= f.from);
  if (!other) return;
  const message = `物料 ${f.item} 在 ${other.from} 至 ${other.to} 已有预测，期间不能重叠`;
  throw new AppError(
    'forecast.overlap',
    message,
    { item: f.item, from: other.from, to: other.to },
    [
      { path: ['body', 'from'], message },
      { path: ['body', 'to'], message },
    ],
  );
}

const named = (f: ForecastRecord, item: Item | undefined): Forecast => ({
  ...f,
  ...(item ? { itemName: item.name, unit: item.unit } : {}),
});

/** The answer: the forecast with its item's name and unit. */
async function withNames(
  deps: Deps,
  tenant: string,
  list: readonly ForecastRecord[],
): Promise<Forecast[]> {
  const codes = [...new Set(list.map((f) => f.item))];
  const items = codes.length
    ? ((await getMasterRecords(deps, tenant, { item: codes })).item as
        Map<string, Item> | undefined)
    : undefined;
  return list.map((f) => named(f, items?.get(f.item)));
}

export async function createForecast(
  deps: Deps,
  s: Session,
  input: ForecastCreate,
  hooks: CommitHooks<Forecast> = {},
): Promise<Forecast> {
  const item = await activeItem(deps, s.tenant, input.item, input.qty, ['body']);
  const repo = planningInputRepo(deps, s.tenant);
  const { forecasts, rev } = await repo.forItem(input.item);
  if (forecasts.some((f) => f.from === input.from)) {
    throw new AppError(
      'resource.exists',
      `预测已存在：${input.item} ${input.from}`,
      { entity: 'forecast', id: `${input.item} ${input.from}` },
      [{ path: ['body', 'from'], message: `物料 ${input.item} 在 ${input.from} 起已有预测` }],
    );
  }
  refuseOverlap(forecasts, input);
  const record: ForecastRecord = {
    item: input.item,
    from: input.from,
    to: input.to,
    qty: toQtyString(qty(input.qty)),
    ...(input.note ? { note: input.note } : {}),
    origin: 'entry',
    version: 1,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: s.user,
  };
  const answer = named(record, item);
  await deps.unitOfWork.commit(
    completing(hooks, answer, [repo.createForecast(record), repo.bumpGuard(input.item, rev)]),
  );
  return answer;
}

export async function listForecasts(
  deps: Deps,
  s: Session,
  q: ForecastListQuery,
): Promise<Page<Forecast>> {
  const page = await planningInputRepo(deps, s.tenant).listForecasts(q);
  return { items: await withNames(deps, s.tenant, page.items), nextCursor: page.nextCursor };
}

export async function getForecast(
  deps: Deps,
  s: Session,
  item: string,
  from: string,
): Promise<Forecast> {
  const found = await planningInputRepo(deps, s.tenant).getForecast(item, from);
  if (!found) throw missing(item, from);
  return (await withNames(deps, s.tenant, [found]))[0]!;
}

/**
 * Changes a forecast's period, quantity or note. A new start date renames it: the old record
 * is deleted and the new one written in the same transaction.
 */
export async function updateForecast(
  deps: Deps,
  s: Session,
  key: { item: string; from: string },
  input: ForecastUpdate,
  hooks: CommitHooks<Forecast> = {},
): Promise<Forecast> {
  const repo = planningInputRepo(deps, s.tenant);
  const [{ forecasts, rev }, item] = await Promise.all([
    repo.forItem(key.item),
    activeItem(deps, s.tenant, key.item, input.qty, ['body']).catch((err: unknown) => {
      // The item's issues belong to the path, where it is named.
      if (err instanceof AppError && err.issues) {
        throw invalidRequest(
          err.issues.map((i) => ({
            ...i,
            path: i.path[1] === 'item' ? ['params', 'item'] : i.path,
          })),
        );
      }
      throw err;
    }),
  ]);
  const current = forecasts.find((f) => f.from === key.from);
  if (!current) throw missing(key.item, key.from);
  if (current.version !== input.expectedVersion) {
    throw new AppError(
      'resource.versionConflict',
      `预测已被他人修改，请刷新后重试：${key.item} ${key.from}`,
      { entity: 'forecast', id: `${key.item} ${key.from}`, expectedVersion: input.expectedVersion },
    );
  }
  const from = input.from ?? current.from;
  const to = input.to ?? current.to;
  if (to < from) {
    throw invalidRequest([
      {
        path: ['body', input.to !== undefined ? 'to' : 'from'],
        message: '结束日期不能早于开始日期',
      },
    ]);
  }
  const others = forecasts.filter((f) => f.from !== key.from);
  if (from !== key.from && others.some((f) => f.from === from)) {
    throw new AppError(
      'resource.exists',
      `预测已存在：${key.item} ${from}`,
      { entity: 'forecast', id: `${key.item} ${from}` },
      [{ path: ['body', 'from'], message: `物料 ${key.item} 在 ${from} 起已有预测` }],
    );
  }
  refuseOverlap(others, { item: key.item, from, to });
  const { note: _note, ...kept } = current;
  const note = input.note === null ? undefined : (input.note ?? current.note);
  const record: ForecastRecord = {
    ...kept,
    from,
    to,
    qty: input.qty !== undefined ? toQtyString(qty(input.qty)) : current.qty,
    ...(note ? { note } : {}),
    version: current.version + 1,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: s.user,
  };
  const answer = named(record, item);
  const writes =
    from === key.from
      ? [repo.replaceForecast(record, current.version)]
      : [repo.deleteForecast(key, current.version), repo.createForecast(record)];
  await deps.unitOfWork.commit(
    completing(hooks, answer, [...writes, repo.bumpGuard(key.item, rev)]),
  );
  return answer;
}

export async function deleteForecast(
  deps: Deps,
  s: Session,
  key: { item: string; from: string },
  expectedVersion: number,
  hooks: CommitHooks<{ item: string; from: string; deleted: true }> = {},
): Promise<{ item: string; from: string; deleted: true }> {
  const repo = planningInputRepo(deps, s.tenant);
  const current = await repo.getForecast(key.item, key.from);
  if (!current) throw missing(key.item, key.from);
  if (current.version !== expectedVersion) {
    throw new AppError(
      'resource.versionConflict',
      `预测已被他人修改，请刷新后重试：${key.item} ${key.from}`,
      { entity: 'forecast', id: `${key.item} ${key.from}`, expectedVersion },
    );
  }
  const answer = { item: key.item, from: key.from, deleted: true as const };
  await deps.unitOfWork.commit(
    completing(hooks, answer, [repo.deleteForecast(key, expectedVersion)]),
  );
  return answer;
}
