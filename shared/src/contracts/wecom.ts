import * as z from 'zod';
import { zRole, zTenantId } from './auth.js';
import { zTimestamp } from './common.js';

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

// ---- the outbox: WeCom messages written with the business change, delivered by a worker ----

/** pending: waiting for (or in) delivery; delivered; failed: gave up after the last attempt. */
export const OUTBOX_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * What an outbox record delivers: an approval card, the update greying a decided card, a text
 * about an approval (the submitter told of a decision, an approver asked for a reason), a task
 * order's completion notice to the supervisors.
 */
export const OUTBOX_KINDS = [
  'approvalCard',
  'approvalCardUpdate',
  'approvalText',
  'completionNotice',
  'shipmentNotice',
  'inspectionNotice',
  'costingNotice',
  // The daily digest to a subscribed manager (docs/digest.md).
  'dailyDigest',
  // A plan broke a sales order line's promised date: the rep who entered it is told.
  'promiseNotice',
  // Not a message: a confirmed sales order asks for a net-change MRP run (docs/planning.md).
  'mrpNetChange',
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export const zOutboxEntry = z.object({
  id: z.string(),
  kind: z.enum(OUTBOX_KINDS),
  status: z.enum(OUTBOX_STATUSES),
  /** zh-CN: what the message is about (审批卡片 销售订单 SO-… 第 1 步). */
  summary: z.string(),
  /** WeCom userids it goes to. */
  recipients: z.array(z.string()),
  /** The record its outcome is written to: `approvalId` and `step`, or `taskOrder` and `report`. */
  ref: z.record(z.string(), z.string()).optional(),
  /** Delivery attempts so far, and after how many it gives up (known once attempted). */
  attempts: z.number().int().min(0),
  maxAttempts: z.number().int().min(1).optional(),
  createdAt: zTimestamp,
  /** When a pending record is due (next attempt, or the end of a running attempt's lease). */
  nextAttemptAt: zTimestamp.optional(),
  lastAttemptAt: zTimestamp.optional(),
  lastError: z.string().optional(),
  deliveredAt: zTimestamp.optional(),
  failedAt: zTimestamp.optional(),
  /** WeCom's message id once delivered (a card update has none). */
  msgid: z.string().optional(),
});
export type OutboxEntry = z.infer<typeof zOutboxEntry>;

/** `GET /api/outbox`: the tenant's records in one state (default: failed), newest first. */
export const zOutboxQuery = z.strictObject({
  status: z.enum(OUTBOX_STATUSES).default('failed'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});
export type OutboxQuery = z.infer<typeof zOutboxQuery>;

export const zOutboxParams = z.strictObject({
  id: z.string().regex(/^[0-9A-Za-z]{1,40}$/, { message: '消息编号格式不正确' }),
});
