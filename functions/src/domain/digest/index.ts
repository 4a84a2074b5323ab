import { formatMoney, fenMoney } from '@factory/shared';

/**
 * The daily digest (每日简报, docs/digest.md), pure: which subscribers are due at an hour, what
 * one business day's documents add up to, and the card a manager gets. No clock, no I/O: the
 * use case (usecases/digest/) loads the documents and passes the day and the hour in.
 */

/** The mini-program page the digest opens (the manager's dashboard). */
export const DIGEST_PAGE = 'pages/dashboard/index/index';

/** How many late task order numbers the card names (the rest are counted). */
export const LATE_NAMED = 3;

/** China has one time zone, UTC+8, no daylight saving: the tenants' business clock. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The business day (Shanghai) of an instant, and its hour (0–23). */
export function businessDay(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
export function businessHour(now: Date): number {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).getUTCHours();
}

/** `YYYY-MM-DD` shifted by whole days. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export type Subscription = { user: string; enabled: boolean; hour: number };

/**
 * The subscribers whose digest is due at business hour `hour`: on, and their hour has come
 * (at or before it: a run missed at 08:00 is made up at 09:00; sending at most once a day is
 * the outbox key's job, not this one's).
 */
export function dueSubscribers(subs: readonly Subscription[], hour: number): Subscription[] {
  return subs.filter((s) => s.enabled && s.hour <= hour);
}

// ---- what a day adds up to --------------------------------------------------------------

/** A sales order as the digest reads it (amounts in fen). */
export type OrderFacts = {
  no: string;
  orderDate?: string;
  status: string;
  /** Including VAT where the order has it, else excluding (orders entered before VAT). */
  amountFen: number;
};

/** Orders that count as booked: approved (confirmed), or since closed. */
const BOOKED = new Set(['confirmed', 'closed']);

/** The orders booked on `day`: dated that day and confirmed (or closed since). */
export function bookedOn(orders: readonly OrderFacts[], day: string) {
  const booked = orders.filter((o) => o.orderDate === day && BOOKED.has(o.status));
  return { count: booked.length, amountFen: sum(booked.map((o) => o.amountFen)) };
}

/** A delivery line priced from its sales order line (fen; 0 for a line without a price). */
export type DeliveryFacts = { no: string; date: string; lineAmountsFen: number[] };

export function deliveredOn(deliveries: readonly DeliveryFacts[], day: string) {
  const shipped = deliveries.filter((d) => d.date === day);
  return {
    count: shipped.length,
    amountFen: sum(shipped.flatMap((d) => d.lineAmountsFen)),
  };
}

/** An open (not completed, not closed) task order. */
export type TaskFacts = { no: string; dueDate: string };

/**
 * Late task orders as the morning after `day` sees them: open and due on `day` or before
 * (before "today"), the most overdue first, then by number.
 */
export function lateOrders(open: readonly TaskFacts[], day: string) {
  const late = open
    .filter((o) => o.dueDate !== '' && o.dueDate <= day)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.no.localeCompare(b.no));
  return { count: late.length, first: late.slice(0, LATE_NAMED).map((o) => o.no) };
}

/** The shortage analysis's orders as the digest reads them. */
export type ShortFacts = {
  no: string;
  status: 'complete' | 'partial' | 'short';
  shortItems: string[];
};

/** Open task orders that cannot be kitted from stock, and the distinct items short. */
export function shortages(orders: readonly ShortFacts[]) {
  const short = orders.filter((o) => o.status !== 'complete');
  return {
    orders: short.length,
    items: new Set(short.flatMap((o) => o.shortItems)).size,
  };
}

/** One manager's digest of one business day: the numbers, nothing to look up. */
export type DigestFacts = {
  day: string;
  booked: { count: number; amountFen: number };
  delivered: { count: number; amountFen: number };
  late: { count: number; first: string[] };
  shortages: { orders: number; items: number };
  /** Approval steps waiting on this manager. */
  waitingOnMe: number;
};

function sum(fen: readonly number[]): number {
  return fen.reduce((a, b) => a + b, 0);
}

// ---- the card ---------------------------------------------------------------------------

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** `2026-11-30` -> `11月30日（周一）`. */
export function dayLabel(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日（${WEEKDAYS[d.getUTCDay()]}）`;
}

export const money = (fen: number) => formatMoney(fenMoney(fen));

/** The card's lines: label and value, zh-CN, exact numbers (money to the fen, with separators). */
export function digestLines(f: DigestFacts): { keyname: string; value: string }[] {
  const late =
    f.late.count === 0
      ? '无'
      : `${f.late.count} 张：${f.late.first.join('、')}${f.late.count > f.late.first.length ? ' 等' : ''}`;
  return [
    { keyname: '新增订单', value: `${f.booked.count} 单 ${money(f.booked.amountFen)}` },
    { keyname: '发货', value: `${f.delivered.count} 单 ${money(f.delivered.amountFen)}` },
    { keyname: '逾期生产任务单', value: late },
    {
      keyname: '缺料生产任务单',
      value:
        f.shortages.orders === 0
          ? '无'
          : `${f.shortages.orders} 张，缺 ${f.shortages.items} 种物料`,
    },
    { keyname: '待我审批', value: `${f.waitingOnMe} 项` },
  ];
}

export const DIGEST_TITLE = '每日经营简报';

/** The same digest as plain text (tenants whose WeCom app has no mini-program bound). */
export function digestText(f: DigestFacts): string {
  return [
    `【${DIGEST_TITLE}】${dayLabel(f.day)}`,
    ...digestLines(f).map((l) => `${l.keyname}：${l.value}`),
    '详情请在企业微信工作台打开小程序「经营看板」',
  ].join('\n');
}
