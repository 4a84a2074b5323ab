import {
  type ProgressPurchaseOrder,
  type ProgressTaskOrder,
  cmpQty,
  floorToPrecision,
  qty,
} from '@factory/shared';

/** What the issued share needs of a task order's component needs. */
export type NeedIssued = {
  issueMethod: 'manual' | 'backflush';
  required?: string;
  issued: string;
};

/**
 * Materials issued as a whole percent: the least-issued manually issued component's issued /
 * required, rounded down (the share of the kit that is on the line; backflushed components
 * are consumed by the receipts). 100 when nothing is to be issued by hand; undefined when the
 * order's needs are not known yet (imported, never picked).
 */
export function issuedPercent(needs: readonly NeedIssued[] | undefined): number | undefined {
  if (!needs) return undefined;
  let least: number | undefined;
  for (const n of needs) {
    if (n.issueMethod !== 'manual' || n.required === undefined) continue;
    if (cmpQty(n.required, '0') <= 0) continue;
    const share = qty(n.issued).div(n.required).times(100);
    const pct = Math.min(100, Number(floorToPrecision(share, 0)));
    least = least === undefined ? pct : Math.min(least, pct);
  }
  return least ?? 100;
}

const OPEN_TASK_STATES: ReadonlySet<string> = new Set(['planned', 'released', 'inProgress']);

/** The latest due date among the supply still under way (task orders not done, lines open). */
export function expectedCompletion(
  tasks: readonly Pick<ProgressTaskOrder, 'status' | 'dueDate'>[],
  purchases: readonly Pick<ProgressPurchaseOrder, 'closed' | 'received' | 'qty' | 'dueDate'>[],
): string | undefined {
  const dates = [
    ...tasks.filter((t) => OPEN_TASK_STATES.has(t.status) && t.dueDate).map((t) => t.dueDate!),
    ...purchases.filter((p) => !p.closed && cmpQty(p.received, p.qty) < 0).map((p) => p.dueDate),
  ].sort();
  return dates.at(-1);
}
