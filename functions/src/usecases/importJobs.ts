import {
  AppError,
  ERROR_STATUS,
  type ErrorCode,
  type FactoryFile,
  type ImportJob,
  type ImportSummary,
  type Session,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import { importRepo } from '../store/importRepo.js';
import { Accepted } from './accepted.js';
import type { CommitHooks } from './hooks.js';
import { acceptFile, writeImport } from './imports.js';

/** What the worker of an import job is handed (the file waits in the table). */
export type ImportJobRef = { tenant: string; importId: string; user: string };

/** Hands a job to its worker without waiting for it (ports.ts: `importJobs`). */
export type ImportJobDispatcher = (job: ImportJobRef) => Promise<void>;

/**
 * How long a request waits for its import before answering 202: API Gateway gives up on a
 * request after 29 s, and a factory of 20,000 items takes longer than that to write.
 */
const WAIT = { totalMs: 20_000, pollMs: 250 };

/** Tests shorten the wait (0: answer 202 at once); undefined restores it. */
export function useImportWait(totalMs: number | undefined, pollMs?: number): void {
  WAIT.totalMs = totalMs ?? 20_000;
  WAIT.pollMs = pollMs ?? 250;
}

/**
 * An import through the API. Everything that refuses a file (its problems, another import
 * running, codes that exist) is answered at once, as before; the writing runs as a job beside
 * the request (its file kept in the table), and the request waits for it a while: a job done
 * in time is answered like a direct import (its summary, or its refusal), a longer one 202
 * with the job to poll at GET /api/imports/{id}.
 */
export async function startImport(
  deps: Deps,
  session: Session,
  file: FactoryFile,
  hooks: CommitHooks<ImportSummary> = {},
): Promise<ImportSummary | Accepted<ImportJob>> {
  const imports = importRepo(deps, session.tenant);
  // A retry of a request that started a job (its key links the job) answers that job.
  const resumed = await resumeImport(deps, session, hooks);
  if (resumed) return resumed;

  const claim = await acceptFile(deps, session, file);
  const importId = claim.importId;
  const now = deps.clock.now();
  try {
    await imports.saveFile(importId, file, now);
    await imports.startJob(
      importId,
      { importId, at: now.toISOString(), by: session.user },
      hooks.onStart?.(importId),
    );
    await deps.importJobs({ tenant: session.tenant, importId, user: session.user });
  } catch (err) {
    // Nothing was written but the file and the job: free the lock for the next attempt.
    await imports.release(importId);
    throw err;
  }
  return answer(await waitFor(imports, importId));
}

/** The answer to a retry of a request that started a job (its key links the job), if it did. */
export async function resumeImport(
  deps: Deps,
  session: Session,
  hooks: CommitHooks<ImportSummary>,
): Promise<ImportSummary | Accepted<ImportJob> | undefined> {
  if (!hooks.resume) return undefined;
  const imports = importRepo(deps, session.tenant);
  const job = await imports.getJob(hooks.resume);
  return job ? answer(await waitFor(imports, job.importId)) : undefined;
}

function answer(job: ImportJob): ImportSummary | Accepted<ImportJob> {
  if (job.status === 'completed' && job.summary) return job.summary;
  if (job.status === 'failed') throw jobError(job);
  return new Accepted(job);
}

async function waitFor(imports: ReturnType<typeof importRepo>, importId: string) {
  let waited = 0;
  for (;;) {
    const job = await imports.getJob(importId);
    if (!job) throw new Error(`import ${importId}: its job record is gone`);
    if (job.status !== 'running' || job.interrupted || waited >= WAIT.totalMs) return job;
    await new Promise((resolve) => setTimeout(resolve, WAIT.pollMs));
    waited += WAIT.pollMs;
  }
}

/** A failed job's refusal, as the request would have answered it. */
function jobError(job: ImportJob): Error {
  const code = job.error?.code ?? '';
  return code in ERROR_STATUS
    ? new AppError(code as ErrorCode, job.error!.message, { importId: job.importId })
    : new Error(`import ${job.importId} failed: ${code}`);
}

/** GET /api/imports/{id}: the job of an import (404 for an unknown id or another tenant's). */
export async function getImportJob(deps: Deps, session: Session, id: string): Promise<ImportJob> {
  const job = await importRepo(deps, session.tenant).getJob(id);
  if (!job) throw new AppError('resource.notFound', '导入记录不存在', { importId: id });
  return job;
}

/**
 * The worker of an import job (a Lambda invoked asynchronously in AWS, the local runtime in
 * process). It carries on under the import's lock while the lock is still the job's: a job
 * run again (Lambda retries one that crashed) resumes where the last run stopped. A business
 * refusal is recorded on the job (failed) and ends it; anything else is thrown, to be retried.
 */
export async function runImportJob(
  deps: Deps,
  ref: ImportJobRef,
): Promise<ImportJob['status'] | 'superseded'> {
  const imports = importRepo(deps, ref.tenant);
  const job = await imports.getJob(ref.importId);
  if (!job || job.status !== 'running') return job?.status ?? 'superseded';
  const claim = await imports.heldClaim(ref.importId);
  // The lock ran out and another import took it (or this one finished): nothing to do here.
  if (!claim) return 'superseded';
  const file = await imports.loadFile(ref.importId);
  if (!file) throw new Error(`import ${ref.importId}: its file is gone`);
  try {
    await writeImport(deps, { tenant: ref.tenant, user: ref.user }, file, claim);
    return 'completed';
  } catch (err) {
    if (err instanceof AppError && err.code !== 'import.inProgress') return 'failed';
    if (err instanceof AppError) return 'superseded';
    // Told to whoever waits for the job (best effort: the store may be what failed).
    const message = err instanceof Error ? err.message : String(err);
    await imports
      .interruptJob(ref.importId, deps.clock.now(), message.slice(0, 500))
      .catch(() => undefined);
    throw err;
  }
}
