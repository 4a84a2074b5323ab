import { AppError } from '@factory/shared';
import { cycleError } from '../bom/walk.js';
import { findCycles } from '../factoryFile/cycles.js';
import { dayNumber } from './calendar.js';
import { levelOrder, longestPaths } from './levelOrder.js';
import { decimals, isOverflow, scaledLineFactor, toScaled } from './scaled.js';
import type { MrpInput, MrpItem } from './types.js';

export type Sub = {
  item: number;
  priority: number;
  ratio: number;
  ratioScale: number;
  ratioText: string;
};

/**
 * What a run prepares from the items and BOMs alone: the item index, the BOM versions with
 * each line's exact factor and substitutes, the lines whose factor overflows (their parents
 * are not planned), the planning order and the scales the structure needs. A net run whose
 * items and BOMs are the previous run's takes the previous run's (`NetChange.previous.structure`)
 * instead of preparing them again. Treated as immutable once made.
 *
 * Versions and lines are numbered and held in columns (typed arrays), not as an object per
 * line: a 100,000-item factory has a million lines, which as objects were a tenth of a run
 * to make and stayed for the collector to mark on every full pass.
 */
export type EngineStructure = {
  readonly index: ReadonlyMap<string, number>;
  readonly phantom: readonly boolean[];
  readonly mto: readonly boolean[];
  /** Each item's versions: `verFirst[i]` and the `verCount[i]` after it, in the BOM's order. */
  readonly verFirst: Int32Array;
  readonly verCount: Int32Array;
  /** Each version's effective days (from, to; unbounded: ∓Infinity) and its first line. */
  readonly verFrom: Float64Array;
  readonly verTo: Float64Array;
  /** A version's lines are `lineStart[v]` up to `lineStart[v + 1]`. */
  readonly lineStart: Int32Array;
  /** Per line: the component, the exact factor qtyPer × (1 + loss) as a scaled integer and its
   * scale, and its substitutes (an index into `subsLists`, -1: none). */
  readonly lineChild: Int32Array;
  readonly lineFactor: Float64Array;
  readonly lineScale: Int32Array;
  readonly lineSubs: Int32Array;
  /** Items left out for a BOM line whose factor overflows, with why, in the order found. */
  readonly overflowed: readonly (readonly [number, string])[];
  readonly order: readonly number[];
  /** Each item's decimals from its own data (precision, safety stock, lot sizes). */
  readonly itemScale: readonly number[];
  /** Those widened through the BOMs and substitutes (widenScales). */
  readonly scale: readonly number[];
  /** Substitute lists in priority order, each list once. */
  readonly subsLists: readonly (readonly Sub[])[];
};

/** The version of item `p` effective on `day` (the first listed), or -1. */
export function versionAt(s: EngineStructure, p: number, day: number): number {
  for (let v = s.verFirst[p]!, end = v + s.verCount[p]!; v < end; v++) {
    if (s.verFrom[v]! <= day && day <= s.verTo[v]!) return v;
  }
  return -1;
}

/** The lines of every version of item `p`: from the first up to (not including) the end. */
export function itemLines(
  s: Pick<EngineStructure, 'verFirst' | 'verCount' | 'lineStart'>,
  p: number,
): readonly [from: number, end: number] {
  const v = s.verFirst[p]!;
  return [s.lineStart[v]!, s.lineStart[v + s.verCount[p]!]!];
}

/** An item's index by code; a code the data names but the items lack is refused, saying where. */
export const itemIndexOf =
  (index: ReadonlyMap<string, number>) =>
  (code: string, where: string): number => {
    const i = index.get(code);
    if (i === undefined)
      throw new AppError('request.invalid', `计划数据引用了不存在的物料：${code}（${where}）`);
    return i;
  };

/** A structure is only taken for the same items in the same order (a cheap guard). */
export function sameCodes(structure: EngineStructure, input: Pick<MrpInput, 'items'>): boolean {
  const { index } = structure;
  return (
    index.size === input.items.length && input.items.every((it, i) => index.get(it.code) === i)
  );
}

/** Prepares the structure of `input`: throws as a run does on an unknown item or a cycle. */
export function engineStructure(input: Pick<MrpInput, 'items' | 'boms'>): EngineStructure {
  const items = input.items;
  const index = new Map(items.map((it, i) => [it.code, i]));
  const idx = itemIndexOf(index);
  const n = items.length;
  const phantom = items.map((it) => it.source === 'phantom');
  const mto = items.map((it) => it.strategy === 'mto');
  const overflowed = new Map<number, string>();

  // ---- BOM versions, with each line's factor qtyPer x (1 + loss) exact --------------------
  // The factor is the one BOM walk's `lineFactor` in scaled integers (scaled.ts; the shared
  // property test holds the two equal, and this explosion equal to the walk's).
  let versionsIn = 0;
  let linesIn = 0;
  for (const list of input.boms.values()) {
    versionsIn += list.length;
    for (let k = 0; k < list.length; k++) linesIn += list[k]!.lines.length;
  }
  const verFirst = new Int32Array(n);
  const verCount = new Int32Array(n);
  const verFrom = new Float64Array(versionsIn);
  const verTo = new Float64Array(versionsIn);
  const lineStart = new Int32Array(versionsIn + 1);
  const lineChild = new Int32Array(linesIn);
  const lineFactor = new Float64Array(linesIn);
  const lineScale = new Int32Array(linesIn);
  const lineSubs = new Int32Array(linesIn).fill(-1);
  const subsLists: Sub[][] = [];
  let versions = 0;
  let lines = 0;
  // Components per parent (every version, each once, in the order met), and the parents in
  // the order met: the graph the cycle check and the planning order read.
  const children: number[][] = Array.from({ length: n }, () => []);
  const parents: number[] = [];
  const met = new Int32Array(n).fill(-1);
  const meet = (p: number, c: number | undefined) => {
    if (c === undefined || met[c] === p) return;
    met[c] = p;
    children[p]!.push(c);
  };
  // Indexed loops: this runs once per run over every line (a million on a large factory).
  for (const [parent, list] of input.boms) {
    const p = idx(parent, 'BOM');
    parents.push(p);
    verFirst[p] = versions;
    verCount[p] = list.length;
    for (let vk = 0; vk < list.length; vk++) {
      const v = list[vk]!;
      verFrom[versions] = v.from ? dayNumber(v.from) : -Infinity;
      verTo[versions] = v.to ? dayNumber(v.to) : Infinity;
      lineStart[versions] = lines;
      versions++;
      for (let k = 0; k < v.lines.length; k++) {
        const l = v.lines[k]!;
        let factor: { value: number; scale: number };
        try {
          factor = scaledLineFactor(l);
        } catch (err) {
          if (!isOverflow(err)) throw err;
          if (!overflowed.has(p))
            overflowed.set(p, `物料清单 ${v.version} 中 ${l.component} 的用量 ${l.qtyPer}`);
          // A component the items lack is refused below, unless its line overflowed: a leaf.
          meet(p, index.get(l.component));
          continue;
        }
        // The text naming where is made only for a component the items lack.
        const child = index.get(l.component) ?? idx(l.component, `BOM ${parent}`);
        meet(p, child);
        lineChild[lines] = child;
        lineFactor[lines] = factor.value;
        lineScale[lines] = factor.scale;
        if (l.substitutes.length) {
          lineSubs[lines] = subsLists.length;
          subsLists.push(
            [...l.substitutes]
              .sort((a, b) => a.priority - b.priority)
              .map((s) => ({
                item: idx(s.item, `BOM ${parent}`),
                priority: s.priority,
                ratio: toScaled(s.ratio, decimals(s.ratio)),
                ratioScale: decimals(s.ratio),
                ratioText: s.ratio,
              })),
          );
        }
        lines++;
      }
    }
  }
  lineStart[versions] = lines;
  if (longestPaths(children).settled < n) {
    // A cycle: named as the factory file check names it (its first, by the string graph).
    const edges = new Map(
      parents.map((p) => [items[p]!.code, children[p]!.map((c) => items[c]!.code)]),
    );
    const cycle = findCycles(edges)[0];
    if (cycle) throw cycleError(cycle);
  }

  const columns = {
    phantom,
    verFirst,
    verCount,
    lineStart,
    lineChild: lineChild.subarray(0, lines),
    lineFactor: lineFactor.subarray(0, lines),
    lineScale: lineScale.subarray(0, lines),
    lineSubs: lineSubs.subarray(0, lines),
    subsLists,
  };

  // ---- processing order: low-level code, then code (levelOrder.ts) -----------------------
  const codes = items.map((it) => it.code);
  const subPairs: (readonly [number, number])[] = [];
  for (let l = 0; l < lines; l++) {
    if (lineSubs[l]! < 0) continue;
    for (const sub of subsLists[lineSubs[l]!]!) subPairs.push([lineChild[l]!, sub.item]);
  }
  const order = levelOrder(codes, children, subPairs);

  // ---- scales from the structure ----------------------------------------------------------
  const itemScale = items.map((it) => {
    let s = it.precision;
    s = Math.max(s, decimals(it.safetyStock));
    const lot = it.lotSizing;
    if (lot.rule === 'fixed') s = Math.max(s, decimals(lot.qty));
    if (lot.rule === 'minMultiple')
      s = Math.max(s, decimals(lot.min ?? '0'), decimals(lot.multiple ?? '0'));
    return s;
  });
  const scale = itemScale.slice();
  widenScales(items, columns, scale);

  return {
    ...columns,
    index,
    mto,
    verFrom,
    verTo,
    overflowed: [...overflowed],
    order,
    itemScale,
    scale,
  };
}

/**
 * Widens `scale` in place to what dependent demand needs: a parent's order quantity (its
 * precision; a phantom passes its own scale through) times the line factor; substitutes: the
 * component's scale times the ratio. The least such scales at or above those given.
 */
export function widenScales(
  items: readonly MrpItem[],
  s: Pick<
    EngineStructure,
    | 'phantom'
    | 'verFirst'
    | 'verCount'
    | 'lineStart'
    | 'lineChild'
    | 'lineScale'
    | 'lineSubs'
    | 'subsLists'
  >,
  scale: number[],
): void {
  const { phantom, lineChild, lineScale, lineSubs, subsLists } = s;
  for (let changed = true, rounds = 0; changed; rounds++) {
    changed = false;
    if (rounds > 64)
      throw new AppError('request.invalid', '计划数量的小数位数无法确定（替代料关系有环？）');
    for (let p = 0; p < items.length; p++) {
      if (s.verCount[p] === 0) continue;
      const src = phantom[p] ? scale[p]! : items[p]!.precision;
      const [from, end] = itemLines(s, p);
      for (let l = from; l < end; l++) {
        const c = lineChild[l]!;
        const want = src + lineScale[l]!;
        if (want > scale[c]!) {
          scale[c] = want;
          changed = true;
        }
        if (lineSubs[l]! < 0) continue;
        for (const sub of subsLists[lineSubs[l]!]!) {
          const w = scale[c]! + sub.ratioScale;
          if (w > scale[sub.item]!) {
            scale[sub.item] = w;
            changed = true;
          }
        }
      }
    }
  }
}
