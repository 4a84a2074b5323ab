/**
 * The order items are planned in: low-level code, then code. A substitute is put after the
 * components it stands in for (an edge component -> substitute, unless that would close a
 * loop), so its free stock is known when they are short and what they take becomes its
 * demand. The engine's structure (structure.ts) makes it once; net change compares the order
 * of the previous plan's structure with today's.
 *
 * On item indices: `codes[i]` is item i's code; `children[p]`, p's components (every version,
 * each once, an acyclic graph: the caller refuses cycles); `subPairs`, (component, substitute)
 * in the order the engine meets them (items, versions, lines, priority). Returns item indices.
 * A low-level code is the longest path from a root (`domain/bom/graph.ts`'s `lowLevelCodes`,
 * the same numbers); string-keyed maps cost a tenth of a run on a 100,000-item factory.
 */
export function levelOrder(
  codes: readonly string[],
  children: readonly (readonly number[])[],
  subPairs: readonly (readonly [component: number, substitute: number])[],
): number[] {
  const n = codes.length;
  const edges: number[][] = children.map((c) => [...c]);
  // Does `from` reach `to` through the edges so far? (a substitute edge must not close a loop)
  const seen = new Int32Array(n);
  let stamp = 0;
  const reaches = (from: number, to: number): boolean => {
    stamp++;
    const stack = [from];
    while (stack.length) {
      const x = stack.pop()!;
      if (x === to) return true;
      if (seen[x] === stamp) continue;
      seen[x] = stamp;
      for (const c of edges[x]!) stack.push(c);
    }
    return false;
  };
  for (const [c, s] of subPairs) {
    if (edges[c]!.includes(s) || reaches(s, c)) continue;
    edges[c]!.push(s);
  }
  const llc = longestPaths(edges).level;
  return codes
    .map((_, i) => i)
    .sort(
      (a, b) => llc[a]! - llc[b]! || (codes[a]! < codes[b]! ? -1 : codes[a]! > codes[b]! ? 1 : 0),
    );
}

/**
 * Each node's longest path from a node nothing points to, in topological order (Kahn). Nodes
 * on a cycle, or below one, are never settled: `settled` says how many were (all: no cycle).
 */
export function longestPaths(edges: readonly (readonly number[])[]): {
  level: Int32Array;
  settled: number;
} {
  const n = edges.length;
  const indegree = new Int32Array(n);
  for (const list of edges) for (const c of list) indegree[c]!++;
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) if (indegree[i] === 0) queue[tail++] = i;
  for (let head = 0; head < tail; head++) {
    const node = queue[head]!;
    const next = level[node]! + 1;
    for (const c of edges[node]!) {
      if (level[c]! < next) level[c] = next;
      if (--indegree[c]! === 0) queue[tail++] = c;
    }
  }
  return { level, settled: tail };
}
