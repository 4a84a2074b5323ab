import { createHash } from 'node:crypto';
import { list, parseWecomXml, text, type XmlObject } from './xml.js';

/** A decrypted WeCom callback: the fields this product reads, plus the rest as parsed. */
export type CallbackMessage = {
  toUserName: string;
  fromUserName: string;
  createTime: number;
  msgType: string;
  event?: string;
  eventKey?: string;
  msgId?: string;
  agentId?: string;
  taskId?: string;
  cardType?: string;
  responseCode?: string;
  /** template_card_event selections (vote / multiple cards), by question key. */
  selected?: { questionKey: string; optionIds: string[] }[];
};

export function parseCallbackMessage(xml: string): CallbackMessage {
  const node = parseWecomXml(xml);
  const required = (name: string): string => {
    const v = text(node, name);
    if (v === undefined || v === '') throw new Error(`callback without ${name}`);
    return v;
  };
  const createTime = Number(required('CreateTime'));
  if (!Number.isInteger(createTime)) throw new Error('callback with a bad CreateTime');
  const optional = (name: string) => text(node, name) || undefined;
  const message: CallbackMessage = {
    toUserName: required('ToUserName'),
    fromUserName: required('FromUserName'),
    createTime,
    msgType: required('MsgType'),
  };
  const fields: [keyof CallbackMessage, string][] = [
    ['event', 'Event'],
    ['eventKey', 'EventKey'],
    ['msgId', 'MsgId'],
    ['agentId', 'AgentID'],
    ['taskId', 'TaskId'],
    ['cardType', 'CardType'],
    ['responseCode', 'ResponseCode'],
  ];
  for (const [key, name] of fields) {
    const v = optional(name);
    if (v !== undefined) (message as Record<string, unknown>)[key] = v;
  }
  const selected = selectedItems(node);
  if (selected.length) message.selected = selected;
  return message;
}

function selectedItems(node: XmlObject): { questionKey: string; optionIds: string[] }[] {
  const holder = node.SelectedItems;
  if (!holder || typeof holder !== 'object' || Array.isArray(holder)) return [];
  return list(holder, 'SelectedItem').flatMap((item) => {
    if (typeof item !== 'object' || Array.isArray(item)) return [];
    const questionKey = text(item, 'QuestionKey') ?? '';
    // One .NET SDK spells it OpitonIds/OpitonId; accept both.
    const ids = (item.OptionIds ?? item.OpitonIds) as XmlObject | undefined;
    const optionIds = [...list(ids, 'OptionId'), ...list(ids, 'OpitonId')].filter(
      (v): v is string => typeof v === 'string',
    );
    return [{ questionKey, optionIds }];
  });
}

/**
 * What makes a delivery the same delivery: WeCom retries with the same content. Messages by
 * MsgId; events by FromUserName + CreateTime (as WeCom documents), narrowed by a digest of
 * the event, card and button, which a retry repeats too: two cards tapped by one person in
 * the same second are two events.
 */
export function dedupeKey(m: CallbackMessage): string {
  if (m.msgId) return `M#${m.msgId}`;
  const what = createHash('sha1')
    .update([m.event ?? '', m.taskId ?? '', m.eventKey ?? ''].join('\n'))
    .digest('hex')
    .slice(0, 16);
  return `E#${m.fromUserName}#${m.createTime}#${what}`;
}

export type CardAction = { approve: boolean; approvalId: string };

/** `approve:<approvalId>` / `reject:<approvalId>` (the keys sendApprovalCard puts on buttons). */
export function parseCardAction(eventKey: string | undefined): CardAction | undefined {
  const m = /^(approve|reject):(.+)$/.exec(eventKey ?? '');
  if (!m) return undefined;
  return { approve: m[1] === 'approve', approvalId: m[2]! };
}

export function approvalButtonKey(action: 'approve' | 'reject', approvalId: string): string {
  return `${action}:${approvalId}`;
}
