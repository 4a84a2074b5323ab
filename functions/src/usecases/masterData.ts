import {
  type FieldIssue,
  type Item,
  type ItemCreate,
  type ItemListQuery,
  type ItemUpdate,
  type PageQuery,
  type Partner,
  type PartnerCreate,
  type PartnerUpdate,
  type Session,
  type Unit,
  type UnitCreate,
  type UnitUpdate,
  type Warehouse,
  type WarehouseCreate,
  type WarehouseUpdate,
  invalidRequest,
  notFound,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import { checkItem, type ItemShape } from '../domain/masterData/index.js';
import type { MasterKind } from '../store/keys.js';
import { masterDataRepo, type Audited } from '../store/masterDataRepo.js';
import { completing, type CommitHooks } from './hooks.js';

/**
 * Create / update / read / list for one kind of master data. `check` looks at the record as
 * it would be after the change and reports what is wrong with it, by field.
 */
function masterData<
  T extends Audited,
  C extends { code: string },
  U extends { expectedVersion: number },
>(
  kind: MasterKind,
  check: (
    deps: Deps,
    tenant: string,
    record: Omit<T, keyof Audited> & { code: string },
  ) => Promise<FieldIssue[]>,
) {
  const repo = (deps: Deps, s: Session) => masterDataRepo<T>(deps, s.tenant, kind);

  async function validate(
    deps: Deps,
    s: Session,
    record: Omit<T, keyof Audited> & { code: string },
  ) {
    const issues = await check(deps, s.tenant, record);
    if (issues.length)
      throw invalidRequest(issues.map((i) => ({ ...i, path: ['body', ...i.path] })));
  }

  return {
    async create(deps: Deps, s: Session, input: C, hooks: CommitHooks<T> = {}): Promise<T> {
      await validate(deps, s, input as unknown as Omit<T, keyof Audited> & { code: string });
      const now = deps.clock.now().toISOString();
      const record = {
        ...input,
        version: 1,
        createdAt: now,
        updatedAt: now,
        createdBy: s.user,
        updatedBy: s.user,
      };
      const created = record as unknown as T;
      await deps.unitOfWork.commit(completing(hooks, created, [repo(deps, s).createItem(created)]));
      return created;
    },

    async update(
      deps: Deps,
      s: Session,
      code: string,
      input: U,
      hooks: CommitHooks<T> = {},
    ): Promise<T> {
      const { expectedVersion, ...changes } = input;
      const current = await repo(deps, s).get(code);
      if (!current) throw notFound(kind, code);
      const merged: Record<string, unknown> = { ...current };
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) delete merged[k];
        else if (v !== undefined) merged[k] = v;
      }
      await validate(deps, s, merged as Omit<T, keyof Audited> & { code: string });
      const audit = { updatedAt: deps.clock.now().toISOString(), updatedBy: s.user };
      const updated = { ...merged, ...audit, version: expectedVersion + 1 } as unknown as T;
      // The version condition in the store refuses this if someone changed it since we read it.
      await deps.unitOfWork.commit(
        completing(hooks, updated, [
          repo(deps, s).updateItem(code, expectedVersion, changes, audit),
        ]),
      );
      return updated;
    },

    async get(deps: Deps, s: Session, code: string): Promise<T> {
      const record = await repo(deps, s).get(code);
      if (!record) throw notFound(kind, code);
      return record;
    },

    list(deps: Deps, s: Session, q: PageQuery & { flag?: { attr: string; value: boolean } }) {
      return repo(deps, s).list(q);
    },
  };
}

async function checkItemRecord(deps: Deps, tenant: string, item: ItemShape): Promise<FieldIssue[]> {
  const partners = masterDataRepo<Partner>(deps, tenant, 'partner');
  const [unit, warehouse, supplier, customer] = await Promise.all([
    masterDataRepo<Unit>(deps, tenant, 'unit').get(item.unit),
    item.defaultWarehouse
      ? masterDataRepo<Warehouse>(deps, tenant, 'warehouse').get(item.defaultWarehouse)
      : undefined,
    item.defaultSupplier ? partners.get(item.defaultSupplier) : undefined,
    item.customer ? partners.get(item.customer) : undefined,
  ]);
  return checkItem(item, {
    unitExists: unit !== undefined,
    ...(item.defaultWarehouse
      ? { warehouse: { exists: !!warehouse, active: warehouse?.active ?? false } }
      : {}),
    ...(item.defaultSupplier
      ? { supplier: { exists: !!supplier, roles: supplier?.roles ?? [] } }
      : {}),
    ...(item.customer ? { customer: { exists: !!customer, roles: customer?.roles ?? [] } } : {}),
  });
}

async function checkWarehouseRecord(
  deps: Deps,
  tenant: string,
  wh: { partner?: string },
): Promise<FieldIssue[]> {
  if (!wh.partner) return [];
  const partner = await masterDataRepo<Partner>(deps, tenant, 'partner').get(wh.partner);
  return partner ? [] : [{ path: ['partner'], message: `往来单位不存在：${wh.partner}` }];
}

const noChecks = async (): Promise<FieldIssue[]> => [];

export const items = masterData<Item, ItemCreate, ItemUpdate>('item', (deps, tenant, r) =>
  checkItemRecord(deps, tenant, r as ItemShape),
);
/** The item list; `sellable` narrows it to what may be sold (the sales order entry's search). */
export function listItems(deps: Deps, s: Session, q: ItemListQuery) {
  const { sellable, ...page } = q;
  return items.list(deps, s, {
    ...page,
    ...(sellable ? { flag: { attr: 'sellable', value: sellable === 'true' } } : {}),
  });
}
export const units = masterData<Unit, UnitCreate, UnitUpdate>('unit', noChecks);
export const warehouses = masterData<Warehouse, WarehouseCreate, WarehouseUpdate>(
  'warehouse',
  checkWarehouseRecord,
);
export const partners = masterData<Partner, PartnerCreate, PartnerUpdate>('partner', noChecks);
