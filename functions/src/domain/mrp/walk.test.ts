import fc from 'fast-check';
import { type Qty, qty, roundUpToPrecision, toQtyString } from '@factory/shared';
import { aPhantomStructure, arbDecimal } from '../bom/builders.js';
import { flattenThrough, requirement } from '../bom/walk.js';
import { anInput, anItem, made, phantomItem, so } from './builders.js';
import { planMrp } from './engine.js';
import { unissuedNeeds } from './needs.js';
import type { MrpBomVersion } from './types.js';

/**
 * MRP's explosion keeps its scaled integers (one level at a time: a phantom is planned as an
 * item, nets its own stock, then passes the rest on the same day), but what it passes down
 * through phantoms must be what the one BOM walk computes: these properties hold the engine
 * to `flattenThrough` / `requirement` on random structures of nested phantoms.
 */
describe('MRP explodes as the one BOM walk does', () => {
  const versionsOf = (
    boms: Map<string, { component: string; qtyPer: string; lossRate: string }[]>,
  ) =>
    new Map(
      [...boms].map(([parent, lines]): [string, MrpBomVersion[]] => [
        parent,
        [
          {
            version: 'V1',
            lines: lines.map((l) => ({
              component: l.component,
              qtyPer: l.qtyPer,
              lossRate: l.lossRate,
              substitutes: [],
            })),
          },
        ],
      ]),
    );

  // Structures whose quantities MRP holds exactly (at most 15 decimals, below 2^53): three
  // nested phantoms with one-decimal lines, or one phantom with two-decimal lines.
  const exactForMrp = fc.oneof(
    aPhantomStructure({ phantoms: 3, ints: 1, decimals: 1 }),
    aPhantomStructure({ phantoms: 1, ints: 1, decimals: 2 }),
  );

  test('a planned order’s dependent demand through phantoms = Q × the flattened factors, rounded up per leaf', () => {
    fc.assert(
      fc.property(exactForMrp, fc.integer({ min: 1, max: 100 }), (s, q) => {
        const result = planMrp(
          anInput({
            items: [
              made('R'),
              ...s.phantoms.map(phantomItem),
              ...s.leaves.map((l) => anItem(l.code, { precision: l.precision })),
            ],
            boms: versionsOf(s.boms),
            salesOrders: [so('SO1', 'R', String(q), '2026-12-10')],
          }),
        );
        expect(result.exceptions.filter((e) => e.kind === 'notPlanned')).toEqual([]);

        const byLeaf = new Map<string, Qty>();
        for (const f of flattenThrough(
          'R',
          (p) => s.boms.get(p),
          (c) => s.phantoms.includes(c),
        )) {
          const code = f.line.component;
          byLeaf.set(
            code,
            (byLeaf.get(code) ?? qty(0)).plus(
              requirement(String(q), { qtyPer: f.factor, lossRate: '0' }),
            ),
          );
        }
        const expected = [...byLeaf]
          .map(([code, need]) => {
            const precision = s.leaves.find((l) => l.code === code)!.precision;
            return `${code} ${roundUpToPrecision(toQtyString(need), precision)}`;
          })
          .sort();
        const planned = result.plannedOrders
          .filter((o) => o.item !== 'R')
          .map((o) => `${o.item} ${o.qty}`)
          .sort();
        expect(planned).toEqual(expected);
        // A phantom is never ordered.
        expect(result.plannedOrders.some((o) => s.phantoms.includes(o.item))).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  test('an open order without stored needs: its unissued needs and their orders are the walk’s', () => {
    fc.assert(
      fc.property(exactForMrp, arbDecimal(2, 1), (s, q) => {
        const lines = (p: string) => s.boms.get(p);
        const isPhantom = (c: string) => s.phantoms.includes(c);
        const byLeaf = new Map<string, Qty>();
        for (const f of flattenThrough('R', lines, isPhantom)) {
          const code = f.line.component;
          byLeaf.set(code, (byLeaf.get(code) ?? qty(0)).plus(qty(q).times(f.factor)));
        }
        const needs = unissuedNeeds({ item: 'R', qty: q, issued: [] }, lines, isPhantom);
        expect([...needs].sort()).toEqual(
          [...byLeaf].map(([code, n]): [string, string] => [code, toQtyString(n)]).sort(),
        );
        const result = planMrp(
          anInput({
            items: [
              made('R'),
              ...s.phantoms.map(phantomItem),
              ...s.leaves.map((l) => anItem(l.code, { precision: l.precision })),
            ],
            boms: versionsOf(s.boms),
            workOrders: [
              {
                no: 'MO-1',
                kind: 'task',
                item: 'R',
                qty: q,
                received: '0',
                startDate: '2026-12-03',
                dueDate: '2026-12-08',
                issued: [],
              },
            ],
          }),
        );
        expect(result.exceptions.filter((e) => e.kind === 'notPlanned')).toEqual([]);
        expect(result.plannedOrders.map((o) => `${o.item} ${o.qty} ${o.dueDate}`).sort()).toEqual(
          [...byLeaf]
            .map(([code, need]) => {
              const precision = s.leaves.find((l) => l.code === code)!.precision;
              return `${code} ${roundUpToPrecision(toQtyString(need), precision)} 2026-12-03`;
            })
            .sort(),
        );
      }),
    );
  });
});
