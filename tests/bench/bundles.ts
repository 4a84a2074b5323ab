// bench:bundles — synthesises the AWS app as `npm run synth` does (every function bundled
// by esbuild), lists every bundle's size and the template's resource count, and measures
// cold starts: each bundle imported in a fresh Node process, and the heaviest area function
// imported and invoked in a fresh process against a local table (embedded DynamoDB in this
// process), median of BENCH_RUNS. Writes the results into docs/BENCHMARKS.md.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { App } from 'aws-cdk-lib';
import { routes } from '@factory/shared';
import { AREAS, areaOfRoute } from '../../functions/src/http/areas.js';
import { mintSessionToken, sessionKeyPair } from '../../functions/src/auth/tokens.js';
import { createTableInput } from '../../functions/src/store/table.js';
import { startLocalDynamo } from '../../functions/local/dynamo/localDynamo.js';
import {
  BUNDLE_LIMIT_BYTES,
  OVER_LIMIT_ALLOWANCES,
  RESOURCE_LIMIT,
  bundleName,
  bundlesOf,
  kib,
  provideRuntimeModules,
} from '../../infra/src/bundles.js';
import { FactoryErpStack } from '../../infra/src/stack.js';
import { busyCores, recordBenchmark } from './record.js';
import { TEST_NOW } from '../testClock.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const log = (line: string) => console.error(`[bench:bundles] ${line}`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;

const busyBefore = await busyCores(2000);
const outdir = mkdtempSync(join(tmpdir(), 'factory-erp-bench-bundles-'));
const removeLink = provideRuntimeModules(outdir);
try {
  log('synthesising (bundles every function)…');
  const cdkJson = JSON.parse(
    readFileSync(new URL('../../infra/cdk.json', import.meta.url), 'utf8'),
  ) as { context: Record<string, unknown> };
  const app = new App({ context: cdkJson.context, outdir });
  const stack = new FactoryErpStack(app, 'FactoryErp');
  const assembly = app.synth();
  const template = assembly.getStackByName(stack.stackName).template as {
    Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  };
  const resourceCount = Object.keys(template.Resources).length;
  const bundles = bundlesOf(template.Resources, outdir);
  const nameOf = bundleName;

  // Import alone, each bundle in fresh processes: module evaluation, schemas built, no request.
  const importScript = `
    const t0 = performance.now();
    const mod = await import(process.argv[1]);
    if (typeof mod.handler !== 'function') throw new Error('no handler');
    console.log(JSON.stringify({ importMs: performance.now() - t0 }));`;
  const importMs = new Map<string, number>();
  for (const b of bundles) {
    const runs: number[] = [];
    for (let i = 0; i < Math.min(RUNS, 5); i++) {
      const r = spawnSync(
        process.execPath,
        ['--input-type=module', '-e', importScript, pathToFileURL(b.file).href],
        { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
      );
      if (r.status !== 0) throw new Error(`${b.description}: ${r.stderr}`);
      runs.push((JSON.parse(r.stdout) as { importMs: number }).importMs);
    }
    importMs.set(b.file, median(runs));
    log(`${nameOf(b.description)}: ${kib(b.bytes)}, import ${ms(median(runs))}`);
  }

  // The heaviest area function, cold: import, then its first request against a local table
  // (auth, validation, SDK client created, one query), then a second (warm) request.
  const areaFiles = new Map(
    Object.keys(AREAS).map((area) => [area, bundles.find((b) => nameOf(b.description) === area)!]),
  );
  const [heaviestArea, heaviest] = [...areaFiles].sort((a, b) => b[1].bytes - a[1].bytes)[0]!;
  const route = routes.find(
    (r) => areaOfRoute(r) === heaviestArea && r.method === 'GET' && !r.path.includes('{'),
  );
  if (!route) throw new Error(`no GET route without parameters in ${heaviestArea}`);

  const dynamo = await startLocalDynamo();
  const tableName = 'factory-erp-bench';
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  client.destroy();
  const secret = 'bench-bundles-session-secret-0123456789abcdef';
  const { token } = await mintSessionToken(
    sessionKeyPair(secret).privateKey,
    { tenant: 'wwbench01', user: 'admin', roles: ['admin'] },
    TEST_NOW,
  );
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: route.path,
    rawQueryString: '',
    headers: { authorization: `Bearer ${token}`, host: 'bench' },
    requestContext: {
      http: { method: 'GET', path: route.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' },
      requestId: 'bench',
      routeKey: '$default',
      stage: '$default',
    },
    isBase64Encoded: false,
  };
  const coldScript = `
    const [url, eventJson] = process.argv.slice(1);
    const t0 = performance.now();
    const { handler } = await import(url);
    const t1 = performance.now();
    const context = (n) => ({ awsRequestId: 'bench-' + n, functionName: 'bench' });
    const first = await handler(JSON.parse(eventJson), context(1));
    const t2 = performance.now();
    const second = await handler(JSON.parse(eventJson), context(2));
    const t3 = performance.now();
    console.log(JSON.stringify({ importMs: t1 - t0, firstMs: t2 - t1, warmMs: t3 - t2,
      status: [first.statusCode, second.statusCode] }));`;
  type Cold = { importMs: number; firstMs: number; warmMs: number; status: number[] };
  const cold: Cold[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>(
      (resolve) => {
        // Not spawnSync: the local table answers from this process meanwhile.
        const child = spawn(
          process.execPath,
          [
            '--input-type=module',
            '-e',
            coldScript,
            pathToFileURL(heaviest.file).href,
            JSON.stringify(event),
          ],
          {
            env: {
              PATH: process.env.PATH ?? '',
              STAGE: 'local',
              TABLE_NAME: tableName,
              DYNAMODB_ENDPOINT: dynamo.endpoint,
              AWS_REGION: 'cn-north-1',
              SESSION_SECRET: secret,
              FACTORY_NOW: TEST_NOW.toISOString(),
              POWERTOOLS_METRICS_DISABLED: 'true',
            },
          },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += String(d)));
        child.stderr.on('data', (d) => (stderr += String(d)));
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      },
    );
    if (r.status !== 0) throw new Error(`cold start run failed: ${r.stderr}`);
    const line = r.stdout.trim().split('\n').pop()!;
    const run = JSON.parse(line) as Cold;
    if (run.status.some((s) => s !== 200)) throw new Error(`cold start answered ${run.status}`);
    cold.push(run);
  }
  await dynamo.close();
  const coldImport = median(cold.map((c) => c.importMs));
  const coldFirst = median(cold.map((c) => c.firstMs));
  const coldTotal = median(cold.map((c) => c.importMs + c.firstMs));
  const warm = median(cold.map((c) => c.warmMs));
  log(
    `${heaviestArea} (${route.id}): import ${ms(coldImport)}, first request ${ms(coldFirst)}, cold start ${ms(coldTotal)}, warm ${ms(warm)}`,
  );

  const over = bundles.filter((b) => !(b.bytes <= BUNDLE_LIMIT_BYTES));
  const results: Record<string, unknown> = {
    busyCoresBefore: `${busyBefore.toFixed(1)} of ${cpus().length}`,
    resources: `${resourceCount} (limit ${RESOURCE_LIMIT})`,
    bundleLimit: `${kib(BUNDLE_LIMIT_BYTES)} minified, AWS SDK from the runtime`,
    bundlesOverLimit: over.length
      ? over
          .map(
            (b) =>
              `${nameOf(b.description)} ${kib(b.bytes)}${OVER_LIMIT_ALLOWANCES[nameOf(b.description)] ? ' (allowance)' : ''}`,
          )
          .join(', ')
      : 'none',
  };
  for (const b of bundles) {
    results[`bundle ${nameOf(b.description)}`] =
      `${kib(b.bytes)}, import ${ms(importMs.get(b.file)!)}`;
  }
  Object.assign(results, {
    coldStartFunction: `${heaviestArea} (heaviest area), ${route.id}: GET ${route.path} with a session token, local table`,
    coldStartMedian: `${ms(coldTotal)} (import ${ms(coldImport)} + first request ${ms(coldFirst)}), median of ${RUNS} fresh processes`,
    warmRequestMedian: ms(warm),
  });
  await recordBenchmark({
    name: 'bench:bundles',
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    results,
  });
  log('written to docs/BENCHMARKS.md');
} finally {
  removeLink();
  rmSync(outdir, { recursive: true, force: true });
}
