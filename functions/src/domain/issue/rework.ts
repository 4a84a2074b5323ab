import {
  type FieldIssue,
  type ItemSource,
  type TaskNeed,
  fitsPrecision,
  qty as toQty,
  toQtyString,
} from '@factory/shared';

/** What a rework order's rules read of the master data and of the order it names. */
export type ReworkFacts = {
  item(
    code: string,
  ):
    { source: ItemSource; precision: number; active: boolean; strategy: 'mto' | 'mts' } | undefined;
  warehouse(code: string): { active: boolean } | undefined;
  /** The item of an existing task order, or undefined when there is no such order. */
  orderItem(no: string): string | undefined;
};

export type ReworkInput = {
  item: string;
  qty: string;
  warehouse: string;
  sourceOrder?: string;
  lines: readonly { item: string; qty: string; warehouse: string }[];
  trackingNo?: string;
};

/**
 * Every problem of a rework request, each with its field's path: the product and every repair
 * component must be an active stocked item (not a phantom) whose unit precision fits the
 * quantity, the warehouses must exist and be active, and the source order, when named, must
 * exist and make this product.
 */
export function checkRework(req: ReworkInput, facts: ReworkFacts): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stocked = (code: string, qty: string, at: (string | number)[]) => {
    const item = facts.item(code);
    if (!item) issues.push({ path: [...at, 'item'], message: `物料不存在：${code}` });
    else if (!item.active) issues.push({ path: [...at, 'item'], message: `物料已停用：${code}` });
    else if (item.source === 'phantom') {
      issues.push({ path: [...at, 'item'], message: `虚拟件不入库，不能返修或领用：${code}` });
    } else if (!fitsPrecision(qty, item.precision)) {
      issues.push({
        path: [...at, 'qty'],
        message: `数量 ${qty} 超出物料 ${code} 的精度（${item.precision} 位小数）`,
      });
    }
  };
  const warehouse = (code: string, at: (string | number)[]) => {
    const wh = facts.warehouse(code);
    if (!wh) issues.push({ path: [...at, 'warehouse'], message: `仓库不存在：${code}` });
    else if (!wh.active)
      issues.push({ path: [...at, 'warehouse'], message: `仓库已停用：${code}` });
  };
  stocked(req.item, req.qty, ['body']);
  warehouse(req.warehouse, ['body']);
  if (req.sourceOrder !== undefined) {
    const made = facts.orderItem(req.sourceOrder);
    if (made === undefined) {
      issues.push({
        path: ['body', 'sourceOrder'],
        message: `生产任务单不存在：${req.sourceOrder}`,
      });
    } else if (made !== req.item) {
      issues.push({
        path: ['body', 'sourceOrder'],
        message: `生产任务单 ${req.sourceOrder} 生产的是 ${made}，不是 ${req.item}`,
      });
    }
  }
  req.lines.forEach((l, i) => {
    stocked(l.item, l.qty, ['body', 'lines', i]);
    warehouse(l.warehouse, ['body', 'lines', i]);
  });
  return issues;
}

/**
 * The needs of a rework order: the product itself, `qty` from `rejected` stock in the
 * warehouse holding it, then each extra repair component from available stock (its qtyPer is
 * its quantity per repaired unit). All are issued by hand; nothing is backflushed. MTO items
 * of a tracked order draw from balances with its tracking number.
 */
export function reworkNeeds(
  req: ReworkInput,
  strategyOf: (item: string) => 'mto' | 'mts' | undefined,
): TaskNeed[] {
  const tracked = (item: string) =>
    req.trackingNo && strategyOf(item) === 'mto' ? { trackingNo: req.trackingNo } : {};
  return [
    {
      item: req.item,
      qtyPer: '1',
      lossRate: '0',
      required: req.qty,
      issued: '0',
      warehouse: req.warehouse,
      issueMethod: 'manual',
      status: 'rejected',
      ...tracked(req.item),
    },
    ...req.lines.map((l): TaskNeed => ({
      item: l.item,
      qtyPer: toQtyString(toQty(l.qty).dividedBy(req.qty)),
      lossRate: '0',
      required: l.qty,
      issued: '0',
      warehouse: l.warehouse,
      issueMethod: 'manual',
      ...tracked(l.item),
    })),
  ];
}
