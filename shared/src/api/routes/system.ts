import * as z from 'zod';
import { zSession } from '../../contracts/auth.js';
import { zHealth } from '../../contracts/system.js';
import { zWecomLoginRequest, zWecomLoginResponse } from '../../contracts/wecom.js';
import { ANY, type RouteContract } from './common.js';

/** The API's own routes (group system): liveness, this document, the caller's session. */
export const systemRoutes: readonly RouteContract[] = [
  {
    id: 'system.health',
    method: 'GET',
    path: '/api/health',
    summary: 'Liveness and database reachability',
    tag: 'system',
    auth: 'public',
    response: zHealth,
    status: 200,
  },
  {
    id: 'system.openapi',
    method: 'GET',
    path: '/api/openapi.json',
    summary: 'This API as an OpenAPI 3.1 document',
    tag: 'system',
    auth: 'public',
    response: z.record(z.string(), z.unknown()),
    status: 200,
  },
  {
    id: 'system.me',
    method: 'GET',
    path: '/api/me',
    summary: 'The session named by the bearer token',
    tag: 'system',
    auth: ANY,
    response: zSession,
    status: 200,
  },
];

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

/** The system area's routes (functions/src/lambdas/system.ts). */
export const systemAreaRoutes: readonly RouteContract[] = [...systemRoutes, ...authRoutes];
