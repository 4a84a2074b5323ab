import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  type CostingInput,
  type CostMove,
  type CostOrder,
  costPeriod,
} from '../../functions/src/domain/costing/index.js';
import { busyCores, recordBenchmark } from './record.js';

/**
 * bench:costing — the costing engine (DOMAIN rules 1–7, `costPeriod`) on one synthetic month
 * of issue 15's size: 20,000 items (15,000 bought, 4,000 sub-assemblies, 1,000 products),
 * 5,000 task orders (3,000 of sub-assemblies, 2,000 of products), 200,000 ledger lines
 * (purchases, 30 issues per order, receipts, deliveries, scrap), three pools. Then the floor:
 * the same weighted averages and shares in one tight pass over plain integer arrays, without
 * the engine's bookkeeping. End to end through the local runtime is not measured yet (the
 * costing workflow does not exist yet).
 */
const SEED = Number(process.env.BENCH_SEED ?? 20261201);
const RUNS = Number(process.env.BENCH_COSTING_RUNS ?? 3);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

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

/** The floor: per item a weighted average over its outgoing lines, integers only, one pass. */
function floor(input: CostingInput): number {
  const index = new Map(input.items.map((i, n) => [i.code, n]));
  const n = input.items.length;
  const q = new Float64Array(n);
  const v = new Float64Array(n);
  const out = new Float64Array(n);
  for (const s of input.opening.stock) {
    const i = index.get(s.item)!;
    q[i]! += Number(s.qty);
    v[i]! += Math.round(Number(s.value) * 100);
  }
  for (const m of input.moves) {
    const i = index.get(m.item)!;
    const x = Number(m.qty);
    if (x > 0) {
      q[i]! += x;
      if (m.price) v[i]! += Math.round(x * Number(m.price) * 100);
    } else out[i]! -= x;
  }
  let total = 0;
  for (let i = 0; i < n; i++) if (q[i]! > 0) total += Math.floor((v[i]! * out[i]!) / q[i]!);
  return total;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main() {
  const busy = await busyCores(1000);
  const input = costingMonth();
  const times: number[] = [];
  let result: ReturnType<typeof costPeriod> | undefined;
  for (let k = 0; k < RUNS; k++) {
    const t0 = performance.now();
    result = costPeriod(input);
    times.push(performance.now() - t0);
  }
  const floorTimes: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    floor(input);
    floorTimes.push(performance.now() - t0);
  }
  const best = Math.min(...times);
  const bestFloor = Math.min(...floorTimes);
  const results = {
    'items / orders / ledger lines': `${input.items.length} / ${input.orders.length} / ${input.moves.length}`,
    'engine best (ms)': best.toFixed(0),
    'engine median (ms)': median(times).toFixed(0),
    'floor best (ms)': bestFloor.toFixed(1),
    'engine / floor': (best / bestFloor).toFixed(0),
    reconciliation: result!.reconciliation.difference,
    'busy cores while measuring': busy,
  };
  console.table(results);
  await recordBenchmark({
    name: 'bench:costing',
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} cores`,
    results,
  });
}

await main();
