import { zPage } from '../../contracts/common.js';
import { zCustomerStock, zCustomerStockQuery } from '../../contracts/customerStock.js';
import {
  zAdjustmentRequest,
  zBalance,
  zBalanceQuery,
  zDocumentParams,
  zIssueRequest,
  zMove,
  zMoveQuery,
  zReceiptRequest,
  zStockDocument,
  zTransferRequest,
} from '../../contracts/stock.js';
import { ANY, stockPosting, type RouteContract } from './common.js';

/** The stock area (functions/src/lambdas/stock.ts): postings and inquiries. */
export const stockAreaRoutes: readonly RouteContract[] = [
  stockPosting('receipts', 'receipt (入库单)', zReceiptRequest),
  stockPosting('issues', 'issue (出库单)', zIssueRequest),
  stockPosting('transfers', 'transfer (调拨单)', zTransferRequest),
  stockPosting('adjustments', 'count adjustment (盘点调整单)', zAdjustmentRequest),
  {
    id: 'stock.document',
    method: 'GET',
    path: '/api/stock/documents/{no}',
    summary: 'Read a stock document with its moves',
    tag: 'stock',
    auth: ANY,
    params: zDocumentParams,
    response: zStockDocument,
    status: 200,
  },
  {
    id: 'stock.balances',
    method: 'GET',
    path: '/api/stock/balances',
    summary: 'Stock inquiry: balances by item or by warehouse',
    tag: 'stock',
    auth: ANY,
    query: zBalanceQuery,
    response: zPage(zBalance),
    status: 200,
  },
  {
    id: 'stock.moves',
    method: 'GET',
    path: '/api/stock/moves',
    summary: 'The ledger of one item, oldest first',
    tag: 'stock',
    auth: ANY,
    query: zMoveQuery,
    response: zPage(zMove),
    status: 200,
  },
  {
    id: 'stock.customerStock',
    method: 'GET',
    path: '/api/stock/customer-stock',
    summary:
      'Customer-supplied material per customer and item (客供料台账): received, issued to task orders net of returns, returned to the customer, adjusted, on hand, and what the latest plan asks the customer to supply',
    tag: 'stock',
    auth: ANY,
    query: zCustomerStockQuery,
    response: zCustomerStock,
    status: 200,
  },
];
