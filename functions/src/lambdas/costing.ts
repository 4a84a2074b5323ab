// The costing area's Lambda: every route of the area behind one router (src/http/areas.ts).
import { costingAreaRoutes } from '@factory/shared';
import { wire } from '../deps.js';
import { stepFunctions } from '../composition/workflows.js';
import { areaRouter } from '../http/router.js';
import * as getSettings from '../http/costing/getSettings.js';
import * as putSettings from '../http/costing/putSettings.js';
import * as listPools from '../http/costing/listPools.js';
import * as putPool from '../http/costing/putPool.js';
import * as getOpening from '../http/costing/getOpening.js';
import * as setOpening from '../http/costing/setOpening.js';
import * as listPeriods from '../http/costing/listPeriods.js';
import * as getPeriod from '../http/costing/getPeriod.js';
import * as start from '../http/costing/start.js';
import * as close from '../http/costing/close.js';
import * as reopen from '../http/costing/reopen.js';
import * as addExpense from '../http/costing/addExpense.js';
import * as listExpenses from '../http/costing/listExpenses.js';
import * as setWipCount from '../http/costing/setWipCount.js';
import * as listWipCounts from '../http/costing/listWipCounts.js';
import * as report from '../http/costing/report.js';
import * as reportXlsx from '../http/costing/reportXlsx.js';
import * as order from '../http/costing/order.js';
import * as products from '../http/costing/products.js';

wire(stepFunctions);

export const handler = areaRouter('costing', costingAreaRoutes, {
  'costing.getSettings': getSettings,
  'costing.putSettings': putSettings,
  'costing.listPools': listPools,
  'costing.putPool': putPool,
  'costing.getOpening': getOpening,
  'costing.setOpening': setOpening,
  'costing.listPeriods': listPeriods,
  'costing.getPeriod': getPeriod,
  'costing.start': start,
  'costing.close': close,
  'costing.reopen': reopen,
  'costing.addExpense': addExpense,
  'costing.listExpenses': listExpenses,
  'costing.setWipCount': setWipCount,
  'costing.listWipCounts': listWipCounts,
  'costing.report': report,
  'costing.reportXlsx': reportXlsx,
  'costing.order': order,
  'costing.products': products,
});
