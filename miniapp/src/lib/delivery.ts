import type { DeliverableLine, DeliveryCreate } from '@factory/shared';
import { unitLabel as unitOf } from './units';
import { compareDecimal, isPositiveDecimal } from './decimal';

/** A line of the picking page is one open sales order line. */
export const lineKey = (l: Pick<DeliverableLine, 'salesOrder' | 'line'>) =>
  `${l.salesOrder}-${l.line}`;

/** How a line reads for people: the item's name (its code only when it has none). */
export const itemLabel = (l: Pick<DeliverableLine, 'item' | 'itemName'>) => l.itemName ?? l.item;

/** The unit as people say it (个, 千克). */
export const unitLabel = (l: Pick<DeliverableLine, 'unit' | 'unitName'>) =>
  unitOf(l.unit, l.unitName);

/**
 * Problems with the quantities picked (by line key): not a positive number, or more than
 * is open on the line. Empty when every picked line can be shipped.
 */
export function pickedIssues(
  lines: readonly DeliverableLine[],
  picked: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines) {
    const qty = picked[lineKey(l)]?.trim();
    if (qty === undefined) continue;
    if (!isPositiveDecimal(qty)) out[lineKey(l)] = '请输入大于 0 的数量';
    else if (compareDecimal(qty, l.open) > 0) {
      out[lineKey(l)] = `超过未发数量 ${l.open}${unitLabel(l)}`;
    }
  }
  return out;
}

/** The delivery of the scanned lines (each from its default warehouse), in the list's order. */
export function deliveryBody(
  customer: string,
  lines: readonly DeliverableLine[],
  picked: Readonly<Record<string, string>>,
  date: string,
): DeliveryCreate {
  return {
    customer,
    date,
    lines: lines
      .filter((l) => picked[lineKey(l)] !== undefined)
      .map((l) => ({
        salesOrder: l.salesOrder,
        line: l.line,
        qty: picked[lineKey(l)]!.trim(),
        ...(l.warehouse ? { warehouse: l.warehouse } : {}),
      })),
  };
}

/** What the item master says of an item's label, and a warehouse's label. */
export type Labels = {
  items: Readonly<Record<string, { name?: string; barcode?: string }>>;
  locations: readonly { code: string; name?: string; barcode?: string }[];
};

export type DeliveryScan =
  { ok: true; confirms: 'item' | 'location' } | { ok: false; message: string };

const norm = (s: string) => s.trim().toUpperCase();

/**
 * A scan against the chosen line: its item's barcode (or code) confirms the item, its
 * warehouse's label confirms the location. Anything else is refused, naming what was expected
 * and what was scanned, by name.
 */
export function checkDeliveryScan(
  scanned: string,
  line: DeliverableLine,
  lines: readonly DeliverableLine[],
  labels: Labels,
): DeliveryScan {
  const value = norm(scanned);
  if (!value) return { ok: false, message: '请扫描或输入条码' };
  const isItem = (code: string) =>
    value === norm(code) ||
    (!!labels.items[code]?.barcode && value === norm(labels.items[code].barcode));
  if (isItem(line.item)) return { ok: true, confirms: 'item' };
  const place = labels.locations.find(
    (l) => value === norm(l.code) || (!!l.barcode && value === norm(l.barcode)),
  );
  if (place) {
    if (place.code === line.warehouse) return { ok: true, confirms: 'location' };
    return {
      ok: false,
      message: `库位不对：${itemLabel(line)} 应从 ${line.warehouseName ?? line.warehouse ?? '默认仓库'} 发货（扫到的是 ${place.name ?? place.code}）`,
    };
  }
  const other = lines.find((l) => l.item !== line.item && isItem(l.item));
  if (other) {
    return {
      ok: false,
      message: `扫错了：本行是 ${itemLabel(line)}，扫到的是 ${itemLabel(other)}，请核对后重扫`,
    };
  }
  return {
    ok: false,
    message: `扫错了：本行是 ${itemLabel(line)}，条码 ${scanned.trim()} 不是待发货的物料`,
  };
}

type Shortage = { item: string; warehouse: string; available: string; requested: string };

/**
 * A refused delivery as people read it: short stock by item and warehouse names (the lines
 * know them), over-delivery and the rest as the server says.
 */
export function deliveryErrorText(
  err: { code?: string; message: string; details?: Record<string, unknown> },
  lines: readonly DeliverableLine[],
): string {
  const shortages = err.details?.shortages as Shortage[] | undefined;
  if (err.code !== 'stock.insufficient' || !shortages?.length) return err.message;
  return shortages
    .map((s) => {
      const line = lines.find((l) => l.item === s.item);
      const item = line ? itemLabel(line) : s.item;
      const place = lines.find((l) => l.warehouse === s.warehouse)?.warehouseName ?? s.warehouse;
      return `库存不足：${item} 在 ${place} 可发 ${s.available}${line ? unitLabel(line) : ''}，本次 ${s.requested}`;
    })
    .join('；');
}
