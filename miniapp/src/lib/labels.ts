import type { DocumentLabels } from '@factory/shared';
import { unitLabel } from './units';

/** A decimal string with thousands separators: 42000 → 42,000; 1280.5 → 1,280.5; -3 → -3. */
export function groupDigits(value: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(value.trim());
  if (!m) return value;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

/** A quantity as people read it: separated digits and the unit's name (500 个, 1,280.5 米). */
export function qtyWithUnit(qty: string, unit: string | undefined): string {
  const name = unitLabel(unit);
  return name ? `${groupDigits(qty)} ${name}` : groupDigits(qty);
}

/** An item's name, or its code when the labels do not know it. */
export function itemName(code: string, labels: DocumentLabels | undefined): string {
  return labels?.items[code]?.name ?? code;
}

/** A quantity of an item, with the item's unit from the labels. */
export function itemQty(code: string, qty: string, labels: DocumentLabels | undefined): string {
  return qtyWithUnit(qty, labels?.items[code]?.unit);
}

/** A warehouse as people say it: its name and code (原料仓 RM), or the code alone. */
export function warehouseName(code: string, labels: DocumentLabels | undefined): string {
  const name = labels?.warehouses[code];
  return name ? `${name} ${code}` : code;
}

/** A person's name, or their id when unknown. */
export function userName(userid: string, labels: DocumentLabels | undefined): string {
  return labels?.users?.[userid] ?? userid;
}
