import { cpus, totalmem } from 'node:os';
import { ensureH5Build } from '../../functions/local/miniapp.js';
import { startRuntime } from '../../functions/local/runtime.js';
import { launchBrowser } from '../e2e/browser.js';
import { testClock } from '../testClock.js';
import { recordBenchmark } from './record.js';

/**
 * `npm run bench:firstload`: the H5 mini-program's first load on a phone over a simulated 4G
 * link (Chrome DevTools' "Fast 4G" profile: 9 Mbit/s down, 1.5 Mbit/s up, 60 ms latency, and
 * 4× CPU slowdown as for a mid-range phone), cold cache, at 390×844. Measures what the login
 * page (the first page) downloads — scripts and styles as sent on the wire (compressed) and
 * as files — and its first contentful paint, median of 5 cold loads.
 * Aims (issue 18): first page's JS ≤ 200 KB on the wire; FCP ≤ 1 s.
 */
const RUNS = 5;
const args = new Set(process.argv.slice(2));

await ensureH5Build((line) => console.log(line));
const runtime = await startRuntime({
  seedDemo: true,
  serveMiniapp: true,
  wecom: {},
  clock: testClock(),
});
const browser = await launchBrowser();
try {
  const results: {
    fcp: number;
    jsWire: number;
    jsFiles: number;
    cssWire: number;
    requests: number;
  }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 60,
      downloadThroughput: (9 * 1024 * 1024) / 8,
      uploadThroughput: (1.5 * 1024 * 1024) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const sizes = new Map<string, { type: string; wire: number; url: string }>();
    cdp.on('Network.responseReceived', (e) =>
      sizes.set(e.requestId, { type: e.type, wire: 0, url: e.response.url }),
    );
    cdp.on('Network.loadingFinished', (e) => {
      const s = sizes.get(e.requestId);
      if (s) s.wire = e.encodedDataLength;
    });
    const lengths = new Map<string, number>();
    page.on('response', (r) => {
      void r
        .body()
        .then((b) => lengths.set(r.url(), b.length))
        .catch(() => undefined);
    });
    await page.goto(`${runtime.appUrl!}#/pages/login/index/index`, { waitUntil: 'networkidle' });
    const fcp = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1,
    );
    const all = [...sizes.values()];
    const sum = (type: string, pick: (s: { wire: number; url: string }) => number) =>
      all.filter((s) => s.type === type).reduce((n, s) => n + pick(s), 0);
    results.push({
      fcp,
      jsWire: sum('Script', (s) => s.wire),
      jsFiles: sum('Script', (s) => lengths.get(s.url) ?? 0),
      cssWire: sum('Stylesheet', (s) => s.wire),
      requests: all.length,
    });
    await context.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const fcp = median(results.map((r) => r.fcp));
  const jsWire = median(results.map((r) => r.jsWire));
  const out = {
    profile: 'Fast 4G: 9 Mbit/s down, 1.5 Mbit/s up, 60 ms RTT; CPU 4× slower; cold cache',
    page: 'login (the first page)',
    runs: RUNS,
    fcpMedianMs: Math.round(fcp),
    fcpAll: results.map((r) => Math.round(r.fcp)).join(', '),
    jsOnWire: kb(jsWire),
    jsFiles: kb(median(results.map((r) => r.jsFiles))),
    cssOnWire: kb(median(results.map((r) => r.cssWire))),
    requests: median(results.map((r) => r.requests)),
    aimJs: `≤ 200 KB on the wire: ${jsWire <= 200 * 1024 ? 'met' : 'missed'}`,
    aimFcp: `≤ 1000 ms: ${fcp <= 1000 ? 'met' : 'missed'}`,
  };
  for (const [k, v] of Object.entries(out)) console.log(`${k.padEnd(12)} ${String(v)}`);
  if (!args.has('--no-record')) {
    await recordBenchmark({
      name: 'bench:firstload',
      date: new Date().toISOString().slice(0, 10),
      machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      results: out,
    });
  }
} finally {
  await browser.close();
  await runtime.close();
}
