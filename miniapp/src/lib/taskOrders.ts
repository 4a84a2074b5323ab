import type { TaskOrderProgress } from '@factory/shared';
import { getItem, setItem } from '../platform/storage';
import { remainingDecimal } from './decimal';

/** Task order states (the API's status) -> zh-CN labels. */
const STATE_LABELS: Record<string, string> = {
  planned: '计划',
  open: '已下达',
  released: '已下达',
  inProgress: '生产中',
  completed: '已完工',
  closed: '已关闭',
};

export function taskStateLabel(status: string): string {
  return STATE_LABELS[status] ?? status;
}

/** Orders that may be picked for (merged picking too): released or in progress. */
export function canMerge(status: string): boolean {
  return status === 'released' || status === 'inProgress';
}

/** Choose or un-choose an order for merged picking (the API takes at most 50). */
export function toggleMerge(chosen: readonly string[], no: string): string[] {
  if (chosen.includes(no)) return chosen.filter((c) => c !== no);
  return chosen.length >= 50 ? [...chosen] : [...chosen, no];
}

/** Left to receive (exact); never below zero. */
export function remainingQty(p: Pick<TaskOrderProgress, 'qty' | 'received'>): string {
  return remainingDecimal(p.qty, p.received);
}

const RECENT_KEY = 'shopfloor.recentTaskOrders';
export type RecentTaskOrder = {
  no: string;
  item: string;
  qty: string;
  status: string;
  /** The product's name and unit when the order was opened (absent on older entries). */
  itemName?: string;
  unit?: string;
};

/** Task orders this phone opened last (newest first, at most 20). */
export function recentTaskOrders(): RecentTaskOrder[] {
  return getItem<RecentTaskOrder[]>(RECENT_KEY) ?? [];
}

export function rememberTaskOrder(
  p: TaskOrderProgress,
  product?: { name: string; unit: string },
): void {
  const entry: RecentTaskOrder = {
    no: p.no,
    item: p.item,
    qty: p.qty,
    status: p.status,
    ...(product ? { itemName: product.name, unit: product.unit } : {}),
  };
  setItem(RECENT_KEY, [entry, ...recentTaskOrders().filter((r) => r.no !== p.no)].slice(0, 20));
}
