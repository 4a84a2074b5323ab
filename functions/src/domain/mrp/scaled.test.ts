import { algebraLaws } from '../../../../shared/src/algebra.laws.js';
import { isOverflow, scaledAlgebra } from './scaled.js';

// MRP's scaled integers pass the one law suite: exact for operands of up to 4 integer digits
// and 3 decimals (any product stays below 2^53), and over the whole quantity range every
// result is exact or refused with the overflow MRP reports as notPlanned, never rounded.
algebraLaws(scaledAlgebra, {
  exactRange: { ints: 4, decimals: 3 },
  mayRefuse: isOverflow,
});
