import {
  AppError,
  notFound,
  type OutboxEntry,
  type OutboxQuery,
  type Page,
  type Session,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { outboxRepo, toEntry } from '../../store/outboxRepo.js';
import { completing, type CommitHooks } from '../hooks.js';
import { resendItems } from './resend.js';

/** The tenant's outgoing WeCom messages in one state (failed by default), newest first. */
export function listOutbox(deps: Deps, s: Session, q: OutboxQuery): Promise<Page<OutboxEntry>> {
  return outboxRepo(deps, s.tenant).list(q.status, q);
}

/**
 * Delivers a failed message again: pending and due now with its attempts starting over, and
 * the record it reports to (the approval's card, the notice) showing it waiting again, in one
 * transaction with `hooks.onComplete`. A pending message is answered as it is (it is on its
 * way); a delivered one is 409 outbox.alreadyDelivered.
 */
export async function resendOutbox(
  deps: Deps,
  s: Session,
  id: string,
  hooks: CommitHooks<OutboxEntry> = {},
): Promise<OutboxEntry> {
  const r = await outboxRepo(deps, s.tenant).get(id);
  if (!r) throw notFound('outboxMessage', id);
  if (r.status === 'delivered') {
    throw new AppError('outbox.alreadyDelivered', `企业微信消息已送达，无需重发：${id}`, { id });
  }
  if (r.status === 'pending') return toEntry(r);
  const at = deps.clock.now().toISOString();
  const { failedAt: _f, ...rest } = r;
  const entry = toEntry({ ...rest, status: 'pending', attempts: 0, nextAttemptAt: at });
  await deps.unitOfWork.commit(completing(hooks, entry, resendItems(deps, r, at)));
  return entry;
}
