import {
  type BomLine,
  type ItemSource,
  type Qty,
  type TaskNeed,
  qty as toQty,
  roundUpToPrecision,
  toQtyString,
} from '@factory/shared';

/** What computing a task order's needs must know about the items and BOMs below it. */
export type NeedsContext = {
  item(
    code: string,
  ):
    | { source: ItemSource; precision: number; defaultWarehouse?: string; strategy?: 'mto' | 'mts' }
    | undefined;
  /** The BOM a parent is built with at the task order's start date, if it has one. */
  bom(parent: string): { version: string; lines: readonly BomLine[] } | undefined;
};

/**
 * The component needs of `qty` of `root`: the lines of its BOM, with every phantom replaced
 * by its own components (recursively), quantities and losses multiplied through each
 * phantom level. A component reached by several paths keeps one need per path, so a
 * skip-level issue can find the needs of one phantom. A component under a phantom is
 * backflushed when its own line or a phantom line above it says backflush. The issue
 * warehouse is the BOM line's, else the nearest phantom line's above it, else the
 * component's default, else `fallbackWarehouse` (else '': named at issue time). With the
 * order's `trackingNo` (MTO), an MTO component's need draws from stock with that tracking
 * number; other components draw from the untracked pool. Each need carries the substitutes
 * its BOM line allows (by priority), which a standard pick may issue when it is short.
 *
 * This is the one phantom expansion of a task order: picking reads these needs, and so does
 * backflush on receipt (`domain/shopfloor/backflush.ts`).
 */
export function computeNeeds(
  root: string,
  quantity: string,
  ctx: NeedsContext,
  fallbackWarehouse = '',
  trackingNo?: string,
): TaskNeed[] {
  const needs: TaskNeed[] = [];
  type Inherited = { backflush: boolean; warehouse?: string };
  const walk = (
    parent: string,
    perUnit: Qty,
    loss: Qty,
    path: string[],
    seen: string[],
    inherited: Inherited,
  ) => {
    const bom = ctx.bom(parent);
    if (!bom) return;
    for (const line of bom.lines) {
      const info = ctx.item(line.component);
      const qtyPer = perUnit.times(line.qtyPer);
      const lossFactor = loss.times(toQty(1).plus(line.lossRate));
      const backflush = inherited.backflush || line.issueMethod === 'backflush';
      const lineWarehouse = line.warehouse ?? inherited.warehouse;
      if (info?.source === 'phantom' && ctx.bom(line.component) && !seen.includes(line.component)) {
        walk(
          line.component,
          qtyPer,
          lossFactor,
          [...path, line.component],
          [...seen, line.component],
          { backflush, ...(lineWarehouse ? { warehouse: lineWarehouse } : {}) },
        );
        continue;
      }
      const precision = info?.precision ?? 0;
      needs.push({
        item: line.component,
        qtyPer: toQtyString(qtyPer),
        lossRate: toQtyString(lossFactor.minus(1)),
        required: roundUpToPrecision(
          toQtyString(toQty(quantity).times(qtyPer).times(lossFactor)),
          precision,
        ),
        issued: '0',
        warehouse: lineWarehouse ?? info?.defaultWarehouse ?? fallbackWarehouse,
        issueMethod: backflush ? 'backflush' : 'manual',
        ...(path.length ? { phantomPath: path } : {}),
        ...(trackingNo && info?.strategy === 'mto' ? { trackingNo } : {}),
        // What a pick may issue instead when the component is short, by priority.
        substitutes: [...line.substitutes]
          .sort((a, b) => a.priority - b.priority)
          .map((x) => ({ ...x })),
      });
    }
  };
  walk(root, toQty(1), toQty(1), [], [root], { backflush: false });
  return needs;
}

/**
 * Needs of an order that had none (imported): what was already issued per item is spread
 * over that item's needs in order, so the order's issued totals are kept.
 */
export function withIssued(needs: TaskNeed[], issued: { item: string; qty: string }[]): TaskNeed[] {
  const left = new Map<string, Qty>();
  for (const i of issued) left.set(i.item, (left.get(i.item) ?? toQty(0)).plus(i.qty));
  const out = needs.map((n) => {
    const l = left.get(n.item);
    if (!l || l.isZero()) return n;
    const room = toQty(n.required);
    const take = l.lessThan(room) ? l : room;
    left.set(n.item, l.minus(take));
    return { ...n, issued: toQtyString(take) };
  });
  // Anything issued beyond every need of its item stays on the item's last need.
  for (const [item, l] of left) {
    if (l.isZero()) continue;
    const idx = out.map((n) => n.item).lastIndexOf(item);
    if (idx >= 0) out[idx] = { ...out[idx]!, issued: toQtyString(toQty(out[idx]!.issued).plus(l)) };
  }
  return out;
}

/** Issued quantity per item, summed over the needs: the shape MRP, kitting and shortage read. */
export function issuedSummary(needs: TaskNeed[]): { item: string; qty: string }[] {
  const by = new Map<string, Qty>();
  for (const n of needs) by.set(n.item, (by.get(n.item) ?? toQty(0)).plus(n.issued));
  return [...by].filter(([, q]) => !q.isZero()).map(([item, q]) => ({ item, qty: toQtyString(q) }));
}

/** An order's issued totals after allocations (issues add, returns subtract), per item. */
export function addIssued(
  issued: readonly { item: string; qty: string }[],
  allocations: readonly { item: string; qty: string }[],
): { item: string; qty: string }[] {
  const by = new Map<string, Qty>();
  for (const i of issued) by.set(i.item, (by.get(i.item) ?? toQty(0)).plus(i.qty));
  for (const a of allocations) by.set(a.item, (by.get(a.item) ?? toQty(0)).plus(a.qty));
  return [...by].filter(([, q]) => !q.isZero()).map(([item, q]) => ({ item, qty: toQtyString(q) }));
}
