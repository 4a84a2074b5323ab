/**
 * Net-change MRP against a full run, the engine alone (`tsx tests/bench/mrpNetChange.ts [a|b]
 * [samples]`): on bench:mrp's generated factory (a: 20,000 items / 100,000 lines), a plan is
 * made, then each sample adds one sales order line for a finished good and plans again twice:
 * regenerative, and net change from the plan before with that item dirty (the previous plan
 * read back as JSON, as the application loads it). The two results are compared as JSON text.
 * Not through the local runtime: load and persist are the application's (another branch).
 */
import type { PlanningResult } from '../../functions/src/domain/mrp/index.js';
import { mrpInputFromFile, planMrp, replanSet } from '../../functions/src/domain/mrp/index.js';
import { MRP_SIZES, mrpFactory } from './mrpGenerator.js';

const size = (process.argv[2] ?? 'a') as keyof typeof MRP_SIZES;
const samples = Number(process.argv[3] ?? 8);
const { file } = mrpFactory({
  seed: Number(process.env.BENCH_SEED ?? 20261201),
  ...MRP_SIZES[size],
});
const input = mrpInputFromFile(file, 90);
const t0 = performance.now();
const previous = JSON.parse(JSON.stringify(planMrp(input))) as PlanningResult;
console.log(
  `${size}: ${input.items.length} items, first full run ${ms(performance.now() - t0)} ms`,
);

const sold = [...new Set(input.salesOrders.map((s) => s.item))];
const full: number[] = [];
const net: number[] = [];
const closure: number[] = [];
const replanned: number[] = [];
for (let k = 0; k < samples; k++) {
  const item = sold[(k * 7919) % sold.length]!;
  const after = {
    ...input,
    salesOrders: [
      ...input.salesOrders,
      { no: `SO-BENCH-${k}`, line: 1, item, qty: '37', dueDate: '2027-01-12' },
    ],
  };
  const dirty = new Set([item]);
  let t = performance.now();
  const set = replanSet(after, dirty, input);
  closure.push(performance.now() - t);
  t = performance.now();
  const byNet = planMrp(after, { previous, dirty, previousInput: input });
  net.push(performance.now() - t);
  t = performance.now();
  const byFull = planMrp(after);
  full.push(performance.now() - t);
  if (byNet.netChange?.mode !== 'net') throw new Error(`fell back: ${byNet.netChange?.reason}`);
  if (JSON.stringify(byNet) !== JSON.stringify(byFull))
    throw new Error(`sample ${k} (${item}): net change differs from the full run`);
  replanned.push(set.size);
  console.log(
    `sample ${k + 1} ${item}: replanned ${set.size} items (closure ${ms(closure.at(-1)!)} ms), ` +
      `net ${ms(net.at(-1)!)} ms, full ${ms(full.at(-1)!)} ms`,
  );
}
const p = (xs: number[], q: number) =>
  ms([...xs].sort((a, b) => a - b)[Math.ceil(xs.length * q) - 1]!);
console.log(
  `net change after one sales order, ${samples} samples: p50 ${p(net, 0.5)} ms, p95 ${p(net, 0.95)} ms; ` +
    `full run p50 ${p(full, 0.5)} ms, p95 ${p(full, 0.95)} ms; replan set p50 ${p(replanned, 0.5)} of ` +
    `${input.items.length} items (closure alone p50 ${p(closure, 0.5)} ms); results equal`,
);

function ms(x: number): number {
  return Math.round(x);
}
