import type { TaskOrder, TaskReturnRequest } from '@factory/shared';
import {
  addDecimal,
  compareDecimal,
  isDecimal,
  isPositiveDecimal,
  subtractDecimal,
} from './decimal';

/**
 * 退料: what a task order can give back to stock. The server takes a return line back from the
 * order's needs of that item and warehouse (no more than they issued: 422 issue.overReturn);
 * the page lists the same sums and refuses above them before anything is sent.
 */
/** One line of a return request. */
export type ReturnRequestLine = TaskReturnRequest['lines'][number];

export type ReturnLine = {
  /**
   * Unique on the page: the item; item@warehouse when the item was issued from two; a
   * substitute's line adds `>component` (item>component, item@warehouse>component).
   */
  key: string;
  item: string;
  /** The warehouse it was issued from and goes back to ('' when the need named none). */
  warehouse: string;
  /** Issued so far, summed over the order's needs of this item and warehouse. */
  issued: string;
  /** Issued as a substitute for this component (returning it opens that need again). */
  substituteFor?: string;
};

/**
 * The order's issued needs summed per item and warehouse, in need order; nothing issued:
 * none. A need's own issue is its `issued` less what substitutes cover; what was issued as a
 * substitute X for a component Y is its own line (X, its warehouse, for Y).
 */
export function returnLines(order: Pick<TaskOrder, 'needs'>): ReturnLine[] {
  const sums = new Map<
    string,
    { item: string; warehouse: string; issued: string; substituteFor?: string }
  >();
  const add = (
    place: string,
    line: { item: string; warehouse: string; substituteFor?: string },
    qty: string,
  ) => sums.set(place, { ...line, issued: addDecimal(sums.get(place)?.issued ?? '0', qty) });
  for (const n of order.needs) {
    const covered = (n.substituted ?? []).reduce((q, e) => addDecimal(q, e.covers), '0');
    add(
      `${n.item}@${n.warehouse}`,
      { item: n.item, warehouse: n.warehouse },
      subtractDecimal(n.issued, covered),
    );
    for (const e of n.substituted ?? []) {
      add(
        `${e.item}@${e.warehouse}>${n.item}`,
        { item: e.item, warehouse: e.warehouse, substituteFor: n.item },
        e.qty,
      );
    }
  }
  const lines = [...sums.values()].filter((l) => compareDecimal(l.issued, '0') > 0);
  return lines.map((l) => {
    const same = lines.filter((o) => o.item === l.item && o.substituteFor === l.substituteFor);
    const base = same.length === 1 ? l.item : `${l.item}@${l.warehouse}`;
    return { ...l, key: l.substituteFor ? `${base}>${l.substituteFor}` : base };
  });
}

/**
 * The page's check of one typed return quantity: blank is "not returned" (undefined, no
 * error); otherwise a positive exact decimal no larger than what was issued.
 */
export function returnQtyError(qty: string, issued: string): string | undefined {
  const q = qty.trim();
  if (!q) return undefined;
  if (!isDecimal(q) || !isPositiveDecimal(q)) return '请输入大于 0 的数量';
  if (compareDecimal(q, issued) > 0) return `退料 ${q} 超过已领 ${issued}`;
  return undefined;
}

export type ReturnCheck =
  | { ok: true; lines: ReturnRequestLine[] }
  | { ok: false; errors: Record<string, string>; message: string };

/**
 * The request lines of a return (lines with a quantity, in list order), or every line's
 * problem keyed by the line's key. Nothing entered is refused too.
 */
export function returnRequestLines(
  lines: readonly ReturnLine[],
  qtys: Readonly<Record<string, string>>,
): ReturnCheck {
  const errors: Record<string, string> = {};
  const out: ReturnRequestLine[] = [];
  for (const l of lines) {
    const q = (qtys[l.key] ?? '').trim();
    const error = returnQtyError(q, l.issued);
    if (error) errors[l.key] = error;
    else if (q)
      out.push({
        item: l.item,
        ...(l.warehouse ? { warehouse: l.warehouse } : {}),
        qty: q,
        ...(l.substituteFor ? { substituteFor: l.substituteFor } : {}),
      });
  }
  if (Object.keys(errors).length) {
    return { ok: false, errors, message: '退料数量有误，请按提示修改' };
  }
  if (!out.length) return { ok: false, errors, message: '请填写要退的物料数量' };
  return { ok: true, lines: out };
}

/**
 * The API's issues of a return (paths such as ['body','lines',1,'qty']) placed on the lines
 * that were sent (by their index in the request); the rest as general messages.
 */
export function placeReturnIssues(
  sent: readonly ReturnRequestLine[],
  lines: readonly ReturnLine[],
  issues: readonly { path: (string | number)[]; message: string }[],
): { errors: Record<string, string>; other: string[] } {
  const errors: Record<string, string> = {};
  const other: string[] = [];
  for (const issue of issues) {
    const [root, field, index] = issue.path;
    const line =
      root === 'body' && field === 'lines' && typeof index === 'number' ? sent[index] : undefined;
    const target = line
      ? lines.find(
          (l) =>
            l.item === line.item &&
            (line.warehouse ?? '') === l.warehouse &&
            l.substituteFor === line.substituteFor,
        )
      : undefined;
    if (target) errors[target.key] ??= issue.message;
    else other.push(issue.message);
  }
  return { errors, other };
}
