import {
  AppError,
  type Kitting,
  toFieldIssues,
  zFactoryFile,
  zKittingQuery,
} from '@factory/shared';
import { DEMO_TENANT, demoSession } from '../auth/demoUsers.js';
import { getDeps } from '../deps.js';
import { checkFactoryFile } from '../domain/factoryFile/index.js';
import { mrpInputFromFile, type PlanningResult } from '../domain/mrp/index.js';
import { importFactoryFile } from '../usecases/imports.js';
import { kitting } from '../usecases/mrp/analysis.js';
import {
  currentResult,
  getRun,
  resultSegments,
  startRun,
  type StoredPlannedOrder,
} from '../usecases/mrp/run.js';
import { type Args, readCheckedFile, reportIssues } from './args.js';
import { callRunningApi, openLocalStore } from './localStore.js';
import { writePlanningJson } from './printResult.js';

const PLAN_TENANT = 'wwplanfile';

/**
 * `plan FILE --json`: the file is imported into a throwaway in-memory store, the real MRP
 * workflow runs over it, and the planning result is printed in the documented shape.
 */
export async function planCommand(args: Args): Promise<number> {
  const path = args.positional[0];
  if (!path) throw new AppError('request.invalid', '用法：cli plan FILE [--json] [--horizon DAYS]');
  const file = readCheckedFile(path, zFactoryFile, checkFactoryFile);
  if ('issues' in file) return reportIssues(file.issues);

  const { startRuntime } = await import('../../local/runtime.js');
  const runtime = await startRuntime({ port: 0, outbox: { paused: true } });
  phase('read, check and start');
  try {
    const deps = getDeps();
    // The store is planned and thrown away: BOM indexes nothing here reads are not written.
    await importFactoryFile(deps, demoSession('admin', PLAN_TENANT)!, file.data, {
      bomIndexes: false,
      checked: true,
    });
    phase('import');
    const horizon = args.flags.get('horizon');
    const horizonDays = horizon ? Number(horizon) : mrpInputFromFile(file.data).horizonDays;
    return await runAndPrint(
      runtime.workflows,
      PLAN_TENANT,
      { runDate: file.data.runDate, horizonDays },
      args.flags.has('json'),
    );
  } finally {
    await runtime.close();
    phase('close');
  }
}

/**
 * With FACTORY_CLI_TIMINGS=1 each phase's wall and CPU time goes to stderr (bench:plan reads
 * it); the planning result on stdout is the same either way.
 */
const timings = process.env.FACTORY_CLI_TIMINGS === '1';
let last = { at: performance.now(), cpu: process.cpuUsage() };
function phase(name: string): void {
  if (!timings) return;
  const cpu = process.cpuUsage(last.cpu);
  const ms = performance.now() - last.at;
  process.stderr.write(
    `[timing] ${name}: ${Math.round(ms)} ms wall, ${Math.round((cpu.user + cpu.system) / 1000)} ms cpu\n`,
  );
  last = { at: performance.now(), cpu: process.cpuUsage() };
}

/** `mrp --json`: a run over the local store (the demo tenant unless --tenant). */
export async function mrpCommand(args: Args): Promise<number> {
  const tenant = String(args.flags.get('tenant') ?? DEMO_TENANT);
  const json = args.flags.has('json');
  const horizon = args.flags.get('horizon');
  const request = horizon ? { horizonDays: Number(horizon) } : {};
  const runtime = await openLocalStore();
  if (!runtime) return mrpOverHttp(tenant, request, json);
  try {
    return await runAndPrint(runtime.workflows, tenant, request, json);
  } finally {
    await runtime.close();
  }
}

/** npm start holds the store: start the run through its API and wait for it. */
async function mrpOverHttp(
  tenant: string,
  request: { horizonDays?: number },
  json: boolean,
): Promise<number> {
  const started = await callRunningApi<{ runId: string }>(
    'POST',
    '/api/mrp/runs',
    tenant,
    'lina',
    request,
  );
  for (;;) {
    const run = await callRunningApi<{ status: string; error?: string }>(
      'GET',
      `/api/mrp/runs/${started.body.runId}`,
      tenant,
      'lina',
    );
    if (run.body.status === 'failed') {
      process.stderr.write(`MRP 运行失败：${run.body.error ?? ''}\n`);
      return 1;
    }
    if (run.body.status === 'completed') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const result = await callRunningApi<{
    runId: string;
    runDate: string;
    plannedOrders: (StoredPlannedOrder & { released: unknown })[];
    exceptions: unknown[];
  }>('GET', `/api/mrp/planned-orders?runId=${started.body.runId}`, tenant, 'lina');
  print(
    {
      runDate: result.body.runDate,
      plannedOrders: result.body.plannedOrders.map(({ id: _id, released: _r, ...o }) => o),
      exceptions: result.body.exceptions as PlanningResult['exceptions'],
    },
    started.body.runId,
    json,
  );
  return 0;
}

/** `kitting ITEM QTY --json`: kitting analysis over the local store. */
export async function kittingCommand(args: Args): Promise<number> {
  const [item, quantity] = args.positional;
  if (!item || !quantity)
    throw new AppError('request.invalid', '用法：cli kitting ITEM QTY [--json] [--tenant T]');
  const tenant = String(args.flags.get('tenant') ?? DEMO_TENANT);
  const query = zKittingQuery.safeParse({ item, qty: quantity });
  if (!query.success) return reportIssues(toFieldIssues(query.error));
  const runtime = await openLocalStore();
  let result: Kitting;
  if (runtime) {
    try {
      result = await kitting(getDeps(), demoSession('lina', tenant)!, query.data);
    } finally {
      await runtime.close();
    }
  } else {
    const res = await callRunningApi<Kitting & { error?: { code: string; message: string } }>(
      'GET',
      `/api/mrp/kitting?item=${encodeURIComponent(item)}&qty=${encodeURIComponent(quantity)}`,
      tenant,
      'lina',
    );
    if (res.status !== 200)
      throw new AppError(res.body.error!.code as never, res.body.error!.message);
    result = res.body;
  }
  if (args.flags.has('json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    process.stdout.write(
      `${result.item} × ${result.qty}（${result.date}）：可齐套 ${result.buildable} 套（用替代料 ${result.buildableWithSubstitutes} 套）${result.complete ? '，齐套' : ''}\n`,
    );
    for (const c of result.components) {
      const subs = c.substitutes.map((x) => `${x.item} ${x.qty} 替 ${x.covers}`).join('，');
      process.stdout.write(
        `  ${c.path.join(' > ').padEnd(40)} 需求 ${c.required.padStart(10)} 可用 ${c.available.padStart(10)} 缺 ${c.short.padStart(10)}${subs ? `  替代料：${subs}` : ''}\n`,
      );
    }
  }
  return 0;
}

async function runAndPrint(
  workflows: { idle(): Promise<void> },
  tenant: string,
  request: { runDate?: string; horizonDays?: number },
  json: boolean,
): Promise<number> {
  const deps = getDeps();
  const planner = demoSession('lina', tenant)!;
  const run = await startRun(deps, planner, { horizonDays: 90, ...request });
  await workflows.idle();
  phase('MRP run');
  const finished = await getRun(deps, planner, run.runId);
  if (finished.status !== 'completed') {
    process.stderr.write(`MRP 运行失败：${finished.error ?? finished.status}\n`);
    return 1;
  }
  if (json) {
    // The result is printed as it is read, segment by segment (see printResult.ts).
    const segments = await resultSegments(deps, tenant, run.runId);
    phase('read the result');
    await writePlanningJson((text) => process.stdout.write(text), segments!);
    phase('print');
    return 0;
  }
  const result = await currentResult(deps, tenant, run.runId);
  phase('read the result');
  print(
    {
      runDate: result!.runDate,
      plannedOrders: result!.plannedOrders.map(({ id: _id, ...o }) => o),
      exceptions: result!.exceptions,
    },
    run.runId,
    json,
  );
  phase('print');
  return 0;
}

function print(shaped: PlanningResult, runId: string, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(shaped, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `运行 ${runId}（${shaped.runDate}）：${shaped.plannedOrders.length} 个计划订单，${shaped.exceptions.length} 条例外\n`,
  );
  for (const o of shaped.plannedOrders) {
    process.stdout.write(
      `  ${o.type.padEnd(14)} ${o.item.padEnd(16)} ${o.qty.padStart(10)}  ${o.releaseDate} → ${o.dueDate}${o.supplier ? `  ${o.supplier}` : ''}${o.trackingNo ? `  [${o.trackingNo}]` : ''}${o.late ? '  逾期' : ''}\n`,
    );
  }
}
