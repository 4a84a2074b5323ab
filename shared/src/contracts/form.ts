import * as z from 'zod';
import { zCode, zDate, zMoney, zName, zPositiveQty, zVersion } from './common.js';
import { zPurchasePrice } from './purchaseOrder.js';

/**
 * Generic approvals (issue 16, deliverable 3; docs/forms.md): forms a tenant defines (leave,
 * purchase request, general request: fields with types and required flags), the requests
 * employees submit through the approval engine, and a purchase request's lines, which become a
 * purchase order once approved.
 */

export const FORM_KINDS = ['leave', 'purchaseRequest', 'general'] as const;
export const zFormKind = z.enum(FORM_KINDS);
export type FormKind = z.infer<typeof zFormKind>;

/**
 * What a field holds: `text` (one line) and `textarea` (several), `number`, `money` (yuan text
 * with at most two decimals, e.g. "128.50"), `date` (YYYY-MM-DD), `select` (one of `options`).
 */
export const FORM_FIELD_TYPES = ['text', 'textarea', 'number', 'money', 'date', 'select'] as const;
export const zFormFieldType = z.enum(FORM_FIELD_TYPES);
export type FormFieldType = z.infer<typeof zFormFieldType>;

export const MAX_FORM_FIELDS = 30;
export const MAX_SELECT_OPTIONS = 30;
export const MAX_FORM_REQUEST_LINES = 50;
/** The longest text a `text` field takes (a `textarea` takes 2000), unless its `max` says less. */
export const MAX_TEXT_LENGTH = 200;
export const MAX_TEXTAREA_LENGTH = 2000;

const zFieldKey = z.string().regex(/^[a-z][A-Za-z0-9_]{0,39}$/, {
  message: '字段键应以小写字母开头，由字母、数字、下划线组成',
});

/**
 * One field of a form. `min`/`max`: a `number`'s value, a `money` field's yuan, a `text` or
 * `textarea`'s length; not for `date` or `select`.
 */
export const zFormField = z
  .strictObject({
    key: zFieldKey,
    label: z.string().trim().min(1, { message: '请填写字段名称' }).max(40),
    type: zFormFieldType,
    required: z.boolean().default(false),
    options: z
      .array(z.string().trim().min(1).max(40))
      .max(MAX_SELECT_OPTIONS, { message: `选项最多 ${MAX_SELECT_OPTIONS} 个` })
      .optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
  })
  .superRefine((f, ctx) => {
    if (f.type === 'select') {
      if (!f.options?.length)
        ctx.addIssue({ code: 'custom', path: ['options'], message: '选择字段至少需要一个选项' });
      else if (new Set(f.options).size !== f.options.length)
        ctx.addIssue({ code: 'custom', path: ['options'], message: '选项不能重复' });
    } else if (f.options !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: '只有选择字段可以有选项' });
    }
    const bounded =
      f.type === 'number' || f.type === 'money' || f.type === 'text' || f.type === 'textarea';
    for (const k of ['min', 'max'] as const) {
      if (f[k] !== undefined && !bounded)
        ctx.addIssue({ code: 'custom', path: [k], message: '日期和选择字段没有上下限' });
    }
    if (f.min !== undefined && f.max !== undefined && f.min > f.max)
      ctx.addIssue({ code: 'custom', path: ['max'], message: '上限不能小于下限' });
    if ((f.type === 'text' || f.type === 'textarea') && bounded) {
      for (const k of ['min', 'max'] as const) {
        const v = f[k];
        if (v !== undefined && (!Number.isInteger(v) || v < 0))
          ctx.addIssue({ code: 'custom', path: [k], message: '长度应为非负整数' });
      }
    }
  });
export type FormField = z.infer<typeof zFormField>;
export type FormFieldInput = z.input<typeof zFormField>;

export const zFormDefinitionInput = z
  .strictObject({
    name: zName,
    kind: zFormKind,
    description: z.string().trim().max(500).optional(),
    fields: z
      .array(zFormField)
      .max(MAX_FORM_FIELDS, { message: `字段最多 ${MAX_FORM_FIELDS} 个` })
      .default([]),
    /**
     * The money field whose value the approval rules' amount thresholds compare (a purchase
     * request's amount is its lines' estimate from the price list instead).
     */
    amountField: zFieldKey.optional(),
    active: z.boolean().default(true),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.fields.forEach((f, i) => {
      if (seen.has(f.key))
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i, 'key'],
          message: `字段键重复：${f.key}`,
        });
      seen.add(f.key);
    });
    if (d.amountField !== undefined) {
      const f = d.fields.find((x) => x.key === d.amountField);
      if (d.kind === 'purchaseRequest')
        ctx.addIssue({
          code: 'custom',
          path: ['amountField'],
          message: '采购申请的金额按明细估算，不指定金额字段',
        });
      else if (!f || f.type !== 'money')
        ctx.addIssue({
          code: 'custom',
          path: ['amountField'],
          message: '金额字段应为表单中的金额字段',
        });
    }
  });
export type FormDefinitionInput = z.input<typeof zFormDefinitionInput>;
export type FormDefinitionParsed = z.output<typeof zFormDefinitionInput>;

export const zFormDefinition = z.object({
  code: zCode,
  name: z.string(),
  kind: zFormKind,
  description: z.string().optional(),
  fields: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      type: zFormFieldType,
      required: z.boolean(),
      options: z.array(z.string()).optional(),
      min: z.number().optional(),
      max: z.number().optional(),
    }),
  ),
  amountField: z.string().optional(),
  active: z.boolean(),
  version: zVersion,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type FormDefinition = z.infer<typeof zFormDefinition>;

export const zFormListQuery = z.strictObject({
  /** Admins: also the inactive forms (everyone else sees the active ones only). */
  all: z.enum(['true', 'false']).optional(),
});
export type FormListQuery = z.infer<typeof zFormListQuery>;

// ---- requests -----------------------------------------------------------------------------

/** One line of a purchase request: an item in its own unit, the day it is needed. */
export const zPurchaseRequestLineInput = z.strictObject({
  item: zCode,
  qty: zPositiveQty,
  neededDate: zDate,
  /** A supplier the requester suggests (its price list estimates the amount). */
  supplier: zCode.optional(),
  note: z.string().trim().max(200).optional(),
});
export type PurchaseRequestLineInput = z.infer<typeof zPurchaseRequestLineInput>;

/** A value as entered: text (text, textarea, money, date, select) or a number. */
export const zFormValue = z.union([z.string().max(MAX_TEXTAREA_LENGTH), z.number()]);
export type FormValue = z.infer<typeof zFormValue>;

export const zFormRequestCreate = z.strictObject({
  form: zCode,
  /** By field key; checked against the form's definition (body.values.<key> names a bad one). */
  values: z.record(z.string().max(40), z.unknown()).default({}),
  /** A purchase request's lines (required there, refused on other forms). */
  lines: z
    .array(zPurchaseRequestLineInput)
    .max(MAX_FORM_REQUEST_LINES, { message: `最多 ${MAX_FORM_REQUEST_LINES} 行` })
    .optional(),
});
export type FormRequestCreate = z.input<typeof zFormRequestCreate>;
export type FormRequestCreateParsed = z.output<typeof zFormRequestCreate>;

export const FORM_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export const zFormRequestStatus = z.enum(FORM_REQUEST_STATUSES);
export type FormRequestStatus = z.infer<typeof zFormRequestStatus>;

export const zPurchaseRequestLine = z.object({
  line: z.number().int().min(1),
  item: z.string(),
  itemName: z.string().optional(),
  unit: z.string().optional(),
  qty: z.string(),
  neededDate: zDate,
  supplier: z.string().optional(),
  note: z.string().optional(),
  /** The price list's price (of the suggested supplier, else the lowest) when the request was made. */
  estimatedPrice: z.string().optional(),
});
export type PurchaseRequestLine = z.infer<typeof zPurchaseRequestLine>;

export const zFormRequest = z.object({
  no: z.string(),
  form: z.string(),
  formName: z.string(),
  kind: zFormKind,
  /** The form's version the values were checked against. */
  formVersion: z.number().int().min(1),
  requester: z.string(),
  requesterName: z.string().optional(),
  /** Field labels as they were, beside the values (a later edit of the form changes neither). */
  values: z.array(
    z.object({ key: z.string(), label: z.string(), type: zFormFieldType, value: zFormValue }),
  ),
  lines: z.array(zPurchaseRequestLine).optional(),
  /** What the approval rules compared: the amount field, or a purchase request's estimate. */
  amount: zMoney.optional(),
  status: zFormRequestStatus,
  approvalId: z.string().optional(),
  /** The purchase order a purchase request became (下推). */
  purchaseOrder: z.string().optional(),
  version: zVersion,
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  decidedAt: z.string().optional(),
});
export type FormRequest = z.infer<typeof zFormRequest>;

export const zFormRequestParams = z.strictObject({ no: zCode });
export const zFormRequestListQuery = z.strictObject({
  form: zCode.optional(),
  status: zFormRequestStatus.optional(),
  /** Managers and admins: one employee's requests (others see only their own). */
  requester: z.string().min(1).max(100).optional(),
});
export type FormRequestListQuery = z.infer<typeof zFormRequestListQuery>;

export const zFormRequestWithdraw = z.strictObject({
  comment: z.string().trim().max(500).optional(),
  expectedVersion: zVersion.optional(),
});
export type FormRequestWithdraw = z.infer<typeof zFormRequestWithdraw>;

// ---- a purchase request becoming a purchase order (下推) ------------------------------------

export const zPurchaseOrderFromRequest = z.strictObject({
  /** The approved purchase request's number. */
  request: zCode,
  supplier: zCode,
  /** The request's lines to order, with a typed price (else the price list's); absent: all. */
  lines: z
    .array(
      z.strictObject({
        line: z.number().int().min(1).max(MAX_FORM_REQUEST_LINES),
        price: zPurchasePrice.optional(),
      }),
    )
    .min(1, { message: '至少一行' })
    .max(MAX_FORM_REQUEST_LINES)
    .optional(),
  orderDate: zDate.optional(),
});
export type PurchaseOrderFromRequest = z.infer<typeof zPurchaseOrderFromRequest>;
