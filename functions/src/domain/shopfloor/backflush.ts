import { AppError, type Qty, qty as toQty, roundUpToPrecision, toQtyString } from '@factory/shared';
import type { BackflushContext, ComponentLine } from './types.js';

export type BackflushIssue = { item: string; warehouse: string; qty: string };

/**
 * Backflush (倒冲领料) of a production receipt: for every backflush component,
 * `received × qtyPer × (1 + lossRate)`, summed per item and issue warehouse, then rounded up
 * to the component's unit precision. Phantoms are never stocked: their components pass
 * through, with the factors multiplied along the path. A component reached through a
 * phantom is backflushed when its own line or a phantom line above it says backflush; its
 * warehouse is its own line's, else the nearest phantom line's, else the item's default.
 * Manufactured sub-assemblies are components like any other (they are stocked).
 */
export function backflush(
  received: string,
  lines: readonly ComponentLine[],
  ctx: BackflushContext,
): BackflushIssue[] {
  const sums = new Map<string, { item: string; warehouse: string; factor: Qty }>();
  const visit = (
    list: readonly ComponentLine[],
    factor: Qty,
    inherited: { backflush: boolean; warehouse?: string },
    path: string[],
  ) => {
    for (const line of list) {
      const f = factor.times(toQty(line.qtyPer)).times(toQty(1).plus(line.lossRate));
      const info = ctx.item(line.item);
      if (!info) {
        throw new AppError('resource.notFound', `物料不存在：${line.item}`, {
          entity: 'item',
          id: line.item,
        });
      }
      const flush = inherited.backflush || line.issueMethod === 'backflush';
      const warehouse = line.warehouse ?? inherited.warehouse;
      if (info.source === 'phantom') {
        if (path.includes(line.item)) {
          throw new AppError('bom.cycle', `物料清单存在循环：${[...path, line.item].join(' > ')}`, {
            path: [...path, line.item],
          });
        }
        const children = ctx.phantomLines(line.item);
        if (!children) {
          if (!flush) continue;
          throw new AppError(
            'bom.notEffective',
            `虚拟件 ${line.item} 没有生效的物料清单，无法倒冲`,
            {
              item: line.item,
            },
          );
        }
        visit(children, f, { backflush: flush, ...(warehouse ? { warehouse } : {}) }, [
          ...path,
          line.item,
        ]);
        continue;
      }
      if (!flush) continue;
      const wh = warehouse ?? info.defaultWarehouse;
      if (!wh) {
        throw new AppError(
          'request.invalid',
          `倒冲物料 ${line.item} 没有发料仓库（物料清单行或物料默认仓库）`,
          { item: line.item },
          [{ path: ['body', 'taskOrder'], message: `倒冲物料 ${line.item} 没有发料仓库` }],
        );
      }
      const key = `${line.item}|${wh}`;
      const sum = sums.get(key);
      if (sum) sum.factor = sum.factor.plus(f);
      else sums.set(key, { item: line.item, warehouse: wh, factor: f });
    }
  };
  visit(lines, toQty(1), { backflush: false }, []);
  const out: BackflushIssue[] = [];
  for (const s of sums.values()) {
    const precision = ctx.item(s.item)!.precision;
    const q = roundUpToPrecision(toQtyString(toQty(received).times(s.factor)), precision);
    if (toQty(q).greaterThan(0)) out.push({ item: s.item, warehouse: s.warehouse, qty: q });
  }
  return out;
}
