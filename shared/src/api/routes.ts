import * as z from 'zod';
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
import {
  zOutboxEntry,
  zOutboxParams,
  zOutboxQuery,
  zWecomCallbackQuery,
  zWecomLoginRequest,
  zWecomLoginResponse,
  zWecomVerifyQuery,
} from '../contracts/wecom.js';
import {
  zKitting,
  zKittingQuery,
  zMrpRun,
  zMrpRunRequest,
  zPlannedOrders,
  zPlannedOrdersQuery,
  zReleaseRequest,
  zReleaseResult,
  zRunParams,
  zShortage,
  zShortageQuery,
} from '../contracts/mrp.js';
import {
  zBatchEcnRequest,
  zBatchPreview,
  zBatchPreviewRequest,
  zBomDraftCreate,
  zBomDraftUpdate,
  zBomLinesImport,
  zBomHistory,
  zBomParams,
  zBomVersion,
  zBomVersionParams,
  zEcn,
  zEcnCreate,
  zEcnDecision,
  zEcnReject,
  zEcnListQuery,
  zEcnParams,
  zExplosion,
  zExplosionQuery,
  zWhereUsed,
  zWhereUsedQuery,
} from '../contracts/bom.js';
import {
  zApproval,
  zApprovalDecisionRequest,
  zApprovalParams,
  zApprovalRejectRequest,
  zApprovalRules,
  zApprovalRulesPut,
  zInboxEntry,
  zInboxQuery,
} from '../contracts/approval.js';
import {
  zSalesOrder,
  zSalesOrderCancel,
  zSalesOrderCreate,
  zSalesOrderListQuery,
  zSalesOrderParams,
  zSalesOrderSubmit,
  zSalesOrderUpdate,
} from '../contracts/salesOrder.js';
import {
  zMergedPickRequest,
  zPickList,
  zPickListQuery,
  zPickResult,
  zSupplementary,
  zSupplementaryRequest,
  zSupplementaryList,
  zTaskIssueRequest,
  zTaskOrder,
  zTaskOrderCreate,
  zTaskOrderListQuery,
  zTaskOrderParams,
  zTaskOrdersFromSales,
  zTaskOrderTransition,
  zTaskReturnRequest,
  zReworkCreate,
} from '../contracts/taskOrder.js';
import {
  zProductionReceipt,
  zProductionReceiptRequest,
  zPurchaseReceipt,
  zPurchaseReceiptRequest,
  zWorkReportList,
  zWorkReportListQuery,
  zWorkReportParams,
  zWorkReportRequest,
  zWorkReportResult,
  zWorkReportReverse,
} from '../contracts/shopfloor.js';

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
  /** A file instead of JSON (e.g. an XLSX export). */
  responseContentType?: string;
  /**
   * Not JSON at all (WeCom callbacks): the body reaches the handler as raw text (validated
   * by `body` as a string), the handler answers plain text with this content type, and no
   * Idempotency-Key is honoured (the sender has its own de-duplication keys).
   */
  text?: { requestContentType: string; responseContentType: string };
  /**
   * The largest body accepted, in bytes (default: API Gateway's 10 MB). Checked by the local
   * gateway while reading and by the handler before anything else: 413 request.tooLarge.
   */
  maxBodyBytes?: number;
};

/** WeCom's callback bodies are an envelope of three short fields, a few KB at most. */
export const MAX_WECOM_CALLBACK_BYTES = 64 * 1024;

const ANY: readonly Role[] = ROLES;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MASTER_DATA_EDITORS: readonly Role[] = ['admin', 'planner', 'manager'];
const STOCK_CLERKS: readonly Role[] = ['warehouse', 'supervisor', 'admin'];
const BOM_EDITORS: readonly Role[] = ['engineer', 'manager', 'admin'];
const ECN_APPROVERS: readonly Role[] = ['engineer', 'manager'];
const PLANNERS: readonly Role[] = ['planner', 'manager', 'admin'];

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

const bomRoutes: RouteContract[] = [
  {
    id: 'boms.history',
    method: 'GET',
    path: '/api/boms/{item}',
    summary: "A BOM's history: every version with its status, window and the ECN that made it",
    tag: 'boms',
    auth: ANY,
    params: zBomParams,
    response: zBomHistory,
    status: 200,
  },
  {
    id: 'boms.createDraft',
    method: 'POST',
    path: '/api/boms/{item}/versions',
    summary:
      'Create a draft version (given lines or a copy of another version); a loop is 422 bom.cycle',
    tag: 'boms',
    auth: BOM_EDITORS,
    params: zBomParams,
    body: zBomDraftCreate,
    response: zBomVersion,
    status: 201,
  },
  {
    id: 'boms.version',
    method: 'GET',
    path: '/api/boms/{item}/versions/{version}',
    summary: 'One version with its lines',
    tag: 'boms',
    auth: ANY,
    params: zBomVersionParams,
    response: zBomVersion,
    status: 200,
  },
  {
    id: 'boms.updateDraft',
    method: 'PATCH',
    path: '/api/boms/{item}/versions/{version}',
    summary:
      'Edit a draft (expectedRevision must match, else 409); approved versions change only by ECN',
    tag: 'boms',
    auth: BOM_EDITORS,
    params: zBomVersionParams,
    body: zBomDraftUpdate,
    response: zBomVersion,
    status: 200,
  },
  {
    id: 'boms.deleteDraft',
    method: 'DELETE',
    path: '/api/boms/{item}/versions/{version}',
    summary: 'Delete a draft version',
    tag: 'boms',
    auth: BOM_EDITORS,
    params: zBomVersionParams,
    query: z.strictObject({ expectedRevision: z.coerce.number().int().min(1) }),
    response: z.object({ parent: z.string(), version: z.string(), deleted: z.literal(true) }),
    status: 200,
  },
  {
    id: 'boms.importLines',
    method: 'POST',
    path: '/api/boms/{item}/versions/{version}/lines-import',
    summary:
      "Replace a draft's lines from a CSV or XLSX sheet; every bad row is reported as rows.<n>.<column>",
    tag: 'boms',
    auth: BOM_EDITORS,
    params: zBomVersionParams,
    body: zBomLinesImport,
    response: zBomVersion,
    status: 200,
  },
  {
    id: 'boms.explosionXlsx',
    method: 'GET',
    path: '/api/boms/{item}/explosion.xlsx',
    summary: 'The explosion as an XLSX workbook (tree and summed list)',
    tag: 'boms',
    auth: ANY,
    params: zBomParams,
    query: zExplosionQuery,
    response: z.string(),
    responseContentType: XLSX,
    status: 200,
  },
  {
    id: 'boms.explosion',
    method: 'GET',
    path: '/api/boms/{item}/explosion',
    summary: 'Multi-level explosion for a quantity at a date: the tree and the flat summed list',
    tag: 'boms',
    auth: ANY,
    params: zBomParams,
    query: zExplosionQuery,
    response: zExplosion,
    status: 200,
  },
  {
    id: 'boms.whereUsed',
    method: 'GET',
    path: '/api/boms/{item}/where-used',
    summary: 'Where a component is used: single level, or all levels up to the top items',
    tag: 'boms',
    auth: ANY,
    params: zBomParams,
    query: zWhereUsedQuery,
    response: zWhereUsed,
    status: 200,
  },
  {
    id: 'boms.batchPreview',
    method: 'POST',
    path: '/api/boms/batch-preview',
    summary: 'Batch change preview: every BOM using a component, with the line before and after',
    tag: 'boms',
    auth: BOM_EDITORS,
    body: zBatchPreviewRequest,
    response: zBatchPreview,
    status: 200,
  },
  {
    id: 'structure.lowLevelCodes',
    method: 'GET',
    path: '/api/structure/low-level-codes',
    summary: 'Low-level code of every item in a BOM (deepest level it appears at)',
    tag: 'boms',
    auth: ANY,
    response: z.object({ codes: z.record(z.string(), z.number().int()) }),
    status: 200,
  },
  {
    id: 'ecns.create',
    method: 'POST',
    path: '/api/ecns',
    summary: 'Create an engineering change (draft) with its before/after prepared',
    tag: 'ecns',
    auth: BOM_EDITORS,
    body: zEcnCreate,
    response: zEcn,
    status: 201,
  },
  {
    id: 'ecns.batch',
    method: 'POST',
    path: '/api/ecns/batch',
    summary:
      'One ECN applying a batch change (replace / qtyPer / lossRate / remove) to every BOM using a component',
    tag: 'ecns',
    auth: BOM_EDITORS,
    body: zBatchEcnRequest,
    response: zEcn,
    status: 201,
  },
  {
    id: 'ecns.list',
    method: 'GET',
    path: '/api/ecns',
    summary: 'Engineering changes, paged, optionally by status',
    tag: 'ecns',
    auth: ANY,
    query: zEcnListQuery,
    response: zPage(zEcn),
    status: 200,
  },
  {
    id: 'ecns.get',
    method: 'GET',
    path: '/api/ecns/{no}',
    summary: 'One engineering change with every line before/after and the affected orders',
    tag: 'ecns',
    auth: ANY,
    params: zEcnParams,
    response: zEcn,
    status: 200,
  },
  {
    id: 'ecns.submit',
    method: 'POST',
    path: '/api/ecns/{no}/submit',
    summary: 'Submit for approval (prepared again, affected open orders listed)',
    tag: 'ecns',
    auth: BOM_EDITORS,
    params: zEcnParams,
    response: zEcn,
    status: 200,
  },
  {
    id: 'ecns.approve',
    method: 'POST',
    path: '/api/ecns/{no}/approve',
    summary:
      'Approve: new versions become the default from the effective date, all or nothing; not by its submitter',
    tag: 'ecns',
    auth: ECN_APPROVERS,
    params: zEcnParams,
    body: zEcnDecision,
    response: zEcn,
    status: 200,
  },
  {
    id: 'ecns.reject',
    method: 'POST',
    path: '/api/ecns/{no}/reject',
    summary: 'Reject with a reason (comment, required); not by its submitter',
    tag: 'ecns',
    auth: ECN_APPROVERS,
    params: zEcnParams,
    body: zEcnReject,
    response: zEcn,
    status: 200,
  },
];

const mrpRoutes: RouteContract[] = [
  {
    id: 'mrp.startRun',
    method: 'POST',
    path: '/api/mrp/runs',
    summary: 'Start an MRP run (a workflow); answers 202 with the run, whose status shows progress',
    tag: 'mrp',
    auth: PLANNERS,
    body: zMrpRunRequest,
    response: zMrpRun,
    status: 202,
  },
  {
    id: 'mrp.listRuns',
    method: 'GET',
    path: '/api/mrp/runs',
    summary: 'MRP runs, oldest first, paged',
    tag: 'mrp',
    auth: ANY,
    query: zPageQuery,
    response: zPage(zMrpRun),
    status: 200,
  },
  {
    id: 'mrp.getRun',
    method: 'GET',
    path: '/api/mrp/runs/{runId}',
    summary: 'One run: status, steps done, counts, error',
    tag: 'mrp',
    auth: ANY,
    params: zRunParams,
    response: zMrpRun,
    status: 200,
  },
  {
    id: 'mrp.plannedOrders',
    method: 'GET',
    path: '/api/mrp/planned-orders',
    summary:
      "The current run's planned orders (or a given run's) with exceptions and what was released",
    tag: 'mrp',
    auth: ANY,
    query: zPlannedOrdersQuery,
    response: zPlannedOrders,
    status: 200,
  },
  {
    id: 'mrp.release',
    method: 'POST',
    path: '/api/mrp/release',
    summary:
      'Release (合并投放) planned orders into purchase, task and outsourcing orders; each at most once',
    tag: 'mrp',
    auth: PLANNERS,
    body: zReleaseRequest,
    response: zReleaseResult,
    status: 201,
  },
  {
    id: 'mrp.kitting',
    method: 'GET',
    path: '/api/mrp/kitting',
    summary:
      'Kitting (齐套分析): sets buildable from stock, per component required / available / short',
    tag: 'mrp',
    auth: ANY,
    query: zKittingQuery,
    response: zKitting,
    status: 200,
  },
  {
    id: 'mrp.shortage',
    method: 'GET',
    path: '/api/mrp/shortage',
    summary: 'Shortage (足缺料分析) over open task orders by priority (due date, then number)',
    tag: 'mrp',
    auth: ANY,
    query: zShortageQuery,
    response: zShortage,
    status: 200,
  },
];

const SALES_EDITORS: readonly Role[] = ['sales', 'manager', 'admin'];
/** Sales reps see their own orders; the others listed here see every order. */
const SALES_VIEWERS: readonly Role[] = ['sales', 'manager', 'admin', 'planner'];

const salesOrderRoutes: RouteContract[] = [
  {
    id: 'salesOrders.create',
    method: 'POST',
    path: '/api/sales-orders',
    summary: 'Enter a sales order (draft); amounts computed to the fen, MTO lines tracked',
    tag: 'salesOrders',
    auth: SALES_EDITORS,
    body: zSalesOrderCreate,
    response: zSalesOrder,
    status: 201,
  },
  {
    id: 'salesOrders.list',
    method: 'GET',
    path: '/api/sales-orders',
    summary: 'Sales orders, paged, optionally by status; a sales rep sees only their own',
    tag: 'salesOrders',
    auth: SALES_VIEWERS,
    query: zSalesOrderListQuery,
    response: zPage(zSalesOrder),
    status: 200,
  },
  {
    id: 'salesOrders.get',
    method: 'GET',
    path: '/api/sales-orders/{no}',
    summary: 'One sales order with its lines and total',
    tag: 'salesOrders',
    auth: SALES_VIEWERS,
    params: zSalesOrderParams,
    response: zSalesOrder,
    status: 200,
  },
  {
    id: 'salesOrders.update',
    method: 'PATCH',
    path: '/api/sales-orders/{no}',
    summary:
      'Edit a draft; expectedVersion must match (else 409 resource.versionConflict); 409 salesOrder.invalidState unless draft',
    tag: 'salesOrders',
    auth: SALES_EDITORS,
    params: zSalesOrderParams,
    body: zSalesOrderUpdate,
    response: zSalesOrder,
    status: 200,
  },
  {
    id: 'salesOrders.submit',
    method: 'POST',
    path: '/api/sales-orders/{no}/submit',
    summary:
      'Submit a draft: confirmed at once when no approval step applies, else pending with an approval',
    tag: 'salesOrders',
    auth: SALES_EDITORS,
    params: zSalesOrderParams,
    body: zSalesOrderSubmit,
    response: zSalesOrder,
    status: 200,
  },
  {
    id: 'salesOrders.cancel',
    method: 'POST',
    path: '/api/sales-orders/{no}/cancel',
    summary: 'Cancel a draft or pending order (a running approval is cancelled with it)',
    tag: 'salesOrders',
    auth: SALES_EDITORS,
    params: zSalesOrderParams,
    body: zSalesOrderCancel,
    response: zSalesOrder,
    status: 200,
  },
];

const approvalRoutes: RouteContract[] = [
  {
    id: 'approvals.inbox',
    method: 'GET',
    path: '/api/approvals/inbox',
    summary: "The caller's approvals: pending (default) or decided, newest first",
    tag: 'approvals',
    auth: ANY,
    query: zInboxQuery,
    response: zPage(zInboxEntry),
    status: 200,
  },
  {
    id: 'approvals.get',
    method: 'GET',
    path: '/api/approvals/{id}',
    summary: 'One approval: steps, approvers, history and card notifications',
    tag: 'approvals',
    auth: ANY,
    params: zApprovalParams,
    response: zApproval,
    status: 200,
  },
  {
    id: 'approvals.approve',
    method: 'POST',
    path: '/api/approvals/{id}/approve',
    summary:
      'Approve the current step (403 approval.notApprover, or approval.ownDocument for the submitter unless the step names them; 409 approval.alreadyDecided when someone was first)',
    tag: 'approvals',
    auth: ANY,
    params: zApprovalParams,
    body: zApprovalDecisionRequest,
    response: zApproval,
    status: 200,
  },
  {
    id: 'approvals.reject',
    method: 'POST',
    path: '/api/approvals/{id}/reject',
    summary:
      'Reject the current step with a reason (comment, required); the document is rejected and its submitter told',
    tag: 'approvals',
    auth: ANY,
    params: zApprovalParams,
    body: zApprovalRejectRequest,
    response: zApproval,
    status: 200,
  },
  {
    id: 'approvals.notify',
    method: 'POST',
    path: '/api/approvals/{id}/notify',
    summary:
      "Send the current step's WeCom cards again when sending them failed (otherwise nothing to do)",
    tag: 'approvals',
    auth: ANY,
    params: zApprovalParams,
    response: zApproval,
    status: 200,
  },
  {
    id: 'approvalRules.get',
    method: 'GET',
    path: '/api/approval-rules',
    summary: "The tenant's approval rules per document type (defaults until replaced)",
    tag: 'approvals',
    auth: ['admin', 'manager'],
    response: zApprovalRules,
    status: 200,
  },
  {
    id: 'approvalRules.put',
    method: 'PUT',
    path: '/api/approval-rules',
    summary: 'Replace the approval rules; expectedVersion must match (else 409)',
    tag: 'approvals',
    auth: ['admin'],
    body: zApprovalRulesPut,
    response: zApprovalRules,
    status: 200,
  },
];

const XML_IN_TEXT_OUT = {
  requestContentType: 'text/xml',
  responseContentType: 'text/plain; charset=utf-8',
} as const;

/** WeCom (issue 5): mini-program login and the app's callback URL. */
const wecomRoutes: RouteContract[] = [
  {
    id: 'auth.wecomLogin',
    method: 'POST',
    path: '/api/auth/wecom/login',
    summary:
      'Log in with a wx.qy.login code: jscode2session, then a session token for the product user (401 auth.invalidCode, 403 auth.unknownUser / auth.userInactive)',
    tag: 'auth',
    auth: 'public',
    body: zWecomLoginRequest,
    response: zWecomLoginResponse,
    status: 200,
  },
  {
    id: 'wecom.callbackVerify',
    method: 'GET',
    path: '/wecom/callback',
    summary:
      'WeCom callback URL verification: signature checked, echostr decrypted and echoed as plain text',
    tag: 'wecom',
    auth: 'public',
    query: zWecomVerifyQuery,
    response: z.string(),
    status: 200,
    text: XML_IN_TEXT_OUT,
  },
  {
    id: 'wecom.callback',
    method: 'POST',
    path: '/wecom/callback',
    summary:
      'WeCom callback events (encrypted XML): verified (signature first, before the XML is parsed), de-duplicated, acked with an empty 200 and processed after the ack; forged or stale -> 401; a body above 64 KB -> 413',
    tag: 'wecom',
    auth: 'public',
    query: zWecomCallbackQuery,
    body: z.string(),
    response: z.string(),
    status: 200,
    text: XML_IN_TEXT_OUT,
    maxBodyBytes: MAX_WECOM_CALLBACK_BYTES,
  },
  {
    id: 'outbox.list',
    method: 'GET',
    path: '/api/outbox',
    summary:
      "The tenant's outgoing WeCom messages in one state (default failed: given up after the last attempt), newest first",
    tag: 'wecom',
    auth: ['admin', 'manager'],
    query: zOutboxQuery,
    response: zPage(zOutboxEntry),
    status: 200,
  },
  {
    id: 'outbox.resend',
    method: 'POST',
    path: '/api/outbox/{id}/resend',
    summary:
      'Deliver a failed message again (its attempts start over); a pending one is answered as it is, a delivered one is 409 outbox.alreadyDelivered',
    tag: 'wecom',
    auth: ['admin', 'manager'],
    params: zOutboxParams,
    response: zOutboxEntry,
    status: 200,
  },
];

// ---- task orders and picking (issue 6) ------------------------------------------------------
const TASK_ORDER_EDITORS: readonly Role[] = ['planner', 'supervisor', 'manager', 'admin'];
const PICKERS: readonly Role[] = ['warehouse', 'supervisor', 'admin'];
const SHOP_VIEWERS: readonly Role[] = [
  'planner',
  'warehouse',
  'supervisor',
  'worker',
  'cost',
  'manager',
  'admin',
];
const NO_PARAMS = zTaskOrderParams;

const taskOrderRoutes: RouteContract[] = [
  {
    id: 'taskOrders.create',
    method: 'POST',
    path: '/api/task-orders',
    summary:
      'Create a task order by hand; needs copied from the default BOM at its start date, phantoms expanded',
    tag: 'taskOrders',
    auth: TASK_ORDER_EDITORS,
    body: zTaskOrderCreate,
    response: zTaskOrder,
    status: 201,
  },
  {
    id: 'taskOrders.createFromSales',
    method: 'POST',
    path: '/api/task-orders/from-sales',
    summary:
      'Task orders from confirmed sales order lines: one per line or merged per item (MTO tracking kept)',
    tag: 'taskOrders',
    auth: TASK_ORDER_EDITORS,
    body: zTaskOrdersFromSales,
    response: z.object({ orders: z.array(zTaskOrder) }),
    status: 201,
  },
  {
    id: 'taskOrders.createRework',
    method: 'POST',
    path: '/api/task-orders/rework',
    summary:
      'Create a rework order (返修) for rejected product: needs the product from rejected stock in the warehouse plus extra repair components from available stock; its receipt backflushes nothing',
    tag: 'taskOrders',
    auth: TASK_ORDER_EDITORS,
    body: zReworkCreate,
    response: zTaskOrder,
    status: 201,
  },
  {
    id: 'taskOrders.list',
    method: 'GET',
    path: '/api/task-orders',
    summary: 'Task orders by priority, then due date; optionally of one state',
    tag: 'taskOrders',
    auth: SHOP_VIEWERS,
    query: zTaskOrderListQuery,
    response: zPage(zTaskOrder),
    status: 200,
  },
  {
    id: 'taskOrders.get',
    method: 'GET',
    path: '/api/task-orders/{no}',
    summary:
      'One task order with its needs (computed and stored on first read for imported orders)',
    tag: 'taskOrders',
    auth: SHOP_VIEWERS,
    params: NO_PARAMS,
    response: zTaskOrder,
    status: 200,
  },
  {
    id: 'taskOrders.setState',
    method: 'POST',
    path: '/api/task-orders/{no}/state',
    summary:
      'Release a planned task order or close one (to: released | closed); 409 taskOrder.invalidState for any other move',
    tag: 'taskOrders',
    auth: TASK_ORDER_EDITORS,
    params: NO_PARAMS,
    body: zTaskOrderTransition,
    response: zTaskOrder,
    status: 200,
  },

  {
    id: 'picking.pickList',
    method: 'GET',
    path: '/api/picking/pick-list',
    summary:
      "Pick list of one or several task orders (orders=MO1,MO2): remaining manual needs summed per item and warehouse with each order's share and available stock; for one order also the kit sets stock allows (phantom: skip-level)",
    tag: 'picking',
    auth: SHOP_VIEWERS,
    query: zPickListQuery,
    response: zPickList,
    status: 200,
  },

  {
    id: 'picking.issue',
    method: 'POST',
    path: '/api/task-orders/{no}/issues',
    summary:
      'Issue to a task order: lines (standard, partial allowed), sets (kit; 409 issue.kitExceedsStock with details.maxSets), neither (all remaining), phantom (skip-level); 422 issue.overIssue beyond the remaining need, 409 stock.insufficient',
    tag: 'picking',
    auth: PICKERS,
    params: NO_PARAMS,
    body: zTaskIssueRequest,
    response: zPickResult,
    status: 201,
  },

  {
    id: 'picking.merged',
    method: 'POST',
    path: '/api/picking/merged',
    summary: 'Post a merged pick list: one stock document, each share posted to its task order',
    tag: 'picking',
    auth: PICKERS,
    body: zMergedPickRequest,
    response: zPickResult,
    status: 201,
  },
  {
    id: 'picking.supplementary',
    method: 'POST',
    path: '/api/task-orders/{no}/supplementary',
    summary: 'Request a supplementary issue with a reason; posted when its approval is approved',
    tag: 'picking',
    auth: PICKERS,
    params: NO_PARAMS,
    body: zSupplementaryRequest,
    response: zSupplementary,
    status: 201,
  },
  {
    id: 'picking.supplementaryList',
    method: 'GET',
    path: '/api/task-orders/{no}/supplementary',
    summary:
      "A task order's supplementary issue requests, newest first: pending (in approval), posted (with its stock document) or rejected",
    tag: 'picking',
    auth: SHOP_VIEWERS,
    params: NO_PARAMS,
    response: zSupplementaryList,
    status: 200,
  },

  {
    id: 'picking.return',
    method: 'POST',
    path: '/api/task-orders/{no}/returns',
    summary:
      'Return material from a task order to stock; 422 issue.overReturn above what was issued',
    tag: 'picking',
    auth: PICKERS,
    params: NO_PARAMS,
    body: zTaskReturnRequest,
    response: zPickResult,
    status: 201,
  },
];

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
  ...bomRoutes,
  ...mrpRoutes,
  ...salesOrderRoutes,
  ...approvalRoutes,
  ...wecomRoutes,
  ...taskOrderRoutes,
  ...shopfloorRoutes(),
];

/** Issue 6 part 2: receipts against orders (with backflush) and work reports. */
function shopfloorRoutes(): RouteContract[] {
  const REPORTERS: readonly Role[] = ['worker', 'supervisor', 'manager', 'admin'];
  return [
    {
      id: 'purchaseReceipts.create',
      method: 'POST',
      path: '/api/purchase-receipts',
      summary:
        'Receive against a purchase order (partial allowed); over-receipt is 409 receipt.overReceipt; items needing inspection go to status inspection',
      tag: 'receipts',
      auth: STOCK_CLERKS,
      body: zPurchaseReceiptRequest,
      response: zPurchaseReceipt,
      status: 201,
    },
    {
      id: 'productionReceipts.create',
      method: 'POST',
      path: '/api/production-receipts',
      summary:
        'Receive finished product of a task order and backflush its components (cumulative over its receipts) in the same transaction; beyond the order qty is 409 receipt.overReceipt and beyond the good qty reported 409 receipt.aboveReported unless a supervisor allows it; a shortage is 409 stock.insufficient and nothing is written',
      tag: 'receipts',
      auth: STOCK_CLERKS,
      body: zProductionReceiptRequest,
      response: zProductionReceipt,
      status: 201,
    },
    {
      id: 'workReports.create',
      method: 'POST',
      path: '/api/work-reports',
      summary:
        'Report good / scrap qty and hours against a task order; beyond the order qty is 409 workReport.overrun unless a supervisor allows it',
      tag: 'workReports',
      auth: REPORTERS,
      body: zWorkReportRequest,
      response: zWorkReportResult,
      status: 201,
    },
    {
      id: 'workReports.reverse',
      method: 'POST',
      path: '/api/work-reports/{no}/reverse',
      summary: 'Correct a work report by a reversing entry (at most once; never edited in place)',
      tag: 'workReports',
      auth: ['supervisor', 'manager', 'admin'],
      params: zWorkReportParams,
      body: zWorkReportReverse,
      response: zWorkReportResult,
      status: 201,
    },
    {
      id: 'workReports.list',
      method: 'GET',
      path: '/api/work-reports',
      summary: "A task order's work reports (reversals included) and its progress",
      tag: 'workReports',
      auth: ANY,
      query: zWorkReportListQuery,
      response: zWorkReportList,
      status: 200,
    },
  ];
}

export function routeById(id: string): RouteContract {
  const route = routes.find((r) => r.id === id);
  if (!route) throw new Error(`unknown route ${id}`);
  return route;
}

export function isMutating(route: Pick<RouteContract, 'method'>): boolean {
  return route.method !== 'GET';
}

/** Mutating JSON routes honour Idempotency-Key; text routes (WeCom callbacks) do not. */
export function isIdempotent(route: Pick<RouteContract, 'method' | 'text'>): boolean {
  return isMutating(route) && !route.text;
}
