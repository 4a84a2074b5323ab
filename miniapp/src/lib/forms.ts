import type { FormDefinition, FormRequestStatus } from '@factory/shared';

/** What the form page holds for each field: the text typed or the option chosen. */
export type FormInputs = Record<string, string>;

/**
 * The request's `values` from the page's inputs: empty fields left out (the API names a
 * missing required one), numbers as numbers when they read as one (else the text, which the
 * API refuses under the field), the rest as trimmed text.
 */
export function formValues(form: Pick<FormDefinition, 'fields'>, inputs: FormInputs) {
  const values: Record<string, string | number> = {};
  for (const f of form.fields) {
    const v = (inputs[f.key] ?? '').trim();
    if (!v) continue;
    values[f.key] = f.type === 'number' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  }
  return values;
}

export const REQUEST_STATUS_LABELS: Record<FormRequestStatus, string> = {
  pending: '审批中',
  approved: '已通过',
  rejected: '已驳回',
  withdrawn: '已撤回',
};
