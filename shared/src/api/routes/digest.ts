import { type Role } from '../../contracts/auth.js';
import {
  zDigestRunRequest,
  zDigestRunResult,
  zDigestSubscription,
  zDigestSubscriptionInput,
} from '../../contracts/digest.js';
import type { RouteContract } from './common.js';

/**
 * Who may take the daily digest: management (manager, admin) and cost accounting (finance
 * reads the same money figures). Others get 403: the digest shows the whole factory's sales.
 */
export const DIGEST_SUBSCRIBERS: readonly Role[] = ['manager', 'admin', 'cost'];

/** The daily digest (每日简报, docs/digest.md): one's own subscription. */
export const digestRoutes: readonly RouteContract[] = [
  {
    id: 'digest.getSubscription',
    method: 'GET',
    path: '/api/digest/subscription',
    summary: "One's own daily digest subscription (off, hour 8, until saved)",
    tag: 'digest',
    auth: DIGEST_SUBSCRIBERS,
    response: zDigestSubscription,
    status: 200,
  },
  {
    id: 'digest.putSubscription',
    method: 'PUT',
    path: '/api/digest/subscription',
    summary:
      "Turn one's daily digest in WeCom on or off, and the hour (0-23, Shanghai) it comes at",
    tag: 'digest',
    auth: DIGEST_SUBSCRIBERS,
    body: zDigestSubscriptionInput,
    response: zDigestSubscription,
    status: 200,
  },
];

/** Local runtime only: the hourly digest job, run now (functions/src/lambdas/local.ts). */
export const digestLocalRoutes: readonly RouteContract[] = [
  {
    id: 'digest.run',
    method: 'POST',
    path: '/local/digest/run',
    summary:
      "Local runtime only: run the digest job now (day given: that day's digest to every subscriber)",
    tag: 'digest',
    auth: 'public',
    body: zDigestRunRequest,
    response: zDigestRunResult,
    status: 200,
    localOnly: true,
  },
];
