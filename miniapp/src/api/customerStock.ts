import type {
  Balance,
  CustomerStock,
  IssueRequest,
  Page,
  ReceiptRequest,
  StockDocument,
} from '@factory/shared';
import { apiRequest } from '../platform/request';

/**
 * Customer-supplied material over the API (shared/src/api/routes/stock.ts): the receipt from
 * the customer and the return to the customer are ordinary stock documents (reasons
 * `customerSupplied` and `returnToCustomer`); the ledger is `stock.customerStock`. Every
 * posting takes the submit's Idempotency-Key (lib/submitKey).
 */
export function customerStock(customer?: string): Promise<CustomerStock> {
  return apiRequest({
    method: 'GET',
    path: '/api/stock/customer-stock',
    query: customer ? { customer } : {},
  });
}

/** 客供料入库: a receipt with reason customerSupplied, zero value. */
export function receiveFromCustomer(
  body: ReceiptRequest,
  idempotencyKey: string,
): Promise<StockDocument> {
  return apiRequest({ method: 'POST', path: '/api/stock/receipts', body, idempotencyKey });
}

/** 退还客户: an issue with reason returnToCustomer. */
export function returnToCustomer(
  body: IssueRequest,
  idempotencyKey: string,
): Promise<StockDocument> {
  return apiRequest({ method: 'POST', path: '/api/stock/issues', body, idempotencyKey });
}

/** Every balance of an item (where its customer-supplied stock lies). */
export function itemBalances(item: string): Promise<Page<Balance>> {
  return apiRequest({
    method: 'GET',
    path: '/api/stock/balances',
    query: { item, limit: 500 },
  });
}
