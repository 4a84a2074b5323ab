import { textOrder } from './ledger.js';
import { fenOf, shares, yuanText } from './shares.js';
import type { CostingInput, CostingResult } from './types.js';

/** A value by element: raw material, each pool, the processing fee (fen). */
type Elements = { material: bigint; pools: Map<string, bigint>; fee: bigint };

export type Restored = { material: string; pools: Record<string, string>; outsourcingFee: string };

const zero = (codes: readonly string[]): Elements => ({
  material: 0n,
  pools: new Map(codes.map((c) => [c, 0n])),
  fee: 0n,
});

function add(to: Elements, e: Elements): void {
  to.material += e.material;
  for (const [c, v] of e.pools) to.pools.set(c, (to.pools.get(c) ?? 0n) + v);
  to.fee += e.fee;
}

const total = (e: Elements) =>
  e.material + [...e.pools.values()].reduce((a, b) => a + b, 0n) + e.fee;

/** `amount` split by the elements of `by` as weights (rule 1), its sign kept. */
function splitBy(amount: bigint, by: Elements, codes: readonly string[]): Elements | undefined {
  const weights = [by.material, ...codes.map((c) => by.pools.get(c) ?? 0n), by.fee];
  const parts = shares(amount < 0n ? -amount : amount, weights);
  if (!parts) return undefined;
  const signed = parts.map((p) => (amount < 0n ? -p : p));
  return {
    material: signed[0]!,
    pools: new Map(codes.map((c, i) => [c, signed[i + 1]!])),
    fee: signed[codes.length + 1]!,
  };
}

/**
 * Rule 7's restored composition (成本还原) per product made in the period: what its orders
 * completed, by element, with the material drawn from sub-assemblies made in the period split
 * back into their own elements in proportion to their output composition of the period
 * (recursively, deepest first). An order's output by element is its opening WIP plus the
 * period's elements less its closing WIP, element by element; its material is split over the
 * items it drew in proportion to their values this period (rule 1); material from an item not
 * made in the period stays material. Each product's elements sum to its completed value.
 */
export function restoredComposition(
  input: CostingInput,
  result: CostingResult,
): Map<string, Restored> {
  const codes = result.pools.map((p) => p.code);
  const openingOf = new Map(input.opening.wip.map((w) => [w.order, w]));
  const drawn = new Map<string, { item: string; value: bigint }[]>();
  for (const c of result.consumers) {
    if (!c.order || (c.kind !== 'issue' && c.kind !== 'consume')) continue;
    const list = drawn.get(c.order) ?? [];
    const same = list.find((d) => d.item === c.item);
    if (same) same.value += fenOf(c.value);
    else list.push({ item: c.item, value: fenOf(c.value) });
    drawn.set(c.order, list);
  }
  const ordersOf = new Map<string, CostingResult['orders']>();
  for (const o of result.orders) {
    if (fenOf(o.completed) === 0n) continue;
    ordersOf.set(o.item, [...(ordersOf.get(o.item) ?? []), o]);
  }

  const restored = new Map<string, Elements>();
  const visiting = new Set<string>();
  const restore = (item: string): Elements | undefined => {
    if (restored.has(item)) return restored.get(item);
    const orders = ordersOf.get(item);
    // Not made this period, or drawn back into itself: its value stays material.
    if (!orders || visiting.has(item)) return undefined;
    visiting.add(item);
    const sum = zero(codes);
    for (const o of orders) {
      const open = openingOf.get(o.no);
      const close = o.closingWipElements;
      const pools = new Map(
        codes.map((c) => [
          c,
          fenOf(open?.pools?.[c] ?? '0') + fenOf(o.pools[c] ?? '0') - fenOf(close.pools[c] ?? '0'),
        ]),
      );
      const fee = fenOf(open?.fee ?? '0') + fenOf(o.outsourcingFee) - fenOf(close.fee);
      const material = fenOf(open?.material ?? '0') + fenOf(o.material) - fenOf(close.material);
      const items = (drawn.get(o.no) ?? []).sort((a, b) => textOrder(a.item, b.item));
      const byItem =
        material >= 0n
          ? shares(
              material,
              items.map((d) => d.value),
            )
          : undefined;
      add(sum, { material: 0n, pools, fee });
      if (!byItem) {
        sum.material += material;
        continue;
      }
      items.forEach((d, i) => {
        const part = byItem[i]!;
        const sub = d.item === item ? undefined : restore(d.item);
        const split = sub && total(sub) > 0n ? splitBy(part, sub, codes) : undefined;
        if (split) add(sum, split);
        else sum.material += part;
      });
    }
    visiting.delete(item);
    restored.set(item, sum);
    return sum;
  };

  const out = new Map<string, Restored>();
  for (const item of [...ordersOf.keys()].sort(textOrder)) {
    const e = restore(item) ?? zero(codes);
    out.set(item, {
      material: yuanText(e.material),
      pools: Object.fromEntries(codes.map((c) => [c, yuanText(e.pools.get(c) ?? 0n)])),
      outsourcingFee: yuanText(e.fee),
    });
  }
  return out;
}
