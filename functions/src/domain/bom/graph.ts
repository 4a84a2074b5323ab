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
  // Longest path from any root, in topological order (Kahn), so each node is settled once.
  const indegree = new Map<string, number>();
  for (const [parent, children] of structure) {
    if (!indegree.has(parent)) indegree.set(parent, 0);
    for (const c of children) indegree.set(c, (indegree.get(c) ?? 0) + 1);
  }
  const level = new Map<string, number>();
  const queue: string[] = [];
  for (const [node, d] of indegree) {
    if (d !== 0) continue;
    queue.push(node);
    level.set(node, 0);
  }
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    const next = level.get(node)! + 1;
    for (const child of structure.get(node) ?? []) {
      if ((level.get(child) ?? -1) < next) level.set(child, next);
      const d = indegree.get(child)! - 1;
      indegree.set(child, d);
      if (d === 0) queue.push(child);
    }
  }
  return level;
}
