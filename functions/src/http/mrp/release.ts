import type { ReleaseRequest } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { release } from '../../usecases/mrp/release.js';

export const route = httpRoute<ReleaseRequest>('mrp.release', ({ deps, session, body, hooks }) =>
  release(deps, session, body, hooks()),
);
