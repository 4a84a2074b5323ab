import { z } from 'zod';
import { ROLES, type Role, zDevTokenRequest, zSession, zTokenResponse } from '../contracts/auth.js';
import { zCodeParams, zPage, zPageQuery } from '../contracts/common.js';
import { zFactoryFile, zImportSummary } from '../contracts/factoryFile.js';
import {
  zItem,
  zItemCreate,
  zItemUpdate,
  zPartner,
  zPartnerCreate,
  zPartnerUpdate,
  zUnit,
  zUnitCreate,
  zUnitUpdate,
  zWarehouse,
  zWarehouseCreate,
  zWarehouseUpdate,
} from '../contracts/masterData.js';
import {
  zAdjustmentRequest,
  zBalance,
  zBalanceQuery,
  zDocumentParams,
  zIssueRequest,
  zMove,
  zMoveQuery,
  zReceiptRequest,
  zStockDocument,
  zTransferRequest,
} from '../contracts/stock.js';
import { zHealth } from '../contracts/system.js';

/**
 * The route table: the one list that the Lambda handlers, the local gateway, the CDK HTTP API
 * and the OpenAPI document are all built from. A route `area.action` is served by
 * functions/src/http/<area>/<action>.ts.
 */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type RouteContract = {
  id: string;
  method: HttpMethod;
  /** API Gateway style: /api/items/{code} */
  path: string;
  summary: string;
  tag: string;
  /** 'public' needs no token; otherwise the roles allowed. */
  auth: 'public' | readonly Role[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  status: number;
  /** Served by the local runtime only, never deployed (demo token minting). */
  localOnly?: boolean;
};

const ANY: readonly Role[] = ROLES;
const MASTER_DATA_EDITORS: readonly Role[] = ['admin', 'planner', 'manager'];
const STOCK_CLERKS: readonly Role[] = ['warehouse', 'supervisor', 'admin'];

function masterData(
  area: string,
  label: string,
  schemas: { create: z.ZodType; update: z.ZodType; record: z.ZodType },
  editors: readonly Role[],
): RouteContract[] {
  const base = `/api/${area}`;
  return [
    {
      id: `${area}.create`,
      method: 'POST',
      path: base,
      summary: `Create a ${label}`,
      tag: area,
      auth: editors,
      body: schemas.create,
      response: schemas.record,
      status: 201,
    },
    {
      id: `${area}.list`,
      method: 'GET',
      path: base,
      summary: `List ${label}s, paged; q searches code prefix or name`,
      tag: area,
      auth: ANY,
      query: zPageQuery,
      response: zPage(schemas.record),
      status: 200,
    },
    {
      id: `${area}.get`,
      method: 'GET',
      path: `${base}/{code}`,
      summary: `Read one ${label}`,
      tag: area,
      auth: ANY,
      params: zCodeParams,
      response: schemas.record,
      status: 200,
    },
    {
      id: `${area}.update`,
      method: 'PATCH',
      path: `${base}/{code}`,
      summary: `Update a ${label}; expectedVersion must match (else 409 resource.versionConflict)`,
      tag: area,
      auth: editors,
      params: zCodeParams,
      body: schemas.update,
      response: schemas.record,
      status: 200,
    },
  ];
}

function stockPosting(action: string, label: string, body: z.ZodType): RouteContract {
  return {
    id: `stock.${action}`,
    method: 'POST',
    path: `/api/stock/${action}`,
    summary: `Post a ${label}; 409 stock.insufficient if any balance would go negative`,
    tag: 'stock',
    auth: STOCK_CLERKS,
    body,
    response: zStockDocument,
    status: 201,
  };
}

export const routes: readonly RouteContract[] = [
  {
    id: 'system.health',
    method: 'GET',
    path: '/api/health',
    summary: 'Liveness and database reachability',
    tag: 'system',
    auth: 'public',
    response: zHealth,
    status: 200,
  },
  {
    id: 'system.openapi',
    method: 'GET',
    path: '/api/openapi.json',
    summary: 'This API as an OpenAPI 3.1 document',
    tag: 'system',
    auth: 'public',
    response: z.record(z.string(), z.unknown()),
    status: 200,
  },
  {
    id: 'system.me',
    method: 'GET',
    path: '/api/me',
    summary: 'The session named by the bearer token',
    tag: 'system',
    auth: ANY,
    response: zSession,
    status: 200,
  },
  {
    id: 'system.devToken',
    method: 'POST',
    path: '/api/dev/token',
    summary: 'Local runtime only: mint a session token for a demo user',
    tag: 'system',
    auth: 'public',
    body: zDevTokenRequest,
    response: zTokenResponse,
    status: 200,
    localOnly: true,
  },
  ...masterData(
    'items',
    'item',
    { create: zItemCreate, update: zItemUpdate, record: zItem },
    MASTER_DATA_EDITORS,
  ),
  ...masterData(
    'units',
    'unit',
    { create: zUnitCreate, update: zUnitUpdate, record: zUnit },
    MASTER_DATA_EDITORS,
  ),
  ...masterData(
    'warehouses',
    'warehouse',
    { create: zWarehouseCreate, update: zWarehouseUpdate, record: zWarehouse },
    ['admin', 'manager', 'warehouse'],
  ),
  ...masterData(
    'partners',
    'partner',
    { create: zPartnerCreate, update: zPartnerUpdate, record: zPartner },
    ['admin', 'manager', 'planner', 'sales'],
  ),
  {
    id: 'imports.create',
    method: 'POST',
    path: '/api/imports',
    summary:
      'Import a whole factory data file (factory/1); refused whole with every problem listed',
    tag: 'imports',
    auth: ['admin'],
    body: zFactoryFile,
    response: zImportSummary,
    status: 201,
  },
  stockPosting('receipts', 'receipt (入库单)', zReceiptRequest),
  stockPosting('issues', 'issue (出库单)', zIssueRequest),
  stockPosting('transfers', 'transfer (调拨单)', zTransferRequest),
  stockPosting('adjustments', 'count adjustment (盘点调整单)', zAdjustmentRequest),
  {
    id: 'stock.document',
    method: 'GET',
    path: '/api/stock/documents/{no}',
    summary: 'Read a stock document with its moves',
    tag: 'stock',
    auth: ANY,
    params: zDocumentParams,
    response: zStockDocument,
    status: 200,
  },
  {
    id: 'stock.balances',
    method: 'GET',
    path: '/api/stock/balances',
    summary: 'Stock inquiry: balances by item or by warehouse',
    tag: 'stock',
    auth: ANY,
    query: zBalanceQuery,
    response: zPage(zBalance),
    status: 200,
  },
  {
    id: 'stock.moves',
    method: 'GET',
    path: '/api/stock/moves',
    summary: 'The ledger of one item, oldest first',
    tag: 'stock',
    auth: ANY,
    query: zMoveQuery,
    response: zPage(zMove),
    status: 200,
  },
];

export function routeById(id: string): RouteContract {
  const route = routes.find((r) => r.id === id);
  if (!route) throw new Error(`unknown route ${id}`);
  return route;
}

export function isMutating(route: Pick<RouteContract, 'method'>): boolean {
  return route.method !== 'GET';
}
