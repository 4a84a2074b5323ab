import { compareDecimal, isPositiveDecimal, roundDownDecimal } from './decimal';
import { QTY_RANGE_MESSAGE } from './money';

const QTY_IN_RANGE = /^(0|[1-9]\d{0,11})(\.\d{1,6})?$/;

/**
 * What is wrong with a typed quantity before it is sent (undefined: nothing): blank or not a
 * positive number, outside the API's range, or more decimals than the item's unit allows.
 */
export function qtyProblem(text: string, precision: number | undefined): string | undefined {
  const q = text.trim();
  if (!q || !isPositiveDecimal(q)) return '请输入大于 0 的数量';
  if (!QTY_IN_RANGE.test(q)) return QTY_RANGE_MESSAGE;
  if (precision !== undefined && compareDecimal(roundDownDecimal(q, precision), q) !== 0) {
    return precision === 0 ? `数量 ${q} 只能是整数` : `数量 ${q} 最多 ${precision} 位小数`;
  }
  return undefined;
}
