import type { EcnCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { createEcn } from '../../usecases/bom/ecn.js';

export const route = httpRoute<EcnCreate>('ecns.create', ({ deps, session, body, hooks }) =>
  createEcn(deps, session, body, hooks()),
);
