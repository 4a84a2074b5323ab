import {
  AppError,
  type FieldIssue,
  type Item,
  type OutsourcingOrder,
  type OutsourcingOrderClose,
  type OutsourcingOrderCreate,
  type OutsourcingOrderListQuery,
  type OutsourcingOrderUpdate,
  type Page,
  type Partner,
  type Session,
  type Warehouse,
  fitsPrecision,
  invalidRequest,
  notFound,
  versionConflict,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { withIssued } from '../../domain/issue/index.js';
import {
  accruedFee,
  assertAction,
  componentsOf,
  outsourcingState,
  toOutsourcingNeeds,
  type OutsourcingOrderRecord,
} from '../../domain/outsourcing/index.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import {
  listOutsourcingOrderPage,
  outsourcingOrderRepo,
} from '../../store/outsourcingOrderRepo.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import { completing, type CommitHooks } from '../hooks.js';
import { itemFactsOf, needsAt } from '../taskOrders/needs.js';
import { shanghaiDate } from '../time.js';

/**
 * Outsourcing orders (委外订单, issue 14): entered here, or released by MRP and imported (which
 * copy no needs: they get them on first read, what they were already sent spread over them).
 */

/** The needs of `qty` of the item at the start date, everything sent by hand. */
async function needsOf(
  deps: Deps,
  tenant: string,
  o: Pick<OutsourcingOrderRecord, 'item' | 'qty' | 'startDate' | 'trackingNo' | 'warehouse'>,
) {
  const { needs, bomVersion } = await needsAt(deps, tenant, o.item, o.qty, o.startDate, {
    ...(o.warehouse ? { fallbackWarehouse: o.warehouse } : {}),
    ...(o.trackingNo ? { trackingNo: o.trackingNo } : {}),
  });
  return { needs: toOutsourcingNeeds(needs), ...(bomVersion ? { bomVersion } : {}) };
}

/** The stored order (404 when there is none). */
export async function loadRecord(
  deps: Deps,
  tenant: string,
  no: string,
): Promise<OutsourcingOrderRecord> {
  const order = await outsourcingOrderRepo(deps, tenant).get(no);
  if (!order) throw notFound('outsourcingOrder', no);
  return order;
}

/**
 * The order with its needs: a released or imported order without any gets them now from the
 * BOM at its start date, with what it was already sent spread over them (the caller's write
 * stores them).
 */
export async function withNeeds(
  deps: Deps,
  tenant: string,
  order: OutsourcingOrderRecord,
): Promise<{ order: OutsourcingOrderRecord; computed: boolean }> {
  if (order.needs) return { order, computed: false };
  const { needs, bomVersion } = await needsOf(deps, tenant, order);
  const spread = toOutsourcingNeeds(
    withIssued(
      needs.map((n) => ({ ...n })),
      order.issued,
    ),
  );
  return {
    order: { ...order, needs: spread, ...(bomVersion ? { bomVersion } : {}) },
    computed: true,
  };
}

/** Reads the order with its needs (404 when there is none). */
export async function loadOrder(
  deps: Deps,
  tenant: string,
  no: string,
): Promise<OutsourcingOrderRecord> {
  return (await withNeeds(deps, tenant, await loadRecord(deps, tenant, no))).order;
}

/** Names of the order's items and subcontractor, for its view. */
async function namesFor(deps: Deps, tenant: string, orders: readonly OutsourcingOrderRecord[]) {
  const found = await getMasterRecords(deps, tenant, {
    item: orders.flatMap((o) => [o.item, ...(o.needs ?? []).map((n) => n.item)]),
    partner: orders.map((o) => o.supplier),
  });
  return {
    items: (found.item ?? new Map()) as Map<string, Item>,
    partners: (found.partner ?? new Map()) as Map<string, Partner>,
  };
}

type Names = Awaited<ReturnType<typeof namesFor>>;

/** The order as the API shows it. */
export function viewOf(o: OutsourcingOrderRecord, names?: Names): OutsourcingOrder {
  const item = names?.items.get(o.item);
  const partner = names?.partners.get(o.supplier);
  return {
    no: o.no,
    origin: o.origin,
    subcontractor: o.supplier,
    ...(partner ? { subcontractorName: partner.name } : {}),
    item: o.item,
    ...(item ? { itemName: item.name, unit: item.unit } : {}),
    qty: o.qty,
    received: o.received,
    ...(o.orderDate ? { orderDate: o.orderDate } : {}),
    startDate: o.startDate,
    dueDate: o.dueDate,
    ...(o.trackingNo ? { trackingNo: o.trackingNo } : {}),
    status: outsourcingState(o.status),
    ...(o.subcontractorWarehouse ? { subcontractorWarehouse: o.subcontractorWarehouse } : {}),
    ...(o.warehouse ? { warehouse: o.warehouse } : {}),
    ...(o.bomVersion ? { bomVersion: o.bomVersion } : {}),
    components: componentsOf(
      o,
      (code) => {
        const i = names?.items.get(code);
        return i ? { name: i.name, unit: i.unit } : undefined;
      },
      names ? itemFactsOf(names.items) : undefined,
    ),
    extras: o.extras.map((e) => ({ item: e.item, warehouse: e.warehouse, sent: e.qty })),
    documents: o.documents,
    ...(o.documents.some((d) => d.fee) ? { accruedFee: accruedFee(o.documents) } : {}),
    ...(o.note ? { note: o.note } : {}),
    ...(o.closeReason ? { closeReason: o.closeReason } : {}),
    version: o.version,
    ...(o.createdAt ? { createdAt: o.createdAt } : {}),
    ...(o.createdBy ? { createdBy: o.createdBy } : {}),
    ...(o.updatedAt ? { updatedAt: o.updatedAt } : {}),
    ...(o.updatedBy ? { updatedBy: o.updatedBy } : {}),
  };
}

/** The order's view with item and subcontractor names. */
export async function viewWithNames(
  deps: Deps,
  tenant: string,
  o: OutsourcingOrderRecord,
): Promise<OutsourcingOrder> {
  return viewOf(o, await namesFor(deps, tenant, [o]));
}

/**
 * Checks the subcontractor (a partner with the role `subcontractor`), the item (outsourced,
 * active; the quantity fits its precision) and the issue warehouse; every bad field named.
 */
async function checkMasterData(
  deps: Deps,
  tenant: string,
  f: { subcontractor?: string; item: string; qty?: string; warehouse?: string },
): Promise<void> {
  const found = await getMasterRecords(deps, tenant, {
    item: [f.item],
    ...(f.subcontractor ? { partner: [f.subcontractor] } : {}),
    ...(f.warehouse ? { warehouse: [f.warehouse] } : {}),
  });
  const issues: FieldIssue[] = [];
  if (f.subcontractor) {
    const p = found.partner?.get(f.subcontractor) as Partner | undefined;
    const path = ['body', 'subcontractor'];
    if (!p) issues.push({ path, message: `往来单位不存在：${f.subcontractor}` });
    else if (!p.active) issues.push({ path, message: `往来单位已停用：${f.subcontractor}` });
    else if (!p.roles.includes('subcontractor'))
      issues.push({ path, message: `往来单位 ${f.subcontractor} 不是外协厂` });
  }
  const item = found.item?.get(f.item) as Item | undefined;
  if (!item) issues.push({ path: ['body', 'item'], message: `物料不存在：${f.item}` });
  else if (!item.active) issues.push({ path: ['body', 'item'], message: `物料已停用：${f.item}` });
  else if (item.source !== 'outsourced')
    issues.push({ path: ['body', 'item'], message: `物料 ${f.item} 不是委外件，不能开委外订单` });
  else if (f.qty !== undefined && !fitsPrecision(f.qty, item.precision))
    issues.push({
      path: ['body', 'qty'],
      message: `数量 ${f.qty} 超出物料 ${f.item} 的精度（${item.precision} 位小数）`,
    });
  if (f.warehouse) {
    const wh = found.warehouse?.get(f.warehouse) as Warehouse | undefined;
    if (!wh) issues.push({ path: ['body', 'warehouse'], message: `仓库不存在：${f.warehouse}` });
    else if (wh.kind !== 'normal')
      issues.push({ path: ['body', 'warehouse'], message: `发料仓库 ${f.warehouse} 应为普通仓库` });
  }
  if (issues.length) throw invalidRequest(issues);
}

export async function createOutsourcingOrder(
  deps: Deps,
  s: Session,
  input: OutsourcingOrderCreate,
  hooks: CommitHooks<OutsourcingOrder> = {},
): Promise<OutsourcingOrder> {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const orderDate = input.orderDate ?? today;
  const startDate = input.startDate ?? orderDate;
  if (startDate > input.dueDate) {
    throw invalidRequest([
      { path: ['body', 'dueDate'], message: `交货日期不能早于发料日期 ${startDate}` },
    ]);
  }
  await checkMasterData(deps, s.tenant, input);
  const base = {
    item: input.item,
    qty: input.qty,
    startDate,
    ...(input.trackingNo ? { trackingNo: input.trackingNo } : {}),
    ...(input.warehouse ? { warehouse: input.warehouse } : {}),
  };
  const needs = await needsOf(deps, s.tenant, base);
  // Checked before a number is taken, so a refused order uses none.
  const no = await nextDocumentNumber(deps, s.tenant, 'WX', today);
  const at = now.toISOString();
  const order: OutsourcingOrderRecord = {
    no,
    origin: 'entry',
    supplier: input.subcontractor,
    ...base,
    received: '0',
    orderDate,
    dueDate: input.dueDate,
    status: 'open',
    ...needs,
    issued: [],
    consumed: [],
    extras: [],
    documents: [],
    ...(input.note ? { note: input.note } : {}),
    version: 1,
    createdAt: at,
    createdBy: s.user,
    updatedAt: at,
    updatedBy: s.user,
  };
  const view = await viewWithNames(deps, s.tenant, order);
  await deps.unitOfWork.commit(
    completing(hooks, view, [outsourcingOrderRepo(deps, s.tenant).create(order)]),
  );
  return view;
}

function expectVersion(o: OutsourcingOrderRecord, expected: number | undefined) {
  if (expected !== undefined && o.version !== expected)
    throw versionConflict('outsourcingOrder', o.no, expected);
}

/** Writes the order changed by `change` (the revision read guards it) and answers its view. */
async function save(
  deps: Deps,
  s: Session,
  next: OutsourcingOrderRecord,
  hooks: CommitHooks<OutsourcingOrder>,
): Promise<OutsourcingOrder> {
  const view = await viewWithNames(deps, s.tenant, next);
  await deps.unitOfWork.commit(
    completing(hooks, view, [outsourcingOrderRepo(deps, s.tenant).put(next)]),
  );
  return view;
}

const stamped = (deps: Deps, s: Session, o: OutsourcingOrderRecord): OutsourcingOrderRecord => ({
  ...o,
  version: o.version + 1,
  updatedAt: deps.clock.now().toISOString(),
  updatedBy: s.user,
});

/**
 * Changes an open order while nothing was sent or received: subcontractor, quantity, dates,
 * tracking number, issue warehouse, note. A change of quantity, start date, tracking number or
 * warehouse copies the needs from the BOM again.
 */
export async function updateOutsourcingOrder(
  deps: Deps,
  s: Session,
  no: string,
  input: OutsourcingOrderUpdate,
  hooks: CommitHooks<OutsourcingOrder> = {},
): Promise<OutsourcingOrder> {
  const order = await loadOrder(deps, s.tenant, no);
  expectVersion(order, input.expectedVersion);
  assertAction(order, 'edit');
  const startDate = input.startDate ?? order.startDate;
  const dueDate = input.dueDate ?? order.dueDate;
  if (startDate > dueDate) {
    throw invalidRequest([
      { path: ['body', 'dueDate'], message: `交货日期不能早于发料日期 ${startDate}` },
    ]);
  }
  const trackingNo =
    input.trackingNo === undefined ? order.trackingNo : (input.trackingNo ?? undefined);
  const warehouse =
    input.warehouse === undefined ? order.warehouse : (input.warehouse ?? undefined);
  const note = input.note === undefined ? order.note : (input.note ?? undefined);
  const subcontractor = input.subcontractor ?? order.supplier;
  const qty = input.qty ?? order.qty;
  await checkMasterData(deps, s.tenant, {
    ...(input.subcontractor ? { subcontractor } : {}),
    item: order.item,
    qty,
    ...(input.warehouse ? { warehouse: input.warehouse } : {}),
  });
  const { trackingNo: _t, warehouse: _w, note: _n, needs: _needs, bomVersion: _b, ...rest } = order;
  const base = {
    item: order.item,
    qty,
    startDate,
    ...(trackingNo ? { trackingNo } : {}),
    ...(warehouse ? { warehouse } : {}),
  };
  const redo =
    qty !== order.qty ||
    startDate !== order.startDate ||
    trackingNo !== order.trackingNo ||
    warehouse !== order.warehouse;
  const needs = redo
    ? await needsOf(deps, s.tenant, base)
    : { needs: order.needs ?? [], ...(order.bomVersion ? { bomVersion: order.bomVersion } : {}) };
  return save(
    deps,
    s,
    stamped(deps, s, {
      ...rest,
      ...base,
      supplier: subcontractor,
      dueDate,
      ...needs,
      ...(note ? { note } : {}),
    }),
    hooks,
  );
}

/** Closes an open or completed order: no more sends or receipts, no longer planned. */
export const closeOutsourcingOrder = ending('close', 'closed');

/** Cancels an open order nothing was sent against or received on. */
export const cancelOutsourcingOrder = ending('cancel', 'cancelled');

/** An order's end by hand (close or cancel), with its reason, at the version the user read. */
function ending(action: 'close' | 'cancel', status: 'closed' | 'cancelled') {
  return async (
    deps: Deps,
    s: Session,
    no: string,
    input: OutsourcingOrderClose,
    hooks: CommitHooks<OutsourcingOrder> = {},
  ): Promise<OutsourcingOrder> => {
    const order = await loadOrder(deps, s.tenant, no);
    expectVersion(order, input.expectedVersion);
    assertAction(order, action);
    return save(
      deps,
      s,
      stamped(deps, s, {
        ...order,
        status,
        ...(input.reason ? { closeReason: input.reason } : {}),
        ...(status === 'closed' ? { closedAt: deps.clock.now().toISOString() } : {}),
      }),
      hooks,
    );
  };
}

/**
 * One order with its components. A released or imported order read for the first time gets
 * its needs stored (under its version; a write in between wins, and the order is read again).
 */
export async function getOutsourcingOrder(
  deps: Deps,
  s: Session,
  no: string,
): Promise<OutsourcingOrder> {
  for (let attempt = 1; ; attempt++) {
    const { order, computed } = await withNeeds(
      deps,
      s.tenant,
      await loadRecord(deps, s.tenant, no),
    );
    if (computed) {
      try {
        await deps.unitOfWork.commit([outsourcingOrderRepo(deps, s.tenant).put(order)]);
      } catch (err) {
        const lost = err instanceof AppError && err.code === 'resource.versionConflict';
        if (lost && attempt < 3) continue;
        if (!lost) throw err;
      }
    }
    return viewWithNames(deps, s.tenant, order);
  }
}

export async function listOutsourcingOrders(
  deps: Deps,
  s: Session,
  q: OutsourcingOrderListQuery,
): Promise<Page<OutsourcingOrder>> {
  const page = await listOutsourcingOrderPage(deps, s.tenant, q);
  // Names of the page's items and subcontractors in one read, so the phone's list shows them.
  const names = await namesFor(deps, s.tenant, page.items);
  return { items: page.items.map((o) => viewOf(o, names)), nextCursor: page.nextCursor };
}
