import type { MrpRunRequest } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { startRun } from '../../usecases/mrp/run.js';

export const route = httpRoute<MrpRunRequest>('mrp.startRun', ({ deps, session, body, hooks }) =>
  startRun(deps, session, body, hooks()),
);
