import {
  type BomLine,
  type ItemSource,
  type Qty,
  type TaskNeed,
  qty as toQty,
  roundUpToPrecision,
  toQtyString,
} from '@factory/shared';
import { requirement, throughLines, traverse } from '../bom/walk.js';

const componentOf = (line: BomLine) => line.component;

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
 * A need's `required` is `requirement(qty, line through the phantoms)` rounded up to the
 * component's precision. The walk is the one BOM traversal (`domain/bom/walk.ts`); a loop
 * through phantoms is `bom.cycle`. These needs are a task order's one phantom expansion:
 * picking reads them, and so does backflush on receipt (`domain/shopfloor/backflush.ts`).
 */
export function computeNeeds(
  root: string,
  quantity: string,
  ctx: NeedsContext,
  fallbackWarehouse = '',
  trackingNo?: string,
): TaskNeed[] {
  const needs: TaskNeed[] = [];
  const q = toQty(quantity);
  const source = { lines: (parent: string) => ctx.bom(parent)?.lines, component: componentOf };
  traverse(root, true, source, (line, { path, via }) => {
    const info = ctx.item(line.component);
    if (info?.source === 'phantom' && ctx.bom(line.component)) return true; // passed through
    // The line through the phantoms above it: qtyPer and loss multiplied through each level.
    const chain = [...via, line];
    const through = throughLines(chain);
    const backflush = chain.some((l) => l.issueMethod === 'backflush');
    // The line's own warehouse, else the nearest phantom line's above it.
    let inherited: string | undefined;
    for (const l of via) inherited = (l.warehouse ?? inherited) || undefined;
    const lineWarehouse = line.warehouse ?? inherited;
    const precision = info?.precision ?? 0;
    const phantomPath = path.slice(1);
    needs.push({
      item: line.component,
      qtyPer: toQtyString(through.qtyPer),
      lossRate: toQtyString(through.lossRate),
      required: roundUpToPrecision(toQtyString(requirement(q, through)), precision),
      issued: '0',
      warehouse: lineWarehouse ?? info?.defaultWarehouse ?? fallbackWarehouse,
      issueMethod: backflush ? 'backflush' : 'manual',
      ...(phantomPath.length ? { phantomPath } : {}),
      ...(trackingNo && info?.strategy === 'mto' ? { trackingNo } : {}),
      // What a pick may issue instead when the component is short, by priority.
      substitutes: [...line.substitutes]
        .sort((a, b) => a.priority - b.priority)
        .map((x) => ({ ...x })),
    });
    return undefined;
  });
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
