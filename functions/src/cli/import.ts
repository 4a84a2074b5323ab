import { readFileSync } from 'node:fs';
import {
  AppError,
  type FieldIssue,
  type ImportJob,
  type ImportSummary,
  toFieldIssues,
  zFactoryFile,
} from '@factory/shared';
import { DEMO_TENANT, demoSession } from '../auth/demoUsers.js';
import { getDeps } from '../deps.js';
import { checkFactoryFile } from '../domain/factoryFile/index.js';
import { importFactoryFile } from '../usecases/imports.js';
import { formatIssue, type Args } from './args.js';
import { openLocalStore, runningApiUrl } from './localStore.js';

/**
 * Imports a factory data file into the local store. The file is checked completely before
 * anything is opened; a bad file exits 1 with every problem (path: message).
 */
export async function importCommand(args: Args): Promise<number> {
  const path = args.positional[0];
  if (!path) throw new AppError('request.invalid', '用法：cli import FILE [--tenant T] [--json]');
  const tenant = String(args.flags.get('tenant') ?? DEMO_TENANT);
  const json = args.flags.has('json');

  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return report(json, [{ path: [], message: `无法读取 JSON 文件：${(err as Error).message}` }]);
  }
  const parsed = zFactoryFile.safeParse(raw);
  if (!parsed.success) return report(json, toFieldIssues(parsed.error));
  const problems = checkFactoryFile(parsed.data);
  if (problems.length) return report(json, problems);

  const session = demoSession('admin', tenant)!;
  const runtime = await openLocalStore();
  let summary: ImportSummary;
  if (runtime) {
    try {
      summary = await importFactoryFile(getDeps(), session, parsed.data);
    } finally {
      await runtime.close();
    }
  } else {
    summary = await importOverHttp(parsed.data, tenant);
  }
  process.stdout.write(
    json
      ? `${JSON.stringify(summary, null, 2)}\n`
      : `导入完成 ${summary.importId}: ${JSON.stringify(summary.counts)}\n`,
  );
  return 0;
}

function report(json: boolean, issues: FieldIssue[]): number {
  if (json) process.stdout.write(`${JSON.stringify({ ok: false, issues }, null, 2)}\n`);
  else {
    process.stderr.write(`导入文件有 ${issues.length} 处错误，未导入任何数据：\n`);
    for (const issue of issues) process.stderr.write(`  ${formatIssue(issue)}\n`);
  }
  return 1;
}

/** npm start holds the store: go through its API with a demo admin token. */
async function importOverHttp(file: unknown, tenant: string): Promise<ImportSummary> {
  const base = runningApiUrl();
  const tokenRes = await fetch(`${base}/api/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'admin', tenant }),
  });
  const { token } = (await tokenRes.json()) as { token: string };
  const res = await fetch(`${base}/api/imports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(file),
  });
  const body = (await res.json()) as ImportSummary &
    ImportJob & { error?: { code: string; message: string; issues?: FieldIssue[] } };
  if (!res.ok)
    throw new AppError(
      body.error!.code as never,
      body.error!.message,
      undefined,
      body.error!.issues,
    );
  if (res.status !== 202) return body;
  // A large file is written by a job: wait for it as the API's clients do.
  const headers = { authorization: `Bearer ${token}` };
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const job = (await (
      await fetch(`${base}/api/imports/${body.importId}`, { headers })
    ).json()) as ImportJob;
    if (job.status === 'completed' && job.summary) return job.summary;
    if (job.status === 'failed') throw new AppError(job.error!.code as never, job.error!.message);
    if (job.interrupted)
      throw new Error(`导入中断：${job.interrupted.message}（重新导入同一文件会从中断处继续）`);
  }
}
