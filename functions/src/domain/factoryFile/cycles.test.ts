import { findCycles } from './cycles.js';

const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

describe('findCycles', () => {
  test('no edges, no cycles', () => {
    expect(findCycles(new Map())).toEqual([]);
  });

  test('a tree and a diamond (shared component) are not cycles', () => {
    expect(findCycles(graph({ A: ['B', 'C'], B: ['D'], C: ['D'], D: [] }))).toEqual([]);
    expect(findCycles(graph({ A: ['B', 'C'], B: ['X'], C: ['X'] }))).toEqual([]);
  });

  test('a three-item cycle is returned once as its path back to the start', () => {
    expect(findCycles(graph({ A: ['B'], B: ['C'], C: ['A'] }))).toEqual([['A', 'B', 'C', 'A']]);
  });

  test('the path starts where the cycle was entered, not at the root', () => {
    expect(findCycles(graph({ R: ['A'], A: ['B'], B: ['A'] }))).toEqual([['A', 'B', 'A']]);
  });

  test('a self-loop is a cycle of one', () => {
    expect(findCycles(graph({ A: ['A'] }))).toEqual([['A', 'A']]);
  });

  test('separate cycles are each reported', () => {
    const cycles = findCycles(graph({ A: ['B'], B: ['A'], C: ['D'], D: ['E'], E: ['C'] }));
    expect(cycles).toEqual([
      ['A', 'B', 'A'],
      ['C', 'D', 'E', 'C'],
    ]);
  });

  test('a node reached again from another branch after it is done is not a cycle', () => {
    // A -> B -> C, then A -> C again: C is finished, not on the path.
    expect(findCycles(graph({ A: ['B', 'C'], B: ['C'], C: ['D'] }))).toEqual([]);
  });

  test('every returned cycle is a real closed path of the graph', () => {
    const edges = graph({ A: ['B', 'E'], B: ['C'], C: ['A', 'D'], D: ['B'], E: ['E'] });
    const cycles = findCycles(edges);
    expect(cycles.length).toBeGreaterThan(0);
    for (const cycle of cycles) {
      expect(cycle[0]).toBe(cycle[cycle.length - 1]);
      for (let i = 0; i + 1 < cycle.length; i++)
        expect(edges.get(cycle[i]!)).toContain(cycle[i + 1]);
    }
  });

  test('a very deep chain does not overflow the stack', () => {
    const n = 100_000;
    const edges = new Map<string, string[]>();
    for (let i = 0; i < n; i++) edges.set(`N${i}`, [`N${i + 1}`]);
    expect(findCycles(edges)).toEqual([]);
    edges.set(`N${n}`, ['N0']);
    const cycles = findCycles(edges);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(n + 2);
  });
});
