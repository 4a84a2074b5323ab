import { createHash } from 'node:crypto';
import { AppError, DIGEST_SUBSCRIBERS, isAppError, type DigestRunResult } from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  businessDay,
  businessHour,
  dayLabel,
  dueSubscribers,
  shiftDay,
  DIGEST_TITLE,
  type DigestFacts,
  type Subscription,
} from '../../domain/digest/index.js';
import { digestRepo } from '../../store/digestRepo.js';
import { outboxRepo } from '../../store/outboxRepo.js';
import { userRepo } from '../../store/userRepo.js';
import { log } from '../../telemetry/log.js';
import { loadWecomApps } from '../../wecom/apps.js';
import { tenantDay, waitingOn } from './compose.js';

/** What the outbox delivers to one subscriber (notifier.ts): the numbers, composed at the run. */
export type DailyDigest = DigestFacts & {
  tenant: string;
  user: string;
  /** The mini-program bound to the tenant's WeCom app (absent: a text instead of a card). */
  miniprogramAppId?: string;
};

/**
 * The outbox record of one digest: the same id for a tenant, day and user whoever runs the
 * job and however often, so the record's put (conditioned on its key being free) lets one
 * through a day. Alphanumeric, 34 characters: an outbox id the resend route takes.
 */
export function digestOutboxId(tenant: string, day: string, user: string): string {
  return `dg${createHash('sha256').update(`${tenant}|${day}|${user}`).digest('hex').slice(0, 32)}`;
}

/** Tenants the job serves: those with a WeCom app (the digest goes nowhere else). */
async function digestTenants(deps: Deps): Promise<{ tenant: string; appid?: string }[]> {
  try {
    const apps = await loadWecomApps(deps.config);
    return apps.apps.map((a) => ({
      tenant: a.corpId,
      ...(a.miniprogramAppId ? { appid: a.miniprogramAppId } : {}),
    }));
  } catch (err) {
    if (isAppError(err) && err.code === 'wecom.notConfigured') return [];
    throw err;
  }
}

/**
 * The digest job (hourly in AWS; `POST /local/digest/run` locally). Without `day`: for each
 * tenant, yesterday's digest (business day in Shanghai) to every subscriber whose hour has
 * come. With `day`: that day's digest to every subscriber, whatever their hour. Each digest
 * is one outbox record keyed by tenant, day and user: a run that finds it there already sends
 * nothing (counted as already sent). A tenant that fails is logged and left to the next run.
 */
export async function runDigestJob(
  deps: Deps,
  options: { day?: string } = {},
): Promise<DigestRunResult> {
  const now = deps.clock.now();
  const day = options.day ?? shiftDay(businessDay(now), -1);
  const hour = options.day ? 23 : businessHour(now);
  const tenants = await digestTenants(deps);
  const result: DigestRunResult = {
    day,
    tenants: tenants.length,
    queued: 0,
    alreadySent: 0,
    failedTenants: [],
  };
  for (const { tenant, appid } of tenants) {
    try {
      const subs = await stillEntitled(
        deps,
        tenant,
        dueSubscribers(await digestRepo(deps, tenant).all(), hour),
      );
      if (!subs.length) continue;
      const counted = await queueTenant(deps, tenant, day, subs, appid);
      result.queued += counted.queued;
      result.alreadySent += counted.alreadySent;
    } catch (err) {
      log.error('daily digest: tenant not done', {
        tenant,
        day,
        error: err instanceof Error ? err.message : String(err),
      });
      result.failedTenants.push(tenant);
    }
  }
  return result;
}

/**
 * Subscribers the product still knows as allowed to read the digest: a user who left (inactive)
 * or lost every subscribing role since gets nothing. A user the product has no record of (a
 * demo session) keeps the subscription they saved.
 */
async function stillEntitled(
  deps: Deps,
  tenant: string,
  subs: Subscription[],
): Promise<Subscription[]> {
  const users = userRepo(deps, tenant);
  const out: Subscription[] = [];
  for (const s of subs) {
    const u = await users.get(s.user);
    if (u && (!u.active || !u.roles.some((r) => DIGEST_SUBSCRIBERS.includes(r)))) continue;
    out.push(s);
  }
  return out;
}

async function queueTenant(
  deps: Deps,
  tenant: string,
  day: string,
  subs: Subscription[],
  appid: string | undefined,
): Promise<{ queued: number; alreadySent: number }> {
  const outbox = outboxRepo(deps, tenant);
  // Composed only when somebody still waits for this day's digest.
  const waiting = [];
  for (const s of subs) {
    if (!(await outbox.get(digestOutboxId(tenant, day, s.user)))) waiting.push(s);
  }
  let queued = 0;
  let alreadySent = subs.length - waiting.length;
  if (!waiting.length) return { queued, alreadySent };
  const facts = await tenantDay(deps, tenant, day);
  for (const s of waiting) {
    const digest: DailyDigest = {
      ...facts,
      waitingOnMe: await waitingOn(deps, tenant, s.user),
      tenant,
      user: s.user,
      ...(appid ? { miniprogramAppId: appid } : {}),
    };
    const id = digestOutboxId(tenant, day, s.user);
    const at = deps.clock.now().toISOString();
    try {
      await deps.unitOfWork.commit([
        {
          ...outbox.enqueueItem(id, at, {
            kind: 'dailyDigest',
            payload: digest,
            summary: `${DIGEST_TITLE}：${dayLabel(day)}`,
            recipients: [s.user],
            ref: { day, user: s.user },
          }),
          // Another run got there first: sent once is enough.
          onConditionFailed: () => DUPLICATE,
        },
      ]);
      queued++;
    } catch (err) {
      if (err !== DUPLICATE) throw err;
      alreadySent++;
    }
  }
  return { queued, alreadySent };
}

/** The outbox record was there already (another run of the same day). */
const DUPLICATE = new AppError('resource.exists', '当日简报已发送');
