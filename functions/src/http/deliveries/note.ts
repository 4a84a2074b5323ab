import { httpRoute } from '../../middleware/route.js';
import { deliveryNotePage } from '../../usecases/delivery/deliveries.js';

/** Public: the share token is the credential (it names tenant and delivery, and expires). */
export const route = httpRoute<unknown, unknown, { token: string }>(
  'deliveries.note',
  ({ deps, params }) => deliveryNotePage(deps, params.token),
);
