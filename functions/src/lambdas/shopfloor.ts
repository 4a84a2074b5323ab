// The shopfloor area's Lambda: every route of the area behind one router (src/http/areas.ts).
import { shopfloorAreaRoutes } from '@factory/shared';
import { areaRouter } from '../http/router.js';
import * as taskOrdersCreate from '../http/taskOrders/create.js';
import * as taskOrdersCreateFromSales from '../http/taskOrders/createFromSales.js';
import * as taskOrdersCreateRework from '../http/taskOrders/createRework.js';
import * as taskOrdersList from '../http/taskOrders/list.js';
import * as taskOrdersGet from '../http/taskOrders/get.js';
import * as taskOrdersSetState from '../http/taskOrders/setState.js';
import * as taskOrdersAssign from '../http/taskOrders/assign.js';
import * as taskOrdersAssignable from '../http/taskOrders/assignable.js';
import * as pickingPickList from '../http/picking/pickList.js';
import * as pickingIssue from '../http/picking/issue.js';
import * as pickingMerged from '../http/picking/merged.js';
import * as pickingSupplementary from '../http/picking/supplementary.js';
import * as pickingSupplementaryList from '../http/picking/supplementaryList.js';
import * as pickingReturn from '../http/picking/return.js';

export const handler = areaRouter('shopfloor', shopfloorAreaRoutes, {
  'taskOrders.create': taskOrdersCreate,
  'taskOrders.createFromSales': taskOrdersCreateFromSales,
  'taskOrders.createRework': taskOrdersCreateRework,
  'taskOrders.list': taskOrdersList,
  'taskOrders.get': taskOrdersGet,
  'taskOrders.setState': taskOrdersSetState,
  'taskOrders.assign': taskOrdersAssign,
  'taskOrders.assignable': taskOrdersAssignable,
  'picking.pickList': pickingPickList,
  'picking.issue': pickingIssue,
  'picking.merged': pickingMerged,
  'picking.supplementary': pickingSupplementary,
  'picking.supplementaryList': pickingSupplementaryList,
  'picking.return': pickingReturn,
});
