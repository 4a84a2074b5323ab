import type { Deps } from '../../deps.js';
import { bomRepo } from '../../store/bomRepo.js';

type Users = Map<string, string[]>;
const caches = new WeakMap<object, Map<string, { rev: number; usersOf: Users }>>();

/**
 * Who uses each item, by the approved structure: child -> parents. Read once and kept (per
 * store client and tenant) until the structure revision moves; every change to the structure
 * index bumps it in the same transaction. Costs one consistent read when nothing changed.
 */
export async function usersOf(
  deps: Pick<Deps, 'db' | 'tableName'>,
  tenant: string,
): Promise<Users> {
  const repo = bomRepo(deps, tenant);
  const rev = await repo.getStructureRevision();
  let byTenant = caches.get(deps.db);
  if (!byTenant) caches.set(deps.db, (byTenant = new Map()));
  const cached = byTenant.get(tenant);
  if (cached?.rev === rev) return cached.usersOf;
  const structure = await repo.getStructure();
  const users: Users = new Map();
  for (const entry of structure.values()) {
    for (const child of entry.approved)
      users.set(child, [...(users.get(child) ?? []), entry.parent]);
  }
  byTenant.set(tenant, { rev, usersOf: users });
  return users;
}
