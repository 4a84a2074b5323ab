import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { recordBenchmark } from './record.js';

/**
 * bench:ledger — stock postings per second and latency through the local gateway.
 * Starts the product as `npm start` does (embedded DynamoDB on disk, gateway, handlers) in a
 * child process, seeds items with stock, then 32 concurrent clients post single-line issues,
 * each with its own Idempotency-Key, as the mini-program does.
 */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 20);
const ITEMS = 200;

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'bench-ledger-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'functions/local/start.ts'], {
  cwd: root,
  env: { ...process.env, DATA_DIR: dataDir, PORT: '0', DYNAMO_PORT: '0', NODE_OPTIONS: '' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
server.stdout!.on('data', (d) => (out += String(d)));

try {
  const base = await waitForUrl();
  const token = await devToken(base);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  await seed(base, headers);

  let n = 0;
  const latencies: number[] = [];
  let finish!: (r: autocannon.Result) => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<autocannon.Result>(
    (resolve, reject) => ((finish = resolve), (fail = reject)),
  );
  const instance = autocannon(
    {
      url: base,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: [
        {
          method: 'POST',
          path: '/api/stock/issues',
          setupRequest: (req) => {
            const i = n++;
            return {
              ...req,
              headers: { ...headers, 'idempotency-key': `bench-${process.pid}-${i}` },
              body: JSON.stringify({
                date: '2026-11-25',
                reason: 'production',
                lines: [{ item: `BENCH-${i % ITEMS}`, warehouse: 'RM', qty: '1' }],
              }),
            };
          },
        },
      ],
    },
    (err, res) => (err ? fail(err) : finish(res)),
  );
  // autocannon's own percentiles skip p95; keep every response time and compute exact ones.
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) =>
    latencies.push(ms),
  );
  const result = await done;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    Number(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(1));
  const ok = result['2xx'];
  const failed = result.non2xx + result.errors + result.timeouts;
  const line = {
    name: 'bench:ledger',
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    results: {
      connections: CONNECTIONS,
      seconds: DURATION_S,
      postings: ok,
      failed,
      postingsPerSecond: Math.round(ok / DURATION_S),
      p50ms: pct(0.5),
      p95ms: pct(0.95),
      p99ms: pct(0.99),
    },
  };
  console.log(JSON.stringify(line, null, 2));
  await recordBenchmark(line);
  if (failed > 0) process.exitCode = 1;
} finally {
  server.kill('SIGINT');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}

async function waitForUrl(): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = /API\s+(http:\/\/\S+)\/api/.exec(out);
    if (m) return m[1]!;
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function devToken(base: string): Promise<string> {
  const res = await fetch(`${base}/api/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'wangqiang', tenant: 'wwbench1' }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function seed(base: string, headers: Record<string, string>): Promise<void> {
  const admin = await fetch(`${base}/api/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'admin', tenant: 'wwbench1' }),
  });
  const adminHeaders = {
    ...headers,
    authorization: `Bearer ${((await admin.json()) as { token: string }).token}`,
  };
  const post = async (path: string, body: unknown, h: Record<string, string> = adminHeaders) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  };
  await post('/api/units', { code: 'pcs', name: '个', precision: 0 });
  await post('/api/warehouses', { code: 'RM', name: '原料仓', kind: 'normal' });
  for (let i = 0; i < ITEMS; i++) {
    await post('/api/items', {
      code: `BENCH-${i}`,
      name: `压测物料${i}`,
      unit: 'pcs',
      precision: 0,
      source: 'purchased',
    });
  }
  await post(
    '/api/stock/receipts',
    {
      date: '2026-11-25',
      reason: 'opening',
      lines: Array.from({ length: ITEMS }, (_, i) => ({
        item: `BENCH-${i}`,
        warehouse: 'RM',
        qty: '1000000',
      })),
    },
    headers,
  );
}
