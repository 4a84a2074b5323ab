// Test builders for the BOM rules: lines, substitutes, items, versions, explosion contexts
// and product structures with defaults, so each test states only what it is about.
import fc from 'fast-check';
import {
  type BomLine,
  type BomVersion,
  type ItemSource,
  type Substitute,
  qty,
  toQtyString,
} from '@factory/shared';
import type { ExplodeContext } from './explode.js';
import type { Structure } from './graph.js';
import type { ItemInfo } from './lines.js';

/** A line of 1 × RM1, no loss, issued manually, no substitutes. */
export function aLine(overrides: Partial<BomLine> = {}): BomLine {
  return {
    component: 'RM1',
    qtyPer: '1',
    lossRate: '0',
    issueMethod: 'manual',
    substitutes: [],
    ...overrides,
  };
}

export function aSubstitute(overrides: Partial<Substitute> = {}): Substitute {
  return { item: 'RM2', priority: 1, ratio: '1', ...overrides };
}

/** An active purchased item RM1. */
export function anItemInfo(overrides: Partial<ItemInfo> = {}): ItemInfo {
  return { code: 'RM1', source: 'purchased', active: true, ...overrides };
}

export function itemMap(...items: ItemInfo[]): Map<string, ItemInfo> {
  return new Map(items.map((i) => [i.code, i]));
}

/** The usual master data for line checks: FG1 (made), RM1..RM3 (bought), OLD (inactive). */
export function defaultItems(): Map<string, ItemInfo> {
  return itemMap(
    anItemInfo({ code: 'FG1', source: 'manufactured' }),
    anItemInfo({ code: 'RM1' }),
    anItemInfo({ code: 'RM2' }),
    anItemInfo({ code: 'RM3' }),
    anItemInfo({ code: 'OLD', active: false }),
  );
}

export type DatedVersion = Pick<BomVersion, 'version' | 'status' | 'effectiveFrom' | 'effectiveTo'>;

/** An approved V1, the default from 2026-01-01 on. */
export function aVersion(overrides: Partial<DatedVersion> = {}): DatedVersion {
  return { version: 'V1', status: 'approved', effectiveFrom: '2026-01-01', ...overrides };
}

type ItemSpec = ItemSource | { source: ItemSource; name?: string };
type BomSpec = Partial<BomLine>[] | { version?: string; lines: Partial<BomLine>[] };

/**
 * An explosion context from plain data. `boms` maps a parent to its lines (version V1 unless
 * given); each line is `aLine()` with the given fields. Items not named in `items` default to
 * `manufactured` when they have a BOM and `purchased` otherwise.
 */
export function aBomContext(
  spec: { items?: Record<string, ItemSpec>; boms?: Record<string, BomSpec> } = {},
): ExplodeContext {
  const boms = new Map<string, { version: string; lines: BomLine[] }>();
  for (const [parent, b] of Object.entries(spec.boms ?? {})) {
    const { version = 'V1', lines } = Array.isArray(b) ? { lines: b } : b;
    boms.set(parent, { version, lines: lines.map((l) => aLine(l)) });
  }
  const items = new Map<string, { source: ItemSource; name?: string }>();
  for (const [parent, bom] of boms) {
    items.set(parent, { source: 'manufactured' });
    for (const line of bom.lines)
      if (!items.has(line.component)) items.set(line.component, { source: 'purchased' });
  }
  for (const [code, s] of Object.entries(spec.items ?? {}))
    items.set(code, typeof s === 'string' ? { source: s } : s);
  return { item: (code) => items.get(code), bom: (parent) => boms.get(parent) };
}

/** A product structure from parent -> components. */
export function aStructure(edges: Record<string, string[]> = {}): Structure {
  return new Map(Object.entries(edges));
}

/** A decimal text with at most `ints` integer and `decimals` fraction digits, above zero. */
export function arbDecimal(ints: number, decimals: number, min = 1): fc.Arbitrary<string> {
  const scale = 10 ** decimals;
  return fc
    .integer({ min, max: 10 ** ints * scale - 1 })
    .map((n) => (decimals ? toQtyString(qty(n).dividedBy(scale)) : String(n)));
}

/** A loss rate 0 ≤ r < 1 with at most `decimals` decimals. */
export function arbLossRate(decimals: number): fc.Arbitrary<string> {
  return arbDecimal(0, decimals, 0);
}

/** A random product structure: what `aPhantomStructure` returns. */
export type PhantomStructure = {
  root: string;
  /** Phantoms P0…, each with a BOM; a phantom uses only later phantoms (no loops). */
  phantoms: string[];
  /** Purchased leaves L0…, with their unit precision. */
  leaves: { code: string; precision: number }[];
  boms: Map<string, BomLine[]>;
};

/**
 * Root R over phantoms P0… (a phantom uses only later ones, so they nest at most `phantoms`
 * deep) and purchased leaves L0…, each BOM of one to three lines whose qtyPer has at most
 * `ints` integer digits and qtyPer and loss at most `decimals` decimals.
 */
export function aPhantomStructure(
  opts: { phantoms?: number; leaves?: number; ints?: number; decimals?: number } = {},
): fc.Arbitrary<PhantomStructure> {
  const phantomCount = opts.phantoms ?? 3;
  const leafCount = opts.leaves ?? 4;
  const decimals = opts.decimals ?? 2;
  const ints = opts.ints ?? 2;
  const phantoms = Array.from({ length: phantomCount }, (_, i) => `P${i}`);
  const leaves = Array.from({ length: leafCount }, (_, i) => `L${i}`);
  const line = (choices: string[]) =>
    fc.record({
      component: fc.constantFrom(...choices),
      qtyPer: arbDecimal(ints, decimals),
      lossRate: fc.oneof(fc.constant('0'), arbLossRate(decimals)),
      issueMethod: fc.constantFrom('manual' as const, 'backflush' as const),
    });
  const linesOf = (choices: string[]) => fc.array(line(choices), { minLength: 1, maxLength: 3 });
  return fc
    .record({
      root: linesOf([...phantoms, ...leaves]),
      phantoms: fc.tuple(...phantoms.map((_, i) => linesOf([...phantoms.slice(i + 1), ...leaves]))),
      precisions: fc.array(fc.integer({ min: 0, max: 3 }), {
        minLength: leafCount,
        maxLength: leafCount,
      }),
    })
    .map(({ root, phantoms: phantomLines, precisions }) => ({
      root: 'R',
      phantoms,
      leaves: leaves.map((code, i) => ({ code, precision: precisions[i]! })),
      boms: new Map<string, BomLine[]>([
        ['R', root.map((l) => aLine(l))],
        ...phantomLines.map((ls, i): [string, BomLine[]] => [
          phantoms[i]!,
          ls.map((l) => aLine(l)),
        ]),
      ]),
    }));
}
