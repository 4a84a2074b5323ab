/**
 * `npm run bench:mrp-net-memory [size] [runs]`: what a warm process holds after many net
 * runs, the engine alone. On bench:mrp's generated factory (default a: 20,000 items), a full
 * run, then `runs` net runs in a row, each after one more sales order line for a finished good
 * and from the plan before it in memory (as the compute step keeps it); each plan's pegging
 * is read, as the application's layer write and promise check do. The heap is measured after
 * a full collection, after the full run and after each net run. A plan's kept orders must not
 * hold the runs that made them: the heap should grow with the plan, not with the number of
 * runs. Results go to BENCHMARKS.md as `bench:mrp-net-memory`.
 */
import { cpus, totalmem } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { PlanningResult } from '../../functions/src/domain/mrp/index.js';
import { mrpInputFromFile, planMrp } from '../../functions/src/domain/mrp/index.js';
import { MRP_SIZES, mrpFactory } from './mrpGenerator.js';
import { recordBenchmark } from './record.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const size = (process.argv[2] ?? 'a') as keyof typeof MRP_SIZES;
const runs = Number(process.argv[3] ?? 10);
const heapMiB = () => {
  gc();
  gc();
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20);
};

const { file } = mrpFactory({
  seed: Number(process.env.BENCH_SEED ?? 20261201),
  ...MRP_SIZES[size],
});
const input = mrpInputFromFile(file, 90);
const readAll = (plan: PlanningResult) => {
  for (const o of plan.plannedOrders) void o.pegging;
};
let previous = planMrp(input);
readAll(previous);
let previousInput = input;
const afterFull = heapMiB();
console.log(`${size}: full run, heap ${afterFull} MiB`);
const sold = [
  ...new Set(input.salesOrders.filter((s) => s.item.startsWith('FG')).map((s) => s.item)),
];
const heaps: number[] = [];
for (let k = 0; k < runs; k++) {
  const item = sold[(k * 7919) % sold.length]!;
  const after = {
    ...previousInput,
    salesOrders: [
      ...previousInput.salesOrders,
      { no: `SO-MEM-${k}`, line: 1, item, qty: '37', dueDate: '2027-01-12' },
    ],
  };
  const plan = planMrp(after, { previous, dirty: new Set([item]), previousInput });
  if (plan.netChange?.mode !== 'net') throw new Error(`fell back: ${plan.netChange?.reason}`);
  readAll(plan);
  previous = plan;
  previousInput = after;
  heaps.push(heapMiB());
  console.log(
    `net run ${k + 1} (${item}, replanned ${plan.netChange.replanned}): heap ${heaps.at(-1)} MiB`,
  );
}
const perRun = Math.round(((heaps.at(-1)! - heaps[0]!) / Math.max(1, runs - 1)) * 10) / 10;
await recordBenchmark({
  name: 'bench:mrp-net-memory',
  date: new Date().toISOString().slice(0, 10),
  machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  results: {
    factory: `${size}: ${input.items.length} items`,
    netRuns: runs,
    heapAfterFullRunMiB: afterFull,
    heapAfterFirstNetRunMiB: heaps[0]!,
    heapAfterLastNetRunMiB: heaps.at(-1)!,
    growthPerNetRunMiB: perRun,
  },
});
