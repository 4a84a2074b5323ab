import type { ItemUpdate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { items } from '../../usecases/masterData.js';

export const route = httpRoute<ItemUpdate, unknown, { code: string }>(
  'items.update',
  ({ deps, session, body, params, hooks }) =>
    items.update(deps, session, params.code, body, hooks()),
);
