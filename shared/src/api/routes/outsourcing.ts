import { zPage } from '../../contracts/common.js';
import {
  zOutsourcingMaterialReturnCreate,
  zOutsourcingOrder,
  zOutsourcingOrderClose,
  zOutsourcingOrderCreate,
  zOutsourcingOrderListQuery,
  zOutsourcingOrderParams,
  zOutsourcingOrderUpdate,
  zOutsourcingReceipt,
  zOutsourcingReceiptCreate,
  zOutsourcingSendCreate,
  zOutsourcingTransfer,
  zOutsourcingSettlement,
  zOutsourcingSettlementCreate,
  zOutsourcingSettlementListQuery,
  zOutsourcingSettlementParams,
  zOutsourcingStatement,
  zOutsourcingStatementQuery,
} from '../../contracts/outsourcing.js';
import { PURCHASE_EDITORS, type RouteContract, STOCK_CLERKS } from './common.js';
import type { Role } from '../../contracts/auth.js';

/** Outsourcing orders are planned and bought like purchases; the shop and warehouse read them. */
export const OUTSOURCING_EDITORS = PURCHASE_EDITORS;
export const OUTSOURCING_VIEWERS: readonly Role[] = [
  ...PURCHASE_EDITORS,
  'warehouse',
  'supervisor',
  'cost',
];
/** The warehouse sends materials, takes them back and receives the product. */
export const OUTSOURCING_CLERKS = STOCK_CLERKS;

/**
 * The outsourcing area (functions/src/lambdas/outsourcing.ts): outsourcing orders (委外订单),
 * sends of materials to the subcontractor and their returns, receipts from the subcontractor.
 */
export const outsourcingAreaRoutes: readonly RouteContract[] = [
  {
    id: 'outsourcingOrders.create',
    method: 'POST',
    path: '/api/outsourcing-orders',
    summary:
      'Enter an outsourcing order (subcontractor, outsourced item, qty, dates); its component needs are copied from the BOM at the start date',
    tag: 'outsourcingOrders',
    auth: OUTSOURCING_EDITORS,
    body: zOutsourcingOrderCreate,
    response: zOutsourcingOrder,
    status: 201,
  },
  {
    id: 'outsourcingOrders.list',
    method: 'GET',
    path: '/api/outsourcing-orders',
    summary: 'Outsourcing orders, paged by number; by status, subcontractor and item',
    tag: 'outsourcingOrders',
    auth: OUTSOURCING_VIEWERS,
    query: zOutsourcingOrderListQuery,
    response: zPage(zOutsourcingOrder),
    status: 200,
  },
  {
    id: 'outsourcingOrders.get',
    method: 'GET',
    path: '/api/outsourcing-orders/{no}',
    summary:
      'One outsourcing order: per component required, sent, consumed and still at the subcontractor; received so far (released and imported orders get their needs on first read)',
    tag: 'outsourcingOrders',
    auth: OUTSOURCING_VIEWERS,
    params: zOutsourcingOrderParams,
    response: zOutsourcingOrder,
    status: 200,
  },
  {
    id: 'outsourcingOrders.update',
    method: 'PATCH',
    path: '/api/outsourcing-orders/{no}',
    summary:
      'Change an open order while nothing was sent or received (needs copied again); expectedVersion must match (else 409)',
    tag: 'outsourcingOrders',
    auth: OUTSOURCING_EDITORS,
    params: zOutsourcingOrderParams,
    body: zOutsourcingOrderUpdate,
    response: zOutsourcingOrder,
    status: 200,
  },
  {
    id: 'outsourcingOrders.close',
    method: 'POST',
    path: '/api/outsourcing-orders/{no}/close',
    summary:
      'Close an open or completed order: no more sends or receipts, no longer MRP supply or demand; materials at the subcontractor can still be returned',
    tag: 'outsourcingOrders',
    auth: OUTSOURCING_EDITORS,
    params: zOutsourcingOrderParams,
    body: zOutsourcingOrderClose,
    response: zOutsourcingOrder,
    status: 200,
  },
  {
    id: 'outsourcingOrders.cancel',
    method: 'POST',
    path: '/api/outsourcing-orders/{no}/cancel',
    summary: 'Cancel an open order nothing was sent against or received on',
    tag: 'outsourcingOrders',
    auth: OUTSOURCING_EDITORS,
    params: zOutsourcingOrderParams,
    body: zOutsourcingOrderClose,
    response: zOutsourcingOrder,
    status: 200,
  },
  {
    id: 'outsourcingOrders.send',
    method: 'POST',
    path: '/api/outsourcing-orders/{no}/sends',
    summary:
      "Send materials (委外发料) into the subcontractor's warehouse: the rest of each need (standard), N sets (kit) or lines beyond the need (supplementary, with a reason); one transfer document with the order's update",
    tag: 'outsourcingOrders',
    auth: OUTSOURCING_CLERKS,
    params: zOutsourcingOrderParams,
    body: zOutsourcingSendCreate,
    response: zOutsourcingTransfer,
    status: 201,
  },
  {
    id: 'outsourcingOrders.returnMaterials',
    method: 'POST',
    path: '/api/outsourcing-orders/{no}/material-returns',
    summary:
      'Materials back from the subcontractor (委外退料): a transfer from its warehouse into ours; never more than is still there for the order',
    tag: 'outsourcingOrders',
    auth: OUTSOURCING_CLERKS,
    params: zOutsourcingOrderParams,
    body: zOutsourcingMaterialReturnCreate,
    response: zOutsourcingTransfer,
    status: 201,
  },
  {
    id: 'outsourcingReceipts.create',
    method: 'POST',
    path: '/api/outsourcing-receipts',
    summary:
      "Receive the product from the subcontractor (委外入库): consumes the order's needs at the subcontractor's warehouse in the same transaction (409 stock.insufficient naming each short component); into inspection when the item needs it",
    tag: 'outsourcingReceipts',
    auth: OUTSOURCING_CLERKS,
    body: zOutsourcingReceiptCreate,
    response: zOutsourcingReceipt,
    status: 201,
  },
  {
    id: 'outsourcingSettlements.create',
    method: 'POST',
    path: '/api/outsourcing-settlements',
    summary:
      "Settle a subcontractor's invoice (委外结算) in the period of its date, per order (`orders`: every unsettled receipt of the order up to the date, the amount shared by accrued fee) or per receipt (`lines`); a receipt is settled once; the difference to the accrued fee is a value-only receipt of the item (成本调整) in that period",
    tag: 'outsourcingSettlements',
    auth: OUTSOURCING_EDITORS,
    body: zOutsourcingSettlementCreate,
    response: zOutsourcingSettlement,
    status: 201,
  },
  {
    id: 'outsourcingSettlements.list',
    method: 'GET',
    path: '/api/outsourcing-settlements',
    summary: 'Settlements by number, paged; by subcontractor and month',
    tag: 'outsourcingSettlements',
    auth: OUTSOURCING_VIEWERS,
    query: zOutsourcingSettlementListQuery,
    response: zPage(zOutsourcingSettlement),
    status: 200,
  },
  {
    id: 'outsourcingSettlements.get',
    method: 'GET',
    path: '/api/outsourcing-settlements/{no}',
    summary: 'One settlement with its lines (accrued, invoiced, adjustment)',
    tag: 'outsourcingSettlements',
    auth: OUTSOURCING_VIEWERS,
    params: zOutsourcingSettlementParams,
    response: zOutsourcingSettlement,
    status: 200,
  },
  {
    id: 'outsourcingSettlements.statement',
    method: 'GET',
    path: '/api/outsourcing-statement',
    summary:
      "A subcontractor's processing fees in a month: accrued by receipts, settled by invoices with their differences, open at the month's end",
    tag: 'outsourcingSettlements',
    auth: OUTSOURCING_VIEWERS,
    query: zOutsourcingStatementQuery,
    response: zOutsourcingStatement,
    status: 200,
  },
];
