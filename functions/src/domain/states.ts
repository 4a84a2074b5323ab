import { cmpQty, type TaskOrderState, zTaskOrderState } from '@factory/shared';

/**
 * The sets of order states the product decides by ("open", "done", "closed"), defined once.
 * Stored statuses keep the names they were written with: task orders released or imported
 * before the states were renamed say `open`, `received` (completed) or `cancelled` (closed);
 * purchase and outsourcing orders (imported) say `open` until received in full (`received`),
 * `completed`, `closed` or `cancelled`.
 */

/** The stored status names of each task order state. */
export const TASK_ORDER_STORED_AS: Readonly<Record<TaskOrderState, readonly string[]>> = {
  planned: ['planned'],
  released: ['released', 'open'],
  inProgress: ['inProgress'],
  completed: ['completed', 'received'],
  closed: ['closed', 'cancelled'],
};

const STATE_OF = new Map<string, TaskOrderState>(
  Object.entries(TASK_ORDER_STORED_AS).flatMap(([state, names]) =>
    names.map((n) => [n, zTaskOrderState.parse(state)] as const),
  ),
);

/** The state a stored task order status means (absent: `open`, released). */
export function taskOrderState(stored: string | undefined): TaskOrderState {
  const state = STATE_OF.get(stored ?? 'open');
  if (!state) throw new Error(`unknown task order status: ${String(stored)}`);
  return state;
}

/** Done task orders: completed (by work reports or receipts) or closed. */
export const DONE_TASK_ORDER_STATES: ReadonlySet<TaskOrderState> = new Set(['completed', 'closed']);

/** Whether a stored task order status is a done state (an unknown name is not). */
export function isTaskOrderDone(stored: string | undefined): boolean {
  const state = STATE_OF.get(stored ?? 'open');
  return state !== undefined && DONE_TASK_ORDER_STATES.has(state);
}

/**
 * Whether a task order still counts for planning (DOMAIN.md, "Planning": open task orders):
 * not done, or completed by its work reports but not yet received in full (what is still to be
 * received is supply, and its backflush components are still consumed at that receipt).
 */
export function taskOrderPlans(o: { status: string; qty: string; received: string }): boolean {
  if (!isTaskOrderDone(o.status)) return true;
  return taskOrderState(o.status) === 'completed' && cmpQty(o.received, o.qty) < 0;
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
