import { httpRoute } from '../../middleware/route.js';
import { getCustomerReturn } from '../../usecases/delivery/returns.js';

export const route = httpRoute<unknown, unknown, { no: string }>(
  'customerReturns.get',
  ({ deps, session, params }) => getCustomerReturn(deps, session, params.no),
);
