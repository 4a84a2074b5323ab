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

  fail(path: (string | number)[], message: string): undefined {
    this.issues.push({ path, message });
    return undefined;
  }
}

function ref(
  line: { item: string; lot?: string; trackingNo?: string },
  warehouse: string,
  status: StockStatus,
): BalanceRef {
  return {
    item: line.item,
    warehouse,
    status,
    lot: line.lot ?? '',
    trackingNo: line.trackingNo ?? '',
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
      ...ref(line, line.warehouse, status),
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
    check.warehouse(line.warehouse, at('warehouse'));
    check.precision(item, line.qty, at('qty'));
    moves.push({
      ...ref(line, line.warehouse, line.status ?? 'available'),
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
    check.warehouse(line.fromWarehouse, at('fromWarehouse'));
    check.warehouse(line.toWarehouse, at('toWarehouse'));
    check.precision(item, line.qty, at('qty'));
    const from = line.status ?? 'available';
    const to = line.toStatus ?? from;
    if (line.fromWarehouse === line.toWarehouse && from === to) {
      check.fail(at('toWarehouse'), '调入仓库和状态与调出相同，没有可移动的内容');
    }
    // Both moves carry the document line number: together they are that line.
    moves.push({ ...ref(line, line.fromWarehouse, from), lineNo: i + 1, qty: negQty(line.qty) });
    moves.push({ ...ref(line, line.toWarehouse, to), lineNo: i + 1, qty: line.qty });
  });
  return check.issues.length ? { ok: false, issues: check.issues } : { ok: true, value: moves };
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
    check.warehouse(line.warehouse, at('warehouse'));
    check.precision(item, line.countedQty, at('countedQty'));
    const r = ref(line, line.warehouse, line.status ?? 'available');
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
    const id = balanceId(move);
    let change = byId.get(id);
    if (!change) {
      const { item, warehouse, status, lot, trackingNo } = move;
      change = {
        ref: { item, warehouse, status, lot, trackingNo },
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
