import type { MoveQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { queryMoves } from '../../usecases/stock.js';

export const route = httpRoute<unknown, MoveQuery>('stock.moves', ({ deps, session, query }) =>
  queryMoves(deps, session, query),
);
