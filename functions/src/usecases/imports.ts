import {
  AppError,
  type FactoryFile,
  type FieldIssue,
  type ImportSummary,
  type Item,
  type Partner,
  type ReceiptRequest,
  type Session,
  type Unit,
  type Warehouse,
  invalidRequest,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import { checkFactoryFile } from '../domain/factoryFile/index.js';
import { balanceChanges, planReceipt } from '../domain/inventory/index.js';
import { importRepo } from '../store/importRepo.js';
import { bomRepo } from '../store/bomRepo.js';
import { masterDataRepo } from '../store/masterDataRepo.js';
import { transactWrite } from '../store/transact.js';
import { nextDocumentNumber } from '../store/sequenceRepo.js';
import { bomImportWrites } from './bom/importBoms.js';
import { completing, type CommitHooks } from './hooks.js';
import { commitPosting } from './posting.js';
import { itemFacts, warehouseFacts } from './references.js';
import { shanghaiDate } from './time.js';

/**
 * Imports a whole factory data file: master data, BOMs, open orders and opening stock.
 * The file is checked completely first and refused whole with every problem listed;
 * codes that already exist in the tenant are refused the same way. Only then is anything
 * written, in transactions; if a write fails part way, what was written is removed again.
 */
export async function importFactoryFile(
  deps: Deps,
  session: Session,
  file: FactoryFile,
  hooks: CommitHooks<ImportSummary> = {},
): Promise<ImportSummary> {
  const problems = checkFactoryFile(file);
  if (problems.length) throw invalidRequest(prefixed(problems), '导入文件有错误，未导入任何数据');

  const tenant = session.tenant;
  const now = deps.clock.now();
  const at = now.toISOString();
  const audit = {
    version: 1,
    createdAt: at,
    updatedAt: at,
    createdBy: session.user,
    updatedBy: session.user,
  };
  const repos = {
    unit: masterDataRepo<Unit>(deps, tenant, 'unit'),
    warehouse: masterDataRepo<Warehouse>(deps, tenant, 'warehouse'),
    partner: masterDataRepo<Partner>(deps, tenant, 'partner'),
    item: masterDataRepo<Item>(deps, tenant, 'item'),
  };
  const imports = importRepo(deps, tenant);

  await refuseExisting(file, repos, imports);

  const units = new Map<string, Unit>();
  for (const item of file.items) {
    if (!units.has(item.unit))
      units.set(item.unit, {
        code: item.unit,
        name: item.unit,
        precision: item.precision,
        ...audit,
      });
  }
  const existingUnits = await repos.unit.getMany(units.keys());
  const warehouses: Warehouse[] = file.warehouses.map((w) => ({
    ...w,
    allowNegative: false,
    active: true,
    ...audit,
  }));
  const items: Item[] = file.items.map((i) => ({
    ...i,
    inspection: i.inspection ?? false,
    active: true,
    ...audit,
  }));
  const importId = deps.newId();
  const src = { importId, at, by: session.user };

  const creates = [
    ...[...units.values()]
      .filter((u) => !existingUnits.has(u.code))
      .map((u) => repos.unit.createItem(u)),
    ...warehouses.map((w) => repos.warehouse.createItem(w)),
    ...file.partners.map((p) => repos.partner.createItem({ ...p, active: true, ...audit })),
    ...items.map((i) => repos.item.createItem(i)),
    ...bomImportWrites(deps, tenant, file, src),
    ...imports.orders(file, src),
    ...imports.calendar(file, src),
  ];

  await imports.startJob(importId, src);
  try {
    const written = await imports.writeAll(creates);
    // Readers cache the BOM structure by its revision; the import changed it.
    await transactWrite(deps.db, [bomRepo(deps, tenant).bumpStructure()]);
    const stockDocument = await postOpeningStock(deps, session, file, items, warehouses, now).catch(
      async (err) => {
        await imports.removeAll(written);
        throw err;
      },
    );
    const summary: ImportSummary = {
      importId,
      counts: {
        units: units.size - existingUnits.size,
        warehouses: file.warehouses.length,
        partners: file.partners.length,
        items: file.items.length,
        boms: file.boms?.length ?? 0,
        purchaseOrders: file.purchaseOrders?.length ?? 0,
        taskOrders: file.taskOrders?.length ?? 0,
        outsourcingOrders: file.outsourcingOrders?.length ?? 0,
        salesOrders: file.salesOrders?.length ?? 0,
        forecasts: file.forecasts?.length ?? 0,
        stockLines: file.stock?.length ?? 0,
      },
      stockDocument,
    };
    // The import's last write records the request's result with it.
    await imports.finishJob(
      importId,
      'completed',
      { finishedAt: deps.clock.now().toISOString(), summary },
      completing(hooks, summary, []),
    );
    return summary;
  } catch (err) {
    await imports.finishJob(importId, 'failed', {
      finishedAt: deps.clock.now().toISOString(),
      error: err instanceof Error ? err.message : String(err),
    });
    throw err;
  }
}

async function refuseExisting(
  file: FactoryFile,
  repos: {
    warehouse: ReturnType<typeof masterDataRepo<Warehouse>>;
    partner: ReturnType<typeof masterDataRepo<Partner>>;
    item: ReturnType<typeof masterDataRepo<Item>>;
  },
  imports: ReturnType<typeof importRepo>,
): Promise<void> {
  const [warehouses, partners, items, orders] = await Promise.all([
    repos.warehouse.getMany(file.warehouses.map((w) => w.code)),
    repos.partner.getMany(file.partners.map((p) => p.code)),
    repos.item.getMany(file.items.map((i) => i.code)),
    imports.existingOrders(file),
  ]);
  const issues: FieldIssue[] = [];
  const taken = (
    list: { code?: string; no?: string }[],
    existing: { has(c: string): boolean },
    at: string,
  ) =>
    list.forEach((entry, i) => {
      const code = entry.code ?? entry.no!;
      if (existing.has(code))
        issues.push({
          path: ['body', at, i, entry.code ? 'code' : 'no'],
          message: `已存在：${code}`,
        });
    });
  taken(file.warehouses, warehouses, 'warehouses');
  taken(file.partners, partners, 'partners');
  taken(file.items, items, 'items');
  taken(file.purchaseOrders ?? [], orders, 'purchaseOrders');
  taken(file.taskOrders ?? [], orders, 'taskOrders');
  taken(file.outsourcingOrders ?? [], orders, 'outsourcingOrders');
  taken(file.salesOrders ?? [], orders, 'salesOrders');
  if (issues.length) {
    throw new AppError(
      'import.conflict',
      '导入文件中的部分编码已存在，未导入任何数据',
      { count: issues.length },
      issues,
    );
  }
}

/** Opening balances become one receipt (reason "opening"), posted through the ledger. */
async function postOpeningStock(
  deps: Deps,
  session: Session,
  file: FactoryFile,
  items: Item[],
  warehouses: Warehouse[],
  now: Date,
): Promise<string | null> {
  const stock = file.stock ?? [];
  if (stock.length === 0) return null;
  const request: ReceiptRequest = {
    date: file.runDate,
    reason: 'opening',
    note: '期初库存（导入）',
    lines: stock.map((s) => ({
      item: s.item,
      warehouse: s.warehouse,
      qty: s.qty,
      status: s.status ?? 'available',
      ...(s.lot ? { lot: s.lot } : {}),
      ...(s.trackingNo ? { trackingNo: s.trackingNo } : {}),
    })),
  };
  const refs = {
    items: new Map(items.map((i) => [i.code, itemFacts(i)])),
    warehouses: new Map(warehouses.map((w) => [w.code, warehouseFacts(w)])),
  };
  const planned = planReceipt(request, refs);
  if (!planned.ok)
    throw invalidRequest(
      prefixed(planned.issues.map((i) => ({ ...i, path: ['stock', ...i.path.slice(1)] }))),
    );
  const no = await nextDocumentNumber(deps, session.tenant, 'RC', shanghaiDate(now));
  const header = {
    no,
    kind: 'receipt' as const,
    date: request.date,
    reason: 'opening',
    note: request.note,
    postedAt: now.toISOString(),
    postedBy: session.user,
  };
  await commitPosting(
    deps,
    session.tenant,
    header,
    planned.value,
    balanceChanges(planned.value, refs),
    {},
  );
  return no;
}

function prefixed(issues: FieldIssue[]): FieldIssue[] {
  return issues.map((i) => ({ ...i, path: ['body', ...i.path] }));
}
