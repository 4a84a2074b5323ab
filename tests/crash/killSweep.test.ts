import { rmSync } from 'node:fs';
import { jest } from '@jest/globals';
import {
  prepareBaseDir,
  spreadPoints,
  sweepPoint,
  writesOfScenario,
  type KillPoint,
} from './killSweep.js';
import type { Base } from './scenario.js';

// The product killed with SIGKILL (kill -9) in the middle of its postings, started again, the
// requests retried: every balance is the sum of its moves, no document is left half posted,
// every move has its document, every request took effect exactly once. The scenario (a receipt,
// an issue, a refused issue, a 150-line issue in 4 transactions, a 150-line issue refused in
// its last chunk and taken back, a 60-part kit pick in chunks) runs in its own process; it
// dies just before one of the store's durable writes, a sample of them here (`npm run
// crash:sweep` tries every one), and once at a moment chosen from outside.
jest.setTimeout(180_000);

const SAMPLED_WRITES = 6;
const TIMED_MS = [300];

let baseDir: string;
let base: Base;
let total: number;

beforeAll(async () => {
  ({ dir: baseDir, base } = await prepareBaseDir());
  total = await writesOfScenario(baseDir);
});
afterAll(() => rmSync(baseDir, { recursive: true, force: true }));

it('a kill before any of a sample of writes, or from outside, leaves nothing inconsistent', async () => {
  // Each of the scenario's steps writes once: the points spread over the whole of it.
  expect(total).toBeGreaterThan(20);
  const points: KillPoint[] = [
    ...spreadPoints(total, SAMPLED_WRITES).map((atWrite) => ({ atWrite })),
    ...TIMED_MS.map((afterMs) => ({ afterMs })),
  ];
  const results = [];
  for (const point of points) results.push(await sweepPoint(baseDir, base, point));
  // Every write point did kill the process part way.
  expect(results.filter((r) => 'atWrite' in r.point && !r.killed)).toEqual([]);
  expect(results.filter((r) => r.problems.length)).toEqual([]);
});
