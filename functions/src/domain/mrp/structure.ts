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
export type Line = {
  child: number;
  factor: number;
  factorScale: number;
  subs: Sub[];
  subsId: number;
};
export type Version = { from: number; to: number; lines: Line[] };
/**
 * The substitutes of the many lines that have none: one empty list, so a 1,000,000-line
 * structure does not hold a million of them (the collector marks every one on each pass).
 */
const NO_SUBS: Sub[] = Object.freeze([]) as unknown as Sub[];

/**
 * What a run prepares from the items and BOMs alone: the item index, the BOM versions with
 * each line's exact factor and substitutes, the lines whose factor overflows (their parents
 * are not planned), the planning order and the scales the structure needs. A net run whose
 * items and BOMs are the previous run's takes the previous run's (`NetChange.previous.structure`)
 * instead of preparing them again. Treated as immutable once made.
 */
export type EngineStructure = {
  readonly index: ReadonlyMap<string, number>;
  readonly phantom: readonly boolean[];
  readonly mto: readonly boolean[];
  readonly versions: readonly (readonly Version[])[];
  /** Items left out for a BOM line whose factor overflows, with why, in the order found. */
  readonly overflowed: readonly (readonly [number, string])[];
  readonly order: readonly number[];
  /** Each item's decimals from its own data (precision, safety stock, lot sizes). */
  readonly itemScale: readonly number[];
  /** Those widened through the BOMs and substitutes (widenScales). */
  readonly scale: readonly number[];
  readonly subsLists: readonly Sub[][];
};

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
  const versions: Version[][] = Array.from({ length: n }, () => []);
  // Components per parent (every version, each once, in the order met), and the parents in
  // the order met: the graph the cycle check and the planning order read.
  const children: number[][] = Array.from({ length: n }, () => []);
  const parents: number[] = [];
  const met = new Int32Array(n).fill(-1);
  for (const [parent, list] of input.boms) {
    const p = idx(parent, 'BOM');
    parents.push(p);
    for (const v of list) {
      const lines: Line[] = [];
      for (const l of v.lines) {
        let factor: { value: number; scale: number };
        try {
          factor = scaledLineFactor(l);
        } catch (err) {
          if (!isOverflow(err)) throw err;
          if (!overflowed.has(p))
            overflowed.set(p, `物料清单 ${v.version} 中 ${l.component} 的用量 ${l.qtyPer}`);
          continue;
        }
        lines.push({
          child: idx(l.component, `BOM ${parent}`),
          factor: factor.value,
          factorScale: factor.scale,
          subs: l.substitutes.length
            ? [...l.substitutes]
                .sort((a, b) => a.priority - b.priority)
                .map((s) => ({
                  item: idx(s.item, `BOM ${parent}`),
                  priority: s.priority,
                  ratio: toScaled(s.ratio, decimals(s.ratio)),
                  ratioScale: decimals(s.ratio),
                  ratioText: s.ratio,
                }))
            : NO_SUBS,
          subsId: -1,
        });
      }
      versions[p]!.push({
        from: v.from ? dayNumber(v.from) : -Infinity,
        to: v.to ? dayNumber(v.to) : Infinity,
        lines,
      });
      for (const l of v.lines) {
        // A component the items lack is refused above, unless its line overflowed: a leaf.
        const c = index.get(l.component);
        if (c === undefined || met[c] === p) continue;
        met[c] = p;
        children[p]!.push(c);
      }
    }
  }
  if (longestPaths(children).settled < n) {
    // A cycle: named as the factory file check names it (its first, by the string graph).
    const edges = new Map(
      parents.map((p) => [items[p]!.code, children[p]!.map((c) => items[c]!.code)]),
    );
    const cycle = findCycles(edges)[0];
    if (cycle) throw cycleError(cycle);
  }

  // ---- processing order: low-level code, then code (levelOrder.ts) -----------------------
  const codes = items.map((it) => it.code);
  const subPairs: (readonly [number, number])[] = [];
  for (const list of versions)
    for (const v of list)
      for (const l of v.lines) for (const sub of l.subs) subPairs.push([l.child, sub.item]);
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
  widenScales(items, phantom, versions, scale);

  // ---- substitute lists, numbered for the demand rows -------------------------------------
  const subsLists: Sub[][] = [];
  const subsIdOf = new Map<Sub[], number>();
  const subsId = (list: Sub[]) => {
    if (list.length === 0) return -1;
    let id = subsIdOf.get(list);
    if (id === undefined) {
      id = subsLists.length;
      subsLists.push(list);
      subsIdOf.set(list, id);
    }
    return id;
  };
  for (const list of versions)
    for (const v of list) for (const l of v.lines) l.subsId = subsId(l.subs);

  return {
    index,
    phantom,
    mto,
    versions,
    overflowed: [...overflowed],
    order,
    itemScale,
    scale,
    subsLists,
  };
}

/**
 * Widens `scale` in place to what dependent demand needs: a parent's order quantity (its
 * precision; a phantom passes its own scale through) times the line factor; substitutes: the
 * component's scale times the ratio. The least such scales at or above those given.
 */
export function widenScales(
  items: readonly MrpItem[],
  phantom: readonly boolean[],
  versions: readonly (readonly Version[])[],
  scale: number[],
): void {
  for (let changed = true, rounds = 0; changed; rounds++) {
    changed = false;
    if (rounds > 64)
      throw new AppError('request.invalid', '计划数量的小数位数无法确定（替代料关系有环？）');
    for (let p = 0; p < items.length; p++) {
      const src = phantom[p] ? scale[p]! : items[p]!.precision;
      for (const v of versions[p]!) {
        for (const l of v.lines) {
          const want = src + l.factorScale;
          if (want > scale[l.child]!) {
            scale[l.child] = want;
            changed = true;
          }
          for (const s of l.subs) {
            const w = scale[l.child]! + s.ratioScale;
            if (w > scale[s.item]!) {
              scale[s.item] = w;
              changed = true;
            }
          }
        }
      }
    }
  }
}
