import { httpRoute } from '../../middleware/route.js';
import { getDigestSubscription } from '../../usecases/digest/subscription.js';

export const route = httpRoute('digest.getSubscription', ({ deps, session }) =>
  getDigestSubscription(deps, session),
);
