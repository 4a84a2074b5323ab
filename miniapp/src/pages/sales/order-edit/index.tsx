import type { SalesOrder, SalesOrderCreate, SalesPromise } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { listSellableItems, searchCustomers } from '../../../api/masterData';
import { createOrder, getOrder, getPromise, submitOrder, updateOrder } from '../../../api/sales';
import { DateField } from '../../../components/DateField';
import { ErrorBanner, Field } from '../../../components/Field';
import { SearchPicker, type PickerOption } from '../../../components/SearchPicker';
import { daysFromToday } from '../../../lib/dates';
import { toFieldErrors, unplacedErrors } from '../../../lib/fieldErrors';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { formatMoney } from '../../../lib/money';
import { PROMISE_SOURCE_LABEL } from '../../../lib/promise';
import { SubmitKeys } from '../../../lib/submitKey';
import {
  checkVatLine,
  DEFAULT_VAT_PERCENT,
  orderVatTotals,
  percentToRate,
  rateToPercent,
} from '../../../lib/vat';
import { replaceWith, setTitle, toast, usePageParams } from '../../../platform/nav';
import { ApiError } from '../../../platform/request';

type LineDraft = {
  key: number;
  item?: PickerOption;
  qty: string;
  unitPrice: string;
  /** The VAT rate in percent as typed ("13"); the API takes the fraction. */
  vatRate: string;
  dueDate: string;
  /** The promised date the order already has (an order opened to be edited), and its source. */
  promisedDate?: string;
  promiseSource?: SalesPromise['source'];
};

/** What each line's promise date shows: being asked, the answer, or why there is none. */
type PromiseState =
  | { state: 'loading'; asked: string }
  | { state: 'ok'; asked: string; answer: SalesPromise }
  | { state: 'error'; asked: string; message: string };

/** The promise is asked once the rep stops typing for this long. */
const PROMISE_DEBOUNCE_MS = 400;
const QTY_TYPED = /^(0|[1-9]\d{0,11})(\.\d{1,6})?$/;

const LINE_FIELDS = ['item', 'qty', 'unitPrice', 'vatRate', 'dueDate'] as const;
const HEADER_FIELDS = ['customer', 'lines'];

let nextKey = 1;
const emptyLine = (): LineDraft => ({
  key: nextKey++,
  qty: '',
  unitPrice: '',
  vatRate: DEFAULT_VAT_PERCENT,
  dueDate: daysFromToday(30),
});

/**
 * 销售订单录入: customer, lines (item, qty, 单价 up to 6 decimals, 税率 in percent, 交货日期),
 * each line's amount excluding VAT, its VAT and the amount including VAT, and the totals, all
 * computed exactly as the API does; 保存草稿 / 提交. A rejected order opens here to be put
 * right and submitted again. The API validates; each problem it reports is shown under its field.
 */
export default function OrderEditPage() {
  const params = usePageParams();
  const [order, setOrder] = useState<SalesOrder>();
  const [customer, setCustomer] = useState<PickerOption>();
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine()]);
  const { errors, show, clear, reset } = useFieldErrors();
  const [banner, setBanner] = useState<string[]>([]);
  const [busy, setBusy] = useState<'save' | 'submit'>();
  const keys = useRef(new SubmitKeys());

  useEffect(() => {
    const no = params.no;
    if (!no) return;
    setTitle('编辑订单');
    getOrder(no)
      .then((o) => {
        setOrder(o);
        setCustomer({ value: o.customer, label: o.customerName ?? o.customer });
        setLines(
          o.lines.map((l) => ({
            key: nextKey++,
            item: { value: l.item, label: l.itemName ? `${l.itemName} ${l.item}` : l.item },
            qty: l.qty,
            unitPrice: l.unitPrice ?? '',
            // Orders entered before VAT per line carry no rate: the default, as the API prices.
            vatRate: l.vatRate !== undefined ? rateToPercent(l.vatRate) : DEFAULT_VAT_PERCENT,
            dueDate: l.dueDate,
            ...(l.promisedDate ? { promisedDate: l.promisedDate } : {}),
            ...(l.promiseSource ? { promiseSource: l.promiseSource } : {}),
          })),
        );
      })
      .catch((e: Error) => setBanner([e.message]));
  }, [params.no]);

  const searchCustomerOptions = useCallback(
    async (q: string) =>
      (await searchCustomers(q)).map((p) => ({
        value: p.code,
        label: p.name,
        hint: p.code,
      })),
    [],
  );
  const searchItemOptions = useCallback(
    async (q: string) =>
      (await listSellableItems(q)).items
        .filter((i) => i.active)
        .map((i) => ({
          value: i.code,
          label: `${i.name} ${i.code}`,
          ...(i.spec ? { hint: i.spec } : {}),
        })),
    [],
  );

  /** A change to a line; the errors of the fields it changes go. */
  const setLine = (key: number, patch: Partial<LineDraft>) => {
    const at = lines.findIndex((l) => l.key === key);
    clear(...Object.keys(patch).map((f) => `lines.${at}.${f}`));
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  };

  // Each line's promise date, asked while the rep types (debounced), for its item and qty.
  const [promises, setPromises] = useState<Record<number, PromiseState>>({});
  const asking = lines.map((l) => `${l.key}|${l.item?.value ?? ''}|${l.qty.trim()}`).join(',');
  useEffect(() => {
    const timer = setTimeout(() => {
      for (const l of lines) {
        const qty = l.qty.trim();
        const asked = `${l.item?.value ?? ''}|${qty}`;
        if (!l.item || !QTY_TYPED.test(qty) || Number(qty) <= 0) {
          setPromises((p) => {
            if (!p[l.key]) return p;
            const { [l.key]: _gone, ...rest } = p;
            return rest;
          });
          continue;
        }
        if (promises[l.key]?.asked === asked) continue;
        setPromises((p) => ({ ...p, [l.key]: { state: 'loading', asked } }));
        getPromise(l.item.value, qty)
          .then((answer) =>
            setPromises((p) =>
              p[l.key]?.asked === asked ? { ...p, [l.key]: { state: 'ok', asked, answer } } : p,
            ),
          )
          .catch((err: Error) =>
            setPromises((p) =>
              p[l.key]?.asked === asked
                ? { ...p, [l.key]: { state: 'error', asked, message: err.message } }
                : p,
            ),
          );
      }
    }, PROMISE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // Asked again only when an item or a quantity changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [asking]);

  /** The promise a line keeps: the one shown for what it says now, else the order's. */
  const promiseOf = (l: LineDraft) => {
    const p = promises[l.key];
    if (p?.state === 'ok' && p.asked === `${l.item?.value ?? ''}|${l.qty.trim()}`)
      return { promisedDate: p.answer.date, promiseSource: p.answer.source };
    if (p || !l.promisedDate) return {};
    return {
      promisedDate: l.promisedDate,
      ...(l.promiseSource ? { promiseSource: l.promiseSource } : {}),
    };
  };

  const payload = (): SalesOrderCreate => ({
    customer: customer?.value ?? '',
    lines: lines.map((l) => ({
      item: l.item?.value ?? '',
      qty: l.qty.trim(),
      unitPrice: l.unitPrice.trim(),
      // A rate that is not one is sent as typed: the API names the field.
      vatRate: percentToRate(l.vatRate) ?? l.vatRate.trim(),
      dueDate: l.dueDate.trim(),
      // The promise shown is the one the line keeps (none shown: computed at submit).
      ...promiseOf(l),
    })),
  });

  /** Creates the draft or saves the changes; the order as the server has it. */
  const save = async (): Promise<SalesOrder> => {
    const body = payload();
    if (!order) {
      const key = keys.current.keyFor('create', body);
      const created = await settle('create', createOrder(body, key));
      setOrder(created);
      return created;
    }
    const update = { ...body, expectedVersion: order.version };
    const key = keys.current.keyFor(`update:${order.no}`, update);
    const updated = await settle(`update:${order.no}`, updateOrder(order.no, update, key));
    setOrder(updated);
    return updated;
  };

  const settle = async <T,>(action: string, p: Promise<T>): Promise<T> => {
    try {
      const result = await p;
      keys.current.settled(action);
      return result;
    } catch (err) {
      // Only an unanswered request keeps its key for the next press.
      if (!(err instanceof ApiError && err.status === 0)) keys.current.settled(action);
      throw err;
    }
  };

  const run = async (what: 'save' | 'submit') => {
    setBusy(what);
    reset();
    setBanner([]);
    try {
      const saved = await save();
      if (what === 'save') {
        toast('草稿已保存', 'success');
        replaceWith('orderDetail', { no: saved.no });
        return;
      }
      const action = `submit:${saved.no}`;
      const key = keys.current.keyFor(action, { version: saved.version });
      const submitted = await settle(action, submitOrder(saved.no, saved.version, key));
      toast(submitted.status === 'confirmed' ? '订单已确认' : '已提交审批', 'success');
      replaceWith('orderDetail', { no: submitted.no });
    } catch (err) {
      showError(err);
    } finally {
      setBusy(undefined);
    }
  };

  const showError = (err: unknown) => {
    if (err instanceof ApiError && err.issues.length) {
      const fieldErrors = toFieldErrors(err.issues);
      // Nothing chosen: say so, rather than the code's format rule.
      if (fieldErrors.customer && !customer) fieldErrors.customer = '请选择客户';
      lines.forEach((l, i) => {
        if (fieldErrors[`lines.${i}.item`] && !l.item)
          fieldErrors[`lines.${i}.item`] = '请选择物料';
      });
      const placed = (key: string) =>
        HEADER_FIELDS.includes(key) ||
        lines.some((_, i) => LINE_FIELDS.some((f) => key === `lines.${i}.${f}`));
      setBanner([err.message, ...unplacedErrors(fieldErrors, placed)]);
      // The banner announcing them goes once every field is put right.
      show(fieldErrors, { whenFixed: () => setBanner([]) });
    } else {
      setBanner([(err as Error).message || '操作失败']);
      show();
    }
  };

  // Quantities, prices and amounts outside the API's range show under their field as typed.
  const { total, tax, totalWithTax, error: totalError } = orderVatTotals(lines);
  return (
    <View className="page" data-testid="order-edit-page">
      <ErrorBanner messages={banner} />
      {order ? (
        <View className="muted" style={{ marginBottom: '12px' }} data-testid="order-no">
          订单号 {order.no}
        </View>
      ) : null}
      <View className="card">
        <Field label="客户" error={errors.customer} testId="order-customer">
          <SearchPicker
            testId="order-customer"
            placeholder="搜索客户名称或编码"
            selected={customer}
            search={searchCustomerOptions}
            onSelect={(c) => {
              setCustomer(c);
              clear('customer');
            }}
            invalid={!!errors.customer}
          />
        </Field>
      </View>
      {errors.lines ? (
        <Text className="field-error" data-testid="order-lines-error">
          {errors.lines}
        </Text>
      ) : null}
      {lines.map((l, i) => {
        const {
          amount,
          tax: lineTax,
          amountWithTax,
          errors: typed,
        } = checkVatLine(l.qty, l.unitPrice, l.vatRate);
        const err = (f: (typeof LINE_FIELDS)[number]) =>
          errors[`lines.${i}.${f}`] ??
          (f === 'qty' || f === 'unitPrice' || f === 'vatRate' ? typed[f] : undefined);
        return (
          <View className="card" key={l.key} data-testid={`line-${i}`}>
            <View className="row" style={{ marginBottom: '12px' }}>
              <Text className="label">第 {i + 1} 行</Text>
              {lines.length > 1 ? (
                <Text
                  className="muted"
                  data-testid={`line-${i}-remove`}
                  onClick={() => {
                    // The lines below move up a place: their errors no longer match.
                    clear('lines');
                    setLines((ls) => ls.filter((x) => x.key !== l.key));
                  }}
                >
                  删除
                </Text>
              ) : null}
            </View>
            <Field label="物料" error={err('item')} testId={`line-${i}-item`}>
              <SearchPicker
                testId={`line-${i}-item`}
                placeholder="搜索物料编码或名称"
                selected={l.item}
                search={searchItemOptions}
                onSelect={(item) => setLine(l.key, { item })}
                invalid={!!err('item')}
              />
            </Field>
            <Field label="数量" error={err('qty')} testId={`line-${i}-qty`}>
              <Input
                className={`input${err('qty') ? ' input-error' : ''}`}
                data-testid={`line-${i}-qty`}
                type="digit"
                placeholder="数量"
                value={l.qty}
                onInput={(e) => setLine(l.key, { qty: e.detail.value })}
              />
            </Field>
            <PromiseLine index={i} promise={promises[l.key]} />
            <Field label="单价（元）" error={err('unitPrice')} testId={`line-${i}-price`}>
              <Input
                className={`input${err('unitPrice') ? ' input-error' : ''}`}
                data-testid={`line-${i}-price`}
                type="digit"
                placeholder="0.00"
                value={l.unitPrice}
                onInput={(e) => setLine(l.key, { unitPrice: e.detail.value })}
              />
            </Field>
            <Field label="税率（%）" error={err('vatRate')} testId={`line-${i}-vat`}>
              <Input
                className={`input${err('vatRate') ? ' input-error' : ''}`}
                data-testid={`line-${i}-vat`}
                type="digit"
                placeholder={DEFAULT_VAT_PERCENT}
                value={l.vatRate}
                onInput={(e) => setLine(l.key, { vatRate: e.detail.value })}
              />
            </Field>
            <Field label="交货日期" error={err('dueDate')} testId={`line-${i}-due`}>
              <DateField
                testId={`line-${i}-due`}
                value={l.dueDate}
                onChange={(dueDate) => setLine(l.key, { dueDate })}
                invalid={!!err('dueDate')}
              />
            </Field>
            <View className="row">
              <Text className="muted">金额（不含税）</Text>
              <Text data-testid={`line-${i}-amount`}>{amount ? formatMoney(amount) : '—'}</Text>
            </View>
            <View className="row">
              <Text className="muted">税额</Text>
              <Text data-testid={`line-${i}-tax`}>{lineTax ? formatMoney(lineTax) : '—'}</Text>
            </View>
            <View className="row">
              <Text className="muted">含税金额</Text>
              <Text data-testid={`line-${i}-amount-with-tax`}>
                {amountWithTax ? formatMoney(amountWithTax) : '—'}
              </Text>
            </View>
          </View>
        );
      })}
      <Button
        className="btn"
        data-testid="line-add"
        onClick={() => setLines((ls) => [...ls, emptyLine()])}
      >
        + 添加一行
      </Button>
      <View className="footer-bar">
        <View className="row">
          <Text className="muted">合计（不含税）</Text>
          <Text data-testid="order-total">{total ? formatMoney(total) : '—'}</Text>
        </View>
        <View className="row">
          <Text className="muted">税额</Text>
          <Text data-testid="order-tax">{tax ? formatMoney(tax) : '—'}</Text>
        </View>
        <View className="row" style={{ marginBottom: '16px' }}>
          <Text>价税合计</Text>
          <Text className="total" data-testid="order-total-with-tax">
            {totalWithTax ? formatMoney(totalWithTax) : '—'}
          </Text>
        </View>
        {totalError ? (
          <Text className="field-error" data-testid="order-total-error">
            {totalError}
          </Text>
        ) : null}
        <View className="btn-row">
          <Button
            className="btn"
            data-testid="order-save"
            loading={busy === 'save'}
            disabled={!!busy}
            onClick={() => void run('save')}
          >
            保存草稿
          </Button>
          <Button
            className="btn btn-primary"
            data-testid="order-submit"
            loading={busy === 'submit'}
            disabled={!!busy}
            onClick={() => void run('submit')}
          >
            提交
          </Button>
        </View>
      </View>
    </View>
  );
}

/** 可承诺交期 under a line's quantity: the date and, in words, where it comes from. */
function PromiseLine({ index, promise }: { index: number; promise: PromiseState | undefined }) {
  if (!promise) return null;
  const text =
    promise.state === 'loading'
      ? '计算中…'
      : promise.state === 'error'
        ? promise.message
        : `${promise.answer.date}（${PROMISE_SOURCE_LABEL[promise.answer.source]}）`;
  return (
    <View className="row promise-row" data-testid={`line-${index}-promise`}>
      <Text className="promise-label">可承诺交期</Text>
      <Text
        className={promise.state === 'error' ? 'promise-value promise-error' : 'promise-value'}
        data-testid={`line-${index}-promise-${promise.state}`}
      >
        {text}
      </Text>
    </View>
  );
}
