import { attachmentRoutes } from './attachments.js';
import { claimRoutes } from './claims.js';
import type { RouteContract } from './common.js';

/**
 * The office area (OA, issue 16): expense claims and their categories. Attachments, generic
 * forms and the manager's dashboard join it in their own route modules.
 */
export const officeAreaRoutes: readonly RouteContract[] = [...claimRoutes, ...attachmentRoutes];
