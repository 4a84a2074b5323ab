import { readFileSync } from 'node:fs';
import {
  AppError,
  type FactoryFile,
  type FieldIssue,
  toFieldIssues,
  zFactoryFile,
} from '@factory/shared';
import { DEMO_TENANT, demoSession } from '../auth/demoUsers.js';
import { getDeps } from '../deps.js';
import { checkFactoryFile } from '../domain/factoryFile/index.js';
import { mrpInputFromFile } from '../domain/mrp/index.js';
import { importFactoryFile } from '../usecases/imports.js';
import { currentResult, getRun, startRun } from '../usecases/mrp/run.js';
import { type Args, formatIssue } from './main.js';
import { openLocalStore } from './localStore.js';

const PLAN_TENANT = 'wwplanfile';

/**
 * `plan FILE --json`: the file is imported into a throwaway in-memory store, the real MRP
 * workflow runs over it, and the planning result is printed in the documented shape.
 */
export async function planCommand(args: Args): Promise<number> {
  const path = args.positional[0];
  if (!path) throw new AppError('request.invalid', '用法：cli plan FILE [--json] [--horizon DAYS]');
  const file = readFile(path);
  if ('issues' in file) return report(file.issues);

  const { startRuntime } = await import('../../local/runtime.js');
  const runtime = await startRuntime({ port: 0 });
  try {
    const deps = getDeps();
    await importFactoryFile(deps, demoSession('admin', PLAN_TENANT)!, file.data);
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
  }
}

/** `mrp --json`: a run over the local store (the demo tenant unless --tenant). */
export async function mrpCommand(args: Args): Promise<number> {
  const tenant = String(args.flags.get('tenant') ?? DEMO_TENANT);
  const runtime = await openLocalStore();
  if (!runtime)
    throw new AppError(
      'request.invalid',
      '本地数据正被 npm start 使用：请在页面或 API 中启动 MRP（POST /api/mrp/runs），或先停止 npm start',
    );
  try {
    const horizon = args.flags.get('horizon');
    return await runAndPrint(
      runtime.workflows,
      tenant,
      horizon ? { horizonDays: Number(horizon) } : {},
      args.flags.has('json'),
    );
  } finally {
    await runtime.close();
  }
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
  const finished = await getRun(deps, planner, run.runId);
  if (finished.status !== 'completed') {
    process.stderr.write(`MRP 运行失败：${finished.error ?? finished.status}\n`);
    return 1;
  }
  const result = await currentResult(deps, tenant, run.runId);
  const shaped = {
    runDate: result!.runDate,
    plannedOrders: result!.plannedOrders.map(({ id: _id, ...o }) => o),
    exceptions: result!.exceptions,
  };
  if (json) process.stdout.write(`${JSON.stringify(shaped, null, 2)}\n`);
  else {
    process.stdout.write(
      `运行 ${run.runId}（${shaped.runDate}）：${shaped.plannedOrders.length} 个计划订单，${shaped.exceptions.length} 条例外\n`,
    );
    for (const o of shaped.plannedOrders) {
      process.stdout.write(
        `  ${o.type.padEnd(11)} ${o.item.padEnd(16)} ${o.qty.padStart(10)}  ${o.releaseDate} → ${o.dueDate}${o.trackingNo ? `  [${o.trackingNo}]` : ''}${o.late ? '  逾期' : ''}\n`,
      );
    }
  }
  return 0;
}

function readFile(path: string): { data: FactoryFile } | { issues: FieldIssue[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return { issues: [{ path: [], message: `无法读取 JSON 文件：${(err as Error).message}` }] };
  }
  const parsed = zFactoryFile.safeParse(raw);
  if (!parsed.success) return { issues: toFieldIssues(parsed.error) };
  const problems = checkFactoryFile(parsed.data);
  return problems.length ? { issues: problems } : { data: parsed.data };
}

function report(issues: FieldIssue[]): number {
  process.stderr.write(`文件有 ${issues.length} 处错误：\n`);
  for (const issue of issues) process.stderr.write(`  ${formatIssue(issue)}\n`);
  return 1;
}
