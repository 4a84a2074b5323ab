import {
  type QuantityString,
  type SamplingRule,
  cmpQty,
  qty,
  roundUpToPrecision,
  toQtyString,
} from '@factory/shared';

const atMost = (a: QuantityString, lot: QuantityString) => (cmpQty(a, lot) > 0 ? lot : a);

/**
 * How many units of a lot to inspect under a sampling rule: the whole lot (full), a fixed
 * count, a percentage rounded up to the item's precision, or the sample of the table row with
 * the largest lot start not above the lot. Never more than the lot; an empty lot needs none.
 * A count or table sample finer than the item's unit is rounded up to it.
 */
export function sampleSize(
  rule: SamplingRule,
  lotQty: QuantityString,
  precision: number,
): QuantityString {
  if (cmpQty(lotQty, '0') <= 0) return '0';
  const lot = toQtyString(qty(lotQty));
  switch (rule.rule) {
    case 'full':
      return lot;
    case 'fixed':
      return atMost(roundUpToPrecision(rule.count, precision), lot);
    case 'percentage':
      return atMost(
        roundUpToPrecision(toQtyString(qty(lotQty).times(rule.percent).div(100)), precision),
        lot,
      );
    case 'table': {
      let sample = rule.rows[0]!.sample;
      for (const row of rule.rows) if (cmpQty(row.fromLot, lotQty) <= 0) sample = row.sample;
      return atMost(roundUpToPrecision(sample, precision), lot);
    }
  }
}
