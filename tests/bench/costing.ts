import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type CostingInput, costPeriod } from '../../functions/src/domain/costing/index.js';
import { costingMonth } from './costingMonth.js';
import { costEndToEnd } from './costingRun.js';
import { busyCores, recordBenchmark } from './record.js';

/**
 * bench:costing — the costing engine (DOMAIN rules 1–7, `costPeriod`) on one synthetic month
 * of issue 15's size: 20,000 items (15,000 bought, 4,000 sub-assemblies, 1,000 products),
 * 5,000 task orders (3,000 of sub-assemblies, 2,000 of products), 200,000 ledger lines
 * (purchases, 30 issues per order, receipts, deliveries, scrap), three pools. Then the floor:
 * the same weighted averages and shares in one tight pass over plain integer arrays, without
 * the engine's bookkeeping. Then end to end through the local runtime (costingRun.ts): the
 * same month written to the embedded table, costed by the workflow from its POST to its
 * notification (the aim: at most 30 s), and its report read. BENCH_COSTING_E2E=0 skips it.
 */
const RUNS = Number(process.env.BENCH_COSTING_RUNS ?? 3);

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
    ...(process.env.BENCH_COSTING_E2E === '0' ? {} : await costEndToEnd(input)),
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
