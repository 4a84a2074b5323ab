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
import { walkBom } from './walk.js';

export type ExplodeContext = {
  item(code: string): { source: ItemSource; name?: string } | undefined;
  /** The BOM a parent is exploded with (the version effective at the date), if it has one. */
  bom(parent: string): { version: string; lines: readonly BomLine[] } | undefined;
};

/**
 * Multi-level explosion of `root` for `quantity`. A component's requirement is
 * parentQty × qtyPer × (1 + lossRate) (`requirement`, the one BOM walk in `walk.ts`),
 * carried through every level, so a phantom inside a phantom multiplies through both. Every
 * item with a BOM is expanded except a purchased one. Returns the tree and the flat list
 * summed per item. A loop in the data is `bom.cycle` naming its path.
 */
export function explode(
  root: string,
  quantity: string,
  ctx: ExplodeContext,
): { tree: ExplosionNode; flat: FlatRequirement[] } {
  const rootItem = ctx.item(root);
  if (!rootItem)
    throw new AppError('resource.notFound', `物料不存在：${root}`, { entity: 'item', id: root });
  // What is bought is bought: a BOM left on an item that became purchased is not exploded.
  const bomOf = (item: string, source: ItemSource) =>
    source === 'purchased' ? undefined : ctx.bom(item);

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

  const nodeOf = (
    item: string,
    info: { source: ItemSource; name?: string },
    q: Qty,
    level: number,
    path: string[],
    line: BomLine | undefined,
    version: string | undefined,
  ): ExplosionNode => ({
    item,
    ...(info.name !== undefined ? { name: info.name } : {}),
    level,
    source: info.source,
    phantom: info.source === 'phantom',
    qtyPer: line?.qtyPer ?? '1',
    lossRate: line?.lossRate ?? '0',
    qty: toQtyString(q),
    ...(line ? { issueMethod: line.issueMethod } : {}),
    ...(version !== undefined ? { version } : {}),
    path,
    children: [],
  });

  const q = toQty(quantity);
  const rootBom = bomOf(root, rootItem.source);
  const tree = nodeOf(root, rootItem, q, 0, [root], undefined, rootBom?.version);
  if (!rootBom) return { tree, flat: [] };
  // Depth first: the node last expanded at level n - 1 is the parent of a line at level n.
  const parents: ExplosionNode[] = [tree];
  walkBom(
    root,
    q,
    (parent) => ctx.bom(parent)?.lines,
    (step) => {
      const item = step.line.component;
      const info = ctx.item(item) ?? { source: 'purchased' as const };
      const bom = bomOf(item, info.source);
      const node = nodeOf(
        item,
        info,
        step.qty,
        step.level,
        [...step.path, item],
        step.line,
        bom?.version,
      );
      parents[step.level - 1]!.children.push(node);
      addFlat(item, info, step.qty, step.level, !bom);
      if (!bom) return undefined;
      parents[step.level] = node;
      return step.qty;
    },
  );
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
