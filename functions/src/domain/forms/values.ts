import {
  type FieldIssue,
  type FormDefinition,
  type FormFieldType,
  type FormValue,
  lineAmountFen,
  MAX_TEXT_LENGTH,
  MAX_TEXTAREA_LENGTH,
  zDate,
} from '@factory/shared';

/** A value kept on a request, with its field's label and type as they were. */
export type StoredValue = { key: string; label: string; type: FormFieldType; value: FormValue };

/** Yuan with at most two decimals, below ¥100,000,000,000. */
const MONEY = /^(0|[1-9]\d{0,10})(\.\d{1,2})?$/;

/**
 * The request's values checked against its form (DOMAIN.md "Office (OA)"): every required
 * field given, every value of its field's type and within its bounds, no key the form does not
 * have. Each problem names `<at>.<key>`. An empty text counts as not given. The result keeps
 * the form's field order; `amountFen` is the amount field's value in fen, when the form names
 * one and it is given.
 */
export function checkFormValues(
  form: Pick<FormDefinition, 'fields' | 'amountField'>,
  values: Readonly<Record<string, unknown>>,
  at: (string | number)[],
): { values: StoredValue[]; issues: FieldIssue[]; amountFen?: number } {
  const issues: FieldIssue[] = [];
  const out: StoredValue[] = [];
  const known = new Set(form.fields.map((f) => f.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) issues.push({ path: [...at, key], message: `表单没有此字段：${key}` });
  }
  let amountFen: number | undefined;
  for (const f of form.fields) {
    const raw = values[f.key];
    const path = [...at, f.key];
    const bad = (message: string) => void issues.push({ path, message });
    const given =
      raw !== undefined && raw !== null && !(typeof raw === 'string' && raw.trim() === '');
    if (!given) {
      if (f.required) bad(`请填写${f.label}`);
      continue;
    }
    const v = typeof raw === 'string' ? raw.trim() : raw;
    const outside = (n: number, unit = '') =>
      (f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)
        ? `${f.label}应在 ${f.min ?? '-∞'} 至 ${f.max ?? '∞'}${unit} 之间`
        : undefined;
    switch (f.type) {
      case 'text':
      case 'textarea': {
        const limit = f.type === 'text' ? MAX_TEXT_LENGTH : MAX_TEXTAREA_LENGTH;
        const len = typeof v === 'string' ? [...v].length : 0;
        if (typeof v !== 'string') bad(`${f.label}应为文字`);
        else if (len > limit) bad(`${f.label}最多 ${limit} 字`);
        else if ((f.min !== undefined && len < f.min) || (f.max !== undefined && len > f.max))
          bad(`${f.label}长度应在 ${f.min ?? 0} 至 ${f.max ?? limit} 字之间`);
        else out.push({ key: f.key, label: f.label, type: f.type, value: v });
        break;
      }
      case 'number': {
        if (typeof v !== 'number' || !Number.isFinite(v)) bad(`${f.label}应为数字`);
        else {
          const o = outside(v);
          if (o) bad(o);
          else out.push({ key: f.key, label: f.label, type: f.type, value: v });
        }
        break;
      }
      case 'money': {
        if (typeof v !== 'string' || !MONEY.test(v))
          bad(`${f.label}应为最多两位小数的金额文字，如 "128.50"`);
        else {
          const o = outside(Number(v), ' 元');
          if (o) bad(o);
          else {
            out.push({ key: f.key, label: f.label, type: f.type, value: v });
            if (form.amountField === f.key) amountFen = lineAmountFen(v, '1');
          }
        }
        break;
      }
      case 'date': {
        if (typeof v !== 'string' || !zDate.safeParse(v).success)
          bad(`${f.label}应为日期 YYYY-MM-DD`);
        else out.push({ key: f.key, label: f.label, type: f.type, value: v });
        break;
      }
      case 'select': {
        if (typeof v !== 'string' || !(f.options ?? []).includes(v))
          bad(`${f.label}应为以下之一：${(f.options ?? []).join('、')}`);
        else out.push({ key: f.key, label: f.label, type: f.type, value: v });
        break;
      }
    }
  }
  return { values: out, issues, ...(amountFen !== undefined ? { amountFen } : {}) };
}
