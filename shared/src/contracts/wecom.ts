import * as z from 'zod';
import { zRole, zTenantId } from './auth.js';

/** `POST /api/auth/wecom/login`: the code from `wx.qy.login` (valid 5 minutes, single use). */
export const zWecomLoginRequest = z.strictObject({
  code: z.string().min(1).max(512),
  /**
   * The corp (tenant) whose app the mini-program runs under. Optional: without it the
   * deployment's default corp is used (a single-factory deployment never sends it).
   */
  corpId: zTenantId.optional(),
});
export type WecomLoginRequest = z.infer<typeof zWecomLoginRequest>;

export const zWecomLoginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  tenant: zTenantId,
  /** The WeCom userid. */
  user: z.string(),
  name: z.string(),
  roles: z.array(zRole).min(1),
});
export type WecomLoginResponse = z.infer<typeof zWecomLoginResponse>;

// Present, but checked by the signature verification (a wrong one is 401, not 400).
const signed = {
  msg_signature: z.string().min(1).max(128),
  timestamp: z.string().min(1).max(20),
  nonce: z.string().min(1).max(128),
};

/** Query of WeCom's URL verification (GET): echostr is the encrypted text to echo back. */
export const zWecomVerifyQuery = z.object({ ...signed, echostr: z.string().min(1).max(4096) });
export type WecomVerifyQuery = z.infer<typeof zWecomVerifyQuery>;

/** Query of a WeCom callback (POST); the encrypted message is in the XML body. */
export const zWecomCallbackQuery = z.object(signed);
export type WecomCallbackQuery = z.infer<typeof zWecomCallbackQuery>;
