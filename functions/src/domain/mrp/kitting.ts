import {
  type Qty,
  type ItemSource,
  floorToPrecision,
  minQty,
  qty as dec,
  roundUpToPrecision,
  toQtyString,
} from '@factory/shared';
import { walkBom } from '../bom/walk.js';

export type KitSubstitute = { item: string; priority: number; ratio: string };
export type KitLine = {
  component: string;
  qtyPer: string;
  lossRate: string;
  /** Items allowed in place of the component (priority 1 first), `ratio` of them per unit. */
  substitutes?: readonly KitSubstitute[];
};
export type KitContext = {
  item(code: string): { source: ItemSource; precision: number } | undefined;
  /** Lines of the BOM effective at the date (undefined: no BOM, a leaf). */
  bom(code: string): readonly KitLine[] | undefined;
};

/** Substitute stock that could make up a shortage: `qty` of `item` stands in for `covers`. */
export type SubstituteCover = { item: string; qty: string; covers: string };

export type KitComponent = {
  item: string;
  path: string[];
  required: string;
  available: string;
  short: string;
  sets: string;
  /** Substitute stock no line of the kit needs itself, in priority order (× ratio). */
  substitutes: SubstituteCover[];
  /** What stays short when those substitutes are used. */
  shortAfterSubstitutes: string;
};

type Row = {
  item: string;
  path: string[];
  required: Qty;
  available: Qty;
  short: Qty;
  subs: readonly KitSubstitute[];
  cover: SubstituteCover[];
  after: Qty;
};

/**
 * Kitting (齐套分析) for `quantity` of `root` from `stock` (DOMAIN.md): each line's need is
 * taken from stock of that item first; what is left explodes further if the item has a BOM
 * (stock of sub-assemblies, phantoms included, is used before their components), else it is
 * short. Stock is taken in a fixed depth-first order, so one item under two branches is not
 * counted twice. Then each short line is offered the stock of its substitutes that no line
 * of the kit takes itself, in priority order × ratio: `substitutes` says which, and
 * `shortAfterSubstitutes` what would still be short.
 */
export function kit(
  root: string,
  quantity: string,
  stock: ReadonlyMap<string, string>,
  ctx: KitContext,
): KitComponent[] {
  const q = dec(quantity);
  const precision = ctx.item(root)?.precision ?? 0;
  return analyse(root, q, stock, ctx).map((r) => ({
    item: r.item,
    path: r.path,
    required: toQtyString(r.required),
    available: toQtyString(r.available),
    short: toQtyString(r.short),
    // Sets this line alone covers: the part of its requirement that is not short.
    sets: r.required.isZero()
      ? toQtyString(q)
      : floorToPrecision(q.times(r.required.minus(r.short)).div(r.required), precision),
    substitutes: r.cover,
    shortAfterSubstitutes: toQtyString(r.after),
  }));
}

function analyse(
  root: string,
  quantity: Qty,
  stock: ReadonlyMap<string, string>,
  ctx: KitContext,
): Row[] {
  const left = new Map([...stock].map(([k, v]) => [k, dec(v)]));
  const rows = new Map<string, Row>();
  // The one BOM walk: each line's requirement comes from the walk; what stock does not cover
  // is passed on into the item's own lines (stock stops the walk at a sub-assembly).
  walkBom(
    root,
    quantity,
    (parent) => ctx.bom(parent),
    ({ line, path, qty: required }) => {
      const code = line.component;
      const info = ctx.item(code);
      const onHand = left.get(code) ?? dec(0);
      const taken = minQty(onHand, required);
      left.set(code, onHand.minus(taken));
      const rest = required.minus(taken);
      const hasBom = info?.source !== 'purchased' && ctx.bom(code) !== undefined;
      const key = [...path, code].join('>');
      const row = rows.get(key) ?? {
        item: code,
        path: [...path, code],
        required: dec(0),
        available: dec(0),
        short: dec(0),
        subs: line.substitutes ?? [],
        cover: [],
        after: dec(0),
      };
      // A phantom with a BOM is only a way through, unless its own stock was used.
      if (info?.source !== 'phantom' || !hasBom || taken.gt(0)) rows.set(key, row);
      row.required = row.required.plus(required);
      row.available = row.available.plus(taken);
      if (rest.gt(0)) {
        if (hasBom) return rest;
        row.short = row.short.plus(rest);
      }
      return undefined;
    },
  );

  // Substitutes take only what is left once every line has taken its own item's stock.
  for (const row of rows.values()) {
    row.after = row.short;
    if (row.short.isZero()) continue;
    const cover = coverFrom(row.short, row.subs, left, ctx, ctx.item(row.item)?.precision ?? 0);
    row.cover = cover.used;
    row.after = cover.short;
  }
  return [...rows.values()];
}

/**
 * Makes up `short` of a component (unit precision `precision`) from `left` stock of its
 * substitutes in priority order (× ratio), lowering `left`. A substitute's quantity is rounded
 * up to its own unit; a partial cover is whole units of the component's.
 */
export function coverFrom(
  short: Qty,
  subs: readonly KitSubstitute[],
  left: Map<string, Qty>,
  ctx: Pick<KitContext, 'item'>,
  precision: number,
): { used: SubstituteCover[]; short: Qty } {
  const used: SubstituteCover[] = [];
  let rest = short;
  for (const sub of [...subs].sort((a, b) => a.priority - b.priority)) {
    if (rest.isZero()) break;
    const free = left.get(sub.item) ?? dec(0);
    if (free.lte(0)) continue;
    const subPrecision = ctx.item(sub.item)?.precision ?? 0;
    const ratio = dec(sub.ratio);
    let covers = rest;
    if (free.lt(rest.times(ratio))) covers = dec(floorToPrecision(free.div(ratio), precision));
    if (covers.lte(0)) continue;
    const take = dec(roundUpToPrecision(toQtyString(covers.times(ratio)), subPrecision));
    left.set(sub.item, free.minus(take));
    rest = rest.minus(covers);
    used.push({ item: sub.item, qty: toQtyString(take), covers: toQtyString(covers) });
  }
  return { used, short: rest };
}

/**
 * The largest number of sets (in the root's unit) up to `quantity` that kits with no
 * shortage: from the item's own stock only, or also using the substitutes' stock.
 */
export function buildableSets(
  root: string,
  quantity: string,
  stock: ReadonlyMap<string, string>,
  ctx: KitContext,
  withSubstitutes = false,
): string {
  const precision = ctx.item(root)?.precision ?? 0;
  const unit = dec(10).pow(-precision);
  const complete = (n: Qty) =>
    analyse(root, n, stock, ctx).every((r) => (withSubstitutes ? r.after : r.short).isZero());
  if (complete(dec(quantity))) return quantity;
  // Binary search over whole units of the root's precision: more sets never need less.
  let lo = 0n;
  let hi = BigInt(floorToPrecision(dec(quantity).div(unit), 0));
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    if (complete(unit.times(mid.toString()))) lo = mid;
    else hi = mid - 1n;
  }
  return toQtyString(unit.times(lo.toString()));
}
