import {
  type ItemSource,
  type Qty,
  type Shortage,
  minQty,
  qty as dec,
  roundUpToPrecision,
  toQtyString,
} from '@factory/shared';
import { traverse, walkBom } from '../bom/walk.js';
import { coverFrom, type KitLine, type KitSubstitute } from './kitting.js';
import { unissuedNeeds } from './needs.js';

export type ShortageOrder = {
  no: string;
  item: string;
  qty: string;
  startDate: string;
  dueDate: string;
  trackingNo?: string;
  issued: readonly { item: string; qty: string }[];
  needs?: readonly { item: string; qty: string }[];
  /** A rework order: its needs are the product and repair parts, not its BOM's lines. */
  rework?: boolean;
};

export type ShortageContext = {
  item(
    code: string,
  ): { source: ItemSource; precision: number; strategy: 'mto' | 'mts' } | undefined;
  /** The BOM lines effective on a date (task orders explode with their start date's). */
  bom(item: string, date: string): readonly KitLine[] | undefined;
};

type Cover = Shortage['orders'][number]['components'][number]['cover'][number];

/**
 * Shortage analysis (足缺料分析): available stock is allocated to the unissued needs of open
 * task orders in priority order (due date, then order number). An order is complete when
 * every need is covered, short when nothing could be allocated, partial otherwise. MTO
 * components take stock of the order's tracking number; the rest take pool stock.
 *
 * Then, again by priority and only from the stock no order took for its own needs, each
 * short component is offered a cover: first the stock of a phantom above it in the order's
 * BOM (outermost first; its units stand in for all of its components at once, so the same
 * units show on each component they cover), then the stock of its substitutes in priority
 * order × ratio. Covers do not change the status (the order's needs are its components, and
 * its pick issues those); `completeWithCover` says whether they would make it complete.
 */
export function shortage(
  orders: readonly ShortageOrder[],
  /** Available stock by `${item}|${trackingNo}` ('' for the pool). */
  stock: ReadonlyMap<string, string>,
  ctx: ShortageContext,
): Shortage['orders'] {
  const left = new Map([...stock].map(([k, v]) => [k, dec(v)]));
  const isPhantom = (code: string) => ctx.item(code)?.source === 'phantom';
  const keyOf = (order: ShortageOrder) => (item: string) =>
    `${item}|${ctx.item(item)?.strategy === 'mto' ? (order.trackingNo ?? '') : ''}`;
  const sorted = [...orders].sort((a, b) =>
    a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.no < b.no ? -1 : 1,
  );
  const allocated = sorted.map((order) => {
    const key = keyOf(order);
    const components = [
      ...unissuedNeeds(order, (item) => ctx.bom(item, order.startDate), isPhantom),
    ]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([item, needed]) => {
        const have = left.get(key(item)) ?? dec(0);
        const got = minQty(have, dec(needed));
        left.set(key(item), have.minus(got));
        return { item, needed, allocated: got, short: dec(needed).minus(got) };
      });
    return { order, components };
  });

  return allocated.map(({ order, components }) => {
    const short = new Map(components.filter((c) => c.short.gt(0)).map((c) => [c.item, c.short]));
    const covers = new Map<string, Cover[]>();
    if (short.size && !order.rework) coverShortages(order, short, covers, left, ctx, keyOf(order));
    const rows = components.map((c) => ({
      item: c.item,
      needed: c.needed,
      allocated: toQtyString(c.allocated),
      short: toQtyString(c.short),
      cover: covers.get(c.item) ?? [],
      shortAfterCover: toQtyString(short.get(c.item) ?? dec(0)),
    }));
    const covered = rows.every((c) => dec(c.short).isZero());
    const nothing = rows.length > 0 && rows.every((c) => dec(c.allocated).isZero());
    return {
      no: order.no,
      item: order.item,
      qty: order.qty,
      dueDate: order.dueDate,
      status: covered ? ('complete' as const) : nothing ? ('short' as const) : ('partial' as const),
      completeWithCover: rows.every((c) => dec(c.shortAfterCover).isZero()),
      components: rows,
    };
  });
}

/**
 * Lowers `short` (per component) by the free stock of the phantoms above each component and
 * then of its substitutes, recording each use in `covers` and taking it from `left`.
 */
function coverShortages(
  order: ShortageOrder,
  short: Map<string, Qty>,
  covers: Map<string, Cover[]>,
  left: Map<string, Qty>,
  ctx: ShortageContext,
  key: (item: string) => string,
): void {
  const bom = (item: string) => ctx.bom(item, order.startDate);
  const record = (item: string, cover: Cover) =>
    covers.set(item, [...(covers.get(item) ?? []), cover]);

  // 1. Phantoms, outermost first: their own stock before their components.
  for (const phantom of phantomsUnder(order.item, bom, ctx)) {
    const per = perUnitOf(phantom, bom, ctx);
    let wanted = dec(0);
    for (const [item, q] of short) {
      const f = per.get(item);
      if (f && q.gt(0)) {
        const units = q.div(f);
        if (units.gt(wanted)) wanted = units;
      }
    }
    if (wanted.isZero()) continue;
    const precision = ctx.item(phantom)?.precision ?? 0;
    const free = left.get(key(phantom)) ?? dec(0);
    const units = minQty(free, dec(roundUpToPrecision(toQtyString(wanted), precision)));
    if (units.lte(0)) continue;
    left.set(key(phantom), free.minus(units));
    for (const [item, q] of short) {
      const f = per.get(item);
      if (!f || q.isZero()) continue;
      const covered = minQty(q, units.times(f));
      short.set(item, q.minus(covered));
      record(item, {
        kind: 'phantom',
        item: phantom,
        qty: toQtyString(units),
        covers: toQtyString(covered),
      });
    }
  }

  // 2. Substitutes of the component's BOM lines, in priority order × ratio.
  const subs = substitutesUnder(order.item, bom, ctx);
  for (const [item, q] of [...short].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const list = subs.get(item);
    if (!list || q.isZero()) continue;
    const keyed = new Map(list.map((s) => [s.item, left.get(key(s.item)) ?? dec(0)]));
    const cover = coverFrom(q, list, keyed, ctx, ctx.item(item)?.precision ?? 0);
    for (const u of cover.used) {
      left.set(key(u.item), keyed.get(u.item)!);
      record(item, { kind: 'substitute', ...u });
    }
    short.set(item, cover.short);
  }
}

/** The phantoms in `root`'s structure, through phantoms only, outermost first (each once). */
function phantomsUnder(
  root: string,
  bom: (item: string) => readonly KitLine[] | undefined,
  ctx: ShortageContext,
): string[] {
  const out: string[] = [];
  traverse(root, true, { lines: bom, component: componentOf }, (l) => {
    if (ctx.item(l.component)?.source !== 'phantom' || out.includes(l.component)) return undefined;
    out.push(l.component);
    return true;
  });
  return out;
}

/** Quantity of each component per unit of a phantom, nested phantoms multiplied through. */
function perUnitOf(
  phantom: string,
  bom: (item: string) => readonly KitLine[] | undefined,
  ctx: ShortageContext,
): Map<string, Qty> {
  const out = new Map<string, Qty>();
  walkBom(phantom, dec(1), bom, ({ line, qty }) => {
    if (ctx.item(line.component)?.source === 'phantom' && bom(line.component)) return qty;
    out.set(line.component, (out.get(line.component) ?? dec(0)).plus(qty));
    return undefined;
  });
  return out;
}

/** The substitutes of each component of `root` (through phantoms), from the first line with any. */
function substitutesUnder(
  root: string,
  bom: (item: string) => readonly KitLine[] | undefined,
  ctx: ShortageContext,
): Map<string, KitSubstitute[]> {
  const out = new Map<string, KitSubstitute[]>();
  traverse(root, true, { lines: bom, component: componentOf }, (l) => {
    if (ctx.item(l.component)?.source === 'phantom' && bom(l.component)) return true;
    // A component on several lines: the substitutes of the first line that has any, as MRP.
    if (!out.get(l.component)?.length && l.substitutes?.length)
      out.set(l.component, [...l.substitutes]);
    return undefined;
  });
  return out;
}

const componentOf = (line: KitLine) => line.component;
