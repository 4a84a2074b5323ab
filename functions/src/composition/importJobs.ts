// Composition root pieces: where an import job's worker runs.
import { invokeAsync } from '../adapters/aws/lambda.js';
import type { Wiring } from '../deps.js';

/**
 * AWS: an asynchronous invoke of the import worker Lambda (IMPORT_WORKER_FUNCTION); Lambda
 * queues the job and runs it again if it crashes (the job resumes).
 */
export const lambdaImportJobs: Wiring = (config) => ({
  importJobs: async (job) => {
    if (!config.importWorkerFunction) throw new Error('IMPORT_WORKER_FUNCTION is not set');
    await invokeAsync(config.region, config.importWorkerFunction, job);
  },
});
