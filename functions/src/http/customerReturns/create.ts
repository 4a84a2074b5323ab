import type { CustomerReturnCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { createCustomerReturn } from '../../usecases/delivery/returns.js';

export const route = httpRoute<CustomerReturnCreate>(
  'customerReturns.create',
  ({ deps, session, body, hooks }) => createCustomerReturn(deps, session, body, hooks()),
);
