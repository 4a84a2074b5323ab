import type { Role } from '../../contracts/auth.js';
import { zPage } from '../../contracts/common.js';
import {
  zCustomerReturn,
  zCustomerReturnCreate,
  zCustomerReturnParams,
  zDeliverableQuery,
  zDeliverables,
  zDelivery,
  zDeliveryCreate,
  zDeliveryListQuery,
  zDeliveryParams,
  zDeliveryShare,
  zDeliveryShareParams,
  zDeliveryShareRequest,
} from '../../contracts/delivery.js';
import * as z from 'zod';
import type { RouteContract } from './common.js';

/** Who ships and takes returns: the warehouse, its supervisor, the manager, admin. */
export const DELIVERY_CLERKS: readonly Role[] = ['warehouse', 'supervisor', 'manager', 'admin'];
/** Who reads deliveries: besides the clerks, sales (a rep: the deliveries of own orders), planners, cost. */
export const DELIVERY_VIEWERS: readonly Role[] = [...DELIVERY_CLERKS, 'sales', 'planner', 'cost'];

/**
 * The delivery area (functions/src/lambdas/delivery.ts, issue 12): deliveries (发货单) of
 * confirmed sales order lines, customer returns (销售退货), and the shared delivery note.
 */
export const deliveryAreaRoutes: readonly RouteContract[] = [
  {
    id: 'deliveries.create',
    method: 'POST',
    path: '/api/deliveries',
    summary:
      "Ship lines of one customer's confirmed sales orders: posts out of stock (MTO lines from their tracking number's stock, MTS from the pool) and raises each line's delivered in one transaction; a fully delivered order closes; beyond the ordered qty is 409 delivery.overDelivery, an unconfirmed or closed order 409 salesOrder.invalidState, short stock 409 stock.insufficient, and nothing is written",
    tag: 'deliveries',
    auth: DELIVERY_CLERKS,
    body: zDeliveryCreate,
    response: zDelivery,
    status: 201,
  },
  {
    id: 'deliveries.list',
    method: 'GET',
    path: '/api/deliveries',
    summary: 'Deliveries, newest first, paged; by customer, sales order and date range',
    tag: 'deliveries',
    auth: DELIVERY_VIEWERS,
    query: zDeliveryListQuery,
    response: zPage(zDelivery),
    status: 200,
  },
  {
    id: 'deliveries.get',
    method: 'GET',
    path: '/api/deliveries/{no}',
    summary: 'One delivery with its lines (item names, units, orders, returned so far)',
    tag: 'deliveries',
    auth: DELIVERY_VIEWERS,
    params: zDeliveryParams,
    response: zDelivery,
    status: 200,
  },
  {
    id: 'deliveries.share',
    method: 'POST',
    path: '/api/deliveries/{no}/share',
    summary:
      'A link to the printable delivery note (HTML, no login): an unguessable signed token that expires after the given days (default 7)',
    tag: 'deliveries',
    auth: DELIVERY_VIEWERS,
    params: zDeliveryParams,
    body: zDeliveryShareRequest,
    response: zDeliveryShare,
    status: 201,
  },
  {
    id: 'deliveries.open',
    method: 'GET',
    path: '/api/delivery-lines',
    summary:
      "What is left to ship to a customer: the open lines of the customer's confirmed sales orders, with names, units and the default warehouse",
    tag: 'deliveries',
    auth: DELIVERY_CLERKS,
    query: zDeliverableQuery,
    response: zDeliverables,
    status: 200,
  },
  {
    id: 'customerReturns.create',
    method: 'POST',
    path: '/api/customer-returns',
    summary:
      "Take delivered goods back (销售退货) into stock in status inspection; the sales line's delivered falls by it (demand again unless the order is closed); more than delivered less returned is 409 delivery.overReturn",
    tag: 'customerReturns',
    auth: DELIVERY_CLERKS,
    body: zCustomerReturnCreate,
    response: zCustomerReturn,
    status: 201,
  },
  {
    id: 'customerReturns.get',
    method: 'GET',
    path: '/api/customer-returns/{no}',
    summary: 'One customer return',
    tag: 'customerReturns',
    auth: DELIVERY_VIEWERS,
    params: zCustomerReturnParams,
    response: zCustomerReturn,
    status: 200,
  },
  {
    id: 'deliveries.note',
    method: 'GET',
    path: '/share/deliveries/{token}',
    summary:
      'The delivery note as a printable zh-CN HTML page, for whoever holds a valid share token (no login); an expired or forged token is 404 resource.notFound',
    tag: 'deliveries',
    auth: 'public',
    params: zDeliveryShareParams,
    response: z.string(),
    status: 200,
    text: { requestContentType: 'text/plain', responseContentType: 'text/html; charset=utf-8' },
  },
];
