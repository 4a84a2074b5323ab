import {
  AppError,
  type Deliverables,
  type DeliverableQuery,
  type Delivery,
  type DeliveryCreate,
  type DeliveryListQuery,
  type DeliveryShare,
  type DeliveryShareRequest,
  type FieldIssue,
  type Item,
  type Page,
  type Partner,
  type SalesOrder,
  type Session,
  type Unit,
  type Warehouse,
  cmpQty,
  invalidRequest,
  negQty,
  notFound,
  subQty,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  type DeliveryItemInfo,
  deliveryNoteHtml,
  planDelivery,
} from '../../domain/delivery/index.js';
import {
  type BalanceChange,
  balanceChanges,
  balanceId,
  planIssue,
  type PlannedMove,
} from '../../domain/inventory/index.js';
import { deliveryRepo, salesOrderDeliveredUpdate } from '../../store/deliveryRepo.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { queryAll } from '../../store/query.js';
import { keys } from '../../store/keys.js';
import { salesOrderRepo } from '../../store/salesOrderRepo.js';
import { insufficient, stockRepo } from '../../store/stockRepo.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import { MAX_TRANSACTION_ITEMS } from '../../store/transact.js';
import type { CommitHooks } from '../hooks.js';
import { commitPosting } from '../posting.js';
import { loadReferences } from '../references.js';
import { shanghaiDate } from '../time.js';
import { shipmentNoticeItems } from './shipmentNotice.js';
import { missing } from './notFound.js';
import { mintShareToken, readShareToken, SHARE_PAGE_HEADERS } from '../share/links.js';
import { PageResult } from '../fileResult.js';
import { withPartnerNames } from '../labels.js';

/** Roles that see every delivery; a sales rep only those of own orders. */
const SEES_ALL = ['warehouse', 'supervisor', 'manager', 'admin', 'planner', 'cost'];
const seesAll = (s: Session) => s.roles.some((r) => SEES_ALL.includes(r));

const ATTEMPTS = 3;

/** An imported order carries no version until its first change (then 2). */
const hasVersion = (o: SalesOrder) => o.origin === 'entry' || o.version > 1;

function isOrderConflict(err: unknown): boolean {
  return (
    err instanceof AppError &&
    err.code === 'resource.versionConflict' &&
    err.details?.entity === 'salesOrder'
  );
}

function bodyIssues(issues: FieldIssue[]): AppError {
  return invalidRequest(issues.map((i) => ({ ...i, path: ['body', ...i.path] })));
}

/** Item facts, unit names and the customer, in one batch read. */
async function masterData(deps: Deps, tenant: string, customer: string, items: string[]) {
  const found = await getMasterRecords(deps, tenant, { partner: [customer], item: items });
  const itemRecords = (found.item ?? new Map()) as Map<string, Item>;
  const units = (
    await getMasterRecords(deps, tenant, { unit: [...itemRecords.values()].map((i) => i.unit) })
  ).unit as Map<string, Unit>;
  const info = new Map<string, DeliveryItemInfo & { unitName?: string }>();
  for (const [code, i] of itemRecords) {
    info.set(code, {
      code,
      name: i.name,
      unit: i.unit,
      strategy: i.strategy,
      ...(i.defaultWarehouse ? { defaultWarehouse: i.defaultWarehouse } : {}),
      ...(units.get(i.unit)?.name ? { unitName: units.get(i.unit)!.name } : {}),
    });
  }
  return { customer: found.partner?.get(customer) as Partner | undefined, items: info };
}

async function loadOrders(deps: Deps, tenant: string, nos: Iterable<string>) {
  const repo = salesOrderRepo(deps, tenant);
  const orders = new Map<string, SalesOrder>();
  for (const no of new Set(nos)) {
    const o = await repo.get(no);
    if (o) orders.set(no, o);
  }
  return orders;
}

/**
 * Ships lines of one customer's confirmed sales orders (发货). One transaction writes the
 * stock document (an issue, reason `sales`, numbered like the delivery: each ledger move
 * keeps the delivery's number and line, a costing consumer), the balances (never below zero),
 * each order's lines' `delivered` and its status (closed when delivered in full), the
 * delivery, and a WeCom message to each rep whose order shipped (outbox). Any refusal writes
 * nothing. Two deliveries racing for the same order: the one that loses is planned again from
 * the fresh order (over-delivery checked again).
 */
export async function createDelivery(
  deps: Deps,
  s: Session,
  req: DeliveryCreate,
  hooks: CommitHooks<Delivery> = {},
): Promise<Delivery> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deliverOnce(deps, s, req, hooks);
    } catch (err) {
      if (!isOrderConflict(err) || attempt >= ATTEMPTS) throw err;
    }
  }
}

async function deliverOnce(
  deps: Deps,
  s: Session,
  req: DeliveryCreate,
  hooks: CommitHooks<Delivery>,
): Promise<Delivery> {
  const now = deps.clock.now();
  const date = req.date ?? shanghaiDate(now);
  const orders = await loadOrders(
    deps,
    s.tenant,
    req.lines.map((l) => l.salesOrder),
  );
  const itemCodes = [...orders.values()].flatMap((o) => o.lines.map((l) => l.item));
  const md = await masterData(deps, s.tenant, req.customer, itemCodes);
  const customerIssues: FieldIssue[] = [];
  if (!md.customer || !md.customer.roles.includes('customer')) {
    customerIssues.push({ path: ['customer'], message: `客户不存在：${req.customer}` });
  }
  const planned = planDelivery(req.customer, req.lines, orders, md.items);
  if (customerIssues.length || !planned.ok) {
    throw bodyIssues([...customerIssues, ...(planned.ok ? [] : planned.issues)]);
  }
  const plan = planned.value;

  const refs = await loadReferences(
    deps,
    s.tenant,
    plan.lines.map((l) => l.item),
    plan.lines.map((l) => l.warehouse),
  );
  const issue = planIssue(
    {
      date,
      reason: 'sales',
      lines: plan.lines.map((l) => ({
        item: l.item,
        warehouse: l.warehouse,
        qty: l.qty,
        status: 'available',
        ...(l.lot ? { lot: l.lot } : {}),
        ...(l.trackingNo ? { trackingNo: l.trackingNo } : {}),
      })),
    },
    refs,
  );
  if (!issue.ok) throw bodyIssues(issue.issues);
  const moves: PlannedMove[] = issue.value;
  const changes = balanceChanges(moves, refs);
  await expectStock(deps, s.tenant, changes);

  const no = await nextDocumentNumber(deps, s.tenant, 'DL', date);
  const at = now.toISOString();
  const closedOrders = plan.orders.filter((o) => o.closes).map((o) => o.order.no);
  const delivery: Delivery = {
    no,
    customer: req.customer,
    ...(md.customer?.name ? { customerName: md.customer.name } : {}),
    date,
    ...(req.note ? { note: req.note } : {}),
    lines: plan.lines.map((l) => {
      const item = md.items.get(l.item);
      return {
        line: l.line,
        salesOrder: l.salesOrder,
        salesOrderLine: l.salesOrderLine,
        item: l.item,
        ...(item ? { itemName: item.name, unit: item.unit } : {}),
        ...(item?.unitName ? { unitName: item.unitName } : {}),
        qty: l.qty,
        warehouse: l.warehouse,
        ...(l.lot ? { lot: l.lot } : {}),
        ...(l.trackingNo ? { trackingNo: l.trackingNo } : {}),
        returned: '0',
      };
    }),
    salesOrders: plan.orders.map((o) => o.order.no),
    closedOrders,
    version: 1,
    createdAt: at,
    createdBy: s.user,
  };

  const owners = new Map<string, string>();
  for (const o of plan.orders) if (o.order.createdBy) owners.set(o.order.no, o.order.createdBy);
  const after = new Map<string, { delivered: string; ordered: string }>();
  for (const o of plan.orders) {
    for (const [i, delivered] of o.delivered) {
      after.set(`${o.order.no}#${i + 1}`, { delivered, ordered: o.order.lines[i]!.qty });
    }
  }
  const documentItems = [
    ...plan.orders.map((o) =>
      salesOrderDeliveredUpdate(
        deps,
        s.tenant,
        { no: o.order.no, version: o.order.version, hasVersion: hasVersion(o.order) },
        o.delivered,
        o.closes ? { status: 'closed', closedAt: at } : {},
        at,
      ),
    ),
    deliveryRepo(deps, s.tenant).putNew({ ...delivery, owners: [...new Set(owners.values())] }),
    ...shipmentNoticeItems(deps, s, delivery, owners, after, at),
  ];
  // One transaction, always: the lines are capped (MAX_DELIVERY_LINES) so that this holds.
  const completionItems = documentItems.length + 1;
  const total = 1 + changes.reduce((n, c) => n + 1 + c.moves.length, 0) + completionItems;
  if (total > MAX_TRANSACTION_ITEMS) {
    throw new AppError('document.tooManyLines', '发货单行数过多，请拆分为多张发货单', {
      items: total,
      max: MAX_TRANSACTION_ITEMS,
    });
  }
  const refText = delivery.salesOrders.join(',');
  await commitPosting(
    deps,
    s.tenant,
    {
      no,
      kind: 'issue',
      date,
      reason: 'sales',
      partner: req.customer,
      ref: refText.length <= 64 ? refText : `${refText.slice(0, 61)}...`,
      ...(req.note ? { note: req.note } : {}),
      postedAt: at,
      postedBy: s.user,
    },
    moves,
    changes,
    {
      onComplete: () => [...documentItems, ...(hooks.onComplete?.(delivery) ?? [])],
    },
    { completionItems },
  );
  return delivery;
}

/**
 * Short stock seen before a number is taken, so a refused delivery uses none (the balance
 * guards of the posting stay what decides: stock may go between this read and the write).
 */
async function expectStock(deps: Deps, tenant: string, changes: BalanceChange[]) {
  const guarded = changes.filter((c) => c.guardNonNegative);
  const balances = await stockRepo(deps, tenant).getBalances(guarded.map((c) => c.ref));
  const shortages = guarded.flatMap((c) => {
    const available = balances.get(balanceId(c.ref)) ?? '0';
    const requested = negQty(c.delta);
    return cmpQty(available, requested) < 0 ? [{ ...c.ref, available, requested }] : [];
  });
  if (shortages.length) throw insufficient(shortages);
}

/** A delivery the caller may see (a rep: one that shipped an own order); else 404. */
async function load(deps: Deps, s: Session, no: string) {
  const d = await deliveryRepo(deps, s.tenant).get(no);
  if (!d || (!seesAll(s) && !(d.owners ?? []).includes(s.user))) throw missing('delivery', no);
  return d;
}

export async function getDelivery(deps: Deps, s: Session, no: string): Promise<Delivery> {
  const { owners: _owners, ...d } = await load(deps, s, no);
  return d;
}

export async function listDeliveries(
  deps: Deps,
  s: Session,
  q: DeliveryListQuery,
): Promise<Page<Delivery>> {
  const page = await deliveryRepo(deps, s.tenant).list({
    ...q,
    ...(seesAll(s) ? {} : { owner: s.user }),
  });
  // A delivery keeps the customer's name when it has one; older ones get it from the master.
  return {
    ...page,
    items: await withPartnerNames(deps, s.tenant, page.items, 'customer', 'customerName'),
  };
}

/**
 * What is left to ship to a customer: the open lines (ordered beyond delivered) of the
 * customer's confirmed orders, by due date, with names, units and default warehouses.
 */
export async function listDeliverables(
  deps: Deps,
  s: Session,
  q: DeliverableQuery,
): Promise<Deliverables> {
  const repo = salesOrderRepo(deps, s.tenant);
  const rows = await queryAll(deps, {
    attr: 'gsi1pk',
    value: keys.ordersByKind(s.tenant, 'salesOrder'),
  });
  const orders = rows
    .filter((r) => r.type === undefined || r.type === 'salesOrder')
    .filter((r) => String(r.customer) === q.customer)
    .map((r) => repo.toSalesOrder(r))
    .filter((o) => o.status === 'confirmed');
  const found = await getMasterRecords(deps, s.tenant, {
    partner: [q.customer],
    item: orders.flatMap((o) => o.lines.map((l) => l.item)),
  });
  const customer = found.partner?.get(q.customer) as Partner | undefined;
  if (!customer) throw notFound('partner', q.customer);
  const items = (found.item ?? new Map()) as Map<string, Item>;
  const more = await getMasterRecords(deps, s.tenant, {
    unit: [...items.values()].map((i) => i.unit),
    warehouse: [...items.values()].flatMap((i) => (i.defaultWarehouse ? [i.defaultWarehouse] : [])),
  });
  const units = (more.unit ?? new Map()) as Map<string, Unit>;
  const warehouses = (more.warehouse ?? new Map()) as Map<string, Warehouse>;
  const lines = orders.flatMap((o) =>
    o.lines
      .filter((l) => cmpQty(l.delivered, l.qty) < 0)
      .map((l) => {
        const item = items.get(l.item);
        const wh = item?.defaultWarehouse;
        return {
          salesOrder: o.no,
          line: l.line,
          item: l.item,
          ...(item ? { itemName: item.name, unit: item.unit } : {}),
          ...(item && units.get(item.unit) ? { unitName: units.get(item.unit)!.name } : {}),
          qty: l.qty,
          delivered: l.delivered,
          open: subQty(l.qty, l.delivered),
          dueDate: l.dueDate,
          ...(l.trackingNo && item?.strategy === 'mto' ? { trackingNo: l.trackingNo } : {}),
          ...(wh ? { warehouse: wh } : {}),
          ...(wh && warehouses.get(wh) ? { warehouseName: warehouses.get(wh)!.name } : {}),
        };
      }),
  );
  lines.sort(
    (a, b) =>
      a.dueDate.localeCompare(b.dueDate) ||
      a.salesOrder.localeCompare(b.salesOrder) ||
      a.line - b.line,
  );
  return { customer: q.customer, customerName: customer.name, lines };
}

// ---- the shared delivery note ------------------------------------------------------------

const DAY_MS = 24 * 3600 * 1000;

/** A link to the delivery note that works without a login until it expires. */
export async function shareDelivery(
  deps: Deps,
  s: Session,
  no: string,
  req: DeliveryShareRequest,
): Promise<DeliveryShare> {
  await load(deps, s, no);
  const expiresAt = new Date(deps.clock.now().getTime() + (req.days ?? 7) * DAY_MS);
  const token = await mintShareToken(deps, 'delivery', { tenant: s.tenant, no, expiresAt });
  return {
    delivery: no,
    path: `/share/deliveries/${token}`,
    token,
    expiresAt: expiresAt.toISOString(),
  };
}

/** A link that is not ours, was changed, or has expired: the same 404 (nothing told apart). */
const shareInvalid = () => missing('delivery', '链接无效或已过期');

/** The delivery note page for a valid share token (the token names tenant and delivery). */
export async function deliveryNotePage(deps: Deps, token: string): Promise<PageResult> {
  const link = await readShareToken(deps, 'delivery', token, deps.clock.now());
  if (!link) throw shareInvalid();
  const stored = await deliveryRepo(deps, link.tenant).get(link.no);
  if (!stored) throw shareInvalid();
  const { owners: _owners, ...delivery } = stored;
  const found = await getMasterRecords(deps, link.tenant, {
    warehouse: delivery.lines.map((l) => l.warehouse),
  });
  const warehouses = new Map(
    [...((found.warehouse ?? new Map()) as Map<string, Warehouse>)].map(([c, w]) => [c, w.name]),
  );
  const html = deliveryNoteHtml({ delivery, warehouses, expiresAt: link.expiresAt.toISOString() });
  return new PageResult(200, html, SHARE_PAGE_HEADERS);
}
