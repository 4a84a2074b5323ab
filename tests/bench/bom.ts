import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  type Explosion,
  type ExplosionNode,
  type FactoryFile,
  type ImportSummary,
  type WhereUsed,
  zFactoryFile,
} from '@factory/shared';
import {
  effectiveVersion,
  explode,
  type ExplodeContext,
} from '../../functions/src/domain/bom/index.js';
import { checkFactoryFile, formatPath } from '../../functions/src/domain/factoryFile/index.js';
import { fileLine } from '../../functions/src/usecases/bom/importBoms.js';
import { prng, syntheticFactory, treeStats } from './bomGenerator.js';
import { busyCores, recordBenchmark } from './record.js';

/**
 * bench:bom — BOM explosion and where-used at catalogue scale.
 * 1. Generates a synthetic factory (20,000 items; one top item with 2,000 BOM lines over 10
 *    levels) and checks it as an import would (zod shape and checkFactoryFile).
 * 2. Times the pure domain explosion of the top item, in memory, no store.
 * 3. Starts the product as `npm start` does (embedded DynamoDB persisted on disk, gateway,
 *    handlers) in a child process, imports the file through POST /api/imports, then times
 *    where-used (single level and all levels) for a sample of components, one client at a
 *    time and with a few concurrent clients, and the top item's explosion end to end.
 * Missed aims are reported, not failed; only errors exit non-zero.
 */
const SEED = Number(process.env.BENCH_SEED ?? 20261201);
const EXPLODE_RUNS = Number(process.env.BENCH_EXPLODE_RUNS ?? 200);
const API_EXPLOSIONS = Number(process.env.BENCH_API_EXPLOSIONS ?? 20);
/** Components sampled for where-used: half purchased parts, half sub-assemblies. */
const SAMPLE = Number(process.env.BENCH_WHERE_USED ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const TENANT = 'wwbenchbom';
const TOP_LINES = 2_000;
const DEPTH = 10;

const runStarted = performance.now();
// The machine may be shared: note how busy its cores were just before, as the numbers depend on it.
const busyCoresAtStart = await busyCores(1000);
const log = (line: string) => console.error(`[bench:bom] ${line}`);

// ---- 1. the file --------------------------------------------------------------------------
let t = performance.now();
const generated = syntheticFactory({ seed: SEED, topLines: TOP_LINES, depth: DEPTH });
const generateMs = performance.now() - t;
t = performance.now();
const file = validated(generated.file);
const validateMs = performance.now() - t;
const top = generated.top;
const stats = treeStats(file, top);
if (stats.lines !== TOP_LINES || stats.depth !== DEPTH)
  throw new Error(`generated top item has ${stats.lines} lines over ${stats.depth} levels`);
const body = JSON.stringify(file);
const allLines = (file.boms ?? []).reduce((n, b) => n + b.lines.length, 0);
log(
  `file: ${file.items.length} items, ${file.boms?.length ?? 0} BOMs, ${allLines} lines, ` +
    `${(body.length / 2 ** 20).toFixed(1)} MiB; ${top}: ${stats.lines} lines in ${stats.boms} BOMs, ${stats.depth} levels`,
);

// ---- 2. the domain core -----------------------------------------------------------------
const ctx = explosionContext(file, file.runDate);
for (let i = 0; i < 20; i++) explode(top, '10', ctx);
const explodeTimes: number[] = [];
let exploded!: ReturnType<typeof explode>;
for (let i = 0; i < EXPLODE_RUNS; i++) {
  const start = performance.now();
  exploded = explode(top, '10', ctx);
  explodeTimes.push(performance.now() - start);
}
const shape = treeShape(exploded.tree);
const treeLines = [...shape.parents].reduce((n, p) => n + ctx.bom(p)!.lines.length, 0);
if (treeLines !== TOP_LINES || shape.maxLevel !== DEPTH)
  throw new Error(`explosion covers ${treeLines} lines over ${shape.maxLevel} levels`);
log(`domain explode: p50 ${pct(explodeTimes, 0.5)} ms over ${EXPLODE_RUNS} runs`);

// ---- 3. through the local API -------------------------------------------------------------
const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'bench-bom-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'functions/local/start.ts'], {
  cwd: root,
  env: { ...process.env, DATA_DIR: dataDir, PORT: '0', DYNAMO_PORT: '0', NODE_OPTIONS: '' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
server.stdout!.on('data', (d) => (out += String(d)));

try {
  const base = await waitForUrl();
  const admin = await devToken(base, 'admin');
  const reader = await devToken(base, 'wuhao');

  log('importing through POST /api/imports ...');
  t = performance.now();
  const imported = await fetch(`${base}/api/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body,
  });
  const importText = await imported.text();
  const importSeconds = (performance.now() - t) / 1000;
  if (imported.status !== 201)
    throw new Error(`import: ${imported.status} ${importText.slice(0, 2000)}`);
  const summary = JSON.parse(importText) as ImportSummary;
  if (summary.counts.items !== file.items.length || summary.counts.boms !== file.boms?.length)
    throw new Error(`import counts: ${JSON.stringify(summary.counts)}`);
  log(`imported in ${importSeconds.toFixed(1)} s`);

  const get = async (path: string): Promise<{ ms: number; text: string }> => {
    const start = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${reader}` } });
    const text = await res.text();
    const ms = performance.now() - start;
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 500)}`);
    return { ms, text };
  };

  // The explosion end to end, for reference (the same tree as the domain's).
  const explosionPath = `/api/boms/${top}/explosion?qty=10`;
  const first = await get(explosionPath);
  const apiTree = (JSON.parse(first.text) as Explosion).tree;
  if (treeShape(apiTree).nodes !== shape.nodes)
    throw new Error(`API explosion has ${treeShape(apiTree).nodes} nodes, domain ${shape.nodes}`);
  await get(explosionPath);
  const apiExplosionTimes: number[] = [];
  for (let i = 0; i < API_EXPLOSIONS; i++) apiExplosionTimes.push((await get(explosionPath)).ms);
  log(`API explosion: p50 ${pct(apiExplosionTimes, 0.5)} ms`);

  // Where-used over a sample of components, checked against the file.
  const usage = usersOf(file);
  const random = prng(SEED + 1);
  const sampleOf = (list: string[], n: number) => {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  };
  const purchasedUsed = generated.purchased.filter((c) => (usage.get(c)?.size ?? 0) >= 3);
  const midAssemblies = [...generated.height]
    .filter(([c, h]) => h >= 3 && h <= 7 && (usage.get(c)?.size ?? 0) >= 1)
    .map(([c]) => c);
  const sample = [
    ...sampleOf(purchasedUsed, Math.ceil(SAMPLE / 2)).map((c) => ({ c, kind: 'part' as const })),
    ...sampleOf(midAssemblies, Math.floor(SAMPLE / 2)).map((c) => ({ c, kind: 'assy' as const })),
  ];
  const order = sampleOf(
    sample.map((_, i) => String(i)),
    sample.length,
  ).map(Number);
  const components = order.map((i) => sample[i]!);

  const whereUsed: Record<string, number> = {};
  const allEntries: number[] = [];
  const byKind: Record<'part' | 'assy', number[]> = { part: [], assy: [] };
  for (const levels of ['single', 'all'] as const) {
    for (const clients of [1, CONCURRENCY]) {
      log(`where-used levels=${levels}, ${clients} client(s), ${components.length} components ...`);
      const started = performance.now();
      const times = await pool(components, clients, async ({ c, kind }) => {
        const res = await get(`/api/boms/${c}/where-used?levels=${levels}`);
        const entries = (JSON.parse(res.text) as WhereUsed).entries.length;
        const expected = levels === 'single' ? usage.get(c)!.size : ancestors(usage, c);
        if (entries !== expected)
          throw new Error(
            `where-used ${c} levels=${levels}: ${entries} entries, expected ${expected}`,
          );
        if (levels === 'all' && clients === 1) {
          allEntries.push(entries);
          byKind[kind].push(res.ms);
        }
        return res.ms;
      });
      const seconds = (performance.now() - started) / 1000;
      const key = `whereUsed${levels === 'single' ? 'Single' : 'All'}${clients === 1 ? 'Seq' : `C${clients}`}`;
      whereUsed[`${key}P50ms`] = pct(times, 0.5);
      whereUsed[`${key}P95ms`] = pct(times, 0.95);
      whereUsed[`${key}MaxMs`] = pct(times, 1);
      if (clients > 1) whereUsed[`${key}PerSecond`] = Math.round(times.length / seconds);
    }
  }
  // The most used part of all, levels=all: the worst case a user can ask for.
  const [worst, worstUsers] = [...usage]
    .filter(([c]) => !generated.height.has(c))
    .map(([c, users]) => [c, users.size] as const)
    .reduce((a, b) => (b[1] > a[1] ? b : a));
  const worstTimes: number[] = [];
  for (let i = 0; i < 5; i++)
    worstTimes.push((await get(`/api/boms/${worst}/where-used?levels=all`)).ms);

  const line = {
    name: 'bench:bom',
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    results: {
      server: 'child process, embedded DynamoDB on LevelDB (as npm start)',
      busyCoresAtStart,
      catalogueItems: file.items.length,
      catalogueBoms: file.boms?.length ?? 0,
      catalogueBomLines: allLines,
      fileMiB: Number((body.length / 2 ** 20).toFixed(1)),
      topItem: top,
      topBomLines: treeLines,
      topBoms: shape.parents.size,
      topLevels: shape.maxLevel,
      explosionNodes: shape.nodes,
      explosionFlatItems: exploded.flat.length,
      generateMs: round(generateMs),
      validateMs: round(validateMs),
      explodeRuns: EXPLODE_RUNS,
      explodeP50ms: pct(explodeTimes, 0.5),
      explodeP95ms: pct(explodeTimes, 0.95),
      explodeMaxMs: pct(explodeTimes, 1),
      importSeconds: round(importSeconds),
      apiExplosionRuns: API_EXPLOSIONS,
      apiExplosionP50ms: pct(apiExplosionTimes, 0.5),
      apiExplosionP95ms: pct(apiExplosionTimes, 0.95),
      apiExplosionKiB: Math.round(first.text.length / 1024),
      whereUsedSample: `${byKind.part.length} purchased parts with 3+ users, ${byKind.assy.length} sub-assemblies of height 3-7`,
      ...whereUsed,
      whereUsedAllPartsP95ms: pct(byKind.part, 0.95),
      whereUsedAllAssembliesP95ms: pct(byKind.assy, 0.95),
      whereUsedAllEntriesMean: Math.round(
        allEntries.reduce((a, b) => a + b, 0) / allEntries.length,
      ),
      whereUsedAllEntriesMax: Math.max(...allEntries),
      worstWhereUsedAll: `${worst} (${worstUsers} direct users, ${ancestors(usage, worst)} entries): p50 ${pct(worstTimes, 0.5)} ms`,
      runSeconds: round((performance.now() - runStarted) / 1000),
    },
  };
  console.log(JSON.stringify(line, null, 2));
  await recordBenchmark(line);
} finally {
  server.kill('SIGINT');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}

// ---- helpers ------------------------------------------------------------------------------

/** The file as an import sees it: zod shape, then every domain check. Fails loudly. */
function validated(raw: FactoryFile): FactoryFile {
  const parsed = zFactoryFile.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 20)
      .map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`generated file does not pass zFactoryFile:\n${issues.join('\n')}`);
  }
  const problems = checkFactoryFile(parsed.data);
  if (problems.length) {
    const issues = problems.slice(0, 20).map((p) => `  ${formatPath(p.path)}: ${p.message}`);
    throw new Error(
      `generated file fails checkFactoryFile (${problems.length} problems):\n${issues.join('\n')}`,
    );
  }
  return parsed.data;
}

/** What explodeItem gives `explode`, built from the file instead of the store. */
function explosionContext(f: FactoryFile, date: string): ExplodeContext {
  const items = new Map(f.items.map((i) => [i.code, { source: i.source, name: i.name }]));
  const byParent = new Map<string, NonNullable<FactoryFile['boms']>>();
  for (const b of f.boms ?? []) byParent.set(b.parent, [...(byParent.get(b.parent) ?? []), b]);
  const boms = new Map<string, { version: string; lines: ReturnType<typeof fileLine>[] }>();
  for (const [parent, versions] of byParent) {
    const current = effectiveVersion(
      versions.map((v) => ({ ...v, status: 'approved' as const })),
      date,
    );
    if (current) boms.set(parent, { version: current.version, lines: current.lines.map(fileLine) });
  }
  return { item: (code) => items.get(code), bom: (parent) => boms.get(parent) };
}

function treeShape(tree: ExplosionNode): { nodes: number; maxLevel: number; parents: Set<string> } {
  let nodes = 0;
  let maxLevel = 0;
  const parents = new Set<string>();
  const stack = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    nodes++;
    maxLevel = Math.max(maxLevel, node.level);
    if (node.children.length) parents.add(node.item);
    stack.push(...node.children);
  }
  return { nodes, maxLevel, parents };
}

/** component -> the parents whose BOM lists it, as a component or a substitute. */
function usersOf(f: FactoryFile): Map<string, Set<string>> {
  const users = new Map<string, Set<string>>();
  const add = (c: string, parent: string) => {
    const set = users.get(c) ?? new Set<string>();
    set.add(parent);
    users.set(c, set);
  };
  for (const b of f.boms ?? [])
    for (const l of b.lines) {
      add(l.component, b.parent);
      for (const s of l.substitutes ?? []) add(s.item, b.parent);
    }
  return users;
}

/** How many distinct items are above a component, all levels up. */
function ancestors(users: Map<string, Set<string>>, component: string): number {
  const seen = new Set<string>([component]);
  const queue = [component];
  for (let i = 0; i < queue.length; i++)
    for (const p of users.get(queue[i]!) ?? [])
      if (!seen.has(p)) {
        seen.add(p);
        queue.push(p);
      }
  return seen.size - 1;
}

async function pool<T>(list: T[], clients: number, run: (t: T) => Promise<number>) {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < list.length) times.push(await run(list[next++]!));
    }),
  );
  return times;
}

function pct(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!);
}

function round(n: number): number {
  return Number(n.toFixed(1));
}

async function waitForUrl(): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = /API\s+(http:\/\/\S+)\/api/.exec(out);
    if (m) return m[1]!;
    if (server.exitCode !== null) throw new Error(`server exited:\n${out}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function devToken(base: string, user: string): Promise<string> {
  const res = await fetch(`${base}/api/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, tenant: TENANT }),
  });
  if (res.status !== 200) throw new Error(`dev token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}
