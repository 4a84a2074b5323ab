/**
 * Finds cycles in a parent -> components graph. Each cycle is returned once, as the path
 * from where it was entered back to the same node: ['A', 'B', 'C', 'A'].
 */
export function findCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const stack: string[] = [];

  // Iterative DFS: BOMs can be deep, recursion depth should not depend on the data.
  for (const root of edges.keys()) {
    if (state.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    state.set(root, 'open');
    stack.push(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      const children = edges.get(top.node) ?? [];
      if (top.next < children.length) {
        const child = children[top.next++]!;
        const s = state.get(child);
        if (s === 'open') {
          cycles.push([...stack.slice(stack.indexOf(child)), child]);
        } else if (s === undefined) {
          state.set(child, 'open');
          stack.push(child);
          work.push({ node: child, next: 0 });
        }
      } else {
        state.set(top.node, 'done');
        stack.pop();
        work.pop();
      }
    }
  }
  return cycles;
}
