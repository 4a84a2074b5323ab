import { zPage } from '../../contracts/common.js';
import { zSalesOrder } from '../../contracts/salesOrder.js';
import {
  zSalesOrderCancel,
  zSalesOrderClose,
  zSalesOrderCreate,
  zSalesOrderListQuery,
  zSalesOrderParams,
  zSalesOrderSubmit,
  zSalesOrderUpdate,
} from '../../contracts/salesOrderInput.js';
import { zSalesOrderProgress } from '../../contracts/salesProgress.js';
import { zSalesPromise, zSalesPromiseQuery } from '../../contracts/salesPromise.js';
import { SALES_EDITORS, SALES_VIEWERS, type RouteContract } from './common.js';

/** The sales area (functions/src/lambdas/sales.ts): sales orders and their progress. */
export const salesAreaRoutes: readonly RouteContract[] = [
  {
    id: 'salesOrders.create',
    method: 'POST',
    path: '/api/sales-orders',
    summary: 'Enter a sales order (draft); amounts computed to the fen, MTO lines tracked',
    tag: 'salesOrders',
    auth: SALES_EDITORS,
    body: zSalesOrderCreate,
    response: zSalesOrder,
    status: 201,
  },
  {
    id: 'salesOrders.list',
    method: 'GET',
    path: '/api/sales-orders',
    summary: 'Sales orders, paged, optionally by status; a sales rep sees only their own',
    tag: 'salesOrders',
    auth: SALES_VIEWERS,
    query: zSalesOrderListQuery,
    response: zPage(zSalesOrder),
    status: 200,
  },
  {
    id: 'salesOrders.promise',
    method: 'GET',
    path: '/api/sales-orders/promise',
    summary:
      'Promise date (交期承诺) of a line as it is entered: the earliest day the quantity can be available, from free stock, open supply, or by lead times through the BOM and the calendar (CTP), with how it was reached; MTO honoured',
    tag: 'salesOrders',
    auth: SALES_VIEWERS,
    query: zSalesPromiseQuery,
    response: zSalesPromise,
    status: 200,
  },
  {
    id: 'salesOrders.get',
    method: 'GET',
    path: '/api/sales-orders/{no}',
    summary: 'One sales order with its lines and total',
    tag: 'salesOrders',
    auth: SALES_VIEWERS,
    params: zSalesOrderParams,
    response: zSalesOrder,
    status: 200,
  },
  {
    id: 'salesOrders.update',
    method: 'PATCH',
    path: '/api/sales-orders/{no}',
    summary:
      'Edit a draft or a rejected order (it becomes a draft again); expectedVersion must match (else 409 resource.versionConflict); 409 salesOrder.invalidState otherwise; a due date before today is 400',
    tag: 'salesOrders',
    auth: SALES_EDITORS,
    params: zSalesOrderParams,
    body: zSalesOrderUpdate,
    response: zSalesOrder,
    status: 200,
  },
  {
    id: 'salesOrders.submit',
    method: 'POST',
    path: '/api/sales-orders/{no}/submit',
    summary:
      'Submit a draft or a rejected order again: confirmed at once when no approval step applies (by the amount including VAT), else pending with a new approval',
    tag: 'salesOrders',
    auth: SALES_EDITORS,
    params: zSalesOrderParams,
    body: zSalesOrderSubmit,
    response: zSalesOrder,
    status: 200,
  },
  {
    id: 'salesOrders.cancel',
    method: 'POST',
    path: '/api/sales-orders/{no}/cancel',
    summary: 'Cancel a draft or pending order (a running approval is cancelled with it)',
    tag: 'salesOrders',
    auth: SALES_EDITORS,
    params: zSalesOrderParams,
    body: zSalesOrderCancel,
    response: zSalesOrder,
    status: 200,
  },
  {
    id: 'salesOrders.close',
    method: 'POST',
    path: '/api/sales-orders/{no}/close',
    summary:
      'Close a confirmed order by hand with a reason (手工关闭): its undelivered quantity is no longer MRP demand',
    tag: 'salesOrders',
    auth: SALES_EDITORS,
    params: zSalesOrderParams,
    body: zSalesOrderClose,
    response: zSalesOrder,
    status: 200,
  },
  {
    id: 'salesOrders.progress',
    method: 'GET',
    path: '/api/sales-orders/{no}/progress',
    summary:
      'Where the order stands, per line: stock, the task orders and purchase orders serving it with their progress, expected completion, delivered; quantities and dates only (no cost or price); a rep only their own orders',
    tag: 'salesOrders',
    auth: SALES_VIEWERS,
    params: zSalesOrderParams,
    response: zSalesOrderProgress,
    status: 200,
  },
];
