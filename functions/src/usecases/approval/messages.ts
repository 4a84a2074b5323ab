import type { ApprovalDecisionNotice } from '@factory/shared';
import type { StoredNotification } from '../../store/approvalRepo.js';
import type { NewOutboxMessage } from '../../store/outboxRepo.js';
import type { ApprovalCard } from '../../wecom/index.js';

// The approval engine's outbox messages, as written with its changes (notifier.ts delivers
// them): plain data, so submitting a document loads no WeCom code.

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
