import type { BatchEcnRequest } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { createBatchEcn } from '../../usecases/bom/batch.js';

export const route = httpRoute<BatchEcnRequest>('ecns.batch', ({ deps, session, body, hooks }) =>
  createBatchEcn(deps, session, body, hooks()),
);
