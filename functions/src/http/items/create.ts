import type { ItemCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { items } from '../../usecases/masterData.js';

export const route = httpRoute<ItemCreate>('items.create', ({ deps, session, body, hooks }) =>
  items.create(deps, session, body, hooks()),
);
