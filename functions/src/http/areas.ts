/**
 * The API is deployed as one Lambda per business area; each area's function routes a request
 * to the handler of its route (src/http/router.ts). An area owns whole URL prefixes
 * (`/api/<segment>`), so API Gateway needs only a catch-all route per prefix, and the stack
 * stays small however many routes an area has. The route table's ids are `<group>.<action>`;
 * this table says which area serves each group.
 */
export const AREAS = {
  system: ['system'],
  // Login alone: the only function that reads the session signing key (issue 19, point 5).
  auth: ['auth'],
  masterData: ['items', 'units', 'warehouses', 'partners', 'imports'],
  stock: ['stock'],
  engineering: ['boms', 'structure', 'ecns'],
  planning: ['mrp', 'forecasts', 'calendar'],
  sales: ['salesOrders'],
  purchasing: ['purchaseOrders', 'priceLists', 'outsourcingPrices'],
  delivery: ['deliveries', 'customerReturns'],
  approvals: ['approvals', 'approvalRules'],
  shopfloor: ['taskOrders', 'picking'],
  receipts: ['purchaseReceipts', 'productionReceipts', 'workReports'],
  // The callback alone: its role reaches only its own records (infra/src/constructs/roles.ts).
  wecom: ['wecom'],
  outbox: ['outbox'],
  quality: ['inspectionPlans', 'defects', 'inspections', 'qualityReports'],
  outsourcing: ['outsourcingOrders', 'outsourcingReceipts', 'outsourcingSettlements'],
  costing: ['costing'],
  office: ['expenseCategories', 'expenseClaims', 'attachments', 'forms', 'formRequests', 'digest'],
  dashboard: ['dashboard'],
} as const satisfies Record<string, readonly string[]>;

export type Area = keyof typeof AREAS;

/** Routes only the local runtime serves (never deployed) form an area of their own. */
export const LOCAL_AREA = 'local';

export function areaOfRoute(route: { id: string; localOnly?: boolean }): Area | typeof LOCAL_AREA {
  if (route.localOnly) return LOCAL_AREA;
  const group = route.id.split('.')[0]!;
  for (const [area, groups] of Object.entries(AREAS)) {
    if ((groups as readonly string[]).includes(group)) return area as Area;
  }
  throw new Error(`route ${route.id}: its group ${group} belongs to no area (src/http/areas.ts)`);
}

/** `/api/items/{code}` -> `/api/items`: the URL prefix a route sits under. */
export function pathPrefix(path: string): string {
  return path.split('/').slice(0, 3).join('/');
}

/**
 * URL prefix -> the area serving it. A prefix is served by one area only (the catch-all
 * route of API Gateway can reach one function), so a route table that splits one is refused.
 */
export function prefixAreas(all: readonly { id: string; path: string; localOnly?: boolean }[]) {
  const out = new Map<string, string>();
  for (const route of all) {
    const prefix = pathPrefix(route.path);
    const area = areaOfRoute(route);
    const other = out.get(prefix);
    if (other && other !== area) {
      throw new Error(`URL prefix ${prefix} is served by two areas: ${other} and ${area}`);
    }
    out.set(prefix, area);
  }
  return out;
}
