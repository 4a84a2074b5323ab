import {
  AppError,
  type Approval,
  MAX_DELIVERY_LINES,
  MAX_RETURN_LINES,
  type FactoryFile,
  type FieldIssue,
  type PeriodEvent,
  type PeriodFile,
  type Qty,
  type Session,
  qty,
  toQtyString,
  toFieldIssues,
  zAdjustmentRequest,
  zDeliveryCreate,
  zIssueRequest,
  zItemUpdate,
  zOutsourcingMaterialReturnCreate,
  zOutsourcingOrderClose,
  zOutsourcingReceiptCreate,
  zOutsourcingSendCreate,
  zOutsourcingSettlementCreate,
  zPriceListEntryCreate,
  zProductionReceiptRequest,
  zPurchaseOrderCreate,
  zPurchaseOrderSubmit,
  zPurchaseReceiptRequest,
  zPurchaseReturnCreate,
  zReceiptRequest,
  zSalesOrderCreate,
  zSalesOrderSubmit,
  zSupplementaryRequest,
  zTaskIssueRequest,
  zTaskOrderTransition,
  zTaskReturnRequest,
  zTransferRequest,
  zWorkReportRequest,
} from '@factory/shared';
import type * as z from 'zod';
import { DEMO_USERS, demoSession } from '../../auth/demoUsers.js';
import { clockStartingAt, type Deps, useClock } from '../../deps.js';
import { monthPeriod } from '../../domain/costing/index.js';
import { decideStep, getApproval } from '../../usecases/approval/index.js';
import { createDelivery } from '../../usecases/delivery/deliveries.js';
import { importFactoryFile } from '../../usecases/imports.js';
import { items as itemRecords } from '../../usecases/masterData.js';
import {
  closeOutsourcingOrder,
  getOutsourcingOrder,
  listOutsourcingOrders,
} from '../../usecases/outsourcing/orders.js';
import { receiveOutsourcing } from '../../usecases/outsourcing/receipts.js';
import { returnMaterials, sendMaterials } from '../../usecases/outsourcing/sends.js';
import { settleOutsourcing } from '../../usecases/outsourcing/settlements.js';
import { createPurchaseOrder, submitPurchaseOrder } from '../../usecases/purchasing/orders.js';
import { createPriceListEntry } from '../../usecases/purchasing/priceLists.js';
import { returnToSupplier } from '../../usecases/purchasing/returns.js';
import { createSalesOrder, submitSalesOrder } from '../../usecases/sales/orders.js';
import { receiveProduction, receivePurchase } from '../../usecases/shopfloor/receipts.js';
import { createWorkReport } from '../../usecases/shopfloor/workReports.js';
import {
  postAdjustment,
  postIssue,
  postReceipt,
  postTransfer,
  queryBalances,
} from '../../usecases/stock.js';
import { getTaskOrder, setTaskOrderState } from '../../usecases/taskOrders/orders.js';
import { issueToOrder, returnFromOrder } from '../../usecases/taskOrders/picking.js';
import { requestSupplementary } from '../../usecases/taskOrders/supplementary.js';
import type { CostingSetup } from './port.js';

/** The hour of the business day a file's event happens at (Asia/Shanghai). */
const EVENT_HOUR = '10:00:00+08:00';

/**
 * Lines per request where an event may have more (a file's event has up to 1000): a purchase
 * order's (purchaseOrder.ts), a standard issue's or return's and a supplementary issue's
 * (taskOrder.ts); deliveries and purchase returns use their contracts' own limits.
 */
const PURCHASE_ORDER_LINES = 200;
const PICK_LINES = 300;
const SUPPLEMENTARY_LINES = 100;

/** The demo manager (周军), who approves what the loader submits. */
const MANAGER = 'zhoujun';

/** Why the loader's supplementary issues and sends were needed (the product asks for one). */
const BEYOND_NEEDS = '期间文件：超出需求的领料';

type Path = (string | number)[];

/**
 * Where a request's refused field is in the event: the request line's event line and the
 * event's name of the field. A use case names `body.lines.2.countedQty`; the file says
 * `events.7.lines.0.diff`.
 */
type LineMap = {
  lines?: number[];
  fields?: Record<string, string>;
  /** The event line of a stock shortage (item and warehouse), for a 409 without issues. */
  shortage?: (item: string, warehouse: string) => number | undefined;
};

/** A purchase receipt line the loader posted: what a purchase return can give back. */
type Received = {
  supplier: string;
  order: string;
  line: number;
  receipt: string;
  item: string;
  warehouse: string;
  price: string;
  left: Qty;
};

/** The file's event with its index in the file (what a refusal names). */
type Indexed = { event: PeriodEvent; index: number };

/**
 * Loads a period file (already through `zPeriodFile` and `checkPeriodFile`) into a tenant of
 * the store through the product's real use cases, as SCENARIO.md's "Period file" says: master
 * data, BOMs, orders and opening stock by the factory import dated the day before the first
 * period; costing's own setup (pools, opening values and WIP, expenses, WIP counts) through
 * `costing`; then every event in date order (file order within a day) on the business clock of
 * its date. An event a use case refuses is an AppError `request.invalid` naming the event by
 * its index in the file (`events.3.lines.0.qty`), with the use case's own message.
 *
 * `deps` is the composition root's (`getDeps()`): the business clock is set there
 * (`useClock`) for each event and given back afterwards.
 */
export async function loadPeriodFile(
  deps: Deps,
  tenant: string,
  file: PeriodFile,
  costing: CostingSetup,
): Promise<void> {
  const loader = new Loader(deps, tenant, file, costing);
  const previous = deps.clock;
  try {
    await loader.setUp();
    const events = file.events
      .map((event, index): Indexed => ({ event, index }))
      .sort((a, b) => (a.event.date < b.event.date ? -1 : a.event.date > b.event.date ? 1 : 0));
    for (const { event, index } of events) {
      useClock(clockStartingAt(new Date(`${event.date}T${EVENT_HOUR}`)));
      await loader.apply(event, index);
    }
  } finally {
    useClock(previous);
  }
}

class Loader {
  private readonly admin: Session;
  private readonly outsourced: Map<string, string>;
  private readonly warehouses: Map<string, PeriodFile['warehouses'][number]>;
  private readonly received: Received[] = [];

  constructor(
    private readonly deps: Deps,
    private readonly tenant: string,
    private readonly file: PeriodFile,
    private readonly costing: CostingSetup,
  ) {
    this.admin = demoSession('admin', tenant)!;
    this.outsourced = new Map((file.outsourcingOrders ?? []).map((o) => [o.no, o.supplier]));
    this.warehouses = new Map(file.warehouses.map((w) => [w.code, w]));
  }

  // ---- before the first period -----------------------------------------------------------

  /**
   * Master data, BOMs, calendar, orders and opening stock through the factory import, dated
   * the day before the first period (its opening receipt is not a move of that period); cost
   * coefficients and processing prices through their use cases; pools and opening values to
   * costing.
   */
  async setUp(): Promise<void> {
    const { deps, admin, file } = this;
    const periods = file.periods;
    const runDate = dayBefore(monthPeriod(periods[0]!).from);
    useClock(clockStartingAt(new Date(`${runDate}T${EVENT_HOUR}`)));
    try {
      await importFactoryFile(deps, admin, factoryFileOf(file, runDate), { checked: true });
    } catch (err) {
      // The import names the factory file's paths (`body.stock.0.qty`): the period file's.
      if (!(err instanceof AppError) || !err.issues?.length) throw err;
      throw refusal(
        err.issues.map((i) => {
          const path = i.path[0] === 'body' ? i.path.slice(1) : i.path;
          return { path: path[0] === 'stock' ? ['opening', ...path] : path, message: i.message };
        }),
      );
    }

    for (const [i, item] of file.items.entries()) {
      if (!item.costCoefficient) continue;
      await this.step(['items', i, 'costCoefficient'], async () => {
        const current = await itemRecords.get(deps, admin, item.code);
        await itemRecords.update(
          deps,
          admin,
          item.code,
          parse(zItemUpdate, {
            expectedVersion: current.version,
            costCoefficient: item.costCoefficient,
          }),
        );
      });
    }
    for (const [i, policy] of (file.outsourcingPrices ?? []).entries()) {
      for (const [j, b] of policy.breaks.entries()) {
        await this.step(['outsourcingPrices', i, 'breaks', j], () =>
          createPriceListEntry(
            deps,
            admin,
            parse(zPriceListEntryCreate, {
              supplier: policy.supplier,
              item: policy.item,
              unitPrice: b.price,
              minQty: b.minQty,
              effectiveFrom: policy.from,
            }),
            {},
            'outsourcing',
          ),
        );
      }
    }

    for (const [i, pool] of (file.pools ?? []).entries()) {
      await this.step(['pools', i], () =>
        this.costing.definePool({
          code: pool.code,
          basis: pool.basis,
          ...(pool.name ? { name: pool.name } : {}),
          ...(pool.workshop ? { workshop: pool.workshop } : {}),
        }),
      );
    }
    await this.step(['opening'], () =>
      this.costing.setOpening({
        period: periods[0]!,
        stock: openingStock(file),
        wip: (file.opening?.wip ?? []).map((w) => ({
          order: w.order,
          ...(w.material !== undefined ? { material: w.material } : {}),
          ...(w.pools ? { pools: w.pools } : {}),
          ...(w.fee !== undefined ? { fee: w.fee } : {}),
        })),
      }),
    );
  }

  /** Runs one setup step; a refusal names the file's path. */
  private async step(path: Path, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      throw refusal(
        (err.issues?.length ? err.issues : [{ path: [], message: err.message }]).map((i) => ({
          path,
          message: i.message,
        })),
      );
    }
  }

  // ---- events ----------------------------------------------------------------------------

  async apply(e: PeriodEvent, index: number): Promise<void> {
    const map: LineMap = {};
    try {
      await this.event(e, index, map);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'request.invalid' && err.details?.periodFile) throw err;
      throw refusal(issuesAt(err, ['events', index], map, e));
    }
  }

  private async event(e: PeriodEvent, index: number, map: LineMap): Promise<void> {
    const { deps, admin } = this;
    const period = e.date.slice(0, 7);
    const byLine = (lines: { item: string; warehouse: string }[]) => (item: string, w: string) => {
      const j = lines.findIndex((l) => l.item === item && l.warehouse === w);
      return j < 0 ? undefined : j;
    };
    switch (e.kind) {
      case 'expense':
        return this.costing.addExpense({
          period,
          pool: e.pool,
          amount: e.amount,
          date: e.date,
          ...(e.no ? { note: e.no } : {}),
        });
      case 'wipCount':
        return this.costing.setWipCount({ period, order: e.order, qty: e.qty });
      case 'purchaseReceipt':
        map.shortage = byLine(e.lines);
        return this.purchaseReceipt(e, map);
      case 'purchaseReturn':
        map.shortage = byLine(e.lines);
        return this.purchaseReturn(e, index, map);
      case 'issue':
        map.shortage = byLine(e.lines);
        if (this.outsourced.has(e.order)) {
          // To an outsourcing order: sends into its subcontractor's warehouse.
          const order = await getOutsourcingOrder(deps, admin, e.order);
          const sent = new Map<string, Qty>();
          for (const [j, l] of e.lines.entries()) {
            map.lines = [j];
            const room = order.components
              .filter((c) => c.item === l.item)
              .reduce((a, c) => a.plus(maxZero(qty(c.required).minus(qty(c.sent)))), qty(0));
            const before = sent.get(l.item) ?? qty(0);
            const line = { item: l.item, qty: l.qty, from: l.warehouse };
            await this.send(e.order, e.date, line, maxZero(room.minus(before)));
            sent.set(l.item, before.plus(qty(l.qty)));
          }
          return;
        }
        return this.issue(e, map);
      case 'return':
        map.shortage = byLine(e.lines);
        if (this.outsourced.has(e.order)) {
          await returnMaterials(
            deps,
            admin,
            e.order,
            parse(zOutsourcingMaterialReturnCreate, {
              date: e.date,
              lines: e.lines.map((l) => ({ item: l.item, qty: l.qty, warehouse: l.warehouse })),
            }),
          );
          return;
        }
        for (const part of chunks(
          e.lines.map((l, j) => ({ j, item: l.item, warehouse: l.warehouse, qty: l.qty })),
          PICK_LINES,
        )) {
          map.lines = part.map((l) => l.j);
          await returnFromOrder(
            deps,
            admin,
            e.order,
            parse(zTaskReturnRequest, {
              date: e.date,
              lines: part.map(({ j: _j, ...l }) => l),
            }),
          );
        }
        return;
      case 'workReport':
        map.fields = { taskOrder: 'order' };
        await createWorkReport(
          deps,
          admin,
          parse(zWorkReportRequest, {
            taskOrder: e.order,
            date: e.date,
            good: e.good,
            ...(e.scrap !== undefined ? { scrap: e.scrap } : {}),
            ...(e.hours !== undefined ? { hours: e.hours } : {}),
          }),
        );
        return;
      case 'productionReceipt':
        map.fields = { taskOrder: 'order' };
        await receiveProduction(
          deps,
          admin,
          parse(zProductionReceiptRequest, {
            taskOrder: e.order,
            date: e.date,
            qty: e.qty,
            warehouse: e.warehouse,
          }),
        );
        return;
      case 'outsourcingReceipt':
        map.fields = { outsourcingOrder: 'order' };
        await receiveOutsourcing(
          deps,
          admin,
          parse(zOutsourcingReceiptCreate, {
            outsourcingOrder: e.order,
            date: e.date,
            qty: e.qty,
            warehouse: e.warehouse,
          }),
        );
        return;
      case 'closeOrder':
        if (this.outsourced.has(e.order)) {
          await closeOutsourcingOrder(deps, admin, e.order, parse(zOutsourcingOrderClose, {}));
        } else {
          await setTaskOrderState(
            deps,
            admin,
            e.order,
            parse(zTaskOrderTransition, { to: 'closed' }),
          );
        }
        return;
      case 'settlement': {
        const supplier = this.outsourced.get(e.order);
        map.fields = { orders: 'order', amount: 'amount' };
        await settleOutsourcing(
          deps,
          admin,
          parse(zOutsourcingSettlementCreate, {
            subcontractor: supplier ?? '',
            invoiceNo: e.no ?? `${e.order}-${index}`,
            date: e.date,
            orders: [{ order: e.order, amount: e.amount }],
          }),
        );
        return;
      }
      case 'transfer':
        map.shortage = (item, w) => {
          const j = e.lines.findIndex((l) => l.item === item && l.from === w);
          return j < 0 ? undefined : j;
        };
        return this.transfer(e, index, map);
      case 'customerReceipt':
        map.fields = { partner: 'customer' };
        await postReceipt(
          deps,
          admin,
          parse(zReceiptRequest, {
            date: e.date,
            reason: 'customerSupplied',
            partner: e.customer,
            lines: e.lines.map((l) => ({
              item: l.item,
              warehouse: l.warehouse,
              qty: l.qty,
              customer: l.customer ?? e.customer,
            })),
          }),
        );
        return;
      case 'customerReturn':
        map.shortage = byLine(e.lines);
        map.fields = { partner: 'customer' };
        await postIssue(
          deps,
          admin,
          parse(zIssueRequest, {
            date: e.date,
            reason: 'returnToCustomer',
            partner: e.customer,
            lines: e.lines.map((l) => ({
              item: l.item,
              warehouse: l.warehouse,
              qty: l.qty,
              customer: l.customer ?? e.customer,
            })),
          }),
        );
        return;
      case 'scrap':
        map.shortage = byLine(e.lines);
        await postIssue(
          deps,
          admin,
          parse(zIssueRequest, {
            date: e.date,
            reason: 'scrap',
            lines: e.lines.map((l) => ({
              item: l.item,
              warehouse: l.warehouse,
              qty: l.qty,
              ...(l.customer ? { customer: l.customer } : {}),
            })),
          }),
        );
        return;
      case 'delivery':
        map.shortage = byLine(e.lines);
        return this.delivery(e, map);
      case 'countAdjustment':
        map.shortage = byLine(e.lines);
        map.fields = { countedQty: 'diff' };
        return this.countAdjustment(e);
    }
  }

  /** A purchase order at the lines' prices (approved if the rules ask), then its receipt. */
  private async purchaseReceipt(
    e: Extract<PeriodEvent, { kind: 'purchaseReceipt' }>,
    map: LineMap,
  ): Promise<void> {
    const { deps, admin } = this;
    map.fields = { unitPrice: 'price', supplier: 'supplier' };
    for (const part of chunks(
      e.lines.map((l, j) => ({ ...l, j })),
      PURCHASE_ORDER_LINES,
    )) {
      map.lines = part.map((l) => l.j);
      const draft = await createPurchaseOrder(
        deps,
        admin,
        parse(zPurchaseOrderCreate, {
          supplier: e.supplier,
          orderDate: e.date,
          ...(e.no ? { remark: e.no } : {}),
          lines: part.map((l) => ({
            item: l.item,
            qty: l.qty,
            unitPrice: l.price,
            dueDate: e.date,
          })),
        }),
      );
      const submitted = await submitPurchaseOrder(
        deps,
        admin,
        draft.no,
        parse(zPurchaseOrderSubmit, { expectedVersion: draft.version }),
      );
      if (submitted.status === 'pending') await this.approve(submitted.approvalId!);
      const receipt = await receivePurchase(
        deps,
        admin,
        parse(zPurchaseReceiptRequest, {
          purchaseOrder: draft.no,
          date: e.date,
          lines: part.map((l, k) => ({ line: k + 1, qty: l.qty, warehouse: l.warehouse })),
        }),
      );
      part.forEach((l, k) =>
        this.received.push({
          supplier: e.supplier,
          order: draft.no,
          line: k + 1,
          receipt: receipt.document.no,
          item: l.item,
          warehouse: l.warehouse,
          price: l.price,
          left: qty(l.qty),
        }),
      );
    }
  }

  /**
   * Back to the supplier out of the receipts of its item, warehouse and price (earliest
   * first), one return per purchase order.
   */
  private async purchaseReturn(
    e: Extract<PeriodEvent, { kind: 'purchaseReturn' }>,
    index: number,
    map: LineMap,
  ): Promise<void> {
    const byOrder = new Map<string, { j: number; line: number; receipt: string; qty: string }[]>();
    const taken: [Received, Qty][] = [];
    const issues: FieldIssue[] = [];
    e.lines.forEach((l, j) => {
      let rest = qty(l.qty);
      for (const r of this.received) {
        if (rest.isZero()) break;
        if (
          r.supplier !== e.supplier ||
          r.item !== l.item ||
          r.warehouse !== l.warehouse ||
          !qty(r.price).equals(qty(l.price)) ||
          !r.left.greaterThan(0)
        )
          continue;
        const take = rest.lessThan(r.left) ? rest : r.left;
        taken.push([r, take]);
        rest = rest.minus(take);
        const list = byOrder.get(r.order) ?? [];
        list.push({ j, line: r.line, receipt: r.receipt, qty: toQtyString(take) });
        byOrder.set(r.order, list);
      }
      if (rest.greaterThan(0)) {
        issues.push({
          path: ['events', index, 'lines', j, 'qty'],
          message: `退货数量超出从供应商 ${e.supplier} 按单价 ${l.price} 收到 ${l.item}（仓库 ${l.warehouse}）的可退数量 ${toQtyString(qty(l.qty).minus(rest))}`,
        });
      }
    });
    if (issues.length) throw refusal(issues);
    for (const [order, lines] of byOrder) {
      for (const part of chunks(lines, MAX_RETURN_LINES)) {
        map.lines = part.map((l) => l.j);
        await returnToSupplier(
          this.deps,
          this.admin,
          order,
          parse(zPurchaseReturnCreate, {
            date: e.date,
            ...(e.no ? { reason: e.no } : {}),
            lines: part.map(({ j: _j, ...l }) => l),
          }),
        );
      }
    }
    for (const [r, take] of taken) r.left = r.left.minus(take);
  }

  /**
   * An issue to a task order: what its open manual needs take is a standard issue, the rest a
   * supplementary issue (补料), approved by the manager.
   */
  private async issue(e: Extract<PeriodEvent, { kind: 'issue' }>, map: LineMap): Promise<void> {
    const { deps, admin } = this;
    const order = await getTaskOrder(deps, admin, e.order);
    const room = order.needs.map((n) =>
      n.issueMethod === 'manual' ? maxZero(qty(n.required).minus(qty(n.issued))) : qty(0),
    );
    type Line = { j: number; item: string; warehouse: string; qty: string };
    const standard: Line[] = [];
    const extras: Line[] = [];
    e.lines.forEach((l, j) => {
      let rest = qty(l.qty);
      order.needs.forEach((n, k) => {
        if (n.item !== l.item || (n.warehouse !== '' && n.warehouse !== l.warehouse)) return;
        const take = rest.lessThan(room[k]!) ? rest : room[k]!;
        room[k] = room[k]!.minus(take);
        rest = rest.minus(take);
      });
      const fits = qty(l.qty).minus(rest);
      const line = (q: Qty) => ({ j, item: l.item, warehouse: l.warehouse, qty: toQtyString(q) });
      if (fits.greaterThan(0)) standard.push(line(fits));
      if (rest.greaterThan(0)) extras.push(line(rest));
    });
    for (const part of chunks(standard, PICK_LINES)) {
      map.lines = part.map((l) => l.j);
      await issueToOrder(
        deps,
        admin,
        e.order,
        parse(zTaskIssueRequest, { date: e.date, lines: part.map(({ j: _j, ...l }) => l) }),
      );
    }
    for (const part of chunks(extras, SUPPLEMENTARY_LINES)) {
      map.lines = part.map((l) => l.j);
      const request = await requestSupplementary(
        deps,
        admin,
        e.order,
        parse(zSupplementaryRequest, {
          date: e.date,
          reason: BEYOND_NEEDS,
          lines: part.map(({ j: _j, ...l }) => l),
        }),
      );
      if (request.status === 'pending') await this.approve(request.approvalId!);
    }
  }

  /**
   * Lines between our warehouses are one stock transfer. A line into a subcontractor's
   * warehouse is a send to that subcontractor's one open order needing the item (what it still
   * needs a standard send, the rest a supplementary one); a line out of one, a material return
   * of its one order with the item still there. Which order is settled for every line before
   * anything is posted.
   */
  private async transfer(
    e: Extract<PeriodEvent, { kind: 'transfer' }>,
    index: number,
    map: LineMap,
  ): Promise<void> {
    const { deps, admin } = this;
    const subcontractorOf = (code: string) => {
      const w = this.warehouses.get(code);
      return w?.kind === 'subcontractor' ? { partner: w.partner } : undefined;
    };
    const plain: number[] = [];
    const moves: { j: number; kind: 'send' | 'back'; order: string; room: Qty }[] = [];
    const issues: FieldIssue[] = [];
    for (const [j, l] of e.lines.entries()) {
      const from = subcontractorOf(l.from);
      const to = subcontractorOf(l.to);
      if (!from && !to) {
        plain.push(j);
        continue;
      }
      const kind = from ? 'back' : 'send';
      const field = from ? 'from' : 'to';
      const warehouse = from ? l.from : l.to;
      const partner = (from ?? to)!.partner;
      const candidates = partner ? await this.ordersWith(partner, l.item, kind) : [];
      if (candidates.length === 1) {
        moves.push({ j, kind, ...candidates[0]! });
        continue;
      }
      const what = kind === 'send' ? '需要' : '在外协厂有';
      issues.push({
        path: ['events', index, 'lines', j, field],
        message: candidates.length
          ? `外协仓 ${warehouse} 的外协厂 ${partner} 有多个未完成的委外订单${what} ${l.item}（${candidates.map((c) => c.order).join('、')}），无法确定是哪个订单`
          : `外协仓 ${warehouse} 的外协厂${partner ? ` ${partner} ` : ''}没有${what} ${l.item} 的未完成委外订单，不能${kind === 'send' ? '调拨到' : '从'}外协仓${kind === 'send' ? '' : '调出'}`,
      });
    }
    if (issues.length) throw refusal(issues);

    if (plain.length) {
      map.lines = plain;
      map.fields = { fromWarehouse: 'from', toWarehouse: 'to' };
      await postTransfer(
        deps,
        admin,
        parse(zTransferRequest, {
          date: e.date,
          ...(e.no ? { note: e.no } : {}),
          lines: plain.map((j) => {
            const l = e.lines[j]!;
            return {
              item: l.item,
              fromWarehouse: l.from,
              toWarehouse: l.to,
              qty: l.qty,
              ...(l.customer ? { customer: l.customer } : {}),
            };
          }),
        }),
      );
    }
    // Lines of one event sending the same item to the same order share what it still needs.
    const sent = new Map<string, Qty>();
    for (const { j, kind, order, room } of moves) {
      const l = e.lines[j]!;
      map.lines = [j];
      if (kind === 'back') {
        map.fields = { warehouse: 'to' };
        await returnMaterials(
          deps,
          admin,
          order,
          parse(zOutsourcingMaterialReturnCreate, {
            date: e.date,
            lines: [{ item: l.item, qty: l.qty, warehouse: l.to }],
          }),
        );
        continue;
      }
      map.fields = { toWarehouse: 'to', warehouse: 'from' };
      const key = `${order}\u0000${l.item}`;
      const before = sent.get(key) ?? qty(0);
      await this.send(order, e.date, l, maxZero(room.minus(before)), l.to);
      sent.set(key, before.plus(qty(l.qty)));
    }
  }

  /**
   * A send of one line to an outsourcing order: what the order still needs of the item
   * (`room`) a standard send, the rest a supplementary one.
   */
  private async send(
    order: string,
    date: string,
    l: { item: string; qty: string; from: string },
    room: Qty,
    toWarehouse?: string,
  ): Promise<void> {
    const amount = qty(l.qty);
    const standard = amount.lessThan(room) ? amount : room;
    const rest = amount.minus(standard);
    const send = (mode: 'standard' | 'supplementary', q: Qty) =>
      sendMaterials(
        this.deps,
        this.admin,
        order,
        parse(zOutsourcingSendCreate, {
          mode,
          date,
          ...(toWarehouse ? { toWarehouse } : {}),
          ...(mode === 'supplementary' ? { reason: BEYOND_NEEDS } : {}),
          lines: [{ item: l.item, qty: toQtyString(q), warehouse: l.from }],
        }),
      );
    if (standard.greaterThan(0)) await send('standard', standard);
    if (rest.greaterThan(0)) await send('supplementary', rest);
  }

  /**
   * The subcontractor's open outsourcing orders that still need some of the item (`send`: how
   * much) or still have some of it at the subcontractor (`back`).
   */
  private async ordersWith(
    subcontractor: string,
    item: string,
    kind: 'send' | 'back',
  ): Promise<{ order: string; room: Qty }[]> {
    const found: { order: string; room: Qty }[] = [];
    let cursor: string | undefined;
    do {
      const page = await listOutsourcingOrders(this.deps, this.admin, {
        status: 'open',
        subcontractor,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      for (const listed of page.items) {
        // Read one by one: an imported order's needs are computed on its first read.
        const order = await getOutsourcingOrder(this.deps, this.admin, listed.no);
        const room = order.components
          .filter((c) => c.item === item)
          .reduce(
            (a, c) =>
              a.plus(
                kind === 'send'
                  ? maxZero(qty(c.required).minus(qty(c.sent)))
                  : maxZero(qty(c.atSubcontractor)),
              ),
            qty(0),
          );
        if (room.greaterThan(0)) found.push({ order: order.no, room });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return found;
  }

  /**
   * A delivery ships lines of confirmed sales orders: a sales order for the event's lines (at
   * no price: costing does not read sales prices), submitted (approved if the rules ask), then
   * the delivery of all of it; as many of them as the delivery's line limit asks.
   */
  private async delivery(
    e: Extract<PeriodEvent, { kind: 'delivery' }>,
    map: LineMap,
  ): Promise<void> {
    const { deps, admin } = this;
    for (const part of chunks(
      e.lines.map((l, j) => ({ ...l, j })),
      MAX_DELIVERY_LINES,
    )) {
      map.lines = part.map((l) => l.j);
      const order = await createSalesOrder(
        deps,
        admin,
        parse(zSalesOrderCreate, {
          customer: e.customer,
          orderDate: e.date,
          ...(e.no ? { remark: e.no } : {}),
          lines: part.map((l) => ({
            item: l.item,
            qty: l.qty,
            unitPrice: '0',
            dueDate: e.date,
          })),
        }),
      );
      const submitted = await submitSalesOrder(
        deps,
        admin,
        order.no,
        parse(zSalesOrderSubmit, { expectedVersion: order.version }),
      );
      if (submitted.status === 'pending') await this.approve(submitted.approvalId!);
      await createDelivery(
        deps,
        admin,
        parse(zDeliveryCreate, {
          customer: e.customer,
          date: e.date,
          ...(e.no ? { note: e.no } : {}),
          lines: part.map((l, k) => ({
            salesOrder: order.no,
            line: k + 1,
            qty: l.qty,
            warehouse: l.warehouse,
          })),
        }),
      );
    }
  }

  /** A count: the balance now plus the signed difference is what was counted. */
  private async countAdjustment(
    e: Extract<PeriodEvent, { kind: 'countAdjustment' }>,
  ): Promise<void> {
    const { deps, admin } = this;
    const lines = [];
    for (const l of e.lines) {
      const onHand = await this.available(l.item, l.warehouse, l.customer);
      lines.push({
        item: l.item,
        warehouse: l.warehouse,
        ...(l.customer ? { customer: l.customer } : {}),
        countedQty: toQtyString(onHand.plus(qty(l.diff))),
      });
    }
    await postAdjustment(
      deps,
      admin,
      parse(zAdjustmentRequest, { date: e.date, ...(e.no ? { note: e.no } : {}), lines }),
    );
  }

  /** Available stock of an item in a warehouse without lot or tracking number, by owner. */
  private async available(
    item: string,
    warehouse: string,
    customer: string | undefined,
  ): Promise<Qty> {
    // Whose stock is counted: a customer-supplied warehouse's is the line's customer, else the
    // item's; any other warehouse's is ours.
    const owner =
      this.warehouses.get(warehouse)?.kind === 'customerSupplied'
        ? (customer ?? this.file.items.find((i) => i.code === item)?.customer)
        : undefined;
    let total = qty(0);
    let cursor: string | undefined;
    do {
      const page = await queryBalances(this.deps, this.admin, {
        item,
        warehouse,
        status: 'available',
        includeZero: 'false',
        limit: 500,
        ...(cursor ? { cursor } : {}),
      });
      for (const b of page.items) {
        if (b.warehouse !== warehouse || b.lot || b.trackingNo) continue;
        if (b.customer !== owner) continue;
        total = total.plus(qty(b.qty));
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return total;
  }

  /** Every step of a pending approval decided by a demo user of its roles (the manager first). */
  private async approve(approvalId: string): Promise<void> {
    for (let decided = 0; decided < 10; decided++) {
      const approval: Approval = await decideStep(
        this.deps,
        this.approverOf(await this.stepRoles(approvalId)),
        approvalId,
        { approve: true, via: 'miniapp', comment: '期间文件导入' },
      );
      if (approval.status !== 'pending') return;
    }
  }

  private async stepRoles(approvalId: string): Promise<string[]> {
    const approval = await getApproval(this.deps, this.admin, approvalId);
    return approval.steps[approval.currentStep - 1]?.roles ?? ['manager'];
  }

  /** The manager when the step is a manager's, else the first demo user of one of its roles. */
  private approverOf(roles: string[]): Session {
    const may = (u: (typeof DEMO_USERS)[number]) =>
      u.user !== this.admin.user && u.roles.some((r) => roles.includes(r));
    const manager = DEMO_USERS.find((u) => u.user === MANAGER)!;
    const user = may(manager) ? manager : (DEMO_USERS.find(may) ?? manager);
    return demoSession(user.user, this.tenant)!;
  }
}

// ---- helpers -----------------------------------------------------------------------------

/** The factory file the import takes: the period file's master data, orders and stock. */
function factoryFileOf(file: PeriodFile, runDate: string): FactoryFile {
  return {
    format: 'factory/1',
    runDate,
    ...(file.calendar ? { calendar: file.calendar } : {}),
    warehouses: file.warehouses,
    partners: file.partners,
    items: file.items.map(({ costCoefficient: _c, ...i }) => i),
    ...(file.boms ? { boms: file.boms } : {}),
    stock: (file.opening?.stock ?? []).map(({ value: _v, ...s }) => s),
    taskOrders: (file.taskOrders ?? []).map(({ date: _d, ...o }) => o),
    outsourcingOrders: (file.outsourcingOrders ?? []).map(({ date: _d, ...o }) => o),
  };
}

/** Own opening stock summed per item over warehouses, with its value (yuan, two decimals). */
function openingStock(file: PeriodFile): { item: string; qty: string; value: string }[] {
  const byItem = new Map<string, { qty: Qty; value: Qty }>();
  for (const s of file.opening?.stock ?? []) {
    if (s.customer) continue;
    const t = byItem.get(s.item) ?? { qty: qty(0), value: qty(0) };
    byItem.set(s.item, { qty: t.qty.plus(qty(s.qty)), value: t.value.plus(qty(s.value ?? '0')) });
  }
  return [...byItem].map(([item, t]) => ({
    item,
    qty: toQtyString(t.qty),
    value: t.value.toFixed(2),
  }));
}

/** A list in runs of at most `size`. */
function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function maxZero(q: Qty): Qty {
  return q.isNegative() ? qty(0) : q;
}

/** A request the loader built, parsed by its contract as a handler would (defaults applied). */
function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new AppError(
      'request.invalid',
      '请求参数有误',
      undefined,
      toFieldIssues(parsed.error).map((i) => ({ ...i, path: ['body', ...i.path] })),
    );
  }
  return parsed.data;
}

/** The loader's refusal: every problem at its path in the file. */
function refusal(issues: FieldIssue[]): AppError {
  return new AppError(
    'request.invalid',
    `期间文件未能载入：${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；')}`.slice(
      0,
      2_000,
    ),
    { periodFile: true },
    issues,
  );
}

/** A use case's refusal of an event, at the event's paths (its lines where they are named). */
function issuesAt(err: AppError, at: Path, map: LineMap, event: PeriodEvent): FieldIssue[] {
  if (err.issues?.length) {
    return err.issues.map((i) => {
      const path = i.path[0] === 'body' ? i.path.slice(1) : i.path;
      return { path: [...at, ...eventPath(path, map, event)], message: i.message };
    });
  }
  const shortages = err.details?.shortages as
    { item: string; warehouse: string; available: string; requested: string }[] | undefined;
  if (err.code === 'stock.insufficient' && shortages?.length && map.shortage) {
    return shortages.map((s) => {
      const j = map.shortage!(s.item, s.warehouse);
      return {
        path: j === undefined ? at : [...at, 'lines', j, 'qty'],
        message: `库存不足：物料 ${s.item} 在仓库 ${s.warehouse} 可用 ${s.available}，需要 ${s.requested}`,
      };
    });
  }
  return [{ path: at, message: err.message }];
}

/** A request's path as the event's: its lines by the event's index, fields by the file's name. */
function eventPath(path: Path, map: LineMap, event: PeriodEvent): Path {
  const [first, second, field] = path;
  if (first === 'lines' && typeof second === 'number' && 'lines' in event) {
    const line = map.lines ? map.lines[second] : second;
    if (line === undefined) return [];
    const named = typeof field === 'string' ? (map.fields?.[field] ?? field) : undefined;
    return named !== undefined && named in event.lines[line]!
      ? ['lines', line, named]
      : ['lines', line];
  }
  // Elsewhere the innermost field the event has (under the file's name for it).
  for (const segment of [...path].reverse()) {
    if (typeof segment !== 'string') continue;
    const named = map.fields?.[segment] ?? segment;
    if (named in event) return [named];
  }
  return [];
}
