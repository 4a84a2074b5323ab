import {
  type Qty,
  type ItemSource,
  floorToPrecision,
  minQty,
  qty as dec,
  toQtyString,
} from '@factory/shared';

export type KitLine = { component: string; qtyPer: string; lossRate: string };
export type KitContext = {
  item(code: string): { source: ItemSource; precision: number } | undefined;
  /** Lines of the BOM effective at the date (undefined: no BOM, a leaf). */
  bom(code: string): readonly KitLine[] | undefined;
};

export type KitComponent = {
  item: string;
  path: string[];
  required: string;
  available: string;
  short: string;
  sets: string;
};

/**
 * Kitting (齐套分析) for `quantity` of `root` from `stock` (DOMAIN.md): each line's need is
 * taken from stock of that item first; what is left explodes further if the item has a BOM
 * (sub-assembly stock is used before its components), else it is short. Phantoms are never
 * stocked, so they always explode. Stock is taken in a fixed depth-first order, so one item
 * under two branches is not counted twice.
 */
export function kit(
  root: string,
  quantity: string,
  stock: ReadonlyMap<string, string>,
  ctx: KitContext,
): KitComponent[] {
  const left = new Map([...stock].map(([k, v]) => [k, dec(v)]));
  const rows = new Map<
    string,
    { item: string; path: string[]; required: Qty; available: Qty; short: Qty }
  >();
  const factor = (l: KitLine) => dec(l.qtyPer).times(dec(1).plus(l.lossRate));

  const walk = (parent: string, need: Qty, path: string[]) => {
    for (const line of ctx.bom(parent) ?? []) {
      const code = line.component;
      const required = need.times(factor(line));
      const info = ctx.item(code);
      const phantom = info?.source === 'phantom';
      const onHand = phantom ? dec(0) : (left.get(code) ?? dec(0));
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
      };
      // A phantom with a BOM is only a way through; it gets no row of its own.
      if (!phantom || !hasBom) rows.set(key, row);
      row.required = row.required.plus(required);
      row.available = row.available.plus(taken);
      if (rest.gt(0)) {
        if (hasBom) walk(code, rest, [...path, code]);
        else row.short = row.short.plus(rest);
      }
    }
  };
  walk(root, dec(quantity), [root]);

  const q = dec(quantity);
  const precision = ctx.item(root)?.precision ?? 0;
  return [...rows.values()].map((r) => ({
    item: r.item,
    path: r.path,
    required: toQtyString(r.required),
    available: toQtyString(r.available),
    short: toQtyString(r.short),
    // Sets this line alone covers: the part of its requirement that is not short.
    sets: r.required.isZero()
      ? toQtyString(q)
      : floorToPrecision(q.times(r.required.minus(r.short)).div(r.required), precision),
  }));
}

/** The largest number of sets (in the root's unit) up to `quantity` that kits with no shortage. */
export function buildableSets(
  root: string,
  quantity: string,
  stock: ReadonlyMap<string, string>,
  ctx: KitContext,
): string {
  const precision = ctx.item(root)?.precision ?? 0;
  const unit = dec(10).pow(-precision);
  const complete = (n: Qty) =>
    kit(root, toQtyString(n), stock, ctx).every((c) => dec(c.short).isZero());
  if (complete(dec(quantity))) return quantity;
  // Binary search over whole units of the root's precision: more sets never need less.
  let lo = 0n;
  let hi = BigInt(dec(quantity).div(unit).floor().toFixed());
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    if (complete(unit.times(mid.toString()))) lo = mid;
    else hi = mid - 1n;
  }
  return toQtyString(unit.times(lo.toString()));
}
