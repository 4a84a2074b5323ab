// Test builders for the BOM rules: lines, substitutes, items, versions, explosion contexts
// and product structures with defaults, so each test states only what it is about.
import type { BomLine, BomVersion, ItemSource, Substitute } from '@factory/shared';
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
