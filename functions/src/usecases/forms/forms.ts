import {
  AppError,
  type FieldIssue,
  type FormDefinition,
  type FormDefinitionParsed,
  type FormRequest,
  type FormRequestCreateParsed,
  type FormRequestListQuery,
  type FormRequestWithdraw,
  type Item,
  type Partner,
  type PriceListEntry,
  type PurchaseRequestLine,
  type PurchaseRequestLineInput,
  type Role,
  type Session,
  fenMoney,
  fitsPrecision,
  formatMoney,
  invalidRequest,
  lineAmountFen,
  notFound,
  versionConflict,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { allPages } from '../paging.js';
import { ruleForForm, stepsNeeded } from '../../domain/approval/index.js';
import { checkFormValues } from '../../domain/forms/values.js';
import { lookupPrice } from '../../domain/purchasing/priceList.js';
import { formDefinitionRepo, formRequestRepo } from '../../store/formRepo.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { priceListRepo } from '../../store/priceListRepo.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import { getApprovalRules, prepareApproval, prepareCancel } from '../approval/submitting.js';
import { completing, type CommitHooks } from '../hooks.js';
import { shanghaiDate } from '../time.js';

/** Managers and admins see every request; planners also every purchase request (to order it). */
export const FORM_REQUEST_READERS: readonly Role[] = ['manager', 'admin'];

const readsAll = (s: Session) => s.roles.some((r) => FORM_REQUEST_READERS.includes(r));
const reads = (s: Session, r: FormRequest) =>
  r.requester === s.user ||
  readsAll(s) ||
  (r.kind === 'purchaseRequest' && s.roles.includes('planner'));

// ---- definitions ------------------------------------------------------------------------

/** Defines or replaces a form (admins); its version counts the changes. */
export async function putFormDefinition(
  deps: Deps,
  s: Session,
  code: string,
  input: FormDefinitionParsed,
  hooks: CommitHooks<FormDefinition> = {},
): Promise<FormDefinition> {
  const repo = formDefinitionRepo(deps, s.tenant);
  const before = await repo.get(code);
  const form: FormDefinition = {
    code,
    name: input.name,
    kind: input.kind,
    ...(input.description ? { description: input.description } : {}),
    fields: input.fields.map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type,
      required: f.required,
      ...(f.options ? { options: f.options } : {}),
      ...(f.min !== undefined ? { min: f.min } : {}),
      ...(f.max !== undefined ? { max: f.max } : {}),
    })),
    ...(input.amountField ? { amountField: input.amountField } : {}),
    active: input.active,
    version: (before?.version ?? 0) + 1,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: s.user,
  };
  await deps.unitOfWork.commit(completing(hooks, form, [repo.put(form, before?.version)]));
  return form;
}

/** One form: an inactive one only for admins. */
export async function getFormDefinition(
  deps: Deps,
  s: Session,
  code: string,
): Promise<FormDefinition> {
  const form = await formDefinitionRepo(deps, s.tenant).get(code);
  if (!form || (!form.active && !s.roles.includes('admin'))) throw notFound('form', code);
  return form;
}

/** The tenant's forms by code: the active ones (admins: all). */
export async function listFormDefinitions(deps: Deps, s: Session): Promise<FormDefinition[]> {
  const all = await formDefinitionRepo(deps, s.tenant).list();
  return all
    .filter((f) => f.active || s.roles.includes('admin'))
    .sort((a, b) => cmp(a.code, b.code));
}

// ---- purchase request lines --------------------------------------------------------------

/**
 * A purchase request's lines checked against master data (the item exists, is active and
 * purchased; the qty fits its unit; a suggested supplier exists, supplies and is active) and
 * estimated from the price list on `date`: the suggested supplier's price, else the lowest
 * of the item's suppliers. Every bad field named.
 */
async function checkedLines(
  deps: Deps,
  tenant: string,
  lines: readonly PurchaseRequestLineInput[],
  date: string,
): Promise<PurchaseRequestLine[]> {
  const found = await getMasterRecords(deps, tenant, {
    item: lines.map((l) => l.item),
    partner: lines.flatMap((l) => (l.supplier ? [l.supplier] : [])),
  });
  const issues: FieldIssue[] = [];
  const prices = priceListRepo(deps, tenant);
  const out: PurchaseRequestLine[] = [];
  for (const [i, l] of lines.entries()) {
    const at = ['body', 'lines', i];
    const item = found.item?.get(l.item) as Item | undefined;
    if (!item) issues.push({ path: [...at, 'item'], message: `物料不存在：${l.item}` });
    else if (!item.active) issues.push({ path: [...at, 'item'], message: `物料 ${l.item} 已停用` });
    else if (item.source !== 'purchased')
      issues.push({ path: [...at, 'item'], message: `物料 ${l.item} 不是外购件，不能申请采购` });
    else if (!fitsPrecision(l.qty, item.precision))
      issues.push({
        path: [...at, 'qty'],
        message:
          item.precision === 0
            ? `物料 ${l.item} 的数量必须是整数`
            : `物料 ${l.item} 的数量最多 ${item.precision} 位小数`,
      });
    if (l.supplier) {
      const p = found.partner?.get(l.supplier) as Partner | undefined;
      if (!p || !p.roles.includes('supplier') || !p.active)
        issues.push({
          path: [...at, 'supplier'],
          message: !p ? `供应商不存在：${l.supplier}` : `${l.supplier} 不是有效的供应商`,
        });
    }
    if (issues.length || !item) continue;
    const entries: PriceListEntry[] = l.supplier
      ? await prices.entriesFor([{ supplier: l.supplier, item: l.item }])
      : await everyPriceOf(prices, l.item);
    const suppliers = l.supplier ? [l.supplier] : [...new Set(entries.map((e) => e.supplier))];
    const best = suppliers
      .map((supplier) => lookupPrice(entries, { supplier, item: l.item, qty: l.qty, date }))
      .filter((e) => e !== undefined)
      .sort((a, b) => Number(a.unitPrice) - Number(b.unitPrice))[0];
    out.push({
      line: i + 1,
      item: l.item,
      itemName: item.name,
      unit: item.unit,
      qty: l.qty,
      neededDate: l.neededDate,
      ...(l.supplier ? { supplier: l.supplier } : {}),
      ...(l.note ? { note: l.note } : {}),
      ...(best ? { estimatedPrice: best.unitPrice } : {}),
    });
  }
  if (issues.length) throw invalidRequest(issues);
  return out;
}

/** Every supplier's price-list entries of an item (the list filters the tenant's book by it). */
async function everyPriceOf(
  prices: ReturnType<typeof priceListRepo>,
  item: string,
): Promise<PriceListEntry[]> {
  return allPages((cursor) => prices.list({ item, limit: 200, ...(cursor ? { cursor } : {}) }));
}

// ---- requests ---------------------------------------------------------------------------

function cardFields(r: FormRequest) {
  const fields = [
    { key: '单号', value: r.no },
    { key: '表单', value: r.formName },
    { key: '申请人', value: r.requesterName ?? r.requester },
  ];
  if (r.amount) fields.push({ key: '金额', value: formatMoney(r.amount) });
  if (r.lines) fields.push({ key: '明细', value: `${r.lines.length} 行` });
  for (const v of r.values) fields.push({ key: v.label, value: String(v.value).slice(0, 60) });
  return fields.slice(0, 6);
}

/**
 * Submits a request on an active form: the values checked against the form (and a purchase
 * request's lines against master data), then through the approval engine at once by the
 * form's rule (docs/forms.md). No step applies: approved at once.
 */
export async function createFormRequest(
  deps: Deps,
  s: Session,
  input: FormRequestCreateParsed,
  hooks: CommitHooks<FormRequest> = {},
): Promise<FormRequest> {
  const form = await formDefinitionRepo(deps, s.tenant).get(input.form);
  if (!form || !form.active) {
    throw invalidRequest([
      {
        path: ['body', 'form'],
        message: form ? `表单已停用：${input.form}` : `表单不存在：${input.form}`,
      },
    ]);
  }
  const checked = checkFormValues(form, input.values, ['body', 'values']);
  const issues = [...checked.issues];
  if (form.kind === 'purchaseRequest' && !input.lines?.length)
    issues.push({ path: ['body', 'lines'], message: '采购申请至少需要一行明细' });
  if (form.kind !== 'purchaseRequest' && input.lines !== undefined)
    issues.push({ path: ['body', 'lines'], message: '只有采购申请有明细行' });
  if (issues.length) throw invalidRequest(issues);
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const lines =
    form.kind === 'purchaseRequest'
      ? await checkedLines(deps, s.tenant, input.lines!, today)
      : undefined;
  const amountFen = lines
    ? lines.reduce(
        (sum, l) => sum + (l.estimatedPrice ? lineAmountFen(l.qty, l.estimatedPrice) : 0),
        0,
      )
    : checked.amountFen;
  const no = await nextDocumentNumber(deps, s.tenant, 'FR', today);
  const at = now.toISOString();
  const request: FormRequest = {
    no,
    form: form.code,
    formName: form.name,
    kind: form.kind,
    formVersion: form.version,
    requester: s.user,
    ...(s.name ? { requesterName: s.name } : {}),
    values: checked.values,
    ...(lines ? { lines } : {}),
    ...(amountFen !== undefined ? { amount: fenMoney(amountFen) } : {}),
    status: 'pending',
    version: 1,
    createdAt: at,
    updatedAt: at,
    updatedBy: s.user,
  };
  const { rules } = await getApprovalRules(deps, s.tenant);
  const steps = stepsNeeded(ruleForForm(rules, form.code), {
    docType: 'formRequest',
    ...(amountFen !== undefined ? { amountFen } : {}),
  });
  const repo = formRequestRepo(deps, s.tenant);
  if (steps.length === 0) {
    const approved: FormRequest = { ...request, status: 'approved', decidedAt: at };
    await deps.unitOfWork.commit(completing(hooks, approved, [repo.put(approved, undefined)]));
    return approved;
  }
  const subject = {
    docType: 'formRequest' as const,
    docNo: no,
    fields: cardFields(request),
    ...(request.amount ? { amount: request.amount } : {}),
  };
  const { approval, items } = await prepareApproval(deps, s, subject, steps);
  const pending: FormRequest = { ...request, approvalId: approval.id };
  await deps.unitOfWork.commit(
    completing(hooks, pending, [repo.put(pending, undefined), ...items]),
  );
  return pending;
}

async function load(deps: Deps, s: Session, no: string): Promise<FormRequest> {
  const r = await formRequestRepo(deps, s.tenant).get(no);
  if (!r) throw notFound('formRequest', no);
  if (!reads(s, r)) throw new AppError('auth.forbidden', '只能查看自己的申请', { no });
  return r;
}

export function getFormRequest(deps: Deps, s: Session, no: string): Promise<FormRequest> {
  return load(deps, s, no);
}

/** The requester withdraws a pending request: its approval is cancelled with it. */
export async function withdrawFormRequest(
  deps: Deps,
  s: Session,
  no: string,
  input: FormRequestWithdraw,
  hooks: CommitHooks<FormRequest> = {},
): Promise<FormRequest> {
  const r = await load(deps, s, no);
  if (r.requester !== s.user) throw new AppError('auth.forbidden', '只能撤回自己的申请', { no });
  if (input.expectedVersion !== undefined && r.version !== input.expectedVersion)
    throw versionConflict('formRequest', no, input.expectedVersion);
  if (r.status !== 'pending')
    throw new AppError('formRequest.invalidState', `申请 ${no} 状态为 ${r.status}，不能撤回`, {
      no,
      status: r.status,
    });
  const at = deps.clock.now().toISOString();
  const withdrawn: FormRequest = {
    ...r,
    status: 'withdrawn',
    version: r.version + 1,
    updatedAt: at,
    updatedBy: s.user,
  };
  const cancel = r.approvalId
    ? await prepareCancel(deps, s, r.approvalId, input.comment)
    : { items: [] };
  await deps.unitOfWork.commit(
    completing(hooks, withdrawn, [
      formRequestRepo(deps, s.tenant).put(withdrawn, r.version),
      ...cancel.items,
    ]),
  );
  return withdrawn;
}

/** Requests, newest first: one's own; managers and admins everyone's (or one requester's). */
export async function listFormRequests(
  deps: Deps,
  s: Session,
  query: FormRequestListQuery,
): Promise<FormRequest[]> {
  const planner = s.roles.includes('planner');
  if (query.requester !== undefined && query.requester !== s.user && !readsAll(s) && !planner)
    throw new AppError('auth.forbidden', '只能查看自己的申请', { requester: query.requester });
  const all = await formRequestRepo(deps, s.tenant).list();
  return all
    .filter((r) => reads(s, r))
    .filter((r) => query.requester === undefined || r.requester === query.requester)
    .filter((r) => query.form === undefined || r.form === query.form)
    .filter((r) => query.status === undefined || r.status === query.status)
    .sort((a, b) =>
      a.createdAt === b.createdAt ? cmp(b.no, a.no) : cmp(b.createdAt, a.createdAt),
    );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
