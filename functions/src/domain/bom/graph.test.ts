import fc from 'fast-check';
import { aStructure } from './builders.js';
import { cycleThrough, lowLevelCodes, type Structure } from './index.js';

/** True when every step of the path is an edge of the structure or of parent -> components. */
function followsEdges(
  path: string[],
  structure: Structure,
  parent: string,
  components: string[],
): boolean {
  return path.slice(1).every((to, i) => {
    const from = path[i]!;
    const children = from === parent && i === 0 ? components : (structure.get(from) ?? []);
    return children.includes(to);
  });
}

describe('cycleThrough', () => {
  test('finds the loop A > B > C > A, starting and ending at the parent', () => {
    const structure = aStructure({ B: ['C'], C: ['A'] });
    expect(cycleThrough(structure, 'A', ['B'])).toEqual(['A', 'B', 'C', 'A']);
  });

  test('finds the loop when the structure already holds the proposed edges', () => {
    const structure = aStructure({ A: ['X', 'B'], B: ['C'], C: ['A'] });
    expect(cycleThrough(structure, 'A', ['X', 'B'])).toEqual(['A', 'B', 'C', 'A']);
  });

  test('a self loop is the parent twice', () => {
    expect(cycleThrough(aStructure(), 'A', ['A'])).toEqual(['A', 'A']);
    expect(cycleThrough(aStructure({ B: ['C'] }), 'A', ['B', 'A'])).toEqual(['A', 'A']);
  });

  test('a direct two-item loop', () => {
    expect(cycleThrough(aStructure({ B: ['A'] }), 'A', ['B'])).toEqual(['A', 'B', 'A']);
  });

  test('no false positive on diamonds or shared components', () => {
    const diamond = aStructure({ A: ['B', 'C'], B: ['D'], C: ['D'], D: ['E'] });
    expect(cycleThrough(diamond, 'A', ['B', 'C'])).toBeUndefined();
    expect(cycleThrough(diamond, 'TOP', ['A', 'D'])).toBeUndefined();
    expect(cycleThrough(diamond, 'B', ['E', 'C'])).toBeUndefined();
  });

  test('a loop elsewhere in the structure neither hangs the search nor counts', () => {
    const structure = aStructure({ X: ['Y'], Y: ['X'], B: ['X'] });
    expect(cycleThrough(structure, 'A', ['B'])).toBeUndefined();
  });

  test('the loop reported is the shortest through the first component that closes one', () => {
    const structure = aStructure({ B: ['C', 'A'], C: ['A'], D: ['A'] });
    expect(cycleThrough(structure, 'A', ['Q', 'B', 'D'])).toEqual(['A', 'B', 'A']);
  });

  describe('properties over random DAGs', () => {
    test('an existing edge never closes a loop; a back edge always does, along real edges', () => {
      fc.assert(
        fc.property(arbDag, fc.nat(), fc.nat(), (structure, x, y) => {
          for (const [parent, components] of structure)
            expect(cycleThrough(structure, parent, components)).toBeUndefined();
          // Pick an ancestor a and a descendant d: adding d -> a closes a loop.
          const nodes = nodesOf(structure);
          const a = nodes[x % nodes.length]!;
          const below = [...reachable(structure, a)].filter((n) => n !== a);
          if (below.length === 0) return;
          const d = below[y % below.length]!;
          const loop = cycleThrough(structure, d, [a]);
          expect(loop).toBeDefined();
          expect(loop![0]).toBe(d);
          expect(loop!.at(-1)).toBe(d);
          expect(followsEdges(loop!, structure, d, [a])).toBe(true);
        }),
      );
    });
  });
});

describe('lowLevelCodes', () => {
  test('a chain gets 0, 1, 2, ...', () => {
    expect(lowLevelCodes(aStructure({ FG: ['SA'], SA: ['RM'] }))).toEqual(
      new Map([
        ['FG', 0],
        ['SA', 1],
        ['RM', 2],
      ]),
    );
  });

  test('an item at levels 1 and 3 gets the deepest, 3', () => {
    const codes = lowLevelCodes(aStructure({ FG: ['D', 'SA'], SA: ['SB'], SB: ['D'] }));
    expect(codes.get('D')).toBe(3);
    expect(codes.get('SB')).toBe(2);
  });

  test('a phantom is a level like any other', () => {
    // PH is a phantom sub-assembly: its components still sit one level below it.
    const codes = lowLevelCodes(aStructure({ FG: ['PH', 'RM2'], PH: ['RM1'], RM1: [] }));
    expect(Object.fromEntries(codes)).toEqual({ FG: 0, PH: 1, RM1: 2, RM2: 1 });
  });

  test('several top items: each is 0, a shared component takes its deepest use', () => {
    const codes = lowLevelCodes(aStructure({ FG1: ['RM'], FG2: ['SA'], SA: ['RM'] }));
    expect(Object.fromEntries(codes)).toEqual({ FG1: 0, FG2: 0, SA: 1, RM: 2 });
  });

  test('items in no BOM are absent; a parent with no lines is 0', () => {
    const codes = lowLevelCodes(aStructure({ FG: ['RM'], EMPTY: [] }));
    expect([...codes.keys()].sort()).toEqual(['EMPTY', 'FG', 'RM']);
    expect(codes.get('EMPTY')).toBe(0);
    expect(codes.has('OTHER')).toBe(false);
    expect(lowLevelCodes(aStructure())).toEqual(new Map());
  });

  test('a component listed twice under one parent is counted once', () => {
    const codes = lowLevelCodes(aStructure({ A: ['B', 'B'], B: ['C'] }));
    expect(Object.fromEntries(codes)).toEqual({ A: 0, B: 1, C: 2 });
  });

  describe('properties over random DAGs', () => {
    test('llc(child) > llc(parent) on every edge, and llc is the longest path from a top item', () => {
      fc.assert(
        fc.property(arbDag, (structure) => {
          const codes = lowLevelCodes(structure);
          expect([...codes.keys()].sort()).toEqual(nodesOf(structure).sort());
          for (const [parent, children] of structure)
            for (const child of children)
              expect(codes.get(child)!).toBeGreaterThan(codes.get(parent)!);
          const depth = longestPaths(structure);
          for (const [node, code] of codes) expect(code).toBe(depth.get(node));
        }),
      );
    });
  });
});

// ---- random DAGs ------------------------------------------------------------------------

/** Items N0..N9; an edge only goes from a lower to a higher number, so there is no loop. */
const arbDag: fc.Arbitrary<Structure> = fc
  .array(fc.tuple(fc.nat({ max: 9 }), fc.nat({ max: 9 })), { minLength: 1, maxLength: 25 })
  .map((pairs) => {
    const edges = new Map<string, string[]>();
    for (const [x, y] of pairs) {
      if (x === y) continue;
      const [from, to] = x < y ? [`N${x}`, `N${y}`] : [`N${y}`, `N${x}`];
      const list = edges.get(from) ?? [];
      if (!list.includes(to)) list.push(to);
      edges.set(from, list);
    }
    return edges;
  })
  .filter((s) => s.size > 0);

function nodesOf(structure: Structure): string[] {
  const nodes = new Set<string>();
  for (const [parent, children] of structure) {
    nodes.add(parent);
    for (const c of children) nodes.add(c);
  }
  return [...nodes];
}

function reachable(structure: Structure, from: string): Set<string> {
  const seen = new Set([from]);
  const stack = [from];
  while (stack.length) {
    for (const c of structure.get(stack.pop()!) ?? []) {
      if (!seen.has(c)) {
        seen.add(c);
        stack.push(c);
      }
    }
  }
  return seen;
}

/** The longest path from any top item to each node, by memoised recursion over parents. */
function longestPaths(structure: Structure): Map<string, number> {
  const parents = new Map<string, string[]>();
  for (const [p, children] of structure)
    for (const c of children) parents.set(c, [...(parents.get(c) ?? []), p]);
  const memo = new Map<string, number>();
  const depth = (n: string): number => {
    if (!memo.has(n)) memo.set(n, Math.max(0, ...(parents.get(n) ?? []).map((p) => depth(p) + 1)));
    return memo.get(n)!;
  };
  return new Map(nodesOf(structure).map((n) => [n, depth(n)]));
}
