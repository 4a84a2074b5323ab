import {
  AppError,
  type FactoryFile,
  type FieldIssue,
  type ImportSummary,
  type Item,
  type Partner,
  type ReceiptRequest,
  type Session,
  type StockDocument,
  type Unit,
  type Warehouse,
  invalidRequest,
} from '@factory/shared';
import { createHash } from 'node:crypto';
import type { Deps } from '../deps.js';
import { checkFactoryFile, sellableItems } from '../domain/factoryFile/index.js';
import { balanceChanges, planReceipt } from '../domain/inventory/index.js';
import { IMPORT_LEASE_MS, type ImportClaim, importRepo } from '../store/importRepo.js';
import { bomRepo } from '../store/bomRepo.js';
import { masterDataRepo } from '../store/masterDataRepo.js';
import { stockRepo } from '../store/stockRepo.js';
import { type TxItem } from '../store/transact.js';
import { nextDocumentNumber } from '../store/sequenceRepo.js';
import { bomImportWrites } from './bom/importBoms.js';
import { completing, type CommitHooks } from './hooks.js';
import { commitPosting, resumePosting } from './posting.js';
import { itemFacts, warehouseFacts } from './references.js';
import { shanghaiDate } from './time.js';

export type ImportOptions = {
  /**
   * false: leave out the BOM indexes only BOM queries read (where-used entries, low-level
   * codes). For a store that is only planned and thrown away (`cli plan`); default true.
   */
  bomIndexes?: boolean;
  /** The caller has just run checkFactoryFile on this very file (the CLI, before it starts). */
  checked?: boolean;
};

/** At most this many problems of a bad file are answered (the count says how many in all). */
const MAX_ISSUES = 1_000;

/**
 * Imports a whole factory data file: master data, BOMs, open orders and opening stock.
 * The file is checked completely first and refused whole with every problem listed;
 * codes that already exist in the tenant are refused the same way. Only then is anything
 * written: records in batches (their keys were just checked, and the tenant's import lock
 * keeps other imports out), the opening stock as one receipt through the ledger (a large one
 * in pages and chunks). A business refusal part way takes back what was written. If the
 * import stops for any other reason (the process dies, the store is unreachable) its lock
 * runs out after a minute, and importing the same file again resumes it: the records are
 * written again (the same ones) and the opening stock posting continues where it stopped.
 */
export async function importFactoryFile(
  deps: Deps,
  session: Session,
  file: FactoryFile,
  options: ImportOptions = {},
  hooks: CommitHooks<ImportSummary> = {},
): Promise<ImportSummary> {
  const claim = await acceptFile(deps, session, file, options);
  return writeImport(deps, session, file, claim, options, hooks);
}

/**
 * What is refused before anything is written: a bad file (every problem listed), another
 * import running, codes that exist already. Takes the tenant's import lock for the file.
 */
export async function acceptFile(
  deps: Deps,
  session: Session,
  file: FactoryFile,
  options: Pick<ImportOptions, 'checked'> = {},
): Promise<ImportClaim> {
  const problems = options.checked ? [] : checkFactoryFile(file);
  if (problems.length) throw refusedFile(problems);

  const imports = importRepo(deps, session.tenant);
  const claim = await imports.claim(deps.newId(), fingerprint(file), deps.clock.now());
  try {
    await refuseExisting(file, imports, claim.importId);
  } catch (err) {
    await imports.release(claim.importId);
    throw err;
  }
  return claim;
}

/**
 * Writes an accepted file under its claim: records in batches, then the opening stock. A
 * business refusal part way takes back what was written; any other stop leaves the lock to
 * run out, and the same file imported again (or the job's worker run again) resumes.
 */
export async function writeImport(
  deps: Deps,
  session: Pick<Session, 'tenant' | 'user'>,
  file: FactoryFile,
  claim: ImportClaim,
  options: Pick<ImportOptions, 'bomIndexes'> = {},
  hooks: CommitHooks<ImportSummary> = {},
): Promise<ImportSummary> {
  const tenant = session.tenant;
  const imports = importRepo(deps, tenant);
  const importId = claim.importId;

  // A resumed import writes its records exactly as the first attempt did.
  const at = claim.startedAt;
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
  const existingUnits = await imports.existingMaster('unit', units.keys(), importId);
  const warehouses: Warehouse[] = file.warehouses.map((w) => ({
    ...w,
    allowNegative: false,
    active: true,
    ...audit,
  }));
  const sellable = sellableItems(file);
  const items: Item[] = file.items.map((i) => ({
    ...i,
    inspection: i.inspection ?? false,
    sellable: sellable.has(i.code),
    active: true,
    ...audit,
  }));
  const src = { importId, at, by: session.user };

  const marked = (t: TxItem): Record<string, unknown> => ({ ...t.Put!.Item!, importId });
  const records: Record<string, unknown>[] = [
    ...[...units.values()]
      .filter((u) => !existingUnits.has(u.code))
      .map((u) => marked(repos.unit.createItem(u))),
    ...warehouses.map((w) => marked(repos.warehouse.createItem(w))),
    ...file.partners.map((p) => marked(repos.partner.createItem({ ...p, active: true, ...audit }))),
    ...items.map((i) => marked(repos.item.createItem(i))),
    ...[
      ...bomImportWrites(deps, tenant, file, src, options.bomIndexes ?? true),
      ...imports.orders(file, src),
      ...imports.calendar(file, src),
    ].map((t) => t.Put!.Item!),
  ];

  // The lease is renewed as the import goes (at most every quarter of it).
  let renewedAt = deps.clock.now().getTime();
  const renew = async (set: Record<string, unknown> = {}) => {
    const now = deps.clock.now();
    if (!Object.keys(set).length && now.getTime() - renewedAt < IMPORT_LEASE_MS / 4) return;
    await imports.renew(importId, now, set);
    renewedAt = now.getTime();
  };

  await imports.startJob(importId, { ...src, at: deps.clock.now().toISOString() });
  try {
    await imports.putAll(records, async (done) => {
      await renew();
      await imports.setProgress(importId, { phase: 'records', done, total: records.length });
    });
    if (file.stock?.length) {
      await imports.setProgress(importId, { phase: 'stock', done: 0, total: file.stock.length });
    }
    // Readers cache the BOM structure by its revision; the import changed it.
    await deps.unitOfWork.commit([bomRepo(deps, tenant).bumpStructure()]);
    const stockDocument = await postOpeningStock(
      deps,
      session,
      file,
      items,
      warehouses,
      claim.stockDocument,
      renew,
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
      {
        finishedAt: deps.clock.now().toISOString(),
        ...(claim.resumed ? { resumed: true } : {}),
        summary,
      },
      completing(hooks, summary, []),
    );
    await imports.release(importId);
    return summary;
  } catch (err) {
    // Lost the lock to a later attempt: that one carries on, nothing here is taken back.
    if (!(err instanceof AppError) || err.code === 'import.inProgress') throw err;
    // A business refusal: what was written is taken back and the lock freed.
    await imports.deleteAll(records.map((r) => ({ pk: String(r.pk), sk: String(r.sk) })));
    await imports.finishJob(importId, 'failed', {
      finishedAt: deps.clock.now().toISOString(),
      errorCode: err.code,
      error: err.message.slice(0, 2_000),
    });
    await imports.release(importId);
    throw err;
  }
}

/** Identifies a file by content, so the same file imported again can resume its import. */
function fingerprint(file: FactoryFile): string {
  return createHash('sha256').update(JSON.stringify(file)).digest('hex');
}

/** A bad file: every problem with its path, the first MAX_ISSUES of them answered. */
function refusedFile(problems: FieldIssue[]): AppError {
  const shown = prefixed(problems.slice(0, MAX_ISSUES));
  return problems.length > MAX_ISSUES
    ? new AppError(
        'request.invalid',
        `导入文件有 ${problems.length} 处错误（列出前 ${MAX_ISSUES} 处），未导入任何数据`,
        { count: problems.length },
        shown,
      )
    : invalidRequest(shown, '导入文件有错误，未导入任何数据');
}

async function refuseExisting(
  file: FactoryFile,
  imports: ReturnType<typeof importRepo>,
  importId: string,
): Promise<void> {
  const [warehouses, partners, items, orders] = await Promise.all([
    imports.existingMaster(
      'warehouse',
      file.warehouses.map((w) => w.code),
      importId,
    ),
    imports.existingMaster(
      'partner',
      file.partners.map((p) => p.code),
      importId,
    ),
    imports.existingMaster(
      'item',
      file.items.map((i) => i.code),
      importId,
    ),
    imports.existingOrders(file, importId),
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
      issues.slice(0, MAX_ISSUES),
    );
  }
}

/**
 * Opening balances become one receipt (reason "opening"), posted through the ledger: a large
 * one in pages and chunks. Its number is recorded on the import lock before it is posted, so
 * a resumed import finishes that same document (or posts it, if it never started).
 */
async function postOpeningStock(
  deps: Deps,
  session: Pick<Session, 'tenant' | 'user'>,
  file: FactoryFile,
  items: Item[],
  warehouses: Warehouse[],
  numbered: string | undefined,
  renew: (set?: Record<string, unknown>) => Promise<void>,
): Promise<string | null> {
  const stock = file.stock ?? [];
  if (stock.length === 0) return null;
  const onChunk = () => renew();
  if (numbered) {
    const record = await stockRepo(deps, session.tenant).getPostingRecord(numbered);
    const head = record ?? (await stockRepo(deps, session.tenant).getDocument(numbered));
    const status = record ? record.document.status : (head as StockDocument | undefined)?.status;
    if (status === 'posted') return numbered;
    if (status === 'posting') {
      await resumePosting(deps, session.tenant, numbered, {}, { onChunk });
      return numbered;
    }
    // 'failed' (reversed) needs a new number; absent: it never started, post it under this one.
    if (status === 'failed') numbered = undefined;
  }
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
      ...(s.customer ? { customer: s.customer } : {}),
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
  const now = deps.clock.now();
  const no = numbered ?? (await nextDocumentNumber(deps, session.tenant, 'RC', shanghaiDate(now)));
  await renew({ stockDocument: no });
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
    { onChunk },
  );
  return no;
}

function prefixed(issues: FieldIssue[]): FieldIssue[] {
  return issues.map((i) => ({ ...i, path: ['body', ...i.path] }));
}
