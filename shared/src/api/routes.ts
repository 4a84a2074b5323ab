import type { RouteContract } from './routes/common.js';
import { approvalsAreaRoutes } from './routes/approvals.js';
import { costingAreaRoutes } from './routes/costing.js';
import { dashboardAreaRoutes } from './routes/dashboard.js';
import { deliveryAreaRoutes } from './routes/delivery.js';
import { engineeringAreaRoutes } from './routes/engineering.js';
import { localAreaRoutes } from './routes/local.js';
import { masterDataAreaRoutes } from './routes/masterData.js';
import { officeAreaRoutes } from './routes/office.js';
import { outsourcingAreaRoutes } from './routes/outsourcing.js';
import { planningAreaRoutes } from './routes/planning.js';
import { receiptsAreaRoutes } from './routes/receipts.js';
import { purchasingAreaRoutes } from './routes/purchasing.js';
import { qualityAreaRoutes } from './routes/quality.js';
import { salesAreaRoutes } from './routes/sales.js';
import { shopfloorAreaRoutes } from './routes/shopfloor.js';
import { stockAreaRoutes } from './routes/stock.js';
import { authRoutes } from './routes/auth.js';
import { systemRoutes } from './routes/system.js';
import { wecomAreaRoutes } from './routes/wecom.js';

export * from './routes/common.js';
export * from './routes/approvals.js';
export * from './routes/attachments.js';
export * from './routes/auth.js';
export * from './routes/claims.js';
export * from './routes/forms.js';
export * from './routes/costing.js';
export * from './routes/dashboard.js';
export * from './routes/delivery.js';
export * from './routes/digest.js';
export * from './routes/engineering.js';
export * from './routes/local.js';
export * from './routes/masterData.js';
export * from './routes/office.js';
export * from './routes/outsourcing.js';
export * from './routes/planning.js';
export * from './routes/receipts.js';
export * from './routes/purchasing.js';
export * from './routes/quality.js';
export * from './routes/sales.js';
export * from './routes/shopfloor.js';
export * from './routes/stock.js';
export * from './routes/system.js';
export * from './routes/wecom.js';

/**
 * The route table: the one list that the local gateway, the CDK HTTP API and the OpenAPI
 * document are built from. Each area's routes live in shared/src/api/routes/<area>.ts, and
 * an area's Lambda (functions/src/lambdas/<area>.ts) takes only its own list, so it carries
 * no other area's contracts; this module, which imports them all, is for whoever needs every
 * route. The order is the API's documented order (docs/openapi.json): the mini-program login
 * (auth area) sits with the WeCom routes, the local-only demo token after the system routes.
 */
export const routes: readonly RouteContract[] = [
  ...systemRoutes,
  ...localAreaRoutes,
  ...masterDataAreaRoutes,
  ...stockAreaRoutes,
  ...engineeringAreaRoutes,
  ...planningAreaRoutes,
  ...salesAreaRoutes,
  ...purchasingAreaRoutes,
  ...deliveryAreaRoutes,
  ...approvalsAreaRoutes,
  ...authRoutes,
  ...wecomAreaRoutes,
  ...shopfloorAreaRoutes,
  ...receiptsAreaRoutes,
  ...qualityAreaRoutes,
  ...outsourcingAreaRoutes,
  ...costingAreaRoutes,
  ...officeAreaRoutes,
  ...dashboardAreaRoutes,
];

export function routeById(id: string): RouteContract {
  const route = routes.find((r) => r.id === id);
  if (!route) throw new Error(`unknown route ${id}`);
  return route;
}
