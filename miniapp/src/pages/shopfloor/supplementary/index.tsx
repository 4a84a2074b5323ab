import type { Approval, Supplementary, TaskOrderView, Warehouse } from '@factory/shared';
import { Button, Input, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import { listItems, scanLocations } from '../../../api/masterData';
import { getApproval } from '../../../api/sales';
import {
  itemsByCode,
  getTaskOrder,
  listSupplementary,
  requestSupplementary,
} from '../../../api/shopfloor';
import { OrderHeader } from '../../../components/OrderHeader';
import { ErrorBanner, Field } from '../../../components/Field';
import { SearchPicker, type PickerOption } from '../../../components/SearchPicker';
import { isoDate } from '../../../lib/dates';
import { toFieldErrors, unplacedErrors } from '../../../lib/fieldErrors';
import { SubmitKeys } from '../../../lib/submitKey';
import {
  SUPPLEMENTARY_FIELDS,
  approvalStepText,
  defaultWarehouse,
  supplementaryBlankErrors,
  supplementaryItemOptions,
  supplementaryStateText,
} from '../../../lib/supplementary';
import { submitWithKey } from '../../../lib/submitWithKey';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { toast, usePageParams, usePageShow } from '../../../platform/nav';
import { ApiError } from '../../../platform/request';

type Form = { item?: PickerOption; qty: string; warehouse: string; reason: string };
const EMPTY: Form = { qty: '', warehouse: '', reason: '' };

/**
 * 补料申请: material beyond the order's standard need, with a required reason (原因). The item
 * is searched among the order's own components first, then the whole item master; the
 * warehouse defaults to the item's need on the order. The request goes to the approval engine
 * (补料审批: a supervisor or the manager, in their inbox and as a WeCom card) and is posted to
 * stock when approved; the page shows the approval's progress. The API's field errors (zh-CN)
 * show under their fields.
 */
export default function SupplementaryPage() {
  const no = usePageParams().no ?? '';
  const [order, setOrder] = useState<TaskOrderView>();
  const [names, setNames] = useState<Record<string, string>>({});
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [form, setForm] = useState<Form>(EMPTY);
  const { errors, show, clear, reset } = useFieldErrors();
  const [banner, setBanner] = useState<string[]>([]);
  const [result, setResult] = useState<Supplementary>();
  const [approval, setApproval] = useState<Approval>();
  /** The order's requests so far (made on any phone), newest first. */
  const [history, setHistory] = useState<Supplementary[]>([]);
  const loadHistory = useCallback(async () => {
    setHistory(
      await listSupplementary(no).then(
        (r) => r.items,
        () => [] as Supplementary[],
      ),
    );
  }, [no]);
  const [busy, setBusy] = useState(false);
  const keys = useRef(new SubmitKeys());

  const load = useCallback(async () => {
    try {
      const [o, locations] = await Promise.all([getTaskOrder(no), scanLocations()]);
      setOrder(o);
      setWarehouses(locations);
      await loadHistory();
      const known = await itemsByCode(o.needs.map((n) => n.item));
      setNames(Object.fromEntries(Object.values(known).map((i) => [i.code, i.name])));
    } catch (err) {
      setBanner([(err as Error).message]);
    }
  }, [no, loadHistory]);
  usePageShow(() => void load());

  const needs = order?.needs;
  const searchItems = useCallback(
    async (q: string) => {
      const found = q ? (await listItems(q)).items : [];
      return supplementaryItemOptions(needs ?? [], q, found, names);
    },
    [needs, names],
  );

  const refreshApproval = useCallback(
    async (id: string) => {
      try {
        setApproval(await getApproval(id));
        setOrder(await getTaskOrder(no));
        await loadHistory();
      } catch (err) {
        setBanner([(err as Error).message]);
      }
    },
    [no, loadHistory],
  );

  const submit = async () => {
    const blank = supplementaryBlankErrors({ item: form.item?.value, reason: form.reason });
    if (Object.keys(blank).length) {
      show(blank);
      setBanner(['请填写必填项']);
      return;
    }
    const body = {
      date: isoDate(new Date()),
      reason: form.reason.trim(),
      lines: [
        {
          item: form.item?.value ?? '',
          ...(form.warehouse ? { warehouse: form.warehouse } : {}),
          qty: form.qty.trim(),
        },
      ],
    };
    setBusy(true);
    reset();
    setBanner([]);
    try {
      const r = await submitWithKey(keys.current, `supplementary:${no}`, body, (key) =>
        requestSupplementary(no, body, key),
      );
      setResult(r);
      setApproval(undefined);
      setForm(EMPTY);
      toast(r.status === 'posted' ? '补料已过账' : '已提交审批', 'success');
      if (r.approvalId) await refreshApproval(r.approvalId);
      else {
        setOrder(await getTaskOrder(no));
        await loadHistory();
      }
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        const fe = toFieldErrors(err.issues);
        const placed: Record<string, string> = {};
        for (const [key, message] of Object.entries(fe)) {
          const field = SUPPLEMENTARY_FIELDS[key];
          if (field) placed[field] ??= message;
        }
        show(placed);
        // The rest in the user's words: the order and the date are not typed here.
        setBanner([err.message, ...unplacedErrors(fe, (k) => k in SUPPLEMENTARY_FIELDS)]);
      } else {
        setBanner([(err as Error).message || '操作失败']);
        show();
      }
    } finally {
      setBusy(false);
    }
  };

  /** Another item: its own need's warehouse is chosen, so what was said of the warehouse goes. */
  const chooseItem = (item: PickerOption) => {
    setForm((f) => ({
      ...f,
      item,
      warehouse: defaultWarehouse(order?.needs ?? [], item.value) || f.warehouse,
    }));
    clear('item', 'warehouse');
  };
  const setField = (field: 'qty' | 'warehouse' | 'reason', value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    clear(field);
  };

  const issued = (item: string) => order?.issued.find((i) => i.item === item)?.qty ?? '0';
  return (
    <View className="page" data-testid="supplementary-page">
      <OrderHeader testId="supplementary" order={order} />
      <View className="card">
        <Field label="物料" error={errors.item} testId="supplementary-item">
          <SearchPicker
            testId="supplementary-item"
            placeholder="本单用料优先，或搜索物料编码/名称"
            selected={form.item}
            search={searchItems}
            onSelect={chooseItem}
            invalid={!!errors.item}
          />
        </Field>
        {form.item ? (
          <View className="muted" data-testid="supplementary-item-issued">
            本单已领 {issued(form.item.value)}
          </View>
        ) : null}
        <Field label="数量" error={errors.qty} testId="supplementary-qty">
          <Input
            className={`input${errors.qty ? ' input-error' : ''}`}
            data-testid="supplementary-qty"
            type="digit"
            placeholder="0"
            value={form.qty}
            onInput={(e) => setField('qty', e.detail.value)}
          />
        </Field>
        <Field label="领料仓库" error={errors.warehouse} testId="supplementary-warehouse">
          <View className="tabs" data-testid="supplementary-warehouses">
            {warehouses.map((w) => (
              <View
                key={w.code}
                className={`tab${form.warehouse === w.code ? ' tab-active' : ''}`}
                data-testid={`supplementary-warehouse-${w.code}`}
                onClick={() => setField('warehouse', w.code)}
              >
                {w.code} {w.name}
              </View>
            ))}
          </View>
        </Field>
        <Field label="原因" error={errors.reason} testId="supplementary-reason">
          <Input
            className={`input${errors.reason ? ' input-error' : ''}`}
            data-testid="supplementary-reason"
            placeholder="必填：如加工报废、来料不良"
            value={form.reason}
            onInput={(e) => setField('reason', e.detail.value)}
          />
        </Field>
      </View>
      <ErrorBanner messages={banner} />
      {result ? (
        <View className="card" data-testid="supplementary-done">
          <View data-testid="supplementary-state">
            补料单 {result.no}：{supplementaryStateText(result, approval)}
          </View>
          <View className="muted">
            {result.lines.map((l) => `${l.item} ${l.qty}（${l.warehouse}）`).join('，')} · 原因{' '}
            {result.reason}
          </View>
          {approval ? (
            <View className="muted" data-testid="supplementary-approval">
              {approvalStepText(approval)}
            </View>
          ) : null}
          {result.lines.map((l) => (
            <View key={l.item} className="muted" data-testid={`supplementary-issued-${l.item}`}>
              {l.item} 本单已领 {issued(l.item)}
            </View>
          ))}
          {result.approvalId ? (
            <Button
              className="btn"
              data-testid="supplementary-refresh"
              onClick={() => void refreshApproval(result.approvalId!)}
            >
              刷新审批状态
            </Button>
          ) : null}
        </View>
      ) : null}
      {history.length ? (
        <View className="card" data-testid="supplementary-history">
          <View className="label">本单补料记录</View>
          {history.map((rec) => (
            <View
              key={rec.no}
              className="list-item"
              data-testid={`supplementary-history-${rec.no}`}
            >
              <View>
                {rec.no} · {supplementaryStateText(rec)}
              </View>
              <View className="muted">
                {rec.lines.map((l) => `${l.item} ${l.qty}`).join('，')} · {rec.reason} ·{' '}
                {rec.createdBy}
              </View>
            </View>
          ))}
        </View>
      ) : null}
      <Button
        className="btn btn-primary"
        data-testid="supplementary-submit"
        disabled={busy}
        onClick={() => void submit()}
      >
        提交补料申请
      </Button>
    </View>
  );
}
