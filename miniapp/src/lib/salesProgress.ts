import { compareDecimal, multiplyDecimal, roundDownDecimal } from './decimal';
import { unitLabel } from './units';

export { unitLabel };

/**
 * What the order progress view (订单进度) shows a rep: units by name, shares as bar widths,
 * and which supply a line's view counts (API: GET /api/sales-orders/{no}/progress).
 */

/** done / of as a whole percent for a bar: 0 to 100, 0 when `of` is not above 0. */
export function sharePercent(done: string, of: string): number {
  if (compareDecimal(of, '0') <= 0) return 0;
  if (compareDecimal(done, of) >= 0) return 100;
  if (compareDecimal(done, '0') <= 0) return 0;
  // done × 100 / of, exactly, in whole percents (rounded down): compare against steps.
  let pct = 0;
  const hundredfold = multiplyDecimal(done, '100');
  while (pct < 100 && compareDecimal(multiplyDecimal(of, String(pct + 1)), hundredfold) <= 0) pct++;
  return pct;
}

/** "3 / 5 件" */
export function progressText(done: string, of: string, unit: string | undefined): string {
  const u = unitLabel(unit);
  return `${roundDownDecimal(done, 6)} / ${of}${u ? ` ${u}` : ''}`;
}

/** How a line is served: MTO by its tracking number, MTS from stock. */
export function strategyLabel(strategy: 'mto' | 'mts', trackingNo?: string): string {
  return strategy === 'mto' ? `按单生产 · 跟踪号 ${trackingNo ?? ''}`.trim() : '备货生产（库存）';
}
