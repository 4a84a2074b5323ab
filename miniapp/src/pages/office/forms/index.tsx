import type { FormDefinition, FormRequest } from '@factory/shared';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import {
  listForms,
  myFormRequests,
  submitFormRequest,
  withdrawFormRequest,
} from '../../../api/forms';
import { DateField } from '../../../components/DateField';
import { ErrorBanner, Field } from '../../../components/Field';
import { toFieldErrors, unplacedErrors } from '../../../lib/fieldErrors';
import { formValues, REQUEST_STATUS_LABELS, type FormInputs } from '../../../lib/forms';
import { formatSnapshot } from '../../../lib/money';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import { confirmAction, toast } from '../../../platform/nav';
import { ApiError } from '../../../platform/request';
import { getSession } from '../../../platform/session';

type Line = { item: string; qty: string; neededDate: string; note: string };
const EMPTY_LINE: Line = { item: '', qty: '', neededDate: '', note: '' };
/** What a line's empty field is refused with (the API's own wording is about its format). */
const LINE_REQUIRED: Record<keyof Line, string | undefined> = {
  item: '请填写物料编码',
  qty: '请填写数量',
  neededDate: '请选择需求日期',
  note: undefined,
};
/** Yuan with at most two decimals, as a money field takes it. */
const MONEY_TEXT = /^\d+(\.\d{1,2})?$/;

/**
 * 审批申请: pick one of the tenant's forms, fill its fields (rendered by type; a purchase
 * request also has item lines), submit through the approval engine; below, my requests with
 * their status, a pending one withdrawn (撤回, after a confirmation). Errors sit under the
 * field the API names (body.values.<key>, body.lines.<i>.*), go as soon as it changes, and a
 * refused submit brings the first into view with the cursor in it.
 */
export default function FormsPage() {
  const [tab, setTab] = useState<'new' | 'mine'>('new');
  const [forms, setForms] = useState<FormDefinition[]>([]);
  const [code, setCode] = useState('');
  const [inputs, setInputs] = useState<FormInputs>({});
  const [lines, setLines] = useState<Line[]>([{ ...EMPTY_LINE }]);
  const { errors, show, clear, reset } = useFieldErrors();
  const [banner, setBanner] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [mine, setMine] = useState<FormRequest[]>([]);
  const keys = useRef(new SubmitKeys());
  const form = forms.find((f) => f.code === code);

  const loadMine = async () => {
    const user = getSession()?.user;
    setMine(await myFormRequests(user ? { requester: user } : {}));
  };
  useEffect(() => {
    listForms()
      .then((all) => {
        setForms(all);
        if (all[0]) setCode(all[0].code);
      })
      .catch((err: Error) => setBanner([err.message]));
    void loadMine().catch(() => undefined);
  }, []);

  const withdraw = async (r: FormRequest) => {
    const sure = await confirmAction({
      title: '撤回申请',
      content: `撤回${r.formName} ${r.no}？撤回后审批人不再处理。`,
      confirmText: '撤回',
    });
    if (!sure) return;
    setBusy(true);
    setBanner([]);
    try {
      await submitWithKey(keys.current, `withdraw:${r.no}`, { no: r.no }, (key) =>
        withdrawFormRequest(r.no, key),
      );
      toast('已撤回', 'success');
      await loadMine();
    } catch (err) {
      setBanner([(err as Error).message || '撤回失败']);
      show();
    } finally {
      setBusy(false);
    }
  };

  const choose = (next: string) => {
    setCode(next);
    setInputs({});
    setLines([{ ...EMPTY_LINE }]);
    reset();
    setBanner([]);
  };

  const submit = async () => {
    if (!form) return;
    const purchase = form.kind === 'purchaseRequest';
    const body = {
      form: form.code,
      values: formValues(form, inputs),
      ...(purchase
        ? {
            lines: lines.map((l) => ({
              item: l.item.trim(),
              qty: l.qty.trim(),
              neededDate: l.neededDate.trim(),
              ...(l.note.trim() ? { note: l.note.trim() } : {}),
            })),
          }
        : {}),
    };
    setBusy(true);
    reset();
    setBanner([]);
    try {
      const r = await submitWithKey(keys.current, `form:${form.code}`, body, (key) =>
        submitFormRequest(body, key),
      );
      toast(r.status === 'approved' ? '已通过' : '已提交审批', 'success');
      setInputs({});
      setLines([{ ...EMPTY_LINE }]);
      await loadMine();
      setTab('mine');
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        const fe = toFieldErrors(err.issues);
        for (const f of form.fields) {
          const v = (inputs[f.key] ?? '').trim();
          if (f.type === 'money' && fe[`values.${f.key}`] && !MONEY_TEXT.test(v))
            fe[`values.${f.key}`] = `${f.label}请填数字，最多两位小数，如 128.50`;
        }
        lines.forEach((l, i) => {
          for (const k of Object.keys(LINE_REQUIRED) as (keyof Line)[]) {
            const required = LINE_REQUIRED[k];
            if (required && fe[`lines.${i}.${k}`] && !l[k].trim()) fe[`lines.${i}.${k}`] = required;
          }
        });
        const shown = (k: string) =>
          form.fields.some((f) => k === `values.${f.key}`) || /^lines\.\d+\.\w+$/.test(k);
        setBanner([err.message, ...unplacedErrors(fe, shown)]);
        show(fe);
      } else {
        setBanner([(err as Error).message || '提交失败']);
        show();
      }
    } finally {
      setBusy(false);
    }
  };

  const set = (key: string, value: string) => {
    clear(`values.${key}`);
    setInputs((v) => ({ ...v, [key]: value }));
  };
  const setLine = (i: number, patch: Partial<Line>) => {
    clear(...Object.keys(patch).map((k) => `lines.${i}.${k}`));
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  };

  const field = (f: FormDefinition['fields'][number]) => {
    const error = errors[`values.${f.key}`];
    const testId = `form-field-${f.key}`;
    const className = `input${error ? ' input-error' : ''}`;
    const value = inputs[f.key] ?? '';
    let control;
    if (f.type === 'select') {
      control = (
        <View className="chips" data-testid={testId}>
          {(f.options ?? []).map((o) => (
            <Text
              key={o}
              className={`tag chip ${value === o ? 'tag-confirmed' : 'tag-draft'}`}
              data-testid={`${testId}-${o}`}
              onClick={() => set(f.key, o)}
            >
              {o}
            </Text>
          ))}
        </View>
      );
    } else if (f.type === 'date') {
      control = (
        <DateField
          testId={testId}
          value={value}
          invalid={!!error}
          onChange={(v) => set(f.key, v)}
        />
      );
    } else if (f.type === 'textarea') {
      control = (
        <Textarea
          className={className}
          data-testid={testId}
          value={value}
          maxlength={f.max ?? 2000}
          onInput={(e) => set(f.key, e.detail.value)}
        />
      );
    } else {
      control = (
        <Input
          className={className}
          data-testid={testId}
          type={f.type === 'number' || f.type === 'money' ? 'digit' : 'text'}
          placeholder={f.type === 'money' ? '0.00' : f.required ? '必填' : '可选'}
          // A text field takes 200 characters at most (or its own max): the API would refuse
          // more in its own wording. The others keep the input's default.
          {...(f.type === 'text' ? { maxlength: Math.min(f.max ?? 200, 200) } : {})}
          value={value}
          onInput={(e) => set(f.key, e.detail.value)}
        />
      );
    }
    return (
      <Field
        key={f.key}
        label={`${f.label}${f.required ? ' *' : ''}`}
        error={error}
        testId={testId}
      >
        {control}
      </Field>
    );
  };

  const lineInput = (i: number, key: keyof Line, label: string, digit = false) => {
    const error = errors[`lines.${i}.${key}`];
    const testId = `form-line-${i}-${key}`;
    return (
      <Field label={label} error={error} testId={testId}>
        {key === 'neededDate' ? (
          <DateField
            testId={testId}
            value={lines[i]![key]}
            invalid={!!error}
            onChange={(v) => setLine(i, { [key]: v })}
          />
        ) : (
          <Input
            className={`input${error ? ' input-error' : ''}`}
            data-testid={testId}
            type={digit ? 'digit' : 'text'}
            // The API's limits (item code, note): longer text would come back in its wording.
            maxlength={key === 'note' ? 200 : 64}
            value={lines[i]![key]}
            onInput={(e) => setLine(i, { [key]: e.detail.value })}
          />
        )}
      </Field>
    );
  };

  return (
    <View className="page" data-testid="forms-page">
      <View className="tabs">
        <View
          className={`tab${tab === 'new' ? ' tab-active' : ''}`}
          data-testid="forms-tab-new"
          onClick={() => setTab('new')}
        >
          发起申请
        </View>
        <View
          className={`tab${tab === 'mine' ? ' tab-active' : ''}`}
          data-testid="forms-tab-mine"
          onClick={() => {
            setTab('mine');
            void loadMine().catch((err: Error) => setBanner([err.message]));
          }}
        >
          我的申请
        </View>
      </View>
      {tab === 'new' ? (
        <View>
          <View className="card">
            <View className="chips" data-testid="forms-list">
              {forms.map((f) => (
                <Text
                  key={f.code}
                  className={`tag chip ${f.code === code ? 'tag-confirmed' : 'tag-draft'}`}
                  data-testid={`form-pick-${f.code}`}
                  onClick={() => choose(f.code)}
                >
                  {f.name}
                </Text>
              ))}
            </View>
            {forms.length === 0 ? <View className="muted">暂无可用表单</View> : null}
          </View>
          {form ? (
            <View className="card" data-testid={`form-${form.code}`}>
              <View className="title">{form.name}</View>
              {form.description ? <View className="muted">{form.description}</View> : null}
              {form.fields.map(field)}
              {form.kind === 'purchaseRequest'
                ? lines.map((_, i) => (
                    <View key={i} className="defect-line" data-testid={`form-line-${i}`}>
                      <View className="muted">明细 {i + 1}</View>
                      {lineInput(i, 'item', '物料编码')}
                      {lineInput(i, 'qty', '数量', true)}
                      {lineInput(i, 'neededDate', '需求日期')}
                      {lineInput(i, 'note', '备注')}
                    </View>
                  ))
                : null}
              {form.kind === 'purchaseRequest' ? (
                <Button
                  className="btn"
                  data-testid="form-line-add"
                  onClick={() => setLines((ls) => [...ls, { ...EMPTY_LINE }])}
                >
                  添加明细
                </Button>
              ) : null}
            </View>
          ) : null}
          <ErrorBanner messages={banner} />
          {form ? (
            <Button
              className="btn btn-primary"
              data-testid="form-submit"
              disabled={busy}
              onClick={() => void submit()}
            >
              提交申请
            </Button>
          ) : null}
        </View>
      ) : (
        <View data-testid="forms-mine">
          <ErrorBanner messages={banner} />
          {mine.length === 0 ? <View className="muted">暂无申请</View> : null}
          {mine.map((r) => (
            <View key={r.no} className="card" data-testid={`request-${r.no}`}>
              <View className="title">
                {r.formName}{' '}
                <Text
                  className={`tag tag-${r.status === 'approved' ? 'confirmed' : r.status === 'rejected' ? 'rejected' : r.status === 'pending' ? 'pending' : 'cancelled'}`}
                  data-testid={`request-${r.no}-status`}
                >
                  {REQUEST_STATUS_LABELS[r.status]}
                </Text>
              </View>
              <View className="muted">
                {r.no}
                {r.amount ? ` · ${formatSnapshot(r.amount)}` : ''}
                {r.purchaseOrder ? ` · 采购订单 ${r.purchaseOrder}` : ''}
              </View>
              {r.values.slice(0, 3).map((v) => (
                <View key={v.key} className="muted">
                  {v.label}：{String(v.value)}
                </View>
              ))}
              {r.status === 'pending' ? (
                <Button
                  className="btn"
                  data-testid={`request-${r.no}-withdraw`}
                  disabled={busy}
                  onClick={() => void withdraw(r)}
                >
                  撤回
                </Button>
              ) : null}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
