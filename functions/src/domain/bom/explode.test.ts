import fc from 'fast-check';
import {
  AppError,
  type BomLine,
  type ExplosionNode,
  type ItemSource,
  qty,
  toQtyString,
} from '@factory/shared';
import { aBomContext, aLine } from './builders.js';
import { explode, lowLevelCodes } from './index.js';

/** Every node of a tree, depth first. */
function nodesOf(node: ExplosionNode): ExplosionNode[] {
  return [node, ...node.children.flatMap(nodesOf)];
}

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('explode', () => {
  test('carries quantity × qtyPer × (1 + lossRate) through every level in exact decimals', () => {
    const ctx = aBomContext({
      boms: {
        FG: [{ component: 'SA', qtyPer: '0.1', lossRate: '0.1' }],
        SA: [{ component: 'SB', qtyPer: '0.3', lossRate: '0.2' }],
        SB: [{ component: 'RM', qtyPer: '0.7', lossRate: '0' }],
      },
    });
    const { tree, flat } = explode('FG', '3', ctx);
    const sa = tree.children[0]!;
    const sb = sa.children[0]!;
    const rm = sb.children[0]!;
    // 3 × 0.1 × 1.1 is 0.33000000000000007 in floating point.
    expect([tree.qty, sa.qty, sb.qty, rm.qty]).toEqual(['3', '0.33', '0.1188', '0.08316']);
    expect(flat.map((f) => [f.item, f.qty])).toEqual([
      ['SA', '0.33'],
      ['SB', '0.1188'],
      ['RM', '0.08316'],
    ]);
  });

  test('writes quantities in canonical form, without trailing zeros', () => {
    const ctx = aBomContext({ boms: { FG: [{ component: 'RM', qtyPer: '0.5', lossRate: '0' }] } });
    expect(explode('FG', '2.0', ctx).tree.children[0]!.qty).toBe('1');
  });

  test('a phantom inside a phantom multiplies through both levels', () => {
    const ctx = aBomContext({
      items: { PH1: 'phantom', PH2: 'phantom' },
      boms: {
        FG: [{ component: 'PH1', qtyPer: '2', lossRate: '0.5' }],
        PH1: [{ component: 'PH2', qtyPer: '3', lossRate: '0.1' }],
        PH2: [{ component: 'RM', qtyPer: '0.5', lossRate: '0.02' }],
      },
    });
    const { tree, flat } = explode('FG', '10', ctx);
    const ph1 = tree.children[0]!;
    const ph2 = ph1.children[0]!;
    expect([ph1.phantom, ph1.qty]).toEqual([true, '30']);
    expect([ph2.phantom, ph2.qty]).toEqual([true, '99']);
    expect(ph2.children[0]!.qty).toBe('50.49');
    expect(flat).toEqual([
      { item: 'PH1', source: 'phantom', phantom: true, qty: '30', levels: [1], leaf: false },
      { item: 'PH2', source: 'phantom', phantom: true, qty: '99', levels: [2], leaf: false },
      { item: 'RM', source: 'purchased', phantom: false, qty: '50.49', levels: [3], leaf: true },
    ]);
  });

  test('a shared sub-assembly appears under each parent in the tree and once, summed, in the flat list', () => {
    const ctx = aBomContext({
      boms: {
        FG: [
          { component: 'SA', qtyPer: '2' },
          { component: 'MID', qtyPer: '1' },
        ],
        MID: [{ component: 'SA', qtyPer: '3' }],
        SA: [{ component: 'RM', qtyPer: '4', lossRate: '0.25' }],
      },
    });
    const { tree, flat } = explode('FG', '1', ctx);
    const sas = nodesOf(tree).filter((n) => n.item === 'SA');
    expect(sas.map((n) => [n.path, n.level, n.qty])).toEqual([
      [['FG', 'SA'], 1, '2'],
      [['FG', 'MID', 'SA'], 2, '3'],
    ]);
    const rms = nodesOf(tree).filter((n) => n.item === 'RM');
    expect(rms.map((n) => n.qty)).toEqual(['10', '15']);
    const byItem = new Map(flat.map((f) => [f.item, f]));
    expect(byItem.get('SA')).toMatchObject({ qty: '5', levels: [1, 2], leaf: false });
    expect(byItem.get('RM')).toMatchObject({ qty: '25', levels: [2, 3], leaf: true });
    expect(flat.filter((f) => f.item === 'SA')).toHaveLength(1);
  });

  test('the flat list leaves out the top item and is sorted by lowest level, then code', () => {
    const ctx = aBomContext({
      items: { M: 'phantom' },
      boms: {
        FG: [{ component: 'Z' }, { component: 'M' }, { component: 'B' }],
        B: [{ component: 'A' }],
        M: [{ component: 'Y' }, { component: 'A' }],
        Y: [{ component: 'Z' }],
      },
    });
    const { flat } = explode('FG', '1', ctx);
    expect(flat.map((f) => [f.item, f.levels, f.leaf, f.phantom])).toEqual([
      ['B', [1], false, false],
      ['M', [1], false, true],
      ['Z', [1, 3], true, false],
      ['A', [2], true, false],
      ['Y', [2], false, false],
    ]);
  });

  test('nodes carry path, level, version, issue method, line quantities and names', () => {
    const ctx = aBomContext({
      items: {
        FG: { source: 'manufactured', name: '成品' },
        RM: { source: 'purchased', name: '钢板' },
      },
      boms: {
        FG: { version: 'V3', lines: [{ component: 'SA', qtyPer: '2', issueMethod: 'backflush' }] },
        SA: { version: 'V7', lines: [{ component: 'RM', qtyPer: '1.5', lossRate: '0.04' }] },
      },
    });
    const { tree } = explode('FG', '1', ctx);
    const { children, ...root } = tree;
    expect(root).toEqual({
      item: 'FG',
      name: '成品',
      level: 0,
      source: 'manufactured',
      phantom: false,
      qtyPer: '1',
      lossRate: '0',
      qty: '1',
      version: 'V3',
      path: ['FG'],
    });
    const sa = children[0]!;
    expect(sa).toMatchObject({
      item: 'SA',
      level: 1,
      qtyPer: '2',
      lossRate: '0',
      issueMethod: 'backflush',
      version: 'V7',
      path: ['FG', 'SA'],
    });
    expect(sa).not.toHaveProperty('name');
    expect(sa.children[0]).toEqual({
      item: 'RM',
      name: '钢板',
      level: 2,
      source: 'purchased',
      phantom: false,
      qtyPer: '1.5',
      lossRate: '0.04',
      qty: '3.12',
      issueMethod: 'manual',
      path: ['FG', 'SA', 'RM'],
      children: [],
    });
  });

  test('a purchased item without a BOM is a leaf: no children, no version, leaf in the flat list', () => {
    const ctx = aBomContext({ boms: { FG: [{ component: 'RM', qtyPer: '2' }] } });
    const { tree, flat } = explode('FG', '1', ctx);
    const rm = tree.children[0]!;
    expect(rm.children).toEqual([]);
    expect(rm).not.toHaveProperty('version');
    expect(flat).toEqual([
      { item: 'RM', source: 'purchased', phantom: false, qty: '2', levels: [1], leaf: true },
    ]);
  });

  // BUG: explode descends into any item the context returns a BOM for, whatever its source.
  // An item whose source was changed to `purchased` after its BOM was approved (item update
  // does not look at BOMs) is still exploded, so its components are required as well.
  test('a purchased item is a leaf even when a BOM exists for it', () => {
    const ctx = aBomContext({
      items: { BUY: 'purchased' },
      boms: { FG: [{ component: 'BUY' }], BUY: [{ component: 'RM' }] },
    });
    const { tree, flat } = explode('FG', '1', ctx);
    expect(tree.children[0]!.children).toEqual([]);
    expect(flat.map((f) => [f.item, f.leaf])).toEqual([['BUY', true]]);
  });

  test('a component the context does not know is treated as a purchased leaf', () => {
    const ctx = {
      item: (code: string) => (code === 'FG' ? { source: 'manufactured' as const } : undefined),
      bom: (parent: string) =>
        parent === 'FG' ? { version: 'V1', lines: [aLine({ component: 'GHOST' })] } : undefined,
    };
    const { tree, flat } = explode('FG', '1', ctx);
    expect(tree.children[0]).toMatchObject({ item: 'GHOST', source: 'purchased', children: [] });
    expect(flat[0]).toMatchObject({ item: 'GHOST', leaf: true });
  });

  test('a top item without a BOM explodes to itself alone', () => {
    const { tree, flat } = explode('RM', '4', aBomContext({ items: { RM: 'purchased' } }));
    expect(tree).toMatchObject({ item: 'RM', qty: '4', children: [], path: ['RM'] });
    expect(flat).toEqual([]);
  });

  test('an unknown top item is resource.notFound', () => {
    const e = thrown(() => explode('NOPE', '1', aBomContext({ boms: { FG: [{}] } })));
    expect(e.code).toBe('resource.notFound');
    expect(e.details).toEqual({ entity: 'item', id: 'NOPE' });
  });

  test('a cycle in the data is bom.cycle with the path in the details', () => {
    const ctx = aBomContext({
      boms: { A: [{ component: 'B' }], B: [{ component: 'C' }], C: [{ component: 'A' }] },
    });
    const e = thrown(() => explode('A', '1', ctx));
    expect(e.code).toBe('bom.cycle');
    expect(e.details).toEqual({ path: ['A', 'B', 'C', 'A'] });
    expect(e.message).toContain('A > B > C > A');
  });

  test('a cycle below the top item and a self loop are found too', () => {
    const below = aBomContext({
      boms: { R: [{ component: 'A' }], A: [{ component: 'B' }], B: [{ component: 'A' }] },
    });
    expect(thrown(() => explode('R', '1', below)).details).toEqual({ path: ['R', 'A', 'B', 'A'] });
    const self = aBomContext({ boms: { A: [{ component: 'A' }] } });
    expect(thrown(() => explode('A', '1', self)).details).toEqual({ path: ['A', 'A'] });
  });

  test('a diamond (shared item on two branches) is not a cycle', () => {
    const ctx = aBomContext({
      boms: {
        A: [{ component: 'B' }, { component: 'C' }],
        B: [{ component: 'D' }],
        C: [{ component: 'D' }],
      },
    });
    expect(explode('A', '1', ctx).flat.find((f) => f.item === 'D')).toMatchObject({
      qty: '2',
      levels: [2],
    });
  });

  describe('properties over random acyclic BOMs', () => {
    const QTY_PER = ['1', '2', '0.1', '0.25', '3', '0.7', '1.5'];
    const LOSS = ['0', '0.1', '0.05', '0.02', '0.333'];
    const PARENT_SOURCES: ItemSource[] = ['manufactured', 'phantom', 'outsourced'];

    type Edge = { from: number; to: number; qtyPer: string; lossRate: string };
    type Case = { n: number; edges: Edge[]; sources: ItemSource[]; quantity: string };

    /** Items I0..I(n-1); every line goes from a lower to a higher index, so no cycles. */
    const arbCase: fc.Arbitrary<Case> = fc.integer({ min: 2, max: 7 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        edges: fc
          .array(
            fc.record({
              a: fc.nat({ max: n - 1 }),
              b: fc.nat({ max: n - 1 }),
              qtyPer: fc.constantFrom(...QTY_PER),
              lossRate: fc.constantFrom(...LOSS),
            }),
            { maxLength: 14 },
          )
          .map((raw) => {
            const seen = new Set<string>();
            const edges: Edge[] = [];
            for (const { a, b, qtyPer, lossRate } of raw) {
              const [from, to] = a < b ? [a, b] : [b, a];
              if (from === to || seen.has(`${from}>${to}`)) continue;
              seen.add(`${from}>${to}`);
              edges.push({ from, to, qtyPer, lossRate });
            }
            return edges;
          }),
        sources: fc.array(fc.constantFrom(...PARENT_SOURCES), { minLength: n, maxLength: n }),
        quantity: fc.constantFrom('1', '7', '0.3', '12.5'),
      }),
    );

    const code = (i: number) => `I${i}`;

    function contextOf(c: Case) {
      const boms: Record<string, Partial<BomLine>[]> = {};
      for (const e of c.edges)
        (boms[code(e.from)] ??= []).push({
          component: code(e.to),
          qtyPer: e.qtyPer,
          lossRate: e.lossRate,
        });
      const items: Record<string, ItemSource> = {};
      for (let i = 0; i < c.n; i++) items[code(i)] = boms[code(i)] ? c.sources[i]! : 'purchased';
      return aBomContext({ items, boms });
    }

    test('the flat quantity of each item is the sum of its tree nodes and of its users’ needs × factor', () => {
      fc.assert(
        fc.property(arbCase, (c) => {
          const { tree, flat } = explode('I0', c.quantity, contextOf(c));
          // Sum over the tree.
          const fromTree = new Map<string, ReturnType<typeof qty>>();
          for (const node of nodesOf(tree).slice(1))
            fromTree.set(node.item, (fromTree.get(node.item) ?? qty(0)).plus(node.qty));
          // Independent recurrence in index order (a topological order).
          const need = new Map<number, ReturnType<typeof qty>>([[0, qty(c.quantity)]]);
          for (let i = 0; i < c.n; i++) {
            const mine = need.get(i);
            if (!mine) continue;
            for (const e of c.edges.filter((x) => x.from === i)) {
              const add = mine.times(e.qtyPer).times(qty(1).plus(e.lossRate));
              need.set(e.to, (need.get(e.to) ?? qty(0)).plus(add));
            }
          }
          expect(flat.map((f) => f.item).sort()).toEqual([...fromTree.keys()].sort());
          for (const f of flat) {
            expect(f.qty).toBe(toQtyString(fromTree.get(f.item)!));
            expect(f.qty).toBe(toQtyString(need.get(Number(f.item.slice(1)))!));
          }
        }),
      );
    });

    test('each child of the top item needs quantity × qtyPer × (1 + lossRate)', () => {
      fc.assert(
        fc.property(arbCase, (c) => {
          const { tree } = explode('I0', c.quantity, contextOf(c));
          const lines = c.edges.filter((e) => e.from === 0);
          expect(tree.children.map((n) => [n.item, n.qty])).toEqual(
            lines.map((e) => [
              code(e.to),
              toQtyString(qty(c.quantity).times(e.qtyPer).times(qty(1).plus(e.lossRate))),
            ]),
          );
        }),
      );
    });

    test('the flat list is sorted by lowest level then code, and marks leaves and phantoms', () => {
      fc.assert(
        fc.property(arbCase, (c) => {
          const ctx = contextOf(c);
          const { flat } = explode('I0', c.quantity, ctx);
          const key = (f: (typeof flat)[number]) => [Math.min(...f.levels), f.item] as const;
          for (let i = 1; i < flat.length; i++) {
            const [la, ia] = key(flat[i - 1]!);
            const [lb, ib] = key(flat[i]!);
            expect(la < lb || (la === lb && ia < ib)).toBe(true);
          }
          for (const f of flat) {
            expect(f.leaf).toBe(ctx.bom(f.item) === undefined);
            expect(f.phantom).toBe(ctx.item(f.item)!.source === 'phantom');
          }
        }),
      );
    });

    test('the deepest level of each item in the explosion is its low-level code', () => {
      fc.assert(
        fc.property(arbCase, (c) => {
          const { tree } = explode('I0', c.quantity, contextOf(c));
          const deepest = new Map<string, number>();
          for (const node of nodesOf(tree))
            deepest.set(node.item, Math.max(deepest.get(node.item) ?? 0, node.level));
          // The structure reachable from the top item.
          const structure = new Map<string, string[]>();
          for (const node of nodesOf(tree))
            structure.set(
              node.item,
              node.children.map((ch) => ch.item),
            );
          expect(lowLevelCodes(structure)).toEqual(deepest);
        }),
      );
    });
  });
});
