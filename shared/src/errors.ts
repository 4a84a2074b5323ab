/**
 * One error type with stable dotted codes. The code -> HTTP status table lives here so the
 * API, the CLI and the mini-program agree; functions/src/middleware/errors.ts is the one
 * place that turns an AppError into an HTTP response.
 */
export const ERROR_STATUS = {
  'request.invalid': 400,
  'request.malformedJson': 400,
  'request.unsupportedMediaType': 415,
  'request.tooLarge': 413,
  'auth.unauthenticated': 401,
  'auth.forbidden': 403,
  'route.notFound': 404,
  'route.methodNotAllowed': 405,
  'resource.notFound': 404,
  'resource.exists': 409,
  'resource.versionConflict': 409,
  'stock.insufficient': 409,
  'stock.postingFailed': 409,
  'idempotency.keyReused': 409,
  'idempotency.inProgress': 409,
  // Retries of a transaction conflict did not get through: retry later (same key).
  'store.busy': 503,
  // The request ran out of its time (the function's timeout): retry later with the same key.
  'request.timeout': 503,
  // A workflow (MRP, costing) could not be started: its run is marked failed; send it again.
  'workflow.startFailed': 503,
  'import.conflict': 409,
  'import.inProgress': 409,
  // A record that would exceed what one table item may hold (issue 10): named, never a crash.
  'store.itemTooLarge': 422,
  // A user-entered document above its documented line limit.
  'document.tooManyLines': 422,
  'bom.cycle': 422,
  'bom.notEffective': 404,
  'bom.notDraft': 409,
  'ecn.invalidState': 409,
  'ecn.baseChanged': 409,
  'mrp.alreadyReleased': 409,
  'approval.alreadyDecided': 409,
  'approval.notApprover': 403,
  'approval.ownDocument': 403,
  'approval.reasonRequired': 422,
  'salesOrder.invalidState': 409,
  'purchaseOrder.invalidState': 409,
  // Planning inputs (issue 12): one item's forecast periods may not overlap.
  'forecast.overlap': 409,
  // WeCom (issue 5): login, callbacks and the outbound client.
  'auth.invalidCode': 401,
  'auth.corpMismatch': 403,
  'auth.unknownUser': 403,
  'auth.userInactive': 403,
  'wecom.badSignature': 401,
  'wecom.staleRequest': 401,
  'wecom.invalidMessage': 422,
  'wecom.notConfigured': 503,
  'wecom.apiError': 502,
  'outbox.alreadyDelivered': 409,
  // Task orders and picking (issue 6).
  'taskOrder.invalidState': 409,
  'issue.kitExceedsStock': 409,
  'issue.overIssue': 422,
  'issue.overReturn': 422,
  'issue.substituteNotAllowed': 422,
  'issue.substituteNotShort': 422,
  // Shop floor (issue 6 part 2): receipts against orders and work reports.
  'receipt.overReceipt': 409,
  'receipt.aboveReported': 409,
  'order.invalidState': 409,
  'workReport.overrun': 409,
  'workReport.alreadyReversed': 409,
  // Deliveries (issue 12): beyond the ordered qty, returns beyond what was delivered.
  'delivery.overDelivery': 409,
  'delivery.overReturn': 409,
  // Costing (issue 15): a period that cannot be costed as it stands.
  'costing.negativeStock': 409,
  'costing.loop': 409,
  // A posting dated in a closed period; a period not in the state the action needs.
  'costing.periodClosed': 409,
  'costing.invalidState': 409,
  // Expense claims (issue 16): a claim in a state the action does not apply to.
  'expenseClaim.invalidState': 409,
  // Attachments (issue 16): completed before the file arrived; a file not what was declared.
  'attachment.notUploaded': 409,
  'attachment.invalidFile': 422,
  // Generic approvals (issue 16): a request in a state the action does not apply to; a
  // purchase request already turned into a purchase order.
  'formRequest.invalidState': 409,
  'formRequest.alreadyConverted': 409,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One problem with one field, as the mini-program marks it. */
export type FieldIssue = { path: (string | number)[]; message: string; code?: string };

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export const notFound = (entity: string, id: string): AppError =>
  new AppError('resource.notFound', `${entityLabel(entity)}不存在：${id}`, { entity, id });

export const alreadyExists = (entity: string, id: string): AppError =>
  new AppError('resource.exists', `${entityLabel(entity)}已存在：${id}`, { entity, id });

export const versionConflict = (entity: string, id: string, expected: number): AppError =>
  new AppError(
    'resource.versionConflict',
    `${entityLabel(entity)}已被他人修改，请刷新后重试：${id}`,
    { entity, id, expectedVersion: expected },
  );

export const invalidRequest = (
  issues: FieldIssue[],
  message = '有些内容需要修改，请看标红的地方',
): AppError => new AppError('request.invalid', message, undefined, issues);

const LABELS: Record<string, string> = {
  item: '物料',
  unit: '计量单位',
  warehouse: '仓库',
  partner: '往来单位',
  stockDocument: '库存单据',
  import: '导入',
  bom: '物料清单',
  bomVersion: '物料清单版本',
  ecn: '工程变更单',
  mrpRun: 'MRP 运行',
  plannedOrder: '计划订单',
  salesOrderLine: '销售订单行',
  salesOrder: '销售订单',
  approval: '审批',
  costPool: '费用池',
  costingPeriod: '成本期间',
  costReport: '成本计算单',
  supplementaryIssue: '补料单',
  purchaseOrder: '采购订单',
  purchaseOrderLine: '采购订单行',
  priceListEntry: '价目表条目',
  taskOrder: '生产任务单',
  workReport: '报工单',
  outboxMessage: '企业微信消息',
  defect: '缺陷代码',
  inspectionPlan: '检验方案',
  inspection: '检验单',
  outsourcingSettlement: '委外结算单',
  outsourcingOrder: '委外订单',
  attachment: '附件',
  form: '表单',
  formRequest: '申请单',
};

function entityLabel(entity: string): string {
  return LABELS[entity] ?? entity;
}
