import { zWecomLoginRequest, zWecomLoginResponse } from '../../contracts/wecom.js';
import type { RouteContract } from './common.js';

/** Logging in from the WeCom mini-program (group auth, issue 5). */
export const authRoutes: readonly RouteContract[] = [
  {
    id: 'auth.wecomLogin',
    method: 'POST',
    path: '/api/auth/wecom/login',
    summary:
      'Log in with a wx.qy.login code: jscode2session, then a session token for the product user (401 auth.invalidCode, 403 auth.unknownUser / auth.userInactive)',
    tag: 'auth',
    auth: 'public',
    body: zWecomLoginRequest,
    response: zWecomLoginResponse,
    status: 200,
  },
];

/**
 * The auth area's routes (functions/src/lambdas/auth.ts): the one function that issues
 * session tokens, so only it reads the signing key, and it has a concurrency of its own.
 */
export const authAreaRoutes: readonly RouteContract[] = authRoutes;
