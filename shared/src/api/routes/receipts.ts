import {
  zProductionReceipt,
  zProductionReceiptRequest,
  zPurchaseReceipt,
  zPurchaseReceiptRequest,
  zWorkReportList,
  zWorkReportListQuery,
  zWorkReportParams,
  zWorkReportRequest,
  zWorkReportResult,
  zWorkReportReverse,
} from '../../contracts/shopfloor.js';
import { ANY, REPORTERS, STOCK_CLERKS, type RouteContract } from './common.js';

/**
 * The receipts area (functions/src/lambdas/receipts.ts, issue 6 part 2): receipts against
 * orders (with backflush) and work reports.
 */
export const receiptsAreaRoutes: readonly RouteContract[] = [
  {
    id: 'purchaseReceipts.create',
    method: 'POST',
    path: '/api/purchase-receipts',
    summary:
      'Receive against a purchase order (partial allowed); over-receipt is 409 receipt.overReceipt; items needing inspection go to status inspection',
    tag: 'receipts',
    auth: STOCK_CLERKS,
    body: zPurchaseReceiptRequest,
    response: zPurchaseReceipt,
    status: 201,
  },
  {
    id: 'productionReceipts.create',
    method: 'POST',
    path: '/api/production-receipts',
    summary:
      'Receive finished product of a task order and backflush its components (cumulative over its receipts) in the same transaction; beyond the order qty is 409 receipt.overReceipt and beyond the good qty reported 409 receipt.aboveReported unless a supervisor allows it; a shortage is 409 stock.insufficient and nothing is written',
    tag: 'receipts',
    auth: STOCK_CLERKS,
    body: zProductionReceiptRequest,
    response: zProductionReceipt,
    status: 201,
  },
  {
    id: 'workReports.create',
    method: 'POST',
    path: '/api/work-reports',
    summary:
      'Report good / scrap qty and hours against a task order; beyond the order qty is 409 workReport.overrun unless a supervisor allows it',
    tag: 'workReports',
    auth: REPORTERS,
    body: zWorkReportRequest,
    response: zWorkReportResult,
    status: 201,
  },
  {
    id: 'workReports.reverse',
    method: 'POST',
    path: '/api/work-reports/{no}/reverse',
    summary: 'Correct a work report by a reversing entry (at most once; never edited in place)',
    tag: 'workReports',
    auth: ['supervisor', 'manager', 'admin'],
    params: zWorkReportParams,
    body: zWorkReportReverse,
    response: zWorkReportResult,
    status: 201,
  },
  {
    id: 'workReports.list',
    method: 'GET',
    path: '/api/work-reports',
    summary: "A task order's work reports (reversals included) and its progress",
    tag: 'workReports',
    auth: ANY,
    query: zWorkReportListQuery,
    response: zWorkReportList,
    status: 200,
  },
];
