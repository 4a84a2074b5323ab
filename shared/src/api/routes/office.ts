import { attachmentRoutes } from './attachments.js';
import { claimRoutes } from './claims.js';
import type { RouteContract } from './common.js';
import { digestRoutes } from './digest.js';
import { formRoutes } from './forms.js';

/**
 * The office area (OA, issue 16): expense claims and their categories, attachments (receipt
 * photos and files), generic forms and the daily digest, each in its own route module.
 */
export const officeAreaRoutes: readonly RouteContract[] = [
  ...claimRoutes,
  ...attachmentRoutes,
  ...formRoutes,
  ...digestRoutes,
];
