// The dashboard area's Lambda (经营看板, issue 16): it reads many areas' records, so it is an
// area of its own and grows no other area's bundle.
import { dashboardAreaRoutes } from '@factory/shared';
import { areaRouter } from '../http/router.js';
import * as orders from '../http/dashboard/orders.js';
import * as production from '../http/dashboard/production.js';
import * as shortages from '../http/dashboard/shortages.js';
import * as quality from '../http/dashboard/quality.js';
import * as cost from '../http/dashboard/cost.js';

export const handler = areaRouter('dashboard', dashboardAreaRoutes, {
  'dashboard.orders': orders,
  'dashboard.production': production,
  'dashboard.shortages': shortages,
  'dashboard.quality': quality,
  'dashboard.cost': cost,
});
