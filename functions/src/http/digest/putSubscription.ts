import type { DigestSubscriptionInput } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { putDigestSubscription } from '../../usecases/digest/subscription.js';

export const route = httpRoute<DigestSubscriptionInput>(
  'digest.putSubscription',
  ({ deps, session, body, hooks }) => putDigestSubscription(deps, session, body, hooks()),
);
