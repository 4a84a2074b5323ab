import { spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MRP_SIZES, mrpFactory } from './mrpGenerator.js';
import { busyCores, recordBenchmark } from './record.js';

/**
 * bench:plan — `cli plan FILE --json` end to end on a 20,000-item factory: the synthetic
 * factory of bench:mrp size (a) (tests/bench/mrpGenerator.ts, fixed seed: 20,000 items,
 * 100,000 BOM lines, 6 levels, 2,000 sales-order lines) with exactly 5,000 opening stock
 * lines, written as a factory data file. Each run is the command as a user types it, in a
 * child process (tsx functions/src/cli/main.ts plan FILE --json, stdout to a file): read and
 * check the file, import it into a throwaway in-memory store (master data and BOMs in
 * batches, the opening stock as one receipt posted through the ledger), run the real MRP
 * workflow, read the result back and print it. Wall time is from spawn to exit; the child's
 * CPU time comes from /usr/bin/time, and its phases from FACTORY_CLI_TIMINGS=1.
 * BENCH_PLAN_RUNS (default 3) runs; best and median are recorded. Other work on the machine
 * slows every run down: the cores busy before the first run are recorded with the result.
 */
const SEED = Number(process.env.BENCH_SEED ?? 20261201);
const RUNS = Number(process.env.BENCH_PLAN_RUNS ?? 3);
const STOCK_LINES = Number(process.env.BENCH_PLAN_STOCK_LINES ?? 5_000);
const AIM_S = 15;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

type Run = { wallS: number; cpuS?: number; maxRssMiB?: number; phases: string[]; outMiB: number };

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-plan-'));
  try {
    const t = performance.now();
    const { file, stats } = mrpFactory({ seed: SEED, ...MRP_SIZES.a, stockLines: STOCK_LINES });
    const path = join(dir, 'factory.json');
    writeFileSync(path, JSON.stringify(file));
    const generateMs = Math.round(performance.now() - t);
    log(
      `file: ${stats.items} items, ${stats.bomLines} BOM lines, ${stats.stockLines} stock lines, ${stats.salesOrderLines} sales lines, ${mib(statSync(path).size)} MiB (${generateMs} ms)`,
    );
    const busy = await busyCores(2000);
    log(`machine busy before the runs: ${busy} cores of ${cpus().length}`);
    const runs: Run[] = [];
    for (let n = 1; n <= RUNS; n++) {
      const run = await planOnce(path, join(dir, `out-${n}.json`));
      runs.push(run);
      log(
        `run ${n}: ${run.wallS} s wall, ${run.cpuS ?? '?'} s cpu; ${run.phases.join('; ')}; ${run.outMiB} MiB printed`,
      );
      rmSync(join(dir, `out-${n}.json`), { force: true });
    }
    const walls = runs.map((r) => r.wallS).sort((a, b) => a - b);
    const best = runs.find((r) => r.wallS === walls[0])!;
    const median = walls[Math.floor((walls.length - 1) / 2)]!;
    await recordBenchmark({
      name: 'bench:plan',
      date: new Date().toISOString().slice(0, 10),
      machine: `${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      results: {
        file: `${stats.items} items, ${stats.boms} BOMs / ${stats.bomLines} lines, ${stats.levels} levels, ${stats.stockLines} stock lines, ${stats.salesOrderLines} sales-order lines (${stats.salesOrders} orders), ${stats.purchaseOrderLines} PO lines; ${mib(statSync(path).size)} MiB`,
        command: 'tsx functions/src/cli/main.ts plan FILE --json > out.json',
        busyCoresBefore: `${busy} of ${cpus().length}`,
        runs: runs.map((r) => `${r.wallS} s (cpu ${r.cpuS ?? '?'} s)`).join(', '),
        bestSeconds: best.wallS,
        medianSeconds: median,
        bestPhases: best.phases.join('; '),
        bestMaxRssMiB: best.maxRssMiB ?? '?',
        printedMiB: best.outMiB,
        aim: `${best.wallS < AIM_S ? 'met' : 'missed'}: best ${best.wallS} s, median ${median} s (aim ${AIM_S} s)`,
      },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One `cli plan` in a child process, its stdout to `out`. */
function planOnce(path: string, out: string): Promise<Run> {
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  const args = [join(ROOT, 'functions/src/cli/main.ts'), 'plan', path, '--json'];
  const timed = existsSync('/usr/bin/time');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      timed ? '/usr/bin/time' : tsx,
      timed ? ['-f', '[time] %e %U %S %M', tsx, ...args] : args,
      {
        cwd: ROOT,
        env: { ...process.env, FACTORY_NOW: '2026-12-01T00:30:00Z', FACTORY_CLI_TIMINGS: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout.pipe(createWriteStream(out));
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallS = round((performance.now() - started) / 1000);
      if (code !== 0) {
        reject(new Error(`cli plan exited ${code}:\n${stderr.slice(-4000)}`));
        return;
      }
      const time = /\[time\] (\S+) (\S+) (\S+) (\d+)/.exec(stderr);
      const phases = [...stderr.matchAll(/\[timing\] (.+)/g)].map((m) => m[1]!);
      resolve({
        wallS,
        ...(time
          ? {
              cpuS: round(Number(time[2]) + Number(time[3])),
              maxRssMiB: Math.round(Number(time[4]) / 1024),
            }
          : {}),
        phases,
        outMiB: mib(existsSync(out) ? statSync(out).size : 0),
      });
    });
  });
}

const round = (n: number) => Number(n.toFixed(1));
const mib = (bytes: number) => round(bytes / 2 ** 20);
const log = (line: string) => console.error(`[bench:plan] ${line}`);

await main();
