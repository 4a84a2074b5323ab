import type {
  Explosion,
  IssueRequest,
  Item,
  Kitting,
  ProductionReceipt,
  ProductionReceiptRequest,
  StockDocument,
  WorkReportList,
  WorkReportRequest,
  WorkReportResult,
} from '@factory/shared';
import { apiRequest } from '../platform/request';

/**
 * Shop floor over the API (contracts: shared/src/contracts/shopfloor.ts, stock.ts). Every
 * mutation takes the submit's Idempotency-Key (lib/submitKey): a retry after a timeout sends
 * the same key, so the server posts it at most once.
 */

/** A task order's progress (qty, received, reported good / scrap, issued) and its reports. */
export function taskOrderProgress(no: string): Promise<WorkReportList> {
  return apiRequest({ method: 'GET', path: '/api/work-reports', query: { taskOrder: no } });
}

export function getItem(code: string): Promise<Item> {
  return apiRequest({ method: 'GET', path: `/api/items/${encodeURIComponent(code)}` });
}

export function reportWork(body: WorkReportRequest, idempotencyKey: string) {
  return apiRequest<WorkReportResult>({
    method: 'POST',
    path: '/api/work-reports',
    body,
    idempotencyKey,
  });
}

export function receiveProduction(body: ProductionReceiptRequest, idempotencyKey: string) {
  return apiRequest<ProductionReceipt>({
    method: 'POST',
    path: '/api/production-receipts',
    body,
    idempotencyKey,
  });
}

/** A production issue (出库单, reason production) referencing the task order. */
export function issueForProduction(body: IssueRequest, idempotencyKey: string) {
  return apiRequest<StockDocument>({
    method: 'POST',
    path: '/api/stock/issues',
    body,
    idempotencyKey,
  });
}

/** Per component of `qty` × `item`: required, available, short, and the sets stock allows. */
export function kitting(item: string, qty: string): Promise<Kitting> {
  return apiRequest({ method: 'GET', path: '/api/mrp/kitting', query: { item, qty } });
}

/** The BOM of `item` exploded for `qty` (the tree carries each line's issue method). */
export function explosion(item: string, qty: string): Promise<Explosion> {
  return apiRequest({
    method: 'GET',
    path: `/api/boms/${encodeURIComponent(item)}/explosion`,
    query: { qty },
  });
}
