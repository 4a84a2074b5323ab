import * as z from 'zod';
import { zSession } from '../../contracts/auth.js';
import { zHealth } from '../../contracts/system.js';
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

/** The system area's routes (functions/src/lambdas/system.ts). */
export const systemAreaRoutes: readonly RouteContract[] = systemRoutes;
