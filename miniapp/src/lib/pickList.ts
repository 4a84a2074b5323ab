import type { ExplosionNode, Kitting, TaskOrderProgress } from '@factory/shared';

/** One line of a task order's pick list. */
export type PickLine = {
  item: string;
  required: string;
  issued: string;
  /** Still to pick: required - issued, not below zero. */
  open: string;
  /** In stock (from the kitting); undefined when the kitting does not list the item. */
  available?: string;
};

const num = (s: string | undefined) => Number(s ?? '0') || 0;
const fmt = (n: number) => String(+n.toFixed(6));

/**
 * What is picked by hand for the exploded order quantity: the components of the top item,
 * through phantoms (a phantom is never picked, its components are), without the ones
 * backflushed (consumed by the production receipt: picking them would consume them twice).
 * Summed per item, in BOM order.
 */
export function manualNeeds(tree: ExplosionNode): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (nodes: readonly ExplosionNode[]) => {
    for (const n of nodes) {
      if (n.issueMethod === 'backflush') continue;
      if (n.phantom) walk(n.children);
      else out.set(n.item, (out.get(n.item) ?? 0) + num(n.qty));
    }
  };
  walk(tree.children);
  return out;
}

/**
 * The pick list of a task order: the hand-issued components for the whole order quantity
 * (the BOM explosion of item × qty) against what was issued to the order so far, with the
 * stock the kitting of the same quantity found.
 */
export function pickLines(
  order: TaskOrderProgress,
  tree: ExplosionNode,
  kit?: Kitting,
): PickLine[] {
  const issued = new Map(order.issued.map((i) => [i.item, num(i.qty)]));
  const stock = new Map((kit?.components ?? []).map((c) => [c.item, c.available]));
  return [...manualNeeds(tree)].map(([item, required]) => {
    const done = issued.get(item) ?? 0;
    const available = stock.get(item);
    return {
      item,
      required: fmt(required),
      issued: fmt(done),
      open: fmt(Math.max(0, required - done)),
      ...(available !== undefined ? { available } : {}),
    };
  });
}

/** The quantity offered when a scan confirms a line: what is open, at most what is in stock. */
export function defaultPickQty(line: PickLine): string {
  const open = num(line.open);
  return fmt(
    Math.max(0, line.available === undefined ? open : Math.min(open, num(line.available))),
  );
}
