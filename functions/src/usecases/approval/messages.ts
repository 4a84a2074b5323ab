import type { ApprovalDecisionNotice } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { approvalRepo, type StoredNotification } from '../../store/approvalRepo.js';
import type { NewOutboxMessage, OutboxRecord } from '../../store/outboxRepo.js';
import type { TxItem } from '../../store/transact.js';
import type { ApprovalCard } from '../../wecom/index.js';

// The approval engine's outbox messages, as written with its changes, and what their outcomes
// write on the approval (notifier.ts delivers them): no WeCom code, so submitting, deciding
// and resending load none.

/** A plain WeCom text message to some members (the submitter told of a decision, ...). */
export type ApprovalText = { tenant: string; touser: string[]; content: string };

/** A step's card: the card as built when the step started, and its notification's base. */
export type CardPayload = {
  approvalId: string;
  card: ApprovalCard;
  notification: StoredNotification;
};

/** Greying a decided step's card; the response code of the click when it came from one. */
export type CardUpdatePayload = {
  approvalId: string;
  step: number;
  label: string;
  userids: string[];
  responseCode?: string;
};

/** A text; with `notice`, the submitter's message about a decision (its outcome is recorded). */
export type TextPayload = {
  text: ApprovalText;
  approvalId?: string;
  notice?: ApprovalDecisionNotice;
};

/** The outbox message of a step's card (its notification is queued beside it). */
export function cardMessage(
  approvalId: string,
  card: ApprovalCard,
  notification: StoredNotification,
): NewOutboxMessage {
  const payload: CardPayload = { approvalId, card, notification };
  return {
    kind: 'approvalCard',
    payload,
    summary: `审批卡片：${card.fields.find((f) => f.key === '单号')?.value ?? card.title}，第 ${notification.step} 步`,
    recipients: card.touser,
    ref: { approvalId, step: String(notification.step) },
  };
}

export function cardUpdateMessage(update: CardUpdatePayload): NewOutboxMessage {
  return {
    kind: 'approvalCardUpdate',
    payload: update,
    summary: `更新审批卡片：${update.label}，第 ${update.step} 步`,
    recipients: update.userids,
    ref: { approvalId: update.approvalId, step: String(update.step) },
  };
}

export function textMessageFor(
  text: ApprovalText,
  about: { approvalId: string; notice?: ApprovalDecisionNotice; summary: string },
): NewOutboxMessage {
  const payload: TextPayload = {
    text,
    approvalId: about.approvalId,
    ...(about.notice ? { notice: about.notice } : {}),
  };
  return {
    kind: 'approvalText',
    payload,
    summary: about.summary,
    recipients: text.touser,
    ref: {
      approvalId: about.approvalId,
      ...(about.notice ? { step: String(about.notice.step) } : {}),
    },
  };
}

/** What a decision notice's outbox outcome writes on the approval (`notices`). */
export function approvalNoticeOutcome(
  deps: Deps,
  r: OutboxRecord,
  outcome: Pick<ApprovalDecisionNotice, 'status' | 'at' | 'error'>,
) {
  const { approvalId, notice } = r.payload as TextPayload;
  if (!approvalId || !notice) return [];
  const { error: _e, ...base } = notice;
  return [
    approvalRepo(deps, r.tenant).noticeItem(approvalId, {
      ...base,
      status: outcome.status,
      at: outcome.at,
      ...(outcome.error ? { error: outcome.error } : {}),
    }),
  ];
}

/**
 * What resending a failed approval message writes on the approval: its card notification,
 * card update or decision notice shown as waiting again.
 */
export function approvalRequeueItems(deps: Deps, r: OutboxRecord, at: string): TxItem[] {
  const repo = approvalRepo(deps, r.tenant);
  if (r.kind === 'approvalCard') {
    const { approvalId, notification } = r.payload as CardPayload;
    return [repo.notificationOutcomeItem(approvalId, { ...notification, status: 'queued', at })];
  }
  if (r.kind === 'approvalCardUpdate') {
    const u = r.payload as CardUpdatePayload;
    return [repo.cardUpdateItem(u.approvalId, u.step, { label: u.label, status: 'queued' })];
  }
  return approvalNoticeOutcome(deps, r, { status: 'queued', at });
}
