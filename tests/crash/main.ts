// `npm run crash:sweep`: the full kill-sweep. The product is killed with SIGKILL before every
// single durable write of the scenario (and, with --timed, at every 50 ms of its postings from
// outside, as `kill -9` would), restarted, the requests retried; any inconsistency is listed
// and the exit code is 1. Options: --step N (every Nth write), --timed, --timed-only.
import { rmSync } from 'node:fs';
import {
  prepareBaseDir,
  spreadPoints,
  sweepPoint,
  writesOfScenario,
  type KillPoint,
  type PointResult,
} from './killSweep.js';

const args = process.argv.slice(2);
const step = Number(args[args.indexOf('--step') + 1] ?? 1) || 1;
const timedOnly = args.includes('--timed-only');
const timed = timedOnly || args.includes('--timed');

const started = performance.now();
const { dir, base } = await prepareBaseDir();
try {
  const total = await writesOfScenario(dir);
  console.log(`scenario: ${total} durable writes`);
  const points: KillPoint[] = [];
  if (!timedOnly)
    for (const k of spreadPoints(total, total))
      if ((k - 1) % step === 0) points.push({ atWrite: k });
  if (timed) for (let ms = 0; ms <= 1500; ms += 50) points.push({ afterMs: ms });
  const failed: PointResult[] = [];
  for (const point of points) {
    const result = await sweepPoint(dir, base, point);
    const where =
      'atWrite' in point ? `before write ${point.atWrite}` : `after ${JSON.stringify(point)}`;
    console.log(
      `${result.problems.length ? 'FAIL' : 'ok  '} killed ${result.killed ? 'yes' : 'no '} ${where}` +
        result.problems.map((p) => `\n       ${p}`).join(''),
    );
    if (result.problems.length) failed.push(result);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`${points.length} kill points, ${failed.length} with inconsistencies (${seconds} s)`);
  process.exitCode = failed.length ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
