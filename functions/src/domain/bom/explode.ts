import {
  AppError,
  type BomLine,
  type ExplosionNode,
  type FlatRequirement,
  type ItemSource,
  type Qty,
  qty as toQty,
  toQtyString,
} from '@factory/shared';

export type ExplodeContext = {
  item(code: string): { source: ItemSource; name?: string } | undefined;
  /** The BOM a parent is exploded with (the version effective at the date), if it has one. */
  bom(parent: string): { version: string; lines: readonly BomLine[] } | undefined;
};

type Factor = { line: BomLine; factor: Qty };

/**
 * Multi-level explosion of `root` for `quantity`. A component's requirement is
 * parentQty × qtyPer × (1 + lossRate), carried through every level, so a phantom inside a
 * phantom multiplies through both. Returns the tree and the flat list summed per item.
 */
export function explode(
  root: string,
  quantity: string,
  ctx: ExplodeContext,
): { tree: ExplosionNode; flat: FlatRequirement[] } {
  const rootItem = ctx.item(root);
  if (!rootItem)
    throw new AppError('resource.notFound', `物料不存在：${root}`, { entity: 'item', id: root });
  const factors = new Map<string, Factor[] | null>();
  const factorsOf = (
    parent: string,
    source: ItemSource,
  ): { version: string; factors: Factor[] } | undefined => {
    // What is bought is bought: a BOM left on an item that became purchased is not exploded.
    if (source === 'purchased') return undefined;
    const bom = ctx.bom(parent);
    if (!bom) return undefined;
    let list = factors.get(`${parent}@${bom.version}`);
    if (!list) {
      list = bom.lines.map((line) => ({
        line,
        factor: toQty(line.qtyPer).times(toQty(1).plus(line.lossRate)),
      }));
      factors.set(`${parent}@${bom.version}`, list);
    }
    return { version: bom.version, factors: list };
  };

  const flat = new Map<
    string,
    { qty: Qty; levels: Set<number>; source: ItemSource; name?: string; leaf: boolean }
  >();
  const addFlat = (
    item: string,
    info: { source: ItemSource; name?: string },
    q: Qty,
    level: number,
    leaf: boolean,
  ) => {
    const entry = flat.get(item);
    if (entry) {
      entry.qty = entry.qty.plus(q);
      entry.levels.add(level);
    } else {
      flat.set(item, {
        qty: q,
        levels: new Set([level]),
        source: info.source,
        name: info.name,
        leaf,
      });
    }
  };

  const build = (
    item: string,
    info: { source: ItemSource; name?: string },
    q: Qty,
    level: number,
    path: string[],
    line: BomLine | undefined,
  ): ExplosionNode => {
    const bom = factorsOf(item, info.source);
    const node: ExplosionNode = {
      item,
      ...(info.name !== undefined ? { name: info.name } : {}),
      level,
      source: info.source,
      phantom: info.source === 'phantom',
      qtyPer: line?.qtyPer ?? '1',
      lossRate: line?.lossRate ?? '0',
      qty: toQtyString(q),
      ...(line ? { issueMethod: line.issueMethod } : {}),
      ...(bom ? { version: bom.version } : {}),
      path,
      children: [],
    };
    if (level > 0) addFlat(item, info, q, level, !bom);
    if (!bom) return node;
    for (const { line: child, factor } of bom.factors) {
      if (path.includes(child.component)) {
        throw new AppError(
          'bom.cycle',
          `物料清单存在循环：${[...path, child.component].join(' > ')}`,
          {
            path: [...path, child.component],
          },
        );
      }
      const childInfo = ctx.item(child.component) ?? { source: 'purchased' as const };
      node.children.push(
        build(
          child.component,
          childInfo,
          q.times(factor),
          level + 1,
          [...path, child.component],
          child,
        ),
      );
    }
    return node;
  };

  const tree = build(root, rootItem, toQty(quantity), 0, [root], undefined);
  const list: FlatRequirement[] = [...flat.entries()].map(([item, e]) => ({
    item,
    ...(e.name !== undefined ? { name: e.name } : {}),
    source: e.source,
    phantom: e.source === 'phantom',
    qty: toQtyString(e.qty),
    levels: [...e.levels].sort((a, b) => a - b),
    leaf: e.leaf,
  }));
  list.sort((a, b) => Math.min(...a.levels) - Math.min(...b.levels) || byCode(a.item, b.item));
  return { tree, flat: list };
}

/** Codes sort by code point everywhere (the store's sort keys do too), not by locale. */
export function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
