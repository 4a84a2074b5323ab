import type { Item, Partner, Warehouse } from '@factory/shared';
import type { Deps } from '../deps.js';
import type { ItemFacts, References, WarehouseFacts } from '../domain/inventory/index.js';
import { getMasterRecords } from '../store/masterDataRepo.js';

/** Loads the items and warehouses that a set of document lines name, in one batch read. */
export async function loadReferences(
  deps: Deps,
  tenant: string,
  itemCodes: Iterable<string>,
  warehouseCodes: Iterable<string>,
  /** Owners named by the lines (customer-supplied stock): looked up when given. */
  ownerCodes?: Iterable<string>,
): Promise<References> {
  const found = await getMasterRecords(deps, tenant, {
    item: itemCodes,
    warehouse: warehouseCodes,
    ...(ownerCodes ? { partner: ownerCodes } : {}),
  });
  const items = found.item as Map<string, Item>;
  const warehouses = found.warehouse as Map<string, Warehouse>;
  const partners = found.partner as Map<string, Partner> | undefined;
  return {
    items: new Map([...items].map(([code, i]) => [code, itemFacts(i)])),
    warehouses: new Map([...warehouses].map(([code, w]) => [code, warehouseFacts(w)])),
    ...(ownerCodes
      ? {
          owners: new Map(
            [...(partners ?? [])].map(([code, p]) => [code, { roles: p.roles, active: p.active }]),
          ),
        }
      : {}),
  };
}

export function itemFacts(
  i: Pick<Item, 'code' | 'precision' | 'source' | 'inspection' | 'active' | 'customer'>,
): ItemFacts {
  return {
    code: i.code,
    precision: i.precision,
    source: i.source,
    inspection: i.inspection,
    active: i.active,
    ...(i.customer ? { customer: i.customer } : {}),
  };
}

export function warehouseFacts(
  w: Pick<Warehouse, 'code' | 'kind' | 'allowNegative' | 'active'>,
): WarehouseFacts {
  return { code: w.code, kind: w.kind, allowNegative: w.allowNegative, active: w.active };
}
