import type { Kitting, TaskOrderProgress } from '@factory/shared';

/** One line of a task order's pick list. */
export type PickLine = {
  item: string;
  required: string;
  issued: string;
  /** Still to pick: required - issued, not below zero. */
  open: string;
  available: string;
};

const num = (s: string | undefined) => Number(s ?? '0') || 0;
const fmt = (n: number) => String(+n.toFixed(6));

/**
 * The pick list of a task order: its components for the whole order quantity (from the
 * kitting of item × qty) against what was issued to the order so far.
 */
export function pickLines(order: TaskOrderProgress, kit: Kitting): PickLine[] {
  const issued = new Map(order.issued.map((i) => [i.item, num(i.qty)]));
  return kit.components.map((c) => {
    const done = issued.get(c.item) ?? 0;
    return {
      item: c.item,
      required: c.required,
      issued: fmt(done),
      open: fmt(Math.max(0, num(c.required) - done)),
      available: c.available,
    };
  });
}

/** The quantity offered when a line is confirmed by a scan: what is open, at most what is in stock. */
export function defaultPickQty(line: PickLine): string {
  return fmt(Math.max(0, Math.min(num(line.open), num(line.available))));
}
