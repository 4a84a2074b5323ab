// The outsourcing area's Lambda: every route of the area behind one router (src/http/areas.ts).
import { outsourcingAreaRoutes } from '@factory/shared';
import { areaRouter } from '../http/router.js';
import * as outsourcingOrdersCreate from '../http/outsourcingOrders/create.js';
import * as outsourcingOrdersList from '../http/outsourcingOrders/list.js';
import * as outsourcingOrdersGet from '../http/outsourcingOrders/get.js';
import * as outsourcingOrdersUpdate from '../http/outsourcingOrders/update.js';
import * as outsourcingOrdersClose from '../http/outsourcingOrders/close.js';
import * as outsourcingOrdersCancel from '../http/outsourcingOrders/cancel.js';
import * as outsourcingOrdersSend from '../http/outsourcingOrders/send.js';
import * as outsourcingOrdersReturnMaterials from '../http/outsourcingOrders/returnMaterials.js';
import * as outsourcingReceiptsCreate from '../http/outsourcingReceipts/create.js';
import * as outsourcingSettlementsCreate from '../http/outsourcingSettlements/create.js';
import * as outsourcingSettlementsList from '../http/outsourcingSettlements/list.js';
import * as outsourcingSettlementsGet from '../http/outsourcingSettlements/get.js';
import * as outsourcingSettlementsStatement from '../http/outsourcingSettlements/statement.js';

export const handler = areaRouter('outsourcing', outsourcingAreaRoutes, {
  'outsourcingOrders.create': outsourcingOrdersCreate,
  'outsourcingOrders.list': outsourcingOrdersList,
  'outsourcingOrders.get': outsourcingOrdersGet,
  'outsourcingOrders.update': outsourcingOrdersUpdate,
  'outsourcingOrders.close': outsourcingOrdersClose,
  'outsourcingOrders.cancel': outsourcingOrdersCancel,
  'outsourcingOrders.send': outsourcingOrdersSend,
  'outsourcingOrders.returnMaterials': outsourcingOrdersReturnMaterials,
  'outsourcingReceipts.create': outsourcingReceiptsCreate,
  'outsourcingSettlements.create': outsourcingSettlementsCreate,
  'outsourcingSettlements.list': outsourcingSettlementsList,
  'outsourcingSettlements.get': outsourcingSettlementsGet,
  'outsourcingSettlements.statement': outsourcingSettlementsStatement,
});
