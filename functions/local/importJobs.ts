import { getDeps } from '../src/deps.js';
import { errorField, log } from '../src/telemetry/log.js';
import { runImportJob, type ImportJobDispatcher } from '../src/usecases/importJobs.js';

/**
 * The local runtime's import worker: the job runs in this process, beside the request that
 * waits for it (AWS: the import worker Lambda, invoked asynchronously).
 */
export const inProcessImportJobs: ImportJobDispatcher = async (job) => {
  void runImportJob(getDeps(), job).catch((err: unknown) =>
    log.error('import job failed', { importId: job.importId, error: errorField(err) }),
  );
};
