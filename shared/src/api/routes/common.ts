import type * as z from 'zod';
import { ROLES, type Role } from '../../contracts/auth.js';
import { zCodeParams, zPage, zPageQuery } from '../../contracts/common.js';
import { zStockDocument } from '../../contracts/stock.js';

/**
 * What every area's routes are made of (shared/src/api/routes/<area>.ts; the whole table is
 * shared/src/api/routes.ts). A route `group.action` is served by
 * functions/src/http/<group>/<action>.ts, in its area's Lambda (functions/src/http/areas.ts).
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
  /** A file instead of JSON (e.g. an XLSX export). */
  responseContentType?: string;
  /**
   * Not JSON at all (WeCom callbacks): the body reaches the handler as raw text (validated
   * by `body` as a string), the handler answers plain text with this content type, and no
   * Idempotency-Key is honoured (the sender has its own de-duplication keys).
   */
  text?: { requestContentType: string; responseContentType: string };
  /**
   * The largest body accepted, in bytes (default MAX_INLINE_BODY_BYTES, 5 MB: what a Lambda
   * carries, with room for the event around the body, issue 19). Checked by the local
   * gateway while reading and by the handler before anything else: 413 request.tooLarge.
   */
  maxBodyBytes?: number;
  /**
   * Where a body above maxBodyBytes goes instead (`POST /api/imports/uploads`): named in the 413
   * so the client knows to upload the file first.
   */
  uploadRoute?: string;
  /**
   * Work that may go on after the response (an import of a large factory): answered 202 with
   * this body (the job to poll) when it is not done in time, `status` and `response` when it is.
   */
  accepted?: { response: z.ZodType; description: string };
};

/** WeCom's callback bodies are an envelope of three short fields, a few KB at most. */
export const MAX_WECOM_CALLBACK_BYTES = 64 * 1024;

// ---- who may call what -------------------------------------------------------------------
export const ANY: readonly Role[] = ROLES;
export const MASTER_DATA_EDITORS: readonly Role[] = ['admin', 'planner', 'manager'];
export const STOCK_CLERKS: readonly Role[] = ['warehouse', 'supervisor', 'admin'];
export const BOM_EDITORS: readonly Role[] = ['engineer', 'manager', 'admin'];
export const ECN_APPROVERS: readonly Role[] = ['engineer', 'manager'];
export const PLANNERS: readonly Role[] = ['planner', 'manager', 'admin'];
export const SALES_EDITORS: readonly Role[] = ['sales', 'manager', 'admin'];
/** Sales reps see their own orders; the others listed here see every order. */
export const SALES_VIEWERS: readonly Role[] = ['sales', 'manager', 'admin', 'planner'];
/** Purchasing (采购): planners buy what MRP plans; warehouse and cost see orders. */
export const PURCHASE_EDITORS: readonly Role[] = ['planner', 'manager', 'admin'];
export const PURCHASE_VIEWERS: readonly Role[] = [
  'planner',
  'manager',
  'admin',
  'warehouse',
  'cost',
];
/** Returns to the supplier: the warehouse ships them back, purchasing decides. */
export const PURCHASE_RETURNERS: readonly Role[] = ['warehouse', 'planner', 'manager', 'admin'];
export const TASK_ORDER_EDITORS: readonly Role[] = ['planner', 'supervisor', 'manager', 'admin'];
export const PICKERS: readonly Role[] = ['warehouse', 'supervisor', 'admin'];
export const SHOP_VIEWERS: readonly Role[] = [
  'planner',
  'warehouse',
  'supervisor',
  'worker',
  'cost',
  'manager',
  'admin',
];
export const REPORTERS: readonly Role[] = ['worker', 'supervisor', 'manager', 'admin'];

/** The four routes of a master-data register: create, list (paged), get and update by code. */
export function masterData(
  area: string,
  label: string,
  schemas: {
    create: z.ZodType;
    update: z.ZodType;
    record: z.ZodType;
    /** A list query with filters beyond the page query, and what they do (in the summary). */
    list?: { query: z.ZodType; filters: string };
  },
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
      summary: `List ${label}s, paged; q searches code prefix or name${schemas.list ? `; ${schemas.list.filters}` : ''}`,
      tag: area,
      auth: ANY,
      query: schemas.list?.query ?? zPageQuery,
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

/** A stock posting: one document of moves, refused whole when a balance would go negative. */
export function stockPosting(action: string, label: string, body: z.ZodType): RouteContract {
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

export function isMutating(route: Pick<RouteContract, 'method'>): boolean {
  return route.method !== 'GET';
}

/** Mutating JSON routes honour Idempotency-Key; text routes (WeCom callbacks) do not. */
export function isIdempotent(route: Pick<RouteContract, 'method' | 'text'>): boolean {
  return isMutating(route) && !route.text;
}

/** Quality (质量): QC edits the defect list and the inspection plans, with the manager and admin. */
export const QUALITY_EDITORS: readonly Role[] = ['qc', 'manager', 'admin'];
/** Planners and the warehouse read them (which receipts of an item will be held for inspection). */
export const QUALITY_VIEWERS: readonly Role[] = [...QUALITY_EDITORS, 'planner', 'warehouse'];
/** Inspection orders are read by those and the shop floor's supervisors (their products'). */
export const INSPECTION_VIEWERS: readonly Role[] = [...QUALITY_VIEWERS, 'supervisor'];
/** Quality reports: QC, management and cost accounting (scrap and concessions cost money). */
export const QUALITY_REPORT_VIEWERS: readonly Role[] = [...QUALITY_EDITORS, 'cost', 'planner'];
