import type { DocumentLabels, Item, Partner, Unit, Warehouse } from '@factory/shared';
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

type NamedLine = { item: string; itemName?: string; unit?: string };

/**
 * A document read for people: lines without an item name or unit (imported documents carry
 * codes only) get them from the master data. Lines that have them are left as written.
 */
export async function withItemNames<D extends { lines: NamedLine[] }>(
  deps: Pick<Deps, 'db' | 'tableName'>,
  tenant: string,
  doc: D,
): Promise<D> {
  const missing = doc.lines.filter((l) => l.itemName === undefined || l.unit === undefined);
  if (missing.length === 0) return doc;
  const found = await getMasterRecords(deps, tenant, { item: missing.map((l) => l.item) });
  const items = found.item ?? new Map();
  return {
    ...doc,
    lines: doc.lines.map((l) => {
      const item = items.get(l.item) as Item | undefined;
      if (!item) return l;
      return { ...l, itemName: l.itemName ?? item.name, unit: l.unit ?? item.unit };
    }),
  };
}

/**
 * Partners' names by code, in one batch read: a list page fills in the customer, supplier or
 * subcontractor names its documents lack (imported documents carry codes only).
 */
export async function partnerNames(
  deps: Pick<Deps, 'db' | 'tableName'>,
  tenant: string,
  codes: Iterable<string>,
): Promise<Map<string, string>> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return new Map();
  const found = await getMasterRecords(deps, tenant, { partner: wanted });
  return new Map(
    [...(found.partner ?? new Map()).entries()].map(
      ([code, p]) => [code as string, (p as unknown as Partner).name] as const,
    ),
  );
}

/**
 * Documents with the partner's name filled in where they carry only its code (imported or
 * older ones), in one batch read: `code` names the partner field, `name` its name field.
 */
export async function withPartnerNames<
  D extends { [K in C]: string } & { [K in N]?: string | undefined },
  C extends string,
  N extends string,
>(
  deps: Pick<Deps, 'db' | 'tableName'>,
  tenant: string,
  docs: readonly D[],
  code: C,
  name: N,
): Promise<D[]> {
  const names = await partnerNames(
    deps,
    tenant,
    docs.flatMap((d) => (d[name] ? [] : [d[code]])),
  );
  return docs.map((d) => {
    const known = d[name] ?? names.get(d[code]);
    return known ? { ...d, [name]: known } : d;
  });
}
