import type { DocumentLabels, Item, Unit, Warehouse } from '@factory/shared';
import type { Deps } from '../deps.js';
import { getMasterRecords } from '../store/masterDataRepo.js';
import { userRepo } from '../store/userRepo.js';

/**
 * The names people read beside a document's codes: each item's name and unit name (the
 * tenant's unit name, else the unit code), each warehouse's name, each user's name. Codes the
 * master data no longer holds are left out (the phone then shows the code alone).
 */
export async function documentLabels(
  deps: Pick<Deps, 'db' | 'tableName'>,
  tenant: string,
  codes: { items: Iterable<string>; warehouses?: Iterable<string>; users?: Iterable<string> },
): Promise<DocumentLabels> {
  const found = await getMasterRecords(deps, tenant, {
    item: codes.items,
    warehouse: codes.warehouses ?? [],
  });
  const items = [...(found.item?.values() ?? [])] as unknown as Item[];
  const units = await getMasterRecords(deps, tenant, { unit: items.map((i) => i.unit) });
  const unitName = (code: string) => (units.unit?.get(code) as Unit | undefined)?.name ?? code;
  const users = await Promise.all(
    [...new Set(codes.users ?? [])].map((u) => userRepo(deps, tenant).get(u)),
  );
  return {
    items: Object.fromEntries(items.map((i) => [i.code, { name: i.name, unit: unitName(i.unit) }])),
    warehouses: Object.fromEntries(
      [...(found.warehouse?.values() ?? [])].map((w) => [w.code, (w as Warehouse).name]),
    ),
    ...(codes.users
      ? { users: Object.fromEntries(users.flatMap((u) => (u ? [[u.userid, u.name]] : []))) }
      : {}),
  };
}
