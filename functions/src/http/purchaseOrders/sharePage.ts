import { httpRoute } from '../../middleware/route.js';
import { purchaseOrderSharePage } from '../../usecases/purchasing/share.js';

/** Public: the token is the credential (read-only, expiring). */
export const route = httpRoute<unknown, unknown, { token: string }>(
  'purchaseOrders.sharePage',
  ({ deps, params }) => purchaseOrderSharePage(deps, params.token),
);
