import { zDevTokenRequest, zTokenResponse } from '../../contracts/auth.js';
import type { RouteContract } from './common.js';
import { digestLocalRoutes } from './digest.js';

/** Routes the local runtime serves only, never deployed (functions/src/lambdas/local.ts). */
export const localAreaRoutes: readonly RouteContract[] = [
  {
    id: 'system.devToken',
    method: 'POST',
    path: '/api/dev/token',
    summary: 'Local runtime only: mint a session token for a demo user',
    tag: 'system',
    auth: 'public',
    body: zDevTokenRequest,
    response: zTokenResponse,
    status: 200,
    localOnly: true,
  },
  // The daily digest's job, run by hand (docs/digest.md).
  ...digestLocalRoutes,
];
