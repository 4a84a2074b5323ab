import type { DefectCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { createDefect } from '../../usecases/quality/plans.js';

export const route = httpRoute<DefectCreate>('defects.create', ({ deps, session, body, hooks }) =>
  createDefect(deps, session, body, hooks()),
);
