import type { DigestRunRequest } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { runDigestJob } from '../../usecases/digest/job.js';

/** Local runtime only: the hourly digest job, run now. */
export const route = httpRoute<DigestRunRequest>('digest.run', ({ deps, body }) =>
  runDigestJob(deps, body.day ? { day: body.day } : {}),
);
