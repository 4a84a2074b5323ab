import type { DigestSubscription, DigestSubscriptionInput } from '@factory/shared';
import { apiRequest } from '../platform/request';

/** One's own daily digest subscription (shared/src/api/routes/digest.ts; docs/digest.md). */
export const getDigestSubscription = (): Promise<DigestSubscription> =>
  apiRequest({ method: 'GET', path: '/api/digest/subscription' });

export const putDigestSubscription = (body: DigestSubscriptionInput): Promise<DigestSubscription> =>
  apiRequest({ method: 'PUT', path: '/api/digest/subscription', body });
