import {
  AppError,
  type PeriodFile,
  type Qty,
  qty,
  toQtyString,
  zItemUpdate,
  zPriceListEntryCreate,
} from '@factory/shared';
import { monthPeriod } from '../../domain/costing/index.js';
import { factoryFileOf } from '../../domain/periodFile/index.js';
import { importFactoryFile } from '../../usecases/imports.js';
import { items as itemRecords } from '../../usecases/masterData.js';
import { createPriceListEntry } from '../../usecases/purchasing/priceLists.js';
import { type Path, parse, refusal, useClockOn, withoutBody } from './helpers.js';
import type { LoadContext } from './load.js';

/**
 * Master data, BOMs, calendar, orders and opening stock through the factory import, dated
 * the day before the first period (its opening receipt is not a move of that period); cost
 * coefficients and processing prices through their use cases; pools and opening values to
 * costing.
 */
export async function setUp(ctx: LoadContext): Promise<void> {
  const { deps, admin, file } = ctx;
  const periods = file.periods;
  const runDate = dayBefore(monthPeriod(periods[0]!).from);
  useClockOn(runDate);
  try {
    await importFactoryFile(deps, admin, factoryFileOf(file, runDate), { checked: true });
  } catch (err) {
    // The import names the factory file's paths (`body.stock.0.qty`): the period file's.
    if (!(err instanceof AppError) || !err.issues?.length) throw err;
    throw refusal(
      err.issues.map((i) => {
        const path = withoutBody(i.path);
        return { path: path[0] === 'stock' ? ['opening', ...path] : path, message: i.message };
      }),
    );
  }

  for (const [i, item] of file.items.entries()) {
    if (!item.costCoefficient) continue;
    await step(['items', i, 'costCoefficient'], async () => {
      const current = await itemRecords.get(deps, admin, item.code);
      await itemRecords.update(
        deps,
        admin,
        item.code,
        parse(zItemUpdate, {
          expectedVersion: current.version,
          costCoefficient: item.costCoefficient,
        }),
      );
    });
  }
  for (const [i, policy] of (file.outsourcingPrices ?? []).entries()) {
    for (const [j, b] of policy.breaks.entries()) {
      await step(['outsourcingPrices', i, 'breaks', j], () =>
        createPriceListEntry(
          deps,
          admin,
          parse(zPriceListEntryCreate, {
            supplier: policy.supplier,
            item: policy.item,
            unitPrice: b.price,
            minQty: b.minQty,
            effectiveFrom: policy.from,
          }),
          {},
          'outsourcing',
        ),
      );
    }
  }

  for (const [i, pool] of (file.pools ?? []).entries()) {
    await step(['pools', i], () =>
      ctx.costing.definePool({
        code: pool.code,
        basis: pool.basis,
        ...(pool.name ? { name: pool.name } : {}),
        ...(pool.workshop ? { workshop: pool.workshop } : {}),
      }),
    );
  }
  await step(['opening'], () =>
    ctx.costing.setOpening({
      period: periods[0]!,
      stock: openingStock(file),
      wip: (file.opening?.wip ?? []).map((w) => ({
        order: w.order,
        ...(w.material !== undefined ? { material: w.material } : {}),
        ...(w.pools ? { pools: w.pools } : {}),
        ...(w.fee !== undefined ? { fee: w.fee } : {}),
      })),
    }),
  );
}

/** Runs one setup step; a refusal names the file's path. */
async function step(path: Path, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    throw refusal(
      (err.issues?.length ? err.issues : [{ path: [], message: err.message }]).map((i) => ({
        path,
        message: i.message,
      })),
    );
  }
}

/** Own opening stock summed per item over warehouses, with its value (yuan, two decimals). */
function openingStock(file: PeriodFile): { item: string; qty: string; value: string }[] {
  const byItem = new Map<string, { qty: Qty; value: Qty }>();
  for (const s of file.opening?.stock ?? []) {
    if (s.customer) continue;
    const t = byItem.get(s.item) ?? { qty: qty(0), value: qty(0) };
    byItem.set(s.item, { qty: t.qty.plus(qty(s.qty)), value: t.value.plus(qty(s.value ?? '0')) });
  }
  return [...byItem].map(([item, t]) => ({
    item,
    qty: toQtyString(t.qty),
    value: t.value.toFixed(2),
  }));
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
