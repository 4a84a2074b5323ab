import type { FactoryFile } from '@factory/shared';

type FileItem = FactoryFile['items'][number];
type FileBom = NonNullable<FactoryFile['boms']>[number];
type FileLine = FileBom['lines'][number];

export type SyntheticFactoryOptions = {
  /** PRNG seed: the same seed gives the same file, byte for byte. */
  seed?: number;
  /** Catalogue size (every item, purchased and made). */
  items?: number;
  /** Share of the catalogue that is made (manufactured or phantom) and so has a BOM. */
  madeShare?: number;
  /** Purchased parts used everywhere (screws, nuts, washers...). */
  commonParts?: number;
  /** BOM lines over the distinct BOMs reachable from the top item. */
  topLines?: number;
  /** Levels of the top item's tree (its deepest component is at this level). */
  depth?: number;
  runDate?: string;
};

export type SyntheticFactory = {
  file: FactoryFile;
  /** The item whose tree has exactly `topLines` lines over `depth` levels. */
  top: string;
  /** Made items by height: 1 = only purchased parts below, `depth` = finished goods. */
  height: Map<string, number>;
  /** The made items of the top item's own structure (the top included). */
  topAssemblies: Set<string>;
  purchased: string[];
  common: string[];
};

/** mulberry32: small, fast, good enough for test data, and the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LOSS_RATES = ['0.005', '0.01', '0.02', '0.03', '0.05'];
const COMMON_NAMES = ['螺钉', '螺母', '垫圈', '弹簧垫', '铆钉', '扎带', '标签', '端子'];
const PART_NAMES = ['电阻', '电容', '轴承', '线束', '外壳', '支架', '齿轮', '密封圈', '开关', '轴'];
const MATERIAL_NAMES = ['钢板', '铝材', '铜线', '塑料粒子', '油漆', '胶水'];

/**
 * A synthetic factory data file for the BOM benchmark: a catalogue of purchased parts and
 * made items whose BOMs form a multi-level structure (each made item of height h uses at least
 * one item of height h - 1, so no cycles and the depth is exact), with common parts shared by
 * many parents, and inside it one top item whose tree has exactly `topLines` BOM lines over
 * `depth` levels, with phantoms and loss rates. Deterministic: no Math.random.
 */
export function syntheticFactory(options: SyntheticFactoryOptions = {}): SyntheticFactory {
  const seed = options.seed ?? 20261201;
  const total = options.items ?? 20_000;
  const madeShare = options.madeShare ?? 0.2;
  const commonCount = options.commonParts ?? 300;
  const topLines = options.topLines ?? 2_000;
  const depth = options.depth ?? 10;
  const runDate = options.runDate ?? '2026-12-01';
  const random = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const chance = (p: number) => random() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const pad = (n: number, width = 5) => String(n).padStart(width, '0');

  // ---- the catalogue: purchased parts -----------------------------------------------------
  const madeTotal = Math.round(total * madeShare);
  const purchasedTotal = total - madeTotal;
  if (purchasedTotal <= commonCount) throw new Error('catalogue too small for its common parts');
  const items: FileItem[] = [];
  const kg = new Set<string>();
  const common: string[] = [];
  const nonCommon: string[] = [];
  for (let i = 1; i <= purchasedTotal; i++) {
    const code = `P-${pad(i)}`;
    const isCommon = i <= commonCount;
    const material = !isCommon && chance(0.2);
    if (material) kg.add(code);
    (isCommon ? common : nonCommon).push(code);
    items.push({
      code,
      name: isCommon
        ? `${COMMON_NAMES[i % COMMON_NAMES.length]} M${2 + (i % 6)}x${4 + (i % 30)}`
        : `${pick(material ? MATERIAL_NAMES : PART_NAMES)}${pad(i)}`,
      unit: material ? 'kg' : 'pcs',
      precision: material ? 3 : 0,
      source: 'purchased',
      strategy: 'mts',
      leadTimeDays: int(2, 30),
      safetyStock: material ? `${int(0, 500)}.5` : String(isCommon ? int(500, 5000) : int(0, 50)),
      lotSizing: chance(0.3)
        ? { rule: 'minMultiple', min: String(int(1, 10) * 100), multiple: String(int(1, 4) * 25) }
        : { rule: 'lotForLot' },
      defaultWarehouse: 'RM',
      defaultSupplier: 'S1',
    });
  }

  // ---- made items, by height ----------------------------------------------------------------
  const height = new Map<string, number>();
  const byHeight: string[][] = Array.from({ length: depth + 1 }, () => []);
  const madeItem = (code: string, h: number, isPhantom: boolean) => {
    height.set(code, h);
    byHeight[h]!.push(code);
    items.push({
      code,
      name: `${h === depth ? '成品' : isPhantom ? '虚拟件' : '部件'}${code}`,
      unit: 'pcs',
      precision: 0,
      source: isPhantom ? 'phantom' : 'manufactured',
      strategy: h === depth && chance(0.5) ? 'mto' : 'mts',
      leadTimeDays: isPhantom ? 0 : int(1, 10),
      safetyStock: isPhantom || h === depth ? '0' : String(int(0, 20)),
      lotSizing: { rule: 'lotForLot' },
      ...(isPhantom ? {} : { defaultWarehouse: 'FG' }),
    });
  };
  const isPhantomAt = (h: number) => h >= 1 && h <= depth - 2 && chance(0.1);

  // The top item's own structure: few assemblies near the top, more further down.
  const top = 'FG-TOP';
  const topPerHeight = Array.from({ length: depth + 1 }, (_, h) =>
    h === 0 ? 0 : h === depth ? 1 : Math.round(2 * 1.45 ** (depth - h)),
  );
  const topAssemblies = new Set<string>();
  const topByHeight: string[][] = Array.from({ length: depth + 1 }, () => []);
  for (let h = depth; h >= 1; h--) {
    for (let i = 0; i < topPerHeight[h]!; i++) {
      const code = h === depth ? top : `${assemblyPrefix(h)}T${pad(i + 1, 4)}`;
      madeItem(code, h, h < depth && isPhantomAt(h));
      topAssemblies.add(code);
      topByHeight[h]!.push(code);
    }
  }
  // "A03-": an assembly of height 3 (phantom or not); "T" marks the top item's own ones.
  function assemblyPrefix(h: number) {
    return `A${pad(h, 2)}-`;
  }

  // The rest of the made items, more at low heights, each height non-empty.
  const catalogueMade = madeTotal - topAssemblies.size;
  const weights = Array.from({ length: depth + 1 }, (_, h) => (h === 0 ? 0 : 0.72 ** (h - 1)));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const perHeight = weights.map((w) =>
    Math.max(w ? 1 : 0, Math.floor((catalogueMade * w) / weightSum)),
  );
  perHeight[1]! += catalogueMade - perHeight.reduce((a, b) => a + b, 0);
  for (let h = 1; h <= depth; h++) {
    for (let i = 0; i < perHeight[h]!; i++) {
      const code = h === depth ? `FG-${pad(i + 1)}` : `${assemblyPrefix(h)}${pad(i + 1)}`;
      madeItem(code, h, isPhantomAt(h));
    }
  }
  if (items.length !== total) throw new Error(`generated ${items.length} items, not ${total}`);

  // ---- lines ------------------------------------------------------------------------------
  const commonSet = new Set(common);
  const qtyFor = (component: string): string => {
    if (kg.has(component)) {
      const grams = int(1, 5000);
      return (grams / 1000).toFixed(3).replace(/\.?0+$/, '');
    }
    if (height.has(component)) return String(chance(0.8) ? 1 : int(2, 4));
    return String(commonSet.has(component) ? int(2, 12) : int(1, 6));
  };
  const lineFor = (component: string, leaf: boolean): FileLine => {
    const line: FileLine = { component, qtyPer: qtyFor(component) };
    if (chance(0.3)) line.lossRate = pick(LOSS_RATES);
    if (leaf && chance(0.25)) line.issueMethod = 'backflush';
    if (leaf && !kg.has(component) && chance(0.01)) {
      const sub = pick(nonCommon);
      if (sub !== component) line.substitutes = [{ item: sub, priority: 1, ratio: '1' }];
    }
    return line;
  };
  // Common parts are skewed: the first few are on most BOMs, as M3 screws are.
  const commonPart = () => common[Math.floor(common.length * random() ** 2.5)]!;
  const purchasedPart = () => (chance(0.45) ? commonPart() : pick(nonCommon));
  const addLeaves = (components: Set<string>, n: number) => {
    for (let tries = 0; components.size < n && tries < n * 10; tries++)
      components.add(purchasedPart());
  };

  const bomComponents = new Map<string, Set<string>>();

  // The top structure: each assembly hangs under one assembly a height above (round robin, so
  // every parent gets a child one level down), a few low ones also under a second parent.
  for (const code of topAssemblies) bomComponents.set(code, new Set());
  for (let h = depth - 1; h >= 1; h--) {
    const parents = topByHeight[h + 1]!;
    topByHeight[h]!.forEach((code, i) => {
      bomComponents.get(parents[i % parents.length]!)!.add(code);
      if (h <= 4 && chance(0.15)) {
        const up = int(h + 1, Math.min(depth, h + 3));
        bomComponents.get(pick(topByHeight[up]!))!.add(code);
      }
    });
  }
  for (const code of topAssemblies) {
    const components = bomComponents.get(code)!;
    const leaves = new Set<string>();
    addLeaves(leaves, int(4, 14));
    for (const leaf of leaves) if (!components.has(leaf)) components.add(leaf);
  }
  // Exactly `topLines`: add or remove purchased lines round robin (never an assembly line).
  const topBoms = [...topAssemblies];
  let count = topBoms.reduce((n, b) => n + bomComponents.get(b)!.size, 0);
  for (let i = 0; count !== topLines; i++) {
    const components = bomComponents.get(topBoms[i % topBoms.length]!)!;
    if (count < topLines) {
      const before = components.size;
      components.add(purchasedPart());
      count += components.size - before;
    } else {
      const leaves = [...components].filter((c) => !height.has(c));
      if (leaves.length > 2) {
        components.delete(leaves[leaves.length - 1]!);
        count--;
      }
    }
    if (i > topLines * 100) throw new Error('cannot reach the top line count');
  }

  // The catalogue: one component a height below, maybe a few more made ones lower down
  // (top-structure assemblies included, so they have other users too), the rest purchased.
  for (let h = 1; h <= depth; h++) {
    for (const code of byHeight[h]!) {
      if (topAssemblies.has(code)) continue;
      const components = new Set<string>();
      if (h === 1) components.add(purchasedPart());
      else {
        components.add(pick(byHeight[h - 1]!));
        const extra = int(0, Math.min(3, h - 1));
        for (let k = 0; k < extra; k++) {
          const lower = int(Math.max(1, h - 3), h - 1);
          if (byHeight[lower]!.length) components.add(pick(byHeight[lower]!));
        }
      }
      addLeaves(components, int(3, 10));
      bomComponents.set(code, components);
    }
  }

  const boms: FileBom[] = [];
  for (const [parent, components] of bomComponents) {
    const list = [...components];
    // Sub-assemblies first, as drawings list them, then parts.
    list.sort((a, b) => Number(height.has(b)) - Number(height.has(a)));
    boms.push({
      parent,
      version: 'V1',
      lines: list.map((c) => lineFor(c, !height.has(c))),
    });
  }
  boms.sort((a, b) => (a.parent < b.parent ? -1 : a.parent > b.parent ? 1 : 0));

  const file: FactoryFile = {
    format: 'factory/1',
    runDate,
    warehouses: [
      { code: 'RM', name: '原料仓', kind: 'normal' },
      { code: 'FG', name: '成品仓', kind: 'normal' },
    ],
    partners: [{ code: 'S1', name: '供应商1', roles: ['supplier'] }],
    items,
    boms,
  };
  return { file, top, height, topAssemblies, purchased: [...common, ...nonCommon], common };
}

/** What a BOM tree is made of: distinct BOMs and their lines, and its depth in levels. */
export function treeStats(
  file: FactoryFile,
  root: string,
): { boms: number; lines: number; depth: number; items: number } {
  const byParent = new Map((file.boms ?? []).map((b) => [b.parent, b]));
  const depthOf = new Map<string, number>();
  const depthBelow = (item: string): number => {
    const known = depthOf.get(item);
    if (known !== undefined) return known;
    const bom = byParent.get(item);
    const d = bom ? 1 + Math.max(...bom.lines.map((l) => depthBelow(l.component))) : 0;
    depthOf.set(item, d);
    return d;
  };
  const seen = new Set([root]);
  const queue = [root];
  let boms = 0;
  let lines = 0;
  for (let i = 0; i < queue.length; i++) {
    const bom = byParent.get(queue[i]!);
    if (!bom) continue;
    boms++;
    lines += bom.lines.length;
    for (const l of bom.lines) {
      if (!seen.has(l.component)) {
        seen.add(l.component);
        queue.push(l.component);
      }
    }
  }
  return { boms, lines, depth: depthBelow(root), items: seen.size };
}
