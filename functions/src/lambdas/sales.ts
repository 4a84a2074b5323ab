// The sales area's Lambda: every route of the area behind one router (src/http/areas.ts).
import { salesAreaRoutes } from '@factory/shared';
import { areaRouter } from '../http/router.js';
import * as salesOrdersCreate from '../http/salesOrders/create.js';
import * as salesOrdersList from '../http/salesOrders/list.js';
import * as salesOrdersGet from '../http/salesOrders/get.js';
import * as salesOrdersUpdate from '../http/salesOrders/update.js';
import * as salesOrdersSubmit from '../http/salesOrders/submit.js';
import * as salesOrdersCancel from '../http/salesOrders/cancel.js';
import * as salesOrdersClose from '../http/salesOrders/close.js';
import * as salesOrdersProgress from '../http/salesOrders/progress.js';
import * as salesOrdersPromise from '../http/salesOrders/promise.js';

export const handler = areaRouter('sales', salesAreaRoutes, {
  'salesOrders.create': salesOrdersCreate,
  'salesOrders.list': salesOrdersList,
  'salesOrders.get': salesOrdersGet,
  'salesOrders.update': salesOrdersUpdate,
  'salesOrders.submit': salesOrdersSubmit,
  'salesOrders.cancel': salesOrdersCancel,
  'salesOrders.close': salesOrdersClose,
  'salesOrders.progress': salesOrdersProgress,
  'salesOrders.promise': salesOrdersPromise,
});
