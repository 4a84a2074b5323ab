import { cmpQty, type TaskOrderState } from '@factory/shared';

/**
 * The sets of order states the product decides by ("open", "done", "closed"), defined once.
 * Stored statuses keep the names they were written with: task orders released or imported
 * before the states were renamed say `open`, `received` (completed) or `cancelled` (closed);
 * purchase and outsourcing orders (imported) say `open` until received in full (`received`),
 * `completed`, `closed` or `cancelled`.
 */

/** The state each stored task order status name means. */
const STATE_OF: Readonly<Record<string, TaskOrderState>> = {
  planned: 'planned',
  released: 'released',
  open: 'released',
  inProgress: 'inProgress',
  completed: 'completed',
  received: 'completed',
  closed: 'closed',
  cancelled: 'closed',
};

const stateOf = (stored: string | undefined): TaskOrderState | undefined => {
  const name = stored ?? 'open';
  return Object.hasOwn(STATE_OF, name) ? STATE_OF[name] : undefined;
};

/** The state a stored task order status means (absent: `open`, released). */
export function taskOrderState(stored: string | undefined): TaskOrderState {
  const state = stateOf(stored);
  if (!state) throw new Error(`unknown task order status: ${String(stored)}`);
  return state;
}

/** The stored status names of a task order state (what a filter by state matches). */
export function storedNamesOf(state: TaskOrderState): string[] {
  return Object.keys(STATE_OF).filter((name) => STATE_OF[name] === state);
}

/** Done task orders: completed (by work reports or receipts) or closed. */
export const DONE_TASK_ORDER_STATES: readonly TaskOrderState[] = ['completed', 'closed'];

/** Whether a stored task order status is a done state (an unknown name is not). */
export function isTaskOrderDone(stored: string | undefined): boolean {
  const state = stateOf(stored);
  return state !== undefined && DONE_TASK_ORDER_STATES.includes(state);
}

/** Whether a stored task order status means completed (an unknown name does not). */
export function isTaskOrderCompleted(stored: string | undefined): boolean {
  return stateOf(stored) === 'completed';
}

/**
 * Whether a task order still counts for planning (DOMAIN.md, "Planning": open task orders):
 * not done, or completed by its work reports but not yet received in full (what is still to be
 * received is supply, and its backflush components are still consumed at that receipt).
 */
export function taskOrderPlans(o: { status: string; qty: string; received: string }): boolean {
  if (!isTaskOrderDone(o.status)) return true;
  return isTaskOrderCompleted(o.status) && cmpQty(o.received, o.qty) < 0;
}

/**
 * Stored statuses that end a purchase, outsourcing or imported sales order: it is no longer
 * supply or demand. (A purchase order is `received` once every line is: nothing is left.)
 */
export const ENDED_ORDER_STATUSES: ReadonlySet<string> = new Set([
  'completed',
  'received',
  'closed',
  'cancelled',
]);

/** Whether an imported order (purchase, outsourcing, sales) is open (absent status: open). */
export function isOrderOpen(stored: unknown): boolean {
  return !ENDED_ORDER_STATUSES.has(String(stored ?? 'open'));
}

/**
 * Orders that take no more receipts or work reports: closed or cancelled. A completed or fully
 * received order still takes them (an overrun, a correction).
 */
export const CLOSED_ORDER_STATUSES: ReadonlySet<string> = new Set(['closed', 'cancelled']);
