import type { Deps } from '../../deps.js';
import { approvalRepo } from '../../store/approvalRepo.js';
import type { OutboxRecord } from '../../store/outboxRepo.js';
import { sendApprovalCard, updateApprovalCard, type ApprovalCard } from '../../wecom/index.js';
import { wecomClient } from '../../wecom/client.js';
import { isWecomError, WECOM } from '../../wecom/errors.js';
import { textMessage, withDuplicateCheck } from '../../wecom/messages.js';
import {
  PermanentDeliveryError,
  type Deferral,
  type DeliveryResult,
  type OutboxHandler,
} from '../outbox/handler.js';

import {
  approvalNoticeOutcome,
  type ApprovalText,
  type CardPayload,
  type CardUpdatePayload,
  type TextPayload,
} from './messages.js';

export type { ApprovalText } from './messages.js';

/**
 * How approval cards and messages reach people (the port `deps.approvalNotifier`). WeCom in
 * the product; tests put a recorder in (`useApprovalNotifier` in deps.ts). The outbox worker
 * calls it: a use case never does (it writes an outbox record with its change instead,
 * messages.ts).
 */
export type ApprovalNotifier = {
  send(deps: Deps, card: ApprovalCard): Promise<{ msgid: string; responseCode?: string }>;
  update(
    deps: Deps,
    update: { tenant: string; userids: string[]; responseCode: string; replaceName: string },
  ): Promise<void>;
  tell(deps: Deps, text: ApprovalText): Promise<void>;
};

/** The product's notifier: cards and texts through the WeCom client (wired in composition/). */
export const wecomApprovalNotifier: ApprovalNotifier = {
  send: sendApprovalCard,
  update: updateApprovalCard,
  async tell(deps, text) {
    const client = await wecomClient(deps, text.tenant);
    await client.sendMessage(
      withDuplicateCheck(textMessage({ touser: text.touser }, text.content)),
    );
  },
};

const payloadOf = <T>(r: OutboxRecord) => r.payload as T;

/** The delivery of a card: sent with its msgid and response code (kept for the update). */
const cardDelivery: OutboxHandler = {
  async deliver(deps, r) {
    const { card } = payloadOf<CardPayload>(r);
    return deps.approvalNotifier.send(deps, card);
  },
  delivered(deps, r, result: DeliveryResult, at) {
    const { approvalId, notification } = payloadOf<CardPayload>(r);
    return [
      approvalRepo(deps, r.tenant).notificationOutcomeItem(approvalId, {
        ...notification,
        status: 'sent',
        at,
        ...(result.msgid ? { msgid: result.msgid } : {}),
        ...(result.responseCode ? { responseCode: result.responseCode } : {}),
      }),
    ];
  },
  failed(deps, r, error, at) {
    const { approvalId, notification } = payloadOf<CardPayload>(r);
    return [
      approvalRepo(deps, r.tenant).notificationOutcomeItem(approvalId, {
        ...notification,
        status: 'failed',
        at,
        error,
      }),
    ];
  },
};

/**
 * The update greying a decided card. It needs a response code: the click's, or the one the
 * card's send returned; while the card itself is still waiting in the outbox, the update
 * waits too (a decision in the mini-program can come before the card reached WeCom).
 */
const cardUpdateDelivery: OutboxHandler = {
  async deliver(deps, r): Promise<DeliveryResult | Deferral> {
    const u = payloadOf<CardUpdatePayload>(r);
    let code = u.responseCode;
    if (!code) {
      const n = await approvalRepo(deps, r.tenant).getNotification(u.approvalId, u.step);
      if (n?.status === 'queued') return { defer: '卡片尚未送达，送达后再更新' };
      code = n?.status === 'sent' ? n.responseCode : undefined;
      if (!code) throw new PermanentDeliveryError('没有可用的 response_code（卡片未送达）');
    }
    try {
      await deps.approvalNotifier.update(deps, {
        tenant: r.tenant,
        userids: u.userids,
        responseCode: code,
        replaceName: u.label,
      });
    } catch (err) {
      // A response code is single use: refused after an attempt whose answer was lost, it
      // was that attempt that used it, and the card is updated.
      if (r.uncertain && isWecomError(err, WECOM.invalidParameter)) return {};
      throw err;
    }
    return {};
  },
  delivered(deps, r) {
    const u = payloadOf<CardUpdatePayload>(r);
    return [
      approvalRepo(deps, r.tenant).cardUpdateItem(u.approvalId, u.step, {
        label: u.label,
        status: 'sent',
      }),
    ];
  },
  failed(deps, r, error) {
    const u = payloadOf<CardUpdatePayload>(r);
    return [
      approvalRepo(deps, r.tenant).cardUpdateItem(u.approvalId, u.step, {
        label: u.label,
        status: 'failed',
        error,
      }),
    ];
  },
};

/** A text; a decision notice records its outcome on the approval (`notices`). */
const textDelivery: OutboxHandler = {
  async deliver(deps, r) {
    await deps.approvalNotifier.tell(deps, payloadOf<TextPayload>(r).text);
    return {};
  },
  delivered(deps, r, _result, at) {
    return approvalNoticeOutcome(deps, r, { status: 'sent', at });
  },
  failed(deps, r, error, at) {
    return approvalNoticeOutcome(deps, r, { status: 'failed', at, error });
  },
};

/** How the outbox worker delivers the approval engine's messages. */
export const approvalDeliveries = {
  approvalCard: cardDelivery,
  approvalCardUpdate: cardUpdateDelivery,
  approvalText: textDelivery,
} satisfies Record<string, OutboxHandler>;
