/**
 * A small driver for profiling the MRP engine alone: generates one bench:mrp factory and runs
 * planMrp a few times. `node --import tsx --cpu-prof tests/bench/mrpEngineDriver.ts a 2`.
 */
import { mrpInputFromFile, planMrp } from '../../functions/src/domain/mrp/index.js';
import { planMrpReference } from '../../functions/src/domain/mrp/referenceEngine.js';
import { MRP_SIZES, mrpFactory } from './mrpGenerator.js';

const size = (process.argv[2] ?? 'a') as keyof typeof MRP_SIZES;
const runs = Number(process.argv[3] ?? 2);
// MRP_REFERENCE=1: the frozen engine from before the rewrite, for comparison.
const plan = process.env.MRP_REFERENCE === '1' ? planMrpReference : planMrp;
const { file } = mrpFactory({
  seed: Number(process.env.BENCH_SEED ?? 20261201),
  ...MRP_SIZES[size],
});
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  const input = mrpInputFromFile(file, 90);
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const result = plan(input);
  const cpu = process.cpuUsage(c1);
  const t2 = performance.now();
  let pegs = 0;
  for (const o of result.plannedOrders) pegs += o.pegging.length;
  const t3 = performance.now();
  console.log(
    `${process.env.MRP_REFERENCE === '1' ? 'reference ' : ''}${size} run ${r + 1}: fromFile ${Math.round(t1 - t0)} ms, planMrp ${Math.round(t2 - t1)} ms (cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms), ` +
      `${result.plannedOrders.length} orders, ${result.exceptions.length} exceptions, ${pegs} pegging entries (read in ${Math.round(t3 - t2)} ms), heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB`,
  );
}
