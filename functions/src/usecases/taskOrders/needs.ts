import { AppError, type Item, type TaskNeed } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { computeNeeds } from '../../domain/issue/index.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { loadTree } from '../bom/explosion.js';

/**
 * The needs of `qty` of `item` from the BOM versions that are the default at `date`, phantoms
 * expanded. `required`: refuse (bom.notEffective) when the item has no BOM at that date;
 * otherwise an item without a BOM has no needs.
 */
export async function needsAt(
  deps: Deps,
  tenant: string,
  item: string,
  qty: string,
  date: string,
  opts: { fallbackWarehouse?: string; required?: boolean; trackingNo?: string } = {},
): Promise<{ needs: TaskNeed[]; bomVersion?: string }> {
  const tree = await loadTree(deps, tenant, item, date);
  const root = tree.boms.get(item);
  if (!root) {
    if (opts.required) {
      throw new AppError('bom.notEffective', `物料 ${item} 在 ${date} 没有生效的物料清单`, {
        item,
        date,
      });
    }
    return { needs: [] };
  }
  const found = await getMasterRecords(deps, tenant, { item: tree.items.keys() });
  const items = found.item as Map<string, Item>;
  const needs = computeNeeds(
    item,
    qty,
    {
      item: itemFactsOf(items),
      bom: (parent) => tree.boms.get(parent),
    },
    opts.fallbackWarehouse,
    opts.trackingNo,
  );
  return { needs, bomVersion: root.version };
}

/** What the needs and backflush rules read of an item (source, precision, warehouse, strategy). */
export function itemFactsOf(items: ReadonlyMap<string, Item>) {
  return (code: string) => {
    const i = items.get(code);
    return i
      ? {
          source: i.source,
          precision: i.precision,
          strategy: i.strategy,
          ...(i.defaultWarehouse ? { defaultWarehouse: i.defaultWarehouse } : {}),
        }
      : undefined;
  };
}
