import {
  type DispositionInput,
  type FieldIssue,
  type InspectionOrder,
  type InspectionResult,
  cmpQty,
  fitsPrecision,
  sumQty,
} from '@factory/shared';
import type { ItemFacts } from '../inventory/index.js';
import type { Checked } from './result.js';

export type DispositionFacts = {
  order: InspectionOrder;
  item: Pick<ItemFacts, 'code' | 'precision' | 'source'>;
};

const at = (...path: (string | number)[]) => ['body', 'lines', ...path];

/**
 * Checks the split of a result's rejected quantity: the order awaits dispositions (inspected,
 * the result in force), each line fits the item's precision and is not more than the rejected
 * quantity, the lines sum to it exactly, a return to the supplier or subcontractor is only for
 * purchase and outsourcing receipts of an order line, rework only for items we make
 * (manufactured or outsourced). Every problem is reported with its path.
 */
export function checkDispositions(
  result: InspectionResult,
  dispositions: DispositionInput,
  facts: DispositionFacts,
): Checked {
  const { order, item } = facts;
  const refuse = (message: string): Checked => ({
    ok: false,
    issues: [{ path: ['body'], message }],
  });
  if (order.status === 'open') return refuse(`检验单 ${order.no} 尚未检验，不能处置`);
  if (order.status === 'disposed') return refuse(`检验单 ${order.no} 已处置，不能重复处置`);
  if (result.reverses || result.reversedBy || order.result !== result.id) {
    return refuse(`检验结果 ${result.id} 不是检验单 ${order.no} 的当前结果`);
  }
  const issues: FieldIssue[] = [];
  const fail = (path: (string | number)[], message: string) => issues.push({ path, message });
  dispositions.lines.forEach((l, i) => {
    if (!fitsPrecision(l.qty, item.precision)) {
      fail(
        at(i, 'qty'),
        item.precision === 0
          ? `物料 ${item.code} 的数量必须是整数`
          : `物料 ${item.code} 的数量最多 ${item.precision} 位小数`,
      );
    } else if (cmpQty(l.qty, result.rejected) > 0) {
      fail(at(i, 'qty'), `处置数量 ${l.qty} 超过不合格数量 ${result.rejected}`);
    }
    if (l.kind === 'returnToSupplier') {
      const kind = order.receipt.kind;
      if (kind !== 'purchase' && kind !== 'outsourcing') {
        fail(at(i, 'kind'), '只有采购入库和委外入库可以退回供应商或委外厂');
      } else if (!order.source?.line) {
        fail(at(i, 'kind'), `检验单 ${order.no} 没有来源订单行，不能退货`);
      }
    }
    if (l.kind === 'rework' && item.source !== 'manufactured' && item.source !== 'outsourced') {
      fail(at(i, 'kind'), `物料 ${item.code} 不是自制或委外件，不能返修`);
    }
  });
  const total = sumQty(dispositions.lines.map((l) => l.qty));
  if (cmpQty(total, result.rejected) !== 0) {
    fail(['body', 'lines'], `处置数量合计 ${total} 应等于不合格数量 ${result.rejected}`);
  }
  return issues.length ? { ok: false, issues } : { ok: true };
}
