import { unitLabel } from './units';

/**
 * How numbers read on every page: digits grouped by thousands, a quantity with its unit's
 * name, money with ¥ and at least two decimals. Decimal text in, text out: no floating point
 * and no Intl (which some WeCom runtimes lack).
 */

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

/** "1234567.5" -> "1,234,567.5", sign and decimals as given; text that is not a number as is. */
export function groupDigits(text: string): string {
  const m = DECIMAL_TEXT.exec(text.trim());
  if (!m) return text;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] !== undefined ? `.${m[3]}` : ''}`;
}

/**
 * A quantity as people read it: grouped digits and the unit's name (500 个, 1,280.5 米). `unit`
 * is a unit code (its zh-CN name is shown) or already a name; none shows the number alone.
 */
export function qtyWithUnit(qty: string, unit: string | undefined): string {
  const name = unitLabel(unit);
  return name ? `${groupDigits(qty)} ${name}` : groupDigits(qty);
}

/**
 * An amount of yuan as decimal text ("1539.3") as "¥1,539.30": at least two decimals, more when
 * given (a unit cost's four); a negative one "-¥12.00"; none or not a number: "—".
 */
export function formatYuan(amount: string | null | undefined): string {
  const m = amount === null || amount === undefined ? null : DECIMAL_TEXT.exec(amount.trim());
  if (!m) return '—';
  const text = groupDigits(`${m[2]}.${(m[3] ?? '').padEnd(2, '0')}`);
  const zero = /^[0.]+$/.test(text);
  return `${m[1] && !zero ? '-' : ''}¥${text}`;
}
