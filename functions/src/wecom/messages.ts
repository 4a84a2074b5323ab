import { AppError } from '@factory/shared';

/**
 * Builders of message/send bodies (without agentid, which the client adds). Each checks
 * WeCom's documented limits first, so a bad message is refused here with every problem
 * named, instead of by WeCom with one errcode.
 */
export type Recipients = { touser?: string[]; toparty?: string[]; totag?: string[] };

export type OutgoingMessage = {
  touser?: string;
  toparty?: string;
  totag?: string;
  msgtype: 'text' | 'textcard' | 'template_card' | 'miniprogram_notice';
  [body: string]: unknown;
};

export const LIMITS = {
  users: 1000,
  partiesOrTags: 100,
  textBytes: 2048,
  textcardTitleBytes: 128,
  textcardDescriptionBytes: 512,
  textcardButtonChars: 4,
  taskIdBytes: 128,
  buttons: 6,
  buttonKeyBytes: 1024,
  horizontalItems: 6,
  noticeItems: 10,
  noticePageBytes: 1024,
} as const;

const TASK_ID = /^[0-9a-zA-Z_\-@]+$/;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const chars = (s: string) => [...s].length;

class Problems {
  readonly list: { path: string[]; message: string }[] = [];
  add(path: string, message: string) {
    this.list.push({ path: path.split('.'), message });
  }
  maxBytes(path: string, value: string | undefined, max: number) {
    if (value !== undefined && bytes(value) > max) this.add(path, `不能超过 ${max} 字节`);
  }
  required(path: string, value: string | undefined) {
    if (!value) this.add(path, '不能为空');
  }
  throwIfAny() {
    if (this.list.length) {
      throw new AppError('wecom.invalidMessage', '企业微信消息不符合限制', undefined, this.list);
    }
  }
}

function recipients(
  to: Recipients,
  p: Problems,
): Pick<OutgoingMessage, 'touser' | 'toparty' | 'totag'> {
  const users = to.touser ?? [];
  const parties = to.toparty ?? [];
  const tags = to.totag ?? [];
  if (!users.length && !parties.length && !tags.length) p.add('touser', '至少需要一个接收人');
  if (users.length > LIMITS.users) p.add('touser', `最多 ${LIMITS.users} 人`);
  if (parties.length > LIMITS.partiesOrTags)
    p.add('toparty', `最多 ${LIMITS.partiesOrTags} 个部门`);
  if (tags.length > LIMITS.partiesOrTags) p.add('totag', `最多 ${LIMITS.partiesOrTags} 个标签`);
  for (const u of users) if (!u || u.includes('|')) p.add('touser', `接收人 ID 不正确：${u}`);
  return {
    ...(users.length ? { touser: users.join('|') } : {}),
    ...(parties.length ? { toparty: parties.join('|') } : {}),
    ...(tags.length ? { totag: tags.join('|') } : {}),
  };
}

export function textMessage(to: Recipients, content: string): OutgoingMessage {
  const p = new Problems();
  const r = recipients(to, p);
  p.required('text.content', content);
  p.maxBytes('text.content', content, LIMITS.textBytes);
  p.throwIfAny();
  return { ...r, msgtype: 'text', text: { content } };
}

export type TextCard = { title: string; description: string; url: string; btntxt?: string };

export function textcardMessage(to: Recipients, card: TextCard): OutgoingMessage {
  const p = new Problems();
  const r = recipients(to, p);
  p.required('textcard.title', card.title);
  p.maxBytes('textcard.title', card.title, LIMITS.textcardTitleBytes);
  p.required('textcard.description', card.description);
  p.maxBytes('textcard.description', card.description, LIMITS.textcardDescriptionBytes);
  p.required('textcard.url', card.url);
  if (card.btntxt !== undefined && chars(card.btntxt) > LIMITS.textcardButtonChars) {
    p.add('textcard.btntxt', `不能超过 ${LIMITS.textcardButtonChars} 个字`);
  }
  p.throwIfAny();
  return { ...r, msgtype: 'textcard', textcard: { ...card } };
}

export type CardButton = { text: string; key: string; style?: 1 | 2 | 3 | 4 };

export type ButtonCard = {
  taskId: string;
  title: string;
  desc?: string;
  fields?: { keyname: string; value: string }[];
  buttons: CardButton[];
};

/** A button_interaction template card (one tap per button; each click comes back as a callback). */
export function buttonCardMessage(to: Recipients, card: ButtonCard): OutgoingMessage {
  const p = new Problems();
  const r = recipients(to, p);
  p.required('template_card.task_id', card.taskId);
  p.maxBytes('template_card.task_id', card.taskId, LIMITS.taskIdBytes);
  if (card.taskId && !TASK_ID.test(card.taskId)) {
    p.add('template_card.task_id', '只能包含字母、数字和 _ - @');
  }
  p.required('template_card.main_title.title', card.title);
  p.maxBytes('template_card.main_title.title', card.title, 128);
  p.maxBytes('template_card.main_title.desc', card.desc, 512);
  const fields = card.fields ?? [];
  if (fields.length > LIMITS.horizontalItems) {
    p.add('template_card.horizontal_content_list', `最多 ${LIMITS.horizontalItems} 项`);
  }
  if (!card.buttons.length) p.add('template_card.button_list', '至少需要一个按钮');
  if (card.buttons.length > LIMITS.buttons) {
    p.add('template_card.button_list', `最多 ${LIMITS.buttons} 个按钮`);
  }
  const keys = new Set<string>();
  card.buttons.forEach((b, i) => {
    p.required(`template_card.button_list.${i}.text`, b.text);
    p.required(`template_card.button_list.${i}.key`, b.key);
    p.maxBytes(`template_card.button_list.${i}.key`, b.key, LIMITS.buttonKeyBytes);
    if (keys.has(b.key)) p.add(`template_card.button_list.${i}.key`, '按钮 key 重复');
    keys.add(b.key);
  });
  p.throwIfAny();
  return {
    ...r,
    msgtype: 'template_card',
    template_card: {
      card_type: 'button_interaction',
      task_id: card.taskId,
      main_title: { title: card.title, ...(card.desc ? { desc: card.desc } : {}) },
      ...(fields.length ? { horizontal_content_list: fields } : {}),
      button_list: card.buttons.map((b) => ({ text: b.text, style: b.style ?? 1, key: b.key })),
    },
  };
}

/**
 * A text_notice template card (no buttons, no callback) that opens a mini-program page when
 * tapped (`card_action` type 2: the bound mini-program's appid and the page path); used by
 * the daily digest (docs/digest.md).
 */
export type TextNoticeCard = {
  title: string;
  desc?: string;
  /** ≤ 112 characters under the title. */
  subTitle?: string;
  fields?: { keyname: string; value: string }[];
  miniprogram: { appid: string; pagepath: string };
};

export function textNoticeCardMessage(to: Recipients, card: TextNoticeCard): OutgoingMessage {
  const p = new Problems();
  const r = recipients(to, p);
  p.required('template_card.main_title.title', card.title);
  p.maxBytes('template_card.main_title.title', card.title, 128);
  p.maxBytes('template_card.main_title.desc', card.desc, 512);
  if (card.subTitle !== undefined && chars(card.subTitle) > 112) {
    p.add('template_card.sub_title_text', '不能超过 112 个字');
  }
  const fields = card.fields ?? [];
  if (fields.length > LIMITS.horizontalItems) {
    p.add('template_card.horizontal_content_list', `最多 ${LIMITS.horizontalItems} 项`);
  }
  p.required('template_card.card_action.appid', card.miniprogram.appid);
  p.maxBytes(
    'template_card.card_action.pagepath',
    card.miniprogram.pagepath,
    LIMITS.noticePageBytes,
  );
  p.throwIfAny();
  return {
    ...r,
    msgtype: 'template_card',
    template_card: {
      card_type: 'text_notice',
      main_title: { title: card.title, ...(card.desc ? { desc: card.desc } : {}) },
      ...(card.subTitle ? { sub_title_text: card.subTitle } : {}),
      ...(fields.length ? { horizontal_content_list: fields } : {}),
      card_action: { type: 2, appid: card.miniprogram.appid, pagepath: card.miniprogram.pagepath },
    },
  };
}

export type MiniprogramNotice = {
  appid: string;
  page?: string;
  title: string;
  description?: string;
  emphasisFirstItem?: boolean;
  items?: { key: string; value: string }[];
};

/** A notice that opens a page of the mini-program bound to the app. */
export function miniprogramNoticeMessage(to: Recipients, n: MiniprogramNotice): OutgoingMessage {
  const p = new Problems();
  const r = recipients(to, p);
  p.required('miniprogram_notice.appid', n.appid);
  p.required('miniprogram_notice.title', n.title);
  const span = (path: string, v: string | undefined) => {
    if (v !== undefined && (chars(v) < 4 || chars(v) > 12)) p.add(path, '应为 4-12 个字');
  };
  span('miniprogram_notice.title', n.title);
  span('miniprogram_notice.description', n.description);
  p.maxBytes('miniprogram_notice.page', n.page, LIMITS.noticePageBytes);
  const items = n.items ?? [];
  if (items.length > LIMITS.noticeItems) {
    p.add('miniprogram_notice.content_item', `最多 ${LIMITS.noticeItems} 项`);
  }
  items.forEach((item, i) => {
    if (chars(item.key) > 10) p.add(`miniprogram_notice.content_item.${i}.key`, '不能超过 10 个字');
    if (chars(item.value) > 30)
      p.add(`miniprogram_notice.content_item.${i}.value`, '不能超过 30 个字');
  });
  p.throwIfAny();
  return {
    ...r,
    msgtype: 'miniprogram_notice',
    miniprogram_notice: {
      appid: n.appid,
      ...(n.page ? { page: n.page } : {}),
      title: n.title,
      ...(n.description ? { description: n.description } : {}),
      emphasis_first_item: n.emphasisFirstItem ?? false,
      content_item: items,
    },
  };
}

/**
 * How long WeCom's duplicate check looks back (its maximum, 4 h): the outbox sends every
 * message with `enable_duplicate_check`, so a retry of a message WeCom had accepted when the
 * answer was lost (a timeout) is not delivered twice. WeCom compares the request JSON, and an
 * outbox record sends the same JSON on every attempt. (What WeCom answers for a duplicate is
 * not documented; the simulator answers the first send's msgid.)
 */
export const DUPLICATE_CHECK_SECONDS = 4 * 3600;

export function withDuplicateCheck(message: OutgoingMessage): OutgoingMessage {
  return {
    ...message,
    enable_duplicate_check: 1,
    duplicate_check_interval: DUPLICATE_CHECK_SECONDS,
  };
}
