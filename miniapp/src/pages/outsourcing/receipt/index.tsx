import type { OutsourcingReceipt, OutsourcingReceiptCreate } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { receiveFromSubcontractor } from '../../../api/outsourcing';
import { ErrorBanner, Field } from '../../../components/Field';
import { ScanBox } from '../../../components/ScanBox';
import { qtyWithUnit } from '../../../lib/format';
import { isoDate } from '../../../lib/dates';
import { remainingDecimal } from '../../../lib/decimal';
import { toFieldErrors, unplacedErrors } from '../../../lib/fieldErrors';
import { formatSnapshot } from '../../../lib/money';
import { receiptRefusal, unitPriceText } from '../../../lib/outsourcing';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { toast, usePageParams } from '../../../platform/nav';
import { ApiError } from '../../../platform/request';
import { codeNames, namedErrors, OrderSummary, useNames, useScannedOrder } from '../shared';

/**
 * 委外入库 by scan: scan (or open) the order, enter the quantity received, post once with an
 * Idempotency-Key. The answer shows what the receipt consumed at the subcontractor and the
 * processing fee accrued (暂估). A shortage at the subcontractor lists each short component by
 * name; an order without a processing price in force says so under the order.
 */
export default function OutsourcingReceiptPage() {
  const params = usePageParams();
  const { order, setOrder, open } = useScannedOrder(params.no);
  const names = useNames();
  const [qty, setQty] = useState('');
  const [scanError, setScanError] = useState<string>();
  const { errors, show, clear, reset } = useFieldErrors();
  const [banner, setBanner] = useState<string[]>([]);
  const [shortages, setShortages] = useState<string[]>([]);
  const [result, setResult] = useState<OutsourcingReceipt>();
  const [busy, setBusy] = useState(false);
  const keys = useRef(new SubmitKeys());

  const onScan = (raw: string): boolean => {
    setScanError(undefined);
    void open(raw).then((message) => {
      setScanError(message);
      if (!message) {
        setResult(undefined);
        reset();
        setBanner([]);
        setShortages([]);
      }
    });
    return true;
  };

  const submit = async () => {
    if (!order) return;
    reset();
    setBanner([]);
    // The last scan's complaint is stale: the submit's own errors are what comes into view.
    setScanError(undefined);
    setShortages([]);
    const body: OutsourcingReceiptCreate = {
      outsourcingOrder: order.no,
      qty: qty.trim(),
      date: isoDate(new Date()),
    };
    setBusy(true);
    try {
      const r = await submitWithKey(keys.current, `os-receipt:${order.no}`, body, (key) =>
        receiveFromSubcontractor(body, key),
      );
      setResult(r);
      setOrder(r.outsourcingOrder.status === 'open' ? r.outsourcingOrder : undefined);
      setQty('');
      toast('入库成功', 'success');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'stock.insufficient') {
        setShortages(receiptRefusal(err, order, names.warehouses, names.units));
        show();
      } else if (err instanceof ApiError && err.issues.length) {
        const fe = namedErrors(toFieldErrors(err.issues), codeNames(order, names.warehouses));
        show(fe);
        const shown = (k: string) => k === 'qty' || k === 'outsourcingOrder';
        // The rest in the user's words (the date is not typed here).
        setBanner([err.message, ...unplacedErrors(fe, shown)]);
      } else {
        setBanner([(err as Error).message || '操作失败']);
        show();
      }
    } finally {
      setBusy(false);
    }
  };

  const unit = names.unit(order?.unit ?? result?.outsourcingOrder.unit);
  const done = result?.outsourcingOrder;

  return (
    <View className="page" data-testid="os-receipt-page">
      <ScanBox
        testId="os-receipt"
        hint={order ? `委外订单 ${order.no}：输入收货数量` : '扫描委外订单号'}
        error={scanError}
        onScan={onScan}
      />
      {order ? (
        <>
          <OrderSummary order={order} testId="os-receipt" unit={names.unit} />
          {errors.outsourcingOrder ? (
            <View className="banner-error" data-testid="os-receipt-order-error">
              {errors.outsourcingOrder}
            </View>
          ) : null}
          <View className="card" data-testid="os-receipt-at-sub">
            <View className="label">外协厂现存用料</View>
            {order.components.map((c) => (
              <View key={`${c.item}-${c.trackingNo ?? ''}`} className="muted">
                {c.itemName ?? c.item}：在外协厂{' '}
                {qtyWithUnit(c.atSubcontractor, names.unit(c.unit))}
                （已发 {qtyWithUnit(c.sent, names.unit(c.unit))}，已耗用{' '}
                {qtyWithUnit(c.consumed, names.unit(c.unit))}）
              </View>
            ))}
          </View>
          <View className="card">
            <Field label={`收货数量（${unit}）`} error={errors.qty} testId="os-receipt-qty">
              <Input
                className={`input${errors.qty ? ' input-error' : ''}`}
                data-testid="os-receipt-qty"
                type="digit"
                placeholder={`待收 ${remainingDecimal(order.qty, order.received)}`}
                value={qty}
                onInput={(e) => {
                  setQty(e.detail.value);
                  clear('qty');
                }}
              />
            </Field>
          </View>
        </>
      ) : null}
      {shortages.length ? (
        <View className="banner-error" data-testid="os-receipt-shortage">
          <View>外协厂用料不足，不能入库：</View>
          {shortages.map((s) => (
            <View key={s} data-testid="os-receipt-shortage-line">
              {s}
            </View>
          ))}
        </View>
      ) : null}
      <ErrorBanner messages={banner} testId="os-receipt-banner" />
      {result && done ? (
        <View className="card" data-testid="os-receipt-done">
          <View className="title" data-testid="os-receipt-doc">
            入库单 {result.document.no} · {qtyWithUnit(result.fee.qty, unit)}
          </View>
          <View data-testid="os-receipt-fee">
            加工费暂估 {formatSnapshot(result.fee.amount)}（{qtyWithUnit(result.fee.qty, unit)} ×{' '}
            {unitPriceText(result.fee.unitPrice)}）
          </View>
          <View className="label" style={{ marginTop: '12px' }}>
            外协厂耗用
          </View>
          {result.consumed.map((c) => {
            const need = done.components.find((x) => x.item === c.item);
            return (
              <View
                key={`${c.item}-${c.trackingNo ?? ''}`}
                className="muted"
                data-testid={`os-receipt-consumed-${c.item}`}
              >
                {need?.itemName ?? c.item} {qtyWithUnit(c.qty, names.unit(need?.unit))}（
                {names.warehouse(c.warehouse)}）
              </View>
            );
          })}
          <View className="muted" data-testid="os-receipt-total">
            累计已收 {qtyWithUnit(done.received, unit)} / {qtyWithUnit(done.qty, unit)} · 累计暂估{' '}
            {formatSnapshot(done.accruedFee ?? { amount: 0, scale: 2 })}
          </View>
          {result.document.moves.some((m) => m.status === 'inspection') ? (
            <Text className="tag tag-pending">待检</Text>
          ) : null}
        </View>
      ) : null}
      {order ? (
        <Button
          className="btn btn-primary"
          data-testid="os-receipt-submit"
          disabled={busy}
          onClick={() => void submit()}
        >
          确认入库
        </Button>
      ) : null}
    </View>
  );
}
