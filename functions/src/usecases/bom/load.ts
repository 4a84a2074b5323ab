import type { Item, Warehouse } from '@factory/shared';
import type { Deps } from '../../deps.js';
import type { ItemInfo } from '../../domain/bom/index.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';

export type BomItem = ItemInfo & { name: string; category?: string };

/** The items (and warehouses) a set of BOM lines names, in one batch read. */
export async function loadBomRefs(
  deps: Deps,
  tenant: string,
  itemCodes: Iterable<string>,
  warehouseCodes: Iterable<string> = [],
): Promise<{ items: Map<string, BomItem>; warehouses: Set<string> }> {
  const found = await getMasterRecords(deps, tenant, {
    item: itemCodes,
    warehouse: warehouseCodes,
  });
  const items = new Map<string, BomItem>();
  for (const i of (found.item ?? new Map()).values() as Iterable<Item>) {
    items.set(i.code, {
      code: i.code,
      name: i.name,
      source: i.source,
      active: i.active,
      ...(i.category ? { category: i.category } : {}),
    });
  }
  const warehouses = new Set(
    [...((found.warehouse ?? new Map()).values() as Iterable<Warehouse>)].map((w) => w.code),
  );
  return { items, warehouses };
}

/** Every item and warehouse code the lines mention, components and substitutes alike. */
export function codesOf(
  lines: readonly { component: string; warehouse?: string; substitutes: { item: string }[] }[],
) {
  const items = new Set<string>();
  const warehouses = new Set<string>();
  for (const l of lines) {
    items.add(l.component);
    for (const s of l.substitutes) items.add(s.item);
    if (l.warehouse) warehouses.add(l.warehouse);
  }
  return { items, warehouses };
}
