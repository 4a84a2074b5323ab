import { lowLevelCodes } from '../bom/graph.js';

/**
 * The order items are planned in: low-level code, then code. A substitute is put after the
 * components it stands in for (an edge component -> substitute, unless that would close a
 * loop), so its free stock is known when they are short and what they take becomes its
 * demand. One function for the engine and for net change, which compares the order of the
 * previous plan's structure with today's: the same algorithm, or the comparison means nothing.
 *
 * `edges`: parent code -> component codes (every version); `subPairs`: (component,
 * substitute) in the order the engine meets them (items, versions, lines, priority).
 * Returns item indices into `codes`.
 */
export function levelOrder(
  codes: readonly string[],
  edges: ReadonlyMap<string, readonly string[]>,
  subPairs: Iterable<readonly [component: string, substitute: string]>,
): number[] {
  const orderEdges = new Map([...edges].map(([p, c]) => [p, [...c]]));
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const x = stack.pop()!;
      if (x === to) return true;
      if (seen.has(x)) continue;
      seen.add(x);
      stack.push(...(orderEdges.get(x) ?? []));
    }
    return false;
  };
  for (const [c, sCode] of subPairs) {
    if ((orderEdges.get(c) ?? []).includes(sCode) || reaches(sCode, c)) continue;
    orderEdges.set(c, [...(orderEdges.get(c) ?? []), sCode]);
  }
  const llcByCode = lowLevelCodes(orderEdges);
  return codes
    .map((_, i) => i)
    .sort((a, b) => {
      const la = llcByCode.get(codes[a]!) ?? 0;
      const lb = llcByCode.get(codes[b]!) ?? 0;
      return la - lb || (codes[a]! < codes[b]! ? -1 : codes[a]! > codes[b]! ? 1 : 0);
    });
}
