import type { ProductionReceipt, TaskOrderProgress } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import { receiveProduction, taskOrderProgress } from '../../../api/shopfloor';
import { ErrorBanner, Field } from '../../../components/Field';
import { isoDate } from '../../../lib/dates';
import { toFieldErrors, unplacedErrors, type FieldErrors } from '../../../lib/fieldErrors';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import { remainingQty } from '../../../lib/taskOrders';
import { toast, usePageParams, usePageShow } from '../../../platform/nav';
import { ApiError } from '../../../platform/request';

/**
 * 完工入库: receive finished product of a task order (a part of what is left is fine); the
 * API backflushes the components in the same posting and the page lists them.
 */
export default function ProductionReceiptPage() {
  const no = usePageParams().no ?? '';
  const [order, setOrder] = useState<TaskOrderProgress>();
  const [qty, setQty] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [banner, setBanner] = useState<string[]>([]);
  const [result, setResult] = useState<ProductionReceipt>();
  const [busy, setBusy] = useState(false);
  const keys = useRef(new SubmitKeys());

  const load = useCallback(async () => {
    try {
      setOrder((await taskOrderProgress(no)).taskOrder);
    } catch (err) {
      setBanner([(err as Error).message]);
    }
  }, [no]);
  usePageShow(() => void load());

  const submit = async () => {
    const body = { taskOrder: no, date: isoDate(new Date()), qty: qty.trim() };
    setBusy(true);
    setErrors({});
    setBanner([]);
    try {
      const r = await submitWithKey(keys.current, `receipt:${no}`, body, (key) =>
        receiveProduction(body, key),
      );
      setResult(r);
      setOrder(r.taskOrder);
      setQty('');
      toast('入库成功', 'success');
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        const fe = toFieldErrors(err.issues);
        setErrors(fe);
        setBanner([err.message, ...unplacedErrors(fe, (k) => k === 'qty')]);
      } else {
        setBanner([(err as Error).message || '操作失败']);
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
          <View className="muted" data-testid="receipt-order">
            {order.item} × {order.qty} · 已入库 {order.received} · 待入库 {remainingQty(order)}
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
            onInput={(e) => setQty(e.detail.value)}
          />
        </Field>
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
