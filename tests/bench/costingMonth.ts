import type {
  CostingInput,
  CostMove,
  CostOrder,
} from '../../functions/src/domain/costing/index.js';

const SEED = Number(process.env.BENCH_SEED ?? 20261201);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * One synthetic month of issue 15's size (see bench:costing): deterministic for a seed.
 */
export function costingMonth(seed = SEED): CostingInput {
  const r = rng(seed);
  const pick = (n: number) => Math.floor(r() * n);
  const bought = Array.from({ length: 15_000 }, (_, i) => `RM${i}`);
  const subs = Array.from({ length: 4_000 }, (_, i) => `SA${i}`);
  const products = Array.from({ length: 1_000 }, (_, i) => `FG${i}`);
  const items = [
    ...bought.map((code) => ({ code, llc: 2 })),
    ...subs.map((code) => ({ code, llc: 1, costCoefficient: '1.5' })),
    ...products.map((code) => ({ code, llc: 0 })),
  ];
  const opening = {
    stock: [...bought, ...subs, ...products].map((item) => ({
      item,
      qty: '1000',
      value: `${1000 + pick(100_000)}.${String(pick(100)).padStart(2, '0')}`,
    })),
    wip: [],
  };
  const orders: CostOrder[] = [];
  const moves: CostMove[] = [];
  let doc = 0;
  const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}`;
  for (let i = 0; i < 20_000; i++) {
    moves.push({
      kind: 'purchase',
      item: bought[pick(bought.length)]!,
      qty: String(10 + pick(200)),
      price: `${1 + pick(50)}.${String(pick(100)).padStart(2, '0')}`,
      doc: `RC${++doc}`,
      line: 1,
      date: day(1 + pick(5)),
    });
  }
  const orderOf = (no: string, item: string, components: string[], d: number) => {
    orders.push({ no, kind: 'task', item, qty: '20', date: day(d), hours: String(1 + pick(40)) });
    for (let k = 0; k < 30; k++) {
      moves.push({
        kind: 'issue',
        item: components[pick(components.length)]!,
        qty: `-${1 + pick(3)}`,
        order: no,
        doc: `PK${++doc}`,
        line: 1,
        date: day(d),
      });
    }
    moves.push({
      kind: 'output',
      item,
      qty: String(10 + pick(10)),
      order: no,
      doc: `RC${++doc}`,
      line: 1,
      date: day(d + 1),
    });
  };
  for (let i = 0; i < 3_000; i++)
    orderOf(`MO-S${i}`, subs[pick(subs.length)]!, bought, 6 + pick(8));
  for (let i = 0; i < 2_000; i++)
    orderOf(`MO-P${i}`, products[pick(products.length)]!, subs, 15 + pick(10));
  while (moves.length < 200_000) {
    const delivery = r() < 0.8;
    moves.push({
      kind: delivery ? 'delivery' : 'scrap',
      item: delivery ? products[pick(products.length)]! : bought[pick(bought.length)]!,
      qty: `-${1 + pick(5)}`,
      doc: `DN${++doc}`,
      line: 1,
      date: day(27 + pick(3)),
    });
  }
  moves.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    period: { id: '2026-11', from: '2026-11-01', to: '2026-11-30' },
    items,
    opening,
    orders,
    moves,
    pools: [
      { code: 'labour', basis: 'hours', amount: '1250000.00' },
      { code: 'overhead', basis: 'quantity', amount: '830000.00' },
      { code: 'power', basis: 'material', amount: '210000.00' },
    ],
  };
}
