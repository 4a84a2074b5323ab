import * as z from 'zod';
import { zCode } from './common.js';

export const ROLES = [
  'sales',
  'planner',
  'warehouse',
  'supervisor',
  'worker',
  'qc',
  'cost',
  'manager',
  'admin',
  /** Process / product engineer: owns BOMs and raises engineering changes. */
  'engineer',
] as const;
export const zRole = z.enum(ROLES);
export type Role = z.infer<typeof zRole>;

/** Tenant = the WeCom corp id. */
export const zTenantId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: '企业 ID 格式不正确' });

/** What a session token names. */
export const zSession = z.object({
  tenant: zTenantId,
  user: zCode,
  name: z.string().optional(),
  roles: z.array(zRole).min(1),
});
export type Session = z.infer<typeof zSession>;

/** Local/demo only: mint a token for a demo user (the WeCom login replaces this). */
export const zDevTokenRequest = z.strictObject({
  tenant: zTenantId.optional(),
  user: zCode,
});
export const zTokenResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  session: zSession,
});
