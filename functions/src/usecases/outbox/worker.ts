import { isAppError, type OutboxKind } from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  afterDeferral,
  afterFailure,
  leaseUntil,
  type OutboxPolicy,
} from '../../domain/outbox/index.js';
import { OutboxClaimLost, outboxRepo, pendingOutbox } from '../../store/outboxRepo.js';
import { type TxItem } from '../../store/transact.js';
import { WecomError, WECOM } from '../../wecom/errors.js';
import { log } from '../../telemetry/log.js';
import { countMetric, METRIC } from '../../telemetry/metrics.js';
import { approvalDeliveries } from '../approval/notifier.js';
import { completionDelivery } from '../shopfloor/notifier.js';
import { shipmentDelivery } from '../delivery/notifier.js';
import { inspectionNoticeDelivery } from '../quality/notifier.js';
import { costingNoticeDelivery } from '../costing/notifier.js';
import { dailyDigestDelivery } from '../digest/notifier.js';
import { promiseNoticeDelivery } from '../mrp/promiseNotifier.js';
import { netChangeDelivery } from '../mrp/netChange.js';
import { isDeferral, PermanentDeliveryError, type OutboxHandler } from './handler.js';

/** Every kind of outbox message and how it is delivered. */
export const OUTBOX_HANDLERS: Record<OutboxKind, OutboxHandler> = {
  ...approvalDeliveries,
  completionNotice: completionDelivery,
  shipmentNotice: shipmentDelivery,
  inspectionNotice: inspectionNoticeDelivery,
  costingNotice: costingNoticeDelivery,
  dailyDigest: dailyDigestDelivery,
  promiseNotice: promiseNoticeDelivery,
  mrpNetChange: netChangeDelivery,
};

/**
 * WeCom refusals that sending the same message again cannot mend: no valid recipient, a
 * message WeCom finds malformed (40058 also covers a used response code and a task id sent
 * before). Everything else (timeouts, HTTP errors, throttling beyond the client's own
 * retries, an untrusted IP, system busy) is retried.
 */
const PERMANENT_ERRCODES: ReadonlySet<number> = new Set([
  WECOM.noValidRecipient,
  WECOM.invalidParameter,
  WECOM.emptyContent,
  40008, // invalid message type
  45002, // content too long
]);

export function isPermanent(err: unknown): boolean {
  if (err instanceof PermanentDeliveryError) return true;
  if (err instanceof WecomError) return PERMANENT_ERRCODES.has(err.errcode);
  // Our own refusals: a message over WeCom's limits, a tenant without a WeCom app (fix the
  // configuration, then resend the failed messages).
  return (
    isAppError(err) && (err.code === 'wecom.invalidMessage' || err.code === 'wecom.notConfigured')
  );
}

export type WorkerOptions = {
  policy: OutboxPolicy;
  /** [0, 1): the backoff's jitter. */
  random?: () => number;
  /** Names the claims of this worker (logs). */
  workerId?: string;
};

export type DeliveryOutcome = 'delivered' | 'retry' | 'deferred' | 'failed' | 'notDue' | 'lost';

const errorText = (err: unknown) =>
  (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * One attempt at one outbox record: claim it (only when it is pending and due; a lease keeps
 * other workers off it), send it, and record the outcome, conditioned on the claim, in one
 * transaction with what the outcome means to the business record (the approval's card sent
 * with its msgid, the notice failed with the error ...). A failed attempt is retried after a
 * growing, jittered pause; the last one (or a permanent refusal) leaves the record `failed`,
 * logged as `outbox delivery failed`.
 *
 * "Once": a delivered record is never sent again (the claim and the recorded state); the one
 * gap, WeCom accepting a message whose answer is lost, is closed by WeCom's duplicate check
 * on the unchanged request (`withDuplicateCheck`).
 */
export async function deliverOne(
  deps: Deps,
  ref: { tenant: string; id: string },
  options: WorkerOptions,
): Promise<DeliveryOutcome> {
  const repo = outboxRepo(deps, ref.tenant);
  const now = deps.clock.now();
  const token = `${options.workerId ?? 'worker'}:${deps.newId()}`;
  const r = await repo.claim(
    ref.id,
    now.toISOString(),
    leaseUntil(now, options.policy),
    token,
    options.policy.maxAttempts,
  );
  if (!r) return 'notDue';
  const handler = OUTBOX_HANDLERS[r.kind];
  const fields = { tenant: r.tenant, id: r.id, kind: r.kind, attempt: r.attempts };
  let items: TxItem[];
  let outcome: DeliveryOutcome;
  try {
    const result = await handler.deliver(deps, r);
    const at = deps.clock.now();
    if (isDeferral(result)) {
      items = [repo.deferItem(r, afterDeferral(r.deferrals, at, options.policy), result.defer)];
      outcome = 'deferred';
    } else {
      const when = at.toISOString();
      items = [
        repo.deliveredItem(r, when, result.msgid),
        ...handler.delivered(deps, r, result, when),
      ];
      outcome = 'delivered';
    }
  } catch (err) {
    const at = deps.clock.now();
    const error = errorText(err);
    const permanent = isPermanent(err);
    const next = afterFailure(
      r.attempts,
      permanent,
      at,
      options.policy,
      (options.random ?? Math.random)(),
    );
    if (next.status === 'failed') {
      items = [
        repo.failedItem(r, next.failedAt, error),
        ...handler.failed(deps, r, error, next.failedAt),
      ];
      outcome = 'failed';
      // The line to alarm on: a message that will not be delivered unless someone resends it.
      log.error('outbox delivery failed', {
        ...fields,
        maxAttempts: options.policy.maxAttempts,
        permanent,
        summary: r.summary,
        error,
      });
    } else {
      // No answer from WeCom at all (not an errcode): it may have taken the message.
      items = [repo.retryItem(r, next.nextAttemptAt, error, !isAppError(err))];
      outcome = 'retry';
      log.warn('outbox delivery retry', { ...fields, nextAttemptAt: next.nextAttemptAt, error });
    }
  }
  try {
    await deps.unitOfWork.commit(items, { retryConflicts: true });
  } catch (err) {
    if (!(err instanceof OutboxClaimLost)) throw err;
    // The lease ran out and another worker has the record: it records the outcome.
    log.warn('outbox claim lost', { ...fields, outcome });
    return 'lost';
  }
  if (outcome === 'failed') countMetric(METRIC.outboxDeliveryFailed);
  return outcome;
}

/**
 * One pass over what is due, across tenants (earliest first, `limit` at most, a few at a
 * time). Returns how many were attempted and when the next pending record is due (none:
 * nothing pending), so a loop knows how long it may sleep.
 */
export async function deliverDue(
  deps: Deps,
  options: WorkerOptions & { limit?: number; concurrency?: number },
): Promise<{ attempted: number; pending: number; nextDueAt?: string }> {
  const limit = options.limit ?? 50;
  const refs = await pendingOutbox(deps, limit);
  const now = deps.clock.now().toISOString();
  const due = refs.filter((r) => r.dueAt <= now);
  const queue = [...due];
  const worker = async () => {
    for (let ref = queue.shift(); ref; ref = queue.shift()) {
      await deliverOne(deps, ref, options).catch((err: unknown) =>
        log.error('outbox worker error', {
          tenant: ref.tenant,
          id: ref.id,
          error: errorText(err),
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, due.length) }, worker));
  const waiting = refs.find((r) => r.dueAt > now);
  // After attempts, look again at once: the page may have been full, and a retried record has
  // a new due time.
  const nextDueAt = due.length > 0 ? now : waiting?.dueAt;
  return { attempted: due.length, pending: refs.length, ...(nextDueAt ? { nextDueAt } : {}) };
}
