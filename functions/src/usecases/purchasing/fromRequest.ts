import {
  AppError,
  type PurchaseOrder,
  type PurchaseOrderFromRequest,
  type Session,
  invalidRequest,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { formRequestRepo } from '../../store/formRepo.js';
import { completing, type CommitHooks } from '../hooks.js';
import { draftPurchaseOrder } from './orders.js';

/**
 * An approved purchase request becomes a draft purchase order (下推, docs/forms.md): its lines
 * (all, or the ones named) with their needed dates as due dates, priced as typed or from the
 * supplier's price list, through the purchase order's own checks. The request records the
 * order in the same transaction, so it is converted once: again is 409 naming the order.
 */
export async function purchaseOrderFromRequest(
  deps: Deps,
  s: Session,
  input: PurchaseOrderFromRequest,
  hooks: CommitHooks<PurchaseOrder> = {},
): Promise<PurchaseOrder> {
  const repo = formRequestRepo(deps, s.tenant);
  const request = await repo.get(input.request);
  if (!request || request.kind !== 'purchaseRequest') {
    throw invalidRequest([
      {
        path: ['body', 'request'],
        message: request ? `${input.request} 不是采购申请` : `采购申请不存在：${input.request}`,
      },
    ]);
  }
  if (request.purchaseOrder) throw alreadyConverted(request.no, request.purchaseOrder);
  if (request.status !== 'approved') {
    throw new AppError(
      'formRequest.invalidState',
      `采购申请 ${request.no} 状态为 ${request.status}，审批通过后才能下推采购订单`,
      { no: request.no, status: request.status },
    );
  }
  const lines = request.lines ?? [];
  const wanted: { line: number; price?: string }[] =
    input.lines ?? lines.map((l) => ({ line: l.line }));
  const issues = wanted.flatMap((w, i) => {
    if (!lines.some((l) => l.line === w.line))
      return [{ path: ['body', 'lines', i, 'line'], message: `采购申请没有第 ${w.line} 行` }];
    if (wanted.findIndex((x) => x.line === w.line) !== i)
      return [{ path: ['body', 'lines', i, 'line'], message: `第 ${w.line} 行重复` }];
    return [];
  });
  if (issues.length) throw invalidRequest(issues);
  const { order, items } = await draftPurchaseOrder(
    deps,
    s,
    {
      supplier: input.supplier,
      ...(input.orderDate ? { orderDate: input.orderDate } : {}),
      remark: `采购申请 ${request.no}`,
      lines: wanted.map((w) => {
        const l = lines.find((x) => x.line === w.line)!;
        return {
          item: l.item,
          qty: l.qty,
          ...(w.price !== undefined ? { unitPrice: w.price } : {}),
          dueDate: l.neededDate,
          ...(l.note ? { note: l.note } : {}),
        };
      }),
    },
    { request: request.no },
  );
  const at = deps.clock.now().toISOString();
  const converted = {
    ...request,
    purchaseOrder: order.no,
    version: request.version + 1,
    updatedAt: at,
    updatedBy: s.user,
  };
  await deps.unitOfWork.commit(
    completing(hooks, order, [
      ...items,
      // Another conversion got there first: its order is the request's.
      repo.put(converted, request.version, () => alreadyConverted(request.no, undefined)),
    ]),
  );
  return order;
}

function alreadyConverted(no: string, order: string | undefined): AppError {
  return new AppError(
    'formRequest.alreadyConverted',
    order ? `采购申请 ${no} 已下推采购订单 ${order}` : `采购申请 ${no} 已被修改或已下推，请刷新`,
    { no, ...(order ? { purchaseOrder: order } : {}) },
  );
}
