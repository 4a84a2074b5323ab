import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { recordBenchmark } from './record.js';

/**
 * bench:reads — the list and read routes through the local runtime on the demo factory.
 * Starts the product as `npm start` does (tests/bench/readsServer.ts: embedded DynamoDB on
 * disk, gateway, handlers, demo factory seeded) in a child process, warms every route up (an
 * area's first request loads its module, as a Lambda cold start does), then 8 concurrent
 * clients (`BENCH_CLIENTS`) each send `BENCH_REQUESTS` requests to every route, in an order
 * shuffled per client, one request at a time (keep-alive). Reports exact p50 / p95 / max per
 * route; the aim is p95 under 100 ms. BENCH_ROUTES narrows the routes (profiling one), and
 * BENCH_SERVER_NODE_OPTIONS passes options to the server (`--cpu-prof --cpu-prof-dir=…`).
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50);
const AIM_P95_MS = 100;

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'bench-reads-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/readsServer.ts'], {
  cwd: root,
  env: {
    ...process.env,
    DATA_DIR: dataDir,
    NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? '',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
server.stdout!.on('data', (d) => (out += String(d)));

type Route = { name: string; path: string; token: string };

try {
  const base = await waitForUrl();
  const admin = await devToken(base, 'admin');
  const manager = await devToken(base, 'zhoujun');
  const first = async (path: string, field: string) => {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${admin}` } });
    const body = (await res.json()) as { items: Record<string, string>[] };
    const value = body.items[0]?.[field];
    if (res.status !== 200 || !value) throw new Error(`${path}: ${res.status} no ${field}`);
    return encodeURIComponent(value);
  };
  const so = await first('/api/sales-orders?limit=1', 'no');
  const po = await first('/api/purchase-orders?limit=1', 'no');
  const mo = await first('/api/task-orders?limit=1', 'no');
  const all: Route[] = [
    { name: 'items.list', path: '/api/items?limit=50', token: admin },
    { name: 'stock.balances', path: '/api/stock/balances?warehouse=RM&limit=50', token: admin },
    { name: 'salesOrders.list', path: '/api/sales-orders?limit=50', token: admin },
    { name: 'salesOrders.get', path: `/api/sales-orders/${so}`, token: admin },
    { name: 'purchaseOrders.list', path: '/api/purchase-orders?limit=50', token: admin },
    { name: 'purchaseOrders.get', path: `/api/purchase-orders/${po}`, token: admin },
    { name: 'taskOrders.list', path: '/api/task-orders?limit=50', token: admin },
    { name: 'taskOrders.get', path: `/api/task-orders/${mo}`, token: admin },
    { name: 'approvals.inbox', path: '/api/approvals/inbox', token: manager },
    { name: 'forecasts.list', path: '/api/forecasts?limit=50', token: admin },
  ];
  // BENCH_ROUTES=items.list,taskOrders.list: only these (to profile one route).
  const only = process.env.BENCH_ROUTES?.split(',');
  const routes = only ? all.filter((r) => only.includes(r.name)) : all;

  // Warm-up: every area's module loaded, every route answered once per client.
  const cold = new Map<string, number>();
  for (const r of routes) cold.set(r.name, await timed(base, r));
  await Promise.all(
    Array.from({ length: CLIENTS }, () => Promise.all(routes.map((r) => timed(base, r)))),
  );

  const loadBefore = loadavg()[0]!;
  const times = new Map<string, number[]>(routes.map((r) => [r.name, []]));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      const order = shuffled(
        routes.flatMap((r) => Array.from({ length: REQUESTS }, () => r)),
        c + 1,
      );
      for (const r of order) times.get(r.name)!.push(await timed(base, r));
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  const results: Record<string, string> = {
    // Other work on the machine takes cores from the server: say how busy it was.
    'machine load (1 min) before / after': `${loadBefore.toFixed(1)} / ${loadavg()[0]!.toFixed(1)}`,
    clients: String(CLIENTS),
    'requests per route and client': String(REQUESTS),
    'requests per second (all routes)': String(
      Math.round((CLIENTS * REQUESTS * routes.length) / seconds),
    ),
  };
  const missed: string[] = [];
  for (const r of routes) {
    const t = times.get(r.name)!.sort((a, b) => a - b);
    const p95 = pct(t, 0.95);
    if (p95 >= AIM_P95_MS) missed.push(r.name);
    results[`${r.name} p50 / p95 / max ms (first)`] =
      `${pct(t, 0.5)} / ${p95} / ${t[t.length - 1]!.toFixed(1)} (${cold.get(r.name)!.toFixed(0)})`;
  }
  results[`p95 < ${AIM_P95_MS} ms`] = missed.length ? `missed: ${missed.join(', ')}` : 'met';
  const line = {
    name: 'bench:reads',
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    results,
  };
  console.log(JSON.stringify(line, null, 2));
  if (!process.env.BENCH_NO_RECORD) await recordBenchmark(line);
} finally {
  server.kill('SIGINT');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}

/** One request, answered in full; its time in ms (a non-200 answer stops the bench). */
async function timed(base: string, r: Route): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${base}${r.path}`, { headers: { authorization: `Bearer ${r.token}` } });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${r.name}: ${res.status} ${text.slice(0, 300)}`);
  return ms;
}

function pct(sorted: number[], p: number): number {
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!.toFixed(1));
}

/** A fixed shuffle per client (mulberry32), so runs are comparable. */
function shuffled<T>(list: T[], seed: number): T[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function waitForUrl(): Promise<string> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const m = /API\s+(http:\/\/\S+)\/api/.exec(out);
    if (m) return m[1]!;
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function devToken(base: string, user: string): Promise<string> {
  const res = await fetch(`${base}/api/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  return ((await res.json()) as { token: string }).token;
}
