import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordBenchmark } from './record.js';

/**
 * `npm run size:miniapp`: builds the weapp package and prints the size of the main package,
 * of each subpackage and the total, as WeCom counts them (the files of each package root).
 * Limits: 2 MB per package (WeChat's rule, which WeCom ships); our aim for the main package
 * is under 1.2 MB. Exits 1 when a package is over 2 MB. `--no-build` measures the last build,
 * `--no-record` leaves docs/BENCHMARKS.md alone.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(root, 'miniapp', 'dist', 'weapp');
const AIM_MAIN = 1.2 * 1024 * 1024;
const LIMIT = 2 * 1024 * 1024;
const args = new Set(process.argv.slice(2));

if (!args.has('--no-build')) {
  const started = Date.now();
  const build = spawnSync('npm', ['run', '--silent', 'build:weapp', '-w', 'miniapp'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) {
    console.error('weapp build failed');
    process.exit(1);
  }
  console.log(`weapp build: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as {
  subPackages?: { root: string }[];
  subpackages?: { root: string }[];
};
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));

const sizes = new Map<string, number>([['main', 0], ...subRoots.map((r) => [r, 0] as const)]);
let files = 0;
for (const file of walk(dist)) {
  const rel = relative(dist, file).split(sep).join('/');
  const owner = subRoots.find((r) => rel.startsWith(`${r}/`)) ?? 'main';
  sizes.set(owner, (sizes.get(owner) ?? 0) + statSync(file).size);
  files++;
}
const total = [...sizes.values()].reduce((a, b) => a + b, 0);
const main = sizes.get('main') ?? 0;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const rows: [string, string][] = [
  ['main package', kb(main)],
  ...subRoots.map((r): [string, string] => [`subpackage ${r}`, kb(sizes.get(r) ?? 0)]),
  ['total', kb(total)],
];
for (const [name, value] of rows) console.log(`${name.padEnd(32)} ${value.padStart(12)}`);
console.log(
  `main package ${main <= AIM_MAIN ? 'within' : 'OVER'} the 1.2 MB aim (${((main / AIM_MAIN) * 100).toFixed(0)}%)`,
);

const over = [...sizes.entries()].filter(([, size]) => size > LIMIT);
for (const [name, size] of over)
  console.error(`${name} is over the 2 MB package limit: ${kb(size)}`);

if (!args.has('--no-record')) {
  await recordBenchmark({
    name: 'size:miniapp',
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    results: {
      build: 'Taro 4.2.1 weapp, production (npm run build:weapp -w miniapp)',
      files,
      ...Object.fromEntries(rows),
      aimMainPackage: '< 1.2 MB',
    },
  });
  console.log('recorded in docs/BENCHMARKS.md');
}
process.exit(over.length ? 1 : 0);

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}
