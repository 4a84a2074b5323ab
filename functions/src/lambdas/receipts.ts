// The receipts area's Lambda: every route of the area behind one router (src/http/areas.ts).
import { receiptsAreaRoutes } from '@factory/shared';
import { areaRouter } from '../http/router.js';
import * as productionReceiptsCreate from '../http/productionReceipts/create.js';
import * as workReportsCreate from '../http/workReports/create.js';
import * as workReportsReverse from '../http/workReports/reverse.js';
import * as workReportsList from '../http/workReports/list.js';
import * as purchaseReceiptsCreate from '../http/purchaseReceipts/create.js';

export const handler = areaRouter('receipts', receiptsAreaRoutes, {
  'productionReceipts.create': productionReceiptsCreate,
  'workReports.create': workReportsCreate,
  'workReports.reverse': workReportsReverse,
  'workReports.list': workReportsList,
  'purchaseReceipts.create': purchaseReceiptsCreate,
});
