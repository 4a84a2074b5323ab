// The import worker Lambda: invoked asynchronously by POST /api/imports with one job (the file
// waits in the table). Not an area: it serves no route.
import { getDeps } from '../../deps.js';
import { runImportJob, type ImportJobRef } from '../../usecases/importJobs.js';
import { withRequestFields } from '../../telemetry/log.js';

/** A thrown error makes Lambda run the job again (it resumes); a refusal ends it as failed. */
export const handler = (job: ImportJobRef, context?: { awsRequestId?: string }) =>
  withRequestFields(
    {
      route: 'imports.worker',
      tenant: job.tenant,
      ...(context?.awsRequestId ? { request_id: context.awsRequestId } : {}),
    },
    async () => ({ importId: job.importId, outcome: await runImportJob(getDeps(), job) }),
  );
