// The kill-sweep: the product is killed with SIGKILL at a chosen point of the scenario's
// postings, started again on the same data, the same requests are sent again with the same
// Idempotency-Keys, and the store is checked for any inconsistency.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEASE_MS } from '../../functions/src/store/idempotencyRepo.js';
import { startApi } from '../integration/harness.js';
import { repoRoot } from '../integration/processes.js';
import { TEST_NOW, testClockAfter } from '../testClock.js';
import { fire, inconsistencies, prepareBase, scenario, type Base } from './scenario.js';

/** A folder with the scenario's starting data (LevelDB closed) and its base.json. */
export async function prepareBaseDir(): Promise<{ dir: string; base: Base }> {
  const dir = mkdtempSync(join(tmpdir(), 'erp-crash-base-'));
  const api = await startApi({ dataDir: dir });
  try {
    const base = await prepareBase(api);
    writeFileSync(join(dir, 'base.json'), JSON.stringify(base));
    return { dir, base };
  } finally {
    await api.close();
  }
}

/** Where a life is cut short: before the store's k-th write, or n ms after the postings start. */
export type KillPoint = { atWrite: number } | { afterMs: number } | { never: true };

export type Life = {
  killed: boolean;
  /** The store's writes of a life that ran to the end. */
  writes?: number;
  output: string;
};

/** One life of the product on dataDir, in its own process, ended as the point says. */
export function live(dataDir: string, point: KillPoint): Promise<Life> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/crash/child.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        FACTORY_NOW: TEST_NOW.toISOString(),
        CRASH_DATA_DIR: dataDir,
        ...('atWrite' in point ? { CRASH_AT_WRITE: String(point.atWrite) } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      output += String(d);
      if ('afterMs' in point && !timer && output.includes('FIRING')) {
        // kill -9 from outside, as a person or the OS would.
        timer = setTimeout(() => child.kill('SIGKILL'), point.afterMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (output += String(d)));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') return resolve({ killed: true, output });
      if (code !== 0) return reject(new Error(`crash child exited ${code}:\n${output}`));
      const writes = /DONE writes=(\d+)/.exec(output)?.[1];
      resolve({ killed: false, ...(writes ? { writes: Number(writes) } : {}), output });
    });
  });
}

/**
 * Starts the product again on the data a life left (later than the leases of its requests
 * last), sends every request again with its key, and lists what is inconsistent.
 */
export async function afterRestart(dataDir: string, base: Base): Promise<string[]> {
  const api = await startApi({ dataDir, clock: testClockAfter(LEASE_MS + 60_000) });
  try {
    const requests = scenario(base);
    const answers = await fire(api, requests);
    return await inconsistencies(api, base, requests, answers);
  } finally {
    await api.close();
  }
}

export type PointResult = { point: KillPoint; killed: boolean; problems: string[] };

/** A kill at one point on a fresh copy of the base data, the restart, the retries, the check. */
export async function sweepPoint(
  baseDir: string,
  base: Base,
  point: KillPoint,
): Promise<PointResult> {
  const dir = mkdtempSync(join(tmpdir(), 'erp-crash-'));
  try {
    cpSync(baseDir, dir, { recursive: true });
    const life = await live(dir, point);
    return { point, killed: life.killed, problems: await afterRestart(dir, base) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The scenario's number of durable writes, from a life that is not cut short. */
export async function writesOfScenario(baseDir: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'erp-crash-'));
  try {
    cpSync(baseDir, dir, { recursive: true });
    const life = await live(dir, { never: true });
    if (!life.writes) throw new Error(`the scenario did not finish:\n${life.output}`);
    return life.writes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `count` kill points spread evenly over writes 1..total (always the first and the last). */
export function spreadPoints(total: number, count: number): number[] {
  if (count >= total) return Array.from({ length: total }, (_, i) => i + 1);
  return [
    ...new Set(
      Array.from({ length: count }, (_, i) => 1 + Math.round((i * (total - 1)) / (count - 1))),
    ),
  ];
}
