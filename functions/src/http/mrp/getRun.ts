import { httpRoute } from '../../middleware/route.js';
import { getRun } from '../../usecases/mrp/run.js';

export const route = httpRoute<unknown, unknown, { runId: string }>(
  'mrp.getRun',
  ({ deps, session, params }) => getRun(deps, session, params.runId),
);
