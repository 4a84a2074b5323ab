import type { OutsourcingComponent, OutsourcingOrder, PriceListEntry } from '@factory/shared';
import {
  addDecimal,
  compareDecimal,
  isPositiveDecimal,
  minDecimal,
  multiplyDecimal,
  remainingDecimal,
  roundUpDecimal,
} from './decimal';
import { listPrice } from './purchase';
import { unitLabel } from './units';

/**
 * Outsourcing orders (委外订单) on the phone: the processing price in force, what a send of N
 * sets moves per component, and a refused receipt as people read it. Pure: the pages feed in
 * what the API answered.
 */

const STATUS: Record<string, [label: string, tone: string]> = {
  open: ['执行中', 'confirmed'],
  completed: ['已完成', 'draft'],
  closed: ['已关闭', 'cancelled'],
  cancelled: ['已取消', 'cancelled'],
};

export function osStatusLabel(status: string): string {
  return STATUS[status]?.[0] ?? status;
}

export function osStatusTone(status: string): string {
  return STATUS[status]?.[1] ?? 'draft';
}

const DOCUMENT_KINDS: Record<string, string> = {
  send: '发料',
  materialReturn: '退料',
  receipt: '入库',
  productReturn: '退货',
};

export function documentKindLabel(kind: string): string {
  return DOCUMENT_KINDS[kind] ?? kind;
}

/** The date the order is priced on: its order date, else its start date (as the server). */
export function pricingDate(order: Pick<OutsourcingOrder, 'orderDate' | 'startDate'>): string {
  return order.orderDate ?? order.startDate;
}

export type PricePolicy = {
  date: string;
  /** The entry in force for the order's quantity on its date; undefined when none is. */
  inForce?: PriceListEntry;
  /** Every break in force on the date by quantity break, the chosen one included. */
  breaks: PriceListEntry[];
  /** Entries not in force on the date (earlier or later windows). */
  others: PriceListEntry[];
};

const inForceOn = (e: PriceListEntry, date: string) =>
  e.effectiveFrom <= date && (e.effectiveTo === undefined || e.effectiveTo >= date);

/**
 * The price policy lookup (委外价格政策) of an order, as the server picks its processing price:
 * among the subcontractor's entries for the item in force on the order date, the highest
 * quantity break not above the order quantity; where windows overlap, the entry that took
 * effect last. The other breaks in force and the entries of other dates are listed beside it.
 */
export function pricePolicy(
  order: Pick<OutsourcingOrder, 'subcontractor' | 'item' | 'qty' | 'orderDate' | 'startDate'>,
  entries: readonly PriceListEntry[],
): PricePolicy {
  const date = pricingDate(order);
  const own = entries.filter((e) => e.supplier === order.subcontractor && e.item === order.item);
  const byBreak = (a: PriceListEntry, b: PriceListEntry) =>
    compareDecimal(a.minQty, b.minQty) || a.effectiveFrom.localeCompare(b.effectiveFrom);
  const chosen = listPrice(own, order.qty, date);
  const inForce = own.find((e) => e === chosen);
  return {
    date,
    ...(inForce ? { inForce } : {}),
    breaks: own.filter((e) => inForceOn(e, date)).sort(byBreak),
    others: own.filter((e) => !inForceOn(e, date)).sort(byBreak),
  };
}

/** What is still to send of a need: required less sent, never below zero. */
export function toSend(c: Pick<OutsourcingComponent, 'required' | 'sent'>): string {
  return remainingDecimal(c.required, c.sent);
}

/** One set of a need: qty per unit × (1 + loss). */
export function perSet(c: Pick<OutsourcingComponent, 'qtyPer' | 'lossRate'>): string {
  return multiplyDecimal(c.qtyPer, addDecimal('1', c.lossRate));
}

/**
 * What N sets send of a need (配套发料), as the server plans it: N × per set rounded up to the
 * component's precision, at most what is still to send. Undefined while N is not a positive
 * number.
 */
export function kitSendQty(
  c: Pick<OutsourcingComponent, 'qtyPer' | 'lossRate' | 'required' | 'sent'>,
  sets: string,
  precision: number | undefined,
): string | undefined {
  const n = sets.trim();
  if (!isPositiveDecimal(n)) return undefined;
  const raw = multiplyDecimal(n, perSet(c));
  const rounded = precision === undefined ? raw : roundUpDecimal(raw, precision);
  return minDecimal(rounded, toSend(c));
}

/** The needs a standard send moves: those with something still to send. */
export function openNeeds(order: Pick<OutsourcingOrder, 'components'>): OutsourcingComponent[] {
  return order.components.filter((c) => compareDecimal(toSend(c), '0') > 0);
}

/** A key per need (an item may be needed under several tracking numbers). */
export const needKey = (c: Pick<OutsourcingComponent, 'item' | 'trackingNo'>): string =>
  c.trackingNo ? `${c.item}#${c.trackingNo}` : c.item;

type Shortage = { item: string; warehouse: string; available: string; requested: string };

/**
 * A refused receipt as people read it. A shortage at the subcontractor (409
 * stock.insufficient) lists each short component by name and unit: what is there, what the
 * receipt would consume, what is missing. Anything else: the server's message.
 */
export function receiptRefusal(
  err: { code?: string; message: string; details?: Record<string, unknown> },
  order: Pick<OutsourcingOrder, 'components'> | undefined,
  warehouseNames: ReadonlyMap<string, string> = new Map(),
  unitNames: ReadonlyMap<string, string> = new Map(),
): string[] {
  const shortages = err.details?.shortages as Shortage[] | undefined;
  if (err.code !== 'stock.insufficient' || !shortages?.length) return [err.message];
  return shortages.map((s) => {
    const need = order?.components.find((c) => c.item === s.item);
    const name = need?.itemName ?? s.item;
    const unit = unitLabel(need?.unit, unitNames);
    const place = warehouseNames.get(s.warehouse) ?? s.warehouse;
    const missing = remainingDecimal(s.requested, s.available);
    return `${name}：${place} 仅有 ${s.available}${unit}，本次需耗用 ${s.requested}${unit}，缺 ${missing}${unit}`;
  });
}

/** A unit price as people read it: yuan with at least two decimals ("1.6" -> "¥1.60"). */
export function unitPriceText(price: string): string {
  const [whole = '0', frac = ''] = price.trim().split('.');
  return `¥${whole}.${frac.padEnd(2, '0')}`;
}

const CODE_CHAR = /[A-Za-z0-9_-]/;

/**
 * A server message with the codes it names (warehouses, partners, items) replaced by their
 * names, so people read 外协仓-丽美喷涂 rather than SUB-LM. A code only matches whole (not
 * inside a longer code); longer codes are replaced first.
 */
export function nameCodes(text: string, names: ReadonlyMap<string, string>): string {
  const codes = [...names.keys()]
    .filter((c) => c && names.get(c))
    .sort((a, b) => b.length - a.length);
  let out = '';
  let i = 0;
  outer: while (i < text.length) {
    if (i === 0 || !CODE_CHAR.test(text[i - 1]!)) {
      for (const code of codes) {
        const end = i + code.length;
        if (text.startsWith(code, i) && (end === text.length || !CODE_CHAR.test(text[end]!))) {
          out += names.get(code)!;
          i = end;
          continue outer;
        }
      }
    }
    out += text[i];
    i += 1;
  }
  return out;
}
