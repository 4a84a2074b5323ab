// The purchasing area's Lambda: every route of the area behind one router (src/http/areas.ts).
// Like sales, it only submits approvals (the approvals area finishes them), so it wires nothing.
import { purchasingAreaRoutes } from '@factory/shared';
import { areaRouter } from '../http/router.js';
import * as purchaseOrdersCreate from '../http/purchaseOrders/create.js';
import * as purchaseOrdersList from '../http/purchaseOrders/list.js';
import * as purchaseOrdersGet from '../http/purchaseOrders/get.js';
import * as purchaseOrdersUpdate from '../http/purchaseOrders/update.js';
import * as purchaseOrdersSubmit from '../http/purchaseOrders/submit.js';
import * as purchaseOrdersCancel from '../http/purchaseOrders/cancel.js';
import * as purchaseOrdersCloseLine from '../http/purchaseOrders/closeLine.js';
import * as priceListsCreate from '../http/priceLists/create.js';
import * as priceListsList from '../http/priceLists/list.js';
import * as priceListsUpdate from '../http/priceLists/update.js';
import * as priceListsDelete from '../http/priceLists/delete.js';
import * as outsourcingPricesCreate from '../http/outsourcingPrices/create.js';
import * as outsourcingPricesList from '../http/outsourcingPrices/list.js';
import * as outsourcingPricesUpdate from '../http/outsourcingPrices/update.js';
import * as outsourcingPricesDelete from '../http/outsourcingPrices/delete.js';
import * as purchaseOrdersCreateReturn from '../http/purchaseOrders/createReturn.js';
import * as purchaseOrdersListReturns from '../http/purchaseOrders/listReturns.js';
import * as purchaseOrdersShare from '../http/purchaseOrders/share.js';
import * as purchaseOrdersSharePage from '../http/purchaseOrders/sharePage.js';
import * as purchaseOrdersFromRequest from '../http/purchaseOrders/fromRequest.js';

export const handler = areaRouter('purchasing', purchasingAreaRoutes, {
  'purchaseOrders.create': purchaseOrdersCreate,
  'purchaseOrders.fromRequest': purchaseOrdersFromRequest,
  'purchaseOrders.list': purchaseOrdersList,
  'purchaseOrders.get': purchaseOrdersGet,
  'purchaseOrders.update': purchaseOrdersUpdate,
  'purchaseOrders.submit': purchaseOrdersSubmit,
  'purchaseOrders.cancel': purchaseOrdersCancel,
  'purchaseOrders.closeLine': purchaseOrdersCloseLine,
  'priceLists.create': priceListsCreate,
  'priceLists.list': priceListsList,
  'priceLists.update': priceListsUpdate,
  'priceLists.delete': priceListsDelete,
  'outsourcingPrices.create': outsourcingPricesCreate,
  'outsourcingPrices.list': outsourcingPricesList,
  'outsourcingPrices.update': outsourcingPricesUpdate,
  'outsourcingPrices.delete': outsourcingPricesDelete,
  'purchaseOrders.createReturn': purchaseOrdersCreateReturn,
  'purchaseOrders.listReturns': purchaseOrdersListReturns,
  'purchaseOrders.share': purchaseOrdersShare,
  'purchaseOrders.sharePage': purchaseOrdersSharePage,
});
