import * as z from 'zod';
import { zDate, zTimestamp } from './common.js';

/**
 * The daily digest (每日简报, issue 16 deliverable 5; docs/digest.md): a manager turns it on
 * for themselves and gets, once a business day at the hour they chose, yesterday's orders,
 * deliveries, late task orders, shortages and the approvals waiting on them, as a WeCom card
 * into the mini-program.
 */

/** The hour of the tenant's business day (Asia/Shanghai) the digest is sent at, by default. */
export const DEFAULT_DIGEST_HOUR = 8;

export const zDigestSubscriptionInput = z.strictObject({
  enabled: z.boolean({ message: '请选择是否订阅（true 或 false）' }),
  /** 0–23, the hour of the business day (Shanghai) it is sent at; default 8. */
  hour: z
    .number({ message: '发送时间应为 0-23 的整点' })
    .int({ message: '发送时间应为 0-23 的整点' })
    .min(0, { message: '发送时间应为 0-23 的整点' })
    .max(23, { message: '发送时间应为 0-23 的整点' })
    .optional(),
});
export type DigestSubscriptionInput = z.infer<typeof zDigestSubscriptionInput>;

export const zDigestSubscription = z.object({
  user: z.string(),
  enabled: z.boolean(),
  hour: z.number().int().min(0).max(23),
  /** Absent until the user first saves a choice. */
  updatedAt: zTimestamp.optional(),
});
export type DigestSubscription = z.infer<typeof zDigestSubscription>;

/** Local runtime only: run the digest job now (the hourly job of AWS). */
export const zDigestRunRequest = z.strictObject({
  /**
   * The business day to report on. Given: every subscriber of every tenant gets that day's
   * digest whatever their hour. Absent: yesterday (Shanghai), to the subscribers whose hour
   * has come, as the hourly job does.
   */
  day: zDate.optional(),
});
export type DigestRunRequest = z.infer<typeof zDigestRunRequest>;

export const zDigestRunResult = z.object({
  day: zDate,
  /** Tenants looked at (those with a WeCom app). */
  tenants: z.number().int().min(0),
  /** Digests written to the outbox now, and those already sent for that day (not again). */
  queued: z.number().int().min(0),
  alreadySent: z.number().int().min(0),
  /** Tenants whose digest could not be composed (logged; the next hour tries again). */
  failedTenants: z.array(z.string()),
});
export type DigestRunResult = z.infer<typeof zDigestRunResult>;
