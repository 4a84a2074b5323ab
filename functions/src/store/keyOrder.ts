const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * DynamoDB's order of string keys: by their UTF-8 bytes, which is JavaScript's order of
 * UTF-16 units except between characters beyond the basic plane and those at U+E000 and up.
 * For putting rows read again back in an index's order, as a whole read gives them.
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  if (SURROGATE.test(a) || SURROGATE.test(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return a < b ? -1 : 1;
}
