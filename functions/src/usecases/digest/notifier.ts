import {
  DIGEST_PAGE,
  DIGEST_TITLE,
  dayLabel,
  digestLines,
  digestText,
} from '../../domain/digest/index.js';
import { wecomClient } from '../../wecom/client.js';
import { textMessage, textNoticeCardMessage, withDuplicateCheck } from '../../wecom/messages.js';
import type { OutboxHandler } from '../outbox/handler.js';
import type { DailyDigest } from './job.js';

/**
 * The digest as WeCom gets it: a text_notice template card opening the dashboard page of
 * the tenant's mini-program; a text with the same lines where the app has no mini-program.
 */
export function digestMessage(d: DailyDigest) {
  const to = { touser: [d.user] };
  if (!d.miniprogramAppId) return textMessage(to, digestText(d));
  return textNoticeCardMessage(to, {
    title: DIGEST_TITLE,
    desc: dayLabel(d.day),
    fields: digestLines(d),
    miniprogram: { appid: d.miniprogramAppId, pagepath: DIGEST_PAGE },
  });
}

/** How the outbox worker delivers a daily digest (its outcome stays on the outbox record). */
export const dailyDigestDelivery: OutboxHandler = {
  async deliver(deps, r) {
    const d = r.payload as DailyDigest;
    const client = await wecomClient(deps, d.tenant);
    await client.sendMessage(withDuplicateCheck(digestMessage(d)));
    return {};
  },
  delivered: () => [],
  failed: () => [],
};
