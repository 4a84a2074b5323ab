import type { PickList } from '@factory/shared';

/** One line of a task order's pick list, as the server computed it (remaining manual needs). */
export type PickLine = {
  /** Unique on the page: the item, or item@warehouse when the item is picked from two. */
  key: string;
  item: string;
  warehouse: string;
  /** Still to pick for the order (required - issued). */
  open: string;
  /** In stock in that warehouse. */
  available: string;
};

export function pickLines(list: PickList): PickLine[] {
  const count = new Map<string, number>();
  for (const l of list.lines) count.set(l.item, (count.get(l.item) ?? 0) + 1);
  return list.lines.map((l) => ({
    key: (count.get(l.item) ?? 0) > 1 ? `${l.item}@${l.warehouse}` : l.item,
    item: l.item,
    warehouse: l.warehouse,
    open: l.qty,
    available: l.available,
  }));
}

/** The quantity offered when a scan confirms a line: what is open, at most what is in stock. */
export function defaultPickQty(line: PickLine): string {
  const least = compareDecimal(line.open, line.available) <= 0 ? line.open : line.available;
  return compareDecimal(least, '0') > 0 ? least : '0';
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** A positive decimal string (what a quantity field must hold before it is sent). */
export function isPositiveDecimal(s: string): boolean {
  return DECIMAL.test(s.trim()) && compareDecimal(s.trim(), '0') > 0;
}

/**
 * Compares two decimal strings exactly (no floating point): -1, 0 or 1. Quantities here are
 * the API's exact decimals; a float comparison could misjudge 0.1 + 0.2 style values.
 */
export function compareDecimal(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  if (pa.negative !== pb.negative) return isZero(pa) && isZero(pb) ? 0 : pa.negative ? -1 : 1;
  const magnitude = compareMagnitude(pa, pb);
  return pa.negative ? -magnitude : magnitude;
}

type Parts = { negative: boolean; int: string; frac: string };

function parts(s: string): Parts {
  const m = DECIMAL.exec(s.trim());
  if (!m) throw new Error(`not a decimal: ${s}`);
  return {
    negative: m[1] === '-',
    int: m[2]!.replace(/^0+(?=\d)/, ''),
    frac: (m[3] ?? '').replace(/0+$/, ''),
  };
}

const isZero = (p: Parts) => p.int === '0' && p.frac === '';

function compareMagnitude(a: Parts, b: Parts): number {
  if (a.int.length !== b.int.length) return a.int.length < b.int.length ? -1 : 1;
  if (a.int !== b.int) return a.int < b.int ? -1 : 1;
  const width = Math.max(a.frac.length, b.frac.length);
  const fa = a.frac.padEnd(width, '0');
  const fb = b.frac.padEnd(width, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}
