import type { DocumentLabels, ProductionReceipt, TaskOrderProgress } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import { receiveProduction, taskOrderProgress } from '../../../api/shopfloor';
import { ErrorBanner, Field } from '../../../components/Field';
import { isoDate } from '../../../lib/dates';
import { itemName, itemQty } from '../../../lib/labels';
import { toFieldErrors, unplacedErrors } from '../../../lib/fieldErrors';
import {
  receiptAllowance,
  type ReceiptAllowance,
  type ReceiptAllowanceFlag,
} from '../../../lib/receipts';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import { remainingQty } from '../../../lib/taskOrders';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { toast, usePageParams, usePageShow } from '../../../platform/nav';
import { ApiError } from '../../../platform/request';
import { getSession } from '../../../platform/session';
import { PurchaseReceiptForm } from './PurchaseReceipt';

/**
 * 入库: 完工入库 of a task order (`no`), or 采购收货 against a purchase order (`kind=purchase`,
 * optionally `po`): see PurchaseReceipt.tsx.
 *
 * 完工入库: receive finished product of a task order (a part of what is left is fine); the
 * API backflushes the components in the same posting and the page lists them. A receipt
 * beyond the good quantity reported (or the order quantity) is refused under the quantity;
 * a supervisor may then tick the allowance and confirm again, anyone else is told who can.
 */
export default function ReceiptPage() {
  const params = usePageParams();
  return params.kind === 'purchase' ? (
    <PurchaseReceiptForm {...(params.po ? { po: params.po } : {})} />
  ) : (
    <ProductionReceiptForm />
  );
}

function ProductionReceiptForm() {
  const no = usePageParams().no ?? '';
  const [order, setOrder] = useState<TaskOrderProgress>();
  const [labels, setLabels] = useState<DocumentLabels>();
  const [qty, setQty] = useState('');
  const { errors, show, clear, reset } = useFieldErrors();
  const [banner, setBanner] = useState<string[]>([]);
  const [result, setResult] = useState<ProductionReceipt>();
  const [busy, setBusy] = useState(false);
  /** The allowance path after a refusal a supervisor may lift, and the allowances ticked. */
  const [offer, setOffer] = useState<ReceiptAllowance[]>([]);
  const [allowed, setAllowed] = useState<Partial<Record<ReceiptAllowanceFlag, true>>>({});
  const keys = useRef(new SubmitKeys());

  const load = useCallback(async () => {
    try {
      const progress = await taskOrderProgress(no);
      setOrder(progress.taskOrder);
      setLabels(progress.labels);
    } catch (err) {
      setBanner([(err as Error).message]);
    }
  }, [no]);
  usePageShow(() => void load());
  const q = (value: string) => (order ? itemQty(order.item, value, labels) : value);

  const submit = async () => {
    const body = { taskOrder: no, date: isoDate(new Date()), qty: qty.trim(), ...allowed };
    setBusy(true);
    reset();
    setBanner([]);
    try {
      const r = await submitWithKey(keys.current, `receipt:${no}`, body, (key) =>
        receiveProduction(body, key),
      );
      setResult(r);
      setOrder(r.taskOrder);
      setQty('');
      setOffer([]);
      setAllowed({});
      toast('入库成功', 'success');
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        const fe = toFieldErrors(err.issues);
        show(fe);
        // A refusal placed under the quantity is not repeated in the banner; the others are
        // said in the user's words (the order and the date are not typed here).
        const placed = Object.values(fe).includes(err.message);
        const rest = unplacedErrors(fe, (k) => k === 'qty');
        setBanner([...(placed ? [] : [err.message]), ...rest]);
        const next = receiptAllowance(err.code, getSession()?.roles ?? []);
        if (next) setOffer((o) => [...o.filter((a) => a.flag !== next.flag), next]);
      } else {
        setBanner([(err as Error).message || '操作失败']);
        show();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page" data-testid="receipt-page">
      {order ? (
        <View className="card">
          <View className="title">{order.no}</View>
          <View>
            {itemName(order.item, labels)} <Text className="muted">{order.item}</Text>
          </View>
          <View className="muted" data-testid="receipt-order">
            计划 {q(order.qty)} · 已报良品 {q(order.reportedGood)} · 已入库 {q(order.received)} ·
            待入库 {q(remainingQty(order))}
          </View>
        </View>
      ) : null}
      <View className="card">
        <Field label="本次入库数量" error={errors.qty} testId="receipt-qty">
          <Input
            className={`input${errors.qty ? ' input-error' : ''}`}
            data-testid="receipt-qty"
            type="digit"
            placeholder={order ? remainingQty(order) : '0'}
            value={qty}
            onInput={(e) => {
              setQty(e.detail.value);
              clear('qty');
            }}
          />
        </Field>
        {offer.map((a) =>
          a.mayAllow ? (
            <View
              key={a.flag}
              className="list-item"
              data-testid={`receipt-${a.flag}`}
              onClick={() =>
                setAllowed(({ [a.flag]: on, ...rest }) => (on ? rest : { ...rest, [a.flag]: true }))
              }
            >
              {allowed[a.flag] ? '☑ 已允许：' : '☐ '}
              {a.label}
            </View>
          ) : (
            <View key={a.flag} className="muted" data-testid={`receipt-${a.flag}-hint`}>
              {a.hint}
            </View>
          ),
        )}
      </View>
      <ErrorBanner messages={banner} />
      {result ? (
        <View className="card" data-testid="receipt-done">
          <View className="title" data-testid="receipt-no">
            入库单 {result.document.no}
          </View>
          <View className="label">倒冲用料</View>
          {result.backflush.length === 0 ? <View className="muted">无倒冲物料</View> : null}
          {result.backflush.map((b) => (
            <View
              key={`${b.item}|${b.warehouse}`}
              className="list-item row"
              data-testid={`backflush-${b.item}`}
            >
              <Text>
                {b.item} · {b.warehouse}
              </Text>
              <Text>{b.qty}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <Button
        className="btn btn-primary"
        data-testid="receipt-submit"
        disabled={busy}
        onClick={() => void submit()}
      >
        确认入库
      </Button>
    </View>
  );
}
