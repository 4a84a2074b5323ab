import {
  type AdjustmentRequest,
  type FieldIssue,
  type IssueRequest,
  type ReceiptRequest,
  type StockStatus,
  type TransferRequest,
  cmpQty,
  fitsPrecision,
  negQty,
  qty,
  subQty,
  sumQty,
} from '@factory/shared';
import { balanceId } from './balanceRef.js';
import type {
  BalanceChange,
  BalanceRef,
  ItemFacts,
  Planned,
  PlannedMove,
  References,
  WarehouseFacts,
} from './types.js';

/**
 * Turns a stock document request into ledger moves, checking every line against the master
 * data. Every problem is reported with its path; nothing is planned when any line is bad.
 */
class LineChecker {
  readonly issues: FieldIssue[] = [];
  constructor(private readonly refs: References) {}

  item(code: string, path: (string | number)[]): ItemFacts | undefined {
    const item = this.refs.items.get(code);
    if (!item) return this.fail(path, `物料不存在：${code}`);
    if (!item.active) return this.fail(path, `物料已停用：${code}`);
    return item;
  }

  warehouse(code: string, path: (string | number)[]): WarehouseFacts | undefined {
    const wh = this.refs.warehouses.get(code);
    if (!wh) return this.fail(path, `仓库不存在：${code}`);
    if (!wh.active) return this.fail(path, `仓库已停用：${code}`);
    return wh;
  }

  precision(item: ItemFacts | undefined, value: string, path: (string | number)[]): void {
    if (item && !fitsPrecision(value, item.precision)) {
      this.fail(path, `数量 ${value} 超出物料 ${item.code} 的精度（${item.precision} 位小数）`);
    }
  }

  /** The owner of the stock a line moves (`stockOwner`), refusing what cannot be owned. */
  owner(
    item: ItemFacts | undefined,
    wh: WarehouseFacts | undefined,
    named: string | undefined,
    path: (string | number)[],
  ): string | undefined {
    if (!wh) return named;
    if (wh.kind !== 'customerSupplied') {
      if (named) this.fail(path, `仓库 ${wh.code} 不是客供料仓，其中的库存不属于客户`);
      return undefined;
    }
    if (named && this.refs.owners) {
      const partner = this.refs.owners.get(named);
      if (!partner) this.fail(path, `客户不存在：${named}`);
      else if (!partner.roles.includes('customer')) this.fail(path, `往来单位 ${named} 不是客户`);
      else if (!partner.active) this.fail(path, `客户已停用：${named}`);
    }
    const owner = stockOwner(item, wh, named);
    if (!owner && item) {
      this.fail(path, `客供料仓 ${wh.code} 中的 ${item.code} 需注明所属客户（customer）`);
    }
    return owner;
  }

  fail(path: (string | number)[], message: string): undefined {
    this.issues.push({ path, message });
    return undefined;
  }
}

/**
 * Whose stock a line moves: in a customer-supplied warehouse the customer it names, else the
 * item's customer; undefined (our own stock) anywhere else (DOMAIN.md, 客供料).
 */
export function stockOwner(
  item: Pick<ItemFacts, 'customer'> | undefined,
  wh: Pick<WarehouseFacts, 'kind'> | undefined,
  named?: string,
): string | undefined {
  return wh?.kind === 'customerSupplied' ? (named ?? item?.customer) : undefined;
}

function ref(
  line: { item: string; lot?: string; trackingNo?: string },
  warehouse: string,
  status: StockStatus,
  customer?: string,
): BalanceRef {
  return {
    item: line.item,
    warehouse,
    status,
    lot: line.lot ?? '',
    trackingNo: line.trackingNo ?? '',
    ...(customer ? { customer } : {}),
  };
}

const INSPECTED_REASONS = new Set(['opening', 'return']);

/**
 * A phantom is never bought, subcontracted or supplied by a customer, but it may hold stock:
 * opening balances, returns, leftovers from the line (production, other). Planning nets that
 * stock before exploding the phantom.
 */
const PHANTOM_RECEIPT_REASONS = new Set(['opening', 'return', 'production', 'other']);

/** The inspection plan's receipt kind of a receipt reason (others are never planned). */
export const INSPECTED_KIND_OF_REASON: Readonly<
  Record<string, 'purchase' | 'outsourcing' | 'production' | undefined>
> = { purchase: 'purchase', outsourcing: 'outsourcing', production: 'production' };

/**
 * Receipts into an inspection warehouse wait in 'inspection'; so do receipts of an item whose
 * inspection plan inspects the receipt's kind, or (an item without a plan) of an item flagged
 * as needing inspection.
 */
export function receiptStatus(
  item: ItemFacts | undefined,
  wh: WarehouseFacts | undefined,
  reason: string,
): StockStatus {
  if (wh?.kind === 'inspection') return 'inspection';
  if (item?.inspects) {
    const kind = INSPECTED_KIND_OF_REASON[reason];
    return kind && item.inspects.includes(kind) ? 'inspection' : 'available';
  }
  return item?.inspection ? 'inspection' : 'available';
}

export function planReceipt(req: ReceiptRequest, refs: References): Planned<PlannedMove[]> {
  const check = new LineChecker(refs);
  const moves: PlannedMove[] = [];
  req.lines.forEach((line, i) => {
    const at = (f: string) => ['lines', i, f];
    const item = check.item(line.item, at('item'));
    const wh = check.warehouse(line.warehouse, at('warehouse'));
    check.precision(item, line.qty, at('qty'));
    if (item?.source === 'phantom' && !PHANTOM_RECEIPT_REASONS.has(req.reason)) {
      check.fail(
        at('item'),
        `虚拟件 ${line.item} 不采购、不委外，只能以期初、退料、生产或其他方式入库`,
      );
    }
    if (wh?.kind === 'customerSupplied' && line.unitCost && line.unitCost.amount !== 0) {
      check.fail(at('unitCost'), '客供料按零成本入库，不能有单价');
    }
    if (req.reason === 'customerSupplied' && wh && wh.kind !== 'customerSupplied') {
      check.fail(at('warehouse'), `客供料只能收入客供料仓，${wh.code} 不是客供料仓`);
    }
    const owner = check.owner(item, wh, line.customer, at('customer'));
    const needed = receiptStatus(item, wh, req.reason);
    // Opening balances and returns were inspected before; anything else that needs
    // inspection waits for it (DOMAIN.md "Quality").
    if (
      needed === 'inspection' &&
      line.status &&
      line.status !== 'inspection' &&
      !INSPECTED_REASONS.has(req.reason)
    ) {
      check.fail(at('status'), `物料 ${line.item} 需要检验，入库状态只能是待检（inspection）`);
    }
    const status = line.status ?? needed;
    moves.push({
      ...ref(line, line.warehouse, status, owner),
      lineNo: i + 1,
      qty: line.qty,
      unitCost: line.unitCost,
    });
  });
  return check.issues.length ? { ok: false, issues: check.issues } : { ok: true, value: moves };
}

export function planIssue(req: IssueRequest, refs: References): Planned<PlannedMove[]> {
  const check = new LineChecker(refs);
  const moves: PlannedMove[] = [];
  req.lines.forEach((line, i) => {
    const at = (f: string) => ['lines', i, f];
    const item = check.item(line.item, at('item'));
    const wh = check.warehouse(line.warehouse, at('warehouse'));
    check.precision(item, line.qty, at('qty'));
    if (req.reason === 'returnToCustomer' && wh && wh.kind !== 'customerSupplied') {
      check.fail(at('warehouse'), `退还客户的只能是客供料仓的库存，${wh.code} 不是客供料仓`);
    }
    const owner = check.owner(item, wh, line.customer, at('customer'));
    moves.push({
      ...ref(line, line.warehouse, line.status ?? 'available', owner),
      lineNo: i + 1,
      qty: negQty(line.qty),
    });
  });
  return check.issues.length ? { ok: false, issues: check.issues } : { ok: true, value: moves };
}

export function planTransfer(req: TransferRequest, refs: References): Planned<PlannedMove[]> {
  const check = new LineChecker(refs);
  const moves: PlannedMove[] = [];
  req.lines.forEach((line, i) => {
    const at = (f: string) => ['lines', i, f];
    const item = check.item(line.item, at('item'));
    const fromWh = check.warehouse(line.fromWarehouse, at('fromWarehouse'));
    const toWh = check.warehouse(line.toWarehouse, at('toWarehouse'));
    check.precision(item, line.qty, at('qty'));
    // Customer stock stays the customer's: it leaves customer-supplied warehouses only by an
    // issue (to a task order, back to the customer), never to our stock or a subcontractor.
    const ownedFrom = fromWh?.kind === 'customerSupplied';
    if (fromWh && toWh && ownedFrom !== (toWh.kind === 'customerSupplied')) {
      check.fail(
        at('toWarehouse'),
        ownedFrom
          ? `客供料只能在客供料仓之间调拨，不能调入 ${toWh.code}（发往生产请用领料）`
          : `自有库存不能调入客供料仓 ${toWh.code}`,
      );
    }
    // Checked at the source: a named owner outside customer-supplied warehouses is refused.
    const owner = check.owner(item, fromWh, line.customer, at('customer'));
    const from = line.status ?? 'available';
    const to = line.toStatus ?? from;
    if (line.fromWarehouse === line.toWarehouse && from === to) {
      check.fail(at('toWarehouse'), '调入仓库和状态与调出相同，没有可移动的内容');
    }
    // Both moves carry the document line number: together they are that line.
    moves.push({
      ...ref(line, line.fromWarehouse, from, owner),
      lineNo: i + 1,
      qty: negQty(line.qty),
    });
    moves.push({ ...ref(line, line.toWarehouse, to, owner), lineNo: i + 1, qty: line.qty });
  });
  return check.issues.length ? { ok: false, issues: check.issues } : { ok: true, value: moves };
}

/**
 * A transfer by hand may move stock that waits for inspection or was rejected, but not change
 * its status: only an inspection result releases it, only a disposition (return, scrap,
 * rework, concession) takes rejected stock anywhere else (DOMAIN.md "Quality").
 */
export function handTransferIssues(req: TransferRequest): FieldIssue[] {
  return req.lines.flatMap((line, i) => {
    const from = line.status ?? 'available';
    const to = line.toStatus ?? from;
    if (from === to || (from !== 'inspection' && from !== 'rejected')) return [];
    return [
      {
        path: ['lines', i, 'toStatus'],
        message:
          from === 'inspection'
            ? '待检库存只能由检验结果放行，不能手工改状态'
            : '不合格品只能通过处置（退货、报废、返修、让步接收）处理，不能手工改状态',
      },
    ];
  });
}

/**
 * A count adjustment posts counted - current for each counted balance. `current` holds the
 * balances read just before; the changes carry them as `expected` so a move in between
 * makes the posting fail rather than post a stale difference.
 */
export function planAdjustment(
  req: AdjustmentRequest,
  refs: References,
  current: ReadonlyMap<string, string>,
): Planned<{ moves: PlannedMove[]; expected: Map<string, string> }> {
  const check = new LineChecker(refs);
  const moves: PlannedMove[] = [];
  const expected = new Map<string, string>();
  req.lines.forEach((line, i) => {
    const at = (f: string) => ['lines', i, f];
    const item = check.item(line.item, at('item'));
    const wh = check.warehouse(line.warehouse, at('warehouse'));
    check.precision(item, line.countedQty, at('countedQty'));
    const owner = check.owner(item, wh, line.customer, at('customer'));
    const r = ref(line, line.warehouse, line.status ?? 'available', owner);
    const id = balanceId(r);
    if (expected.has(id)) {
      check.fail(at('item'), '同一库存（物料/仓库/状态/批号/跟踪号）在盘点单中出现了两次');
      return;
    }
    const before = current.get(id) ?? '0';
    expected.set(id, before);
    const delta = subQty(line.countedQty, before);
    if (cmpQty(delta, '0') !== 0) moves.push({ ...r, lineNo: i + 1, qty: delta });
  });
  return check.issues.length
    ? { ok: false, issues: check.issues }
    : { ok: true, value: { moves, expected } };
}

/**
 * Net the moves per balance (DynamoDB allows one operation per item in a transaction), in
 * the order balances first appear. Decrements are guarded unless the warehouse allows
 * negative stock.
 */
export function balanceChanges(
  moves: PlannedMove[],
  refs: References,
  expected?: ReadonlyMap<string, string>,
): BalanceChange[] {
  const byId = new Map<string, BalanceChange>();
  for (const move of moves) {
    // Picks, backflush and returns from orders name no owner: in a customer-supplied
    // warehouse they move the item's customer's stock. Set on the move itself, so that the
    // document and the ledger say whose stock it was.
    if (move.customer === undefined) {
      const owner = stockOwner(refs.items.get(move.item), refs.warehouses.get(move.warehouse));
      if (owner) move.customer = owner;
    }
    const id = balanceId(move);
    let change = byId.get(id);
    if (!change) {
      const { item, warehouse, status, lot, trackingNo, customer } = move;
      change = {
        ref: { item, warehouse, status, lot, trackingNo, ...(customer ? { customer } : {}) },
        delta: '0',
        moves: [],
        guardNonNegative: false,
      };
      const exp = expected?.get(id);
      if (exp !== undefined) change.expected = exp;
      byId.set(id, change);
    }
    change.moves.push(move);
  }
  for (const change of byId.values()) {
    change.delta = sumQty(change.moves.map((m) => m.qty));
    const wh = refs.warehouses.get(change.ref.warehouse);
    change.guardNonNegative = qty(change.delta).isNegative() && !wh?.allowNegative;
  }
  return [...byId.values()];
}

/**
 * Order for a posting that may span several transactions: guarded decrements first, so if
 * one fails only decrements have been applied and undoing them (increments) cannot fail.
 */
export function postingOrder(changes: BalanceChange[]): BalanceChange[] {
  return [
    ...changes.filter((c) => c.guardNonNegative),
    ...changes.filter((c) => !c.guardNonNegative),
  ];
}
