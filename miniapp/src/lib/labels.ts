import type { DocumentLabels, Warehouse } from '@factory/shared';
import { qtyWithUnit } from './format';

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

/** A warehouse by name and code from the master list (pages that load it for scanning). */
export function warehouseOf(code: string, list: readonly Warehouse[]): string {
  const name = list.find((w) => w.code === code)?.name;
  return name ? `${name} ${code}` : code;
}

/** A person's name, or their id when unknown. */
export function userName(userid: string, labels: DocumentLabels | undefined): string {
  return labels?.users?.[userid] ?? userid;
}
