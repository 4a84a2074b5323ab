/** A product structure as parent -> components (union over the BOM versions that count). */
export type Structure = ReadonlyMap<string, readonly string[]>;

/**
 * If adding edges parent -> each of `components` would close a loop, the loop as a path
 * starting and ending at `parent` (A > B > C > A); otherwise undefined.
 */
export function cycleThrough(
  structure: Structure,
  parent: string,
  components: readonly string[],
): string[] | undefined {
  for (const start of components) {
    if (start === parent) return [parent, parent];
    const path = pathTo(structure, start, parent);
    if (path) return [parent, ...path];
  }
  return undefined;
}

/** A path from `from` down to `to` (both included), breadth first, if there is one. */
function pathTo(structure: Structure, from: string, to: string): string[] | undefined {
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    if (node === to) {
      const path: string[] = [];
      for (let n: string | null | undefined = node; n; n = previous.get(n)) path.unshift(n);
      return path;
    }
    for (const child of structure.get(node) ?? []) {
      if (!previous.has(child)) {
        previous.set(child, node);
        queue.push(child);
      }
    }
  }
  return undefined;
}

/**
 * Low-level codes: the deepest level at which each item appears in any BOM (top items are 0;
 * phantoms count as levels). Planning runs level 0 first; costing rolls up the deepest first.
 * Items that appear nowhere are left out (their code is 0). Assumes no cycles.
 */
export function lowLevelCodes(structure: Structure): Map<string, number> {
  // Nodes numbered in the order met, then the one longest-path pass (the planning engine's too).
  const index = new Map<string, number>();
  const codes: string[] = [];
  const number = (code: string) => {
    let i = index.get(code);
    if (i === undefined) {
      i = codes.length;
      codes.push(code);
      index.set(code, i);
    }
    return i;
  };
  const edges: number[][] = [];
  for (const [parent, children] of structure) {
    const p = number(parent);
    edges[p] = children.map(number);
  }
  // Nodes that are only components have no children.
  for (let i = 0; i < codes.length; i++) edges[i] ??= [];
  const { level, order } = longestPaths(edges);
  // Every node is settled when there is no cycle; on one, as before, those reached keep a code.
  const settled = new Uint8Array(codes.length);
  for (const i of order) settled[i] = 1;
  const out = new Map<string, number>();
  for (let i = 0; i < codes.length; i++)
    if (settled[i] || level[i]! > 0) out.set(codes[i]!, level[i]!);
  return out;
}

/**
 * On node numbers (`edges[p]`: p's children): each node's longest path from a node nothing
 * points to, in topological order (Kahn), each node settled once. `order` lists the nodes
 * settled, in that order: nodes on a cycle, or below one, never are (all settled: no cycle).
 * A child listed twice under one parent counts once.
 */
export function longestPaths(edges: readonly (readonly number[])[]): {
  level: Int32Array;
  order: Int32Array;
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
  return { level, order: queue.subarray(0, tail) };
}
