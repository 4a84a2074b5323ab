import * as z from 'zod';
import { zPage } from '../../contracts/common.js';
import {
  zMergedPickRequest,
  zPickList,
  zPickListQuery,
  zPickResult,
  zSupplementary,
  zSupplementaryRequest,
  zSupplementaryList,
  zTaskIssueRequest,
  zTaskOrder,
  zTaskOrderView,
  zTaskOrderCreate,
  zTaskOrderListQuery,
  zTaskOrderParams,
  zTaskOrdersFromSales,
  zTaskOrderTransition,
  zTaskOrderAssign,
  zAssignableWorkers,
  zTaskReturnRequest,
  zReworkCreate,
} from '../../contracts/taskOrder.js';
import { PICKERS, SHOP_VIEWERS, TASK_ORDER_EDITORS, type RouteContract } from './common.js';

const NO_PARAMS = zTaskOrderParams;

/** The shop-floor area (functions/src/lambdas/shopfloor.ts, issue 6): task orders and picking. */
export const shopfloorAreaRoutes: readonly RouteContract[] = [
  {
    id: 'taskOrders.create',
    method: 'POST',
    path: '/api/task-orders',
    summary:
      'Create a task order by hand; needs copied from the default BOM at its start date, phantoms expanded',
    tag: 'taskOrders',
    auth: TASK_ORDER_EDITORS,
    body: zTaskOrderCreate,
    response: zTaskOrder,
    status: 201,
  },
  {
    id: 'taskOrders.createFromSales',
    method: 'POST',
    path: '/api/task-orders/from-sales',
    summary:
      'Task orders from confirmed sales order lines: one per line or merged per item (MTO tracking kept)',
    tag: 'taskOrders',
    auth: TASK_ORDER_EDITORS,
    body: zTaskOrdersFromSales,
    response: z.object({ orders: z.array(zTaskOrder) }),
    status: 201,
  },
  {
    id: 'taskOrders.createRework',
    method: 'POST',
    path: '/api/task-orders/rework',
    summary:
      'Create a rework order (返修) for rejected product: needs the product from rejected stock in the warehouse plus extra repair components from available stock; its receipt backflushes nothing',
    tag: 'taskOrders',
    auth: TASK_ORDER_EDITORS,
    body: zReworkCreate,
    response: zTaskOrder,
    status: 201,
  },
  {
    id: 'taskOrders.list',
    method: 'GET',
    path: '/api/task-orders',
    summary:
      "Task orders by priority, then due date; optionally of one state or assigned to one worker (assignee). A worker's list is only the orders assigned to them and the unassigned ones",
    tag: 'taskOrders',
    auth: SHOP_VIEWERS,
    query: zTaskOrderListQuery,
    response: zPage(zTaskOrderView),
    status: 200,
  },
  {
    id: 'taskOrders.get',
    method: 'GET',
    path: '/api/task-orders/{no}',
    summary:
      'One task order with its needs (computed and stored on first read for imported orders)',
    tag: 'taskOrders',
    auth: SHOP_VIEWERS,
    params: NO_PARAMS,
    response: zTaskOrderView,
    status: 200,
  },
  {
    id: 'taskOrders.setState',
    method: 'POST',
    path: '/api/task-orders/{no}/state',
    summary:
      'Release a planned task order or close one (to: released | closed); 409 taskOrder.invalidState for any other move',
    tag: 'taskOrders',
    auth: TASK_ORDER_EDITORS,
    params: NO_PARAMS,
    body: zTaskOrderTransition,
    response: zTaskOrder,
    status: 200,
  },
  {
    id: 'taskOrders.assign',
    method: 'PUT',
    path: '/api/task-orders/{no}/assignees',
    summary:
      'Assign a task order to workers (the whole list; empty: unassigned, seen by every worker)',
    tag: 'taskOrders',
    auth: TASK_ORDER_EDITORS,
    params: NO_PARAMS,
    body: zTaskOrderAssign,
    response: zTaskOrderView,
    status: 200,
  },
  {
    id: 'taskOrders.assignable',
    method: 'GET',
    path: '/api/task-order-assignees',
    summary: 'The workers a task order may be assigned to (active users with the worker role)',
    tag: 'taskOrders',
    auth: TASK_ORDER_EDITORS,
    response: zAssignableWorkers,
    status: 200,
  },

  {
    id: 'picking.pickList',
    method: 'GET',
    path: '/api/picking/pick-list',
    summary:
      "Pick list of one or several task orders (orders=MO1,MO2): remaining manual needs summed per item and warehouse with each order's share and available stock; for one order also the kit sets stock allows (phantom: skip-level)",
    tag: 'picking',
    auth: SHOP_VIEWERS,
    query: zPickListQuery,
    response: zPickList,
    status: 200,
  },

  {
    id: 'picking.issue',
    method: 'POST',
    path: '/api/task-orders/{no}/issues',
    summary:
      'Issue to a task order: lines (standard, partial allowed), sets (kit; 409 issue.kitExceedsStock with details.maxSets), neither (all remaining), phantom (skip-level); 422 issue.overIssue beyond the remaining need, 409 stock.insufficient',
    tag: 'picking',
    auth: PICKERS,
    params: NO_PARAMS,
    body: zTaskIssueRequest,
    response: zPickResult,
    status: 201,
  },

  {
    id: 'picking.merged',
    method: 'POST',
    path: '/api/picking/merged',
    summary: 'Post a merged pick list: one stock document, each share posted to its task order',
    tag: 'picking',
    auth: PICKERS,
    body: zMergedPickRequest,
    response: zPickResult,
    status: 201,
  },
  {
    id: 'picking.supplementary',
    method: 'POST',
    path: '/api/task-orders/{no}/supplementary',
    summary: 'Request a supplementary issue with a reason; posted when its approval is approved',
    tag: 'picking',
    auth: PICKERS,
    params: NO_PARAMS,
    body: zSupplementaryRequest,
    response: zSupplementary,
    status: 201,
  },
  {
    id: 'picking.supplementaryList',
    method: 'GET',
    path: '/api/task-orders/{no}/supplementary',
    summary:
      "A task order's supplementary issue requests, newest first: pending (in approval), posted (with its stock document) or rejected",
    tag: 'picking',
    auth: SHOP_VIEWERS,
    params: NO_PARAMS,
    response: zSupplementaryList,
    status: 200,
  },

  {
    id: 'picking.return',
    method: 'POST',
    path: '/api/task-orders/{no}/returns',
    summary:
      'Return material from a task order to stock; 422 issue.overReturn above what was issued',
    tag: 'picking',
    auth: PICKERS,
    params: NO_PARAMS,
    body: zTaskReturnRequest,
    response: zPickResult,
    status: 201,
  },
];
