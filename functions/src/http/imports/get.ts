import { httpRoute } from '../../middleware/route.js';
import { getImportJob } from '../../usecases/importJobs.js';

export const route = httpRoute<unknown, unknown, { id: string }>(
  'imports.get',
  ({ deps, session, params }) => getImportJob(deps, session, params.id),
);
