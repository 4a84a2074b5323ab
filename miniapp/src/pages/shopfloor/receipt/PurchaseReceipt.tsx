import type { PurchaseOrder, PurchaseOrderLine, PurchaseReceipt } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { listItems, listWarehouses } from '../../../api/masterData';
import {
  getPurchaseOrder,
  listPurchaseOrders,
  receivePurchase,
  unitNames,
} from '../../../api/purchasing';
import { ErrorBanner, Field } from '../../../components/Field';
import { ScanBox } from '../../../components/ScanBox';
import { SearchPicker, type PickerOption } from '../../../components/SearchPicker';
import { isoDate } from '../../../lib/dates';
import { compareDecimal, remainingDecimal } from '../../../lib/decimal';
import { toFieldErrors, unplacedErrors } from '../../../lib/fieldErrors';
import { poStatusLabel } from '../../../lib/purchase';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { setTitle, toast } from '../../../platform/nav';
import { ApiError } from '../../../platform/request';
import { unitLabel } from '../../../lib/units';

const norm = (s: string) => s.trim().toUpperCase();

/** The API's field keys shown under a field of the page (one line per receipt). */
const SHOWN = ['lines.0.line', 'lines.0.qty', 'lines.0.warehouse'];

/** Lines still expecting goods: not closed, less received than ordered. */
const openLines = (o: PurchaseOrder) =>
  o.lines.filter((l) => !l.closed && compareDecimal(l.received, l.qty) < 0);

/**
 * 采购收货: scan (or type) the purchase order number, or an item code / barcode of an open order
 * (several orders: choose one), pick the line, the quantity and the warehouse, 确认收货. What the
 * API refuses shows under its field or in the banner; a scan that matches nothing says so.
 */
export function PurchaseReceiptForm(props: { po?: string }) {
  const [order, setOrder] = useState<PurchaseOrder>();
  const [candidates, setCandidates] = useState<PurchaseOrder[]>([]);
  const [line, setLine] = useState<number>();
  const [qty, setQty] = useState('');
  const [warehouse, setWarehouse] = useState<PickerOption>();
  const [units, setUnits] = useState<Map<string, string>>(new Map());
  const [scanError, setScanError] = useState<string>();
  const { errors, show, clear, reset } = useFieldErrors();
  const [banner, setBanner] = useState<string[]>([]);
  const [result, setResult] = useState<PurchaseReceipt>();
  const [busy, setBusy] = useState(false);
  const [warehouseNames, setWarehouseNames] = useState<Map<string, string>>(new Map());
  const keys = useRef(new SubmitKeys());
  /** The item an ambiguous scan named: the order chosen next opens at its line. */
  const pendingItem = useRef<string>();

  useEffect(() => {
    setTitle('采购收货');
    unitNames()
      .then(setUnits)
      .catch(() => undefined);
    listWarehouses()
      .then((p) => setWarehouseNames(new Map(p.items.map((w) => [w.code, w.name]))))
      .catch(() => undefined);
  }, []);

  const choose = useCallback(
    (o: PurchaseOrder, item?: string) => {
      setOrder(o);
      setCandidates([]);
      setResult(undefined);
      reset();
      setBanner([]);
      const lines = openLines(o);
      const pick = item ? lines.find((l) => norm(l.item) === norm(item)) : lines[0];
      setLine(pick?.line);
      setQty('');
    },
    [reset],
  );

  /** Another line: what was said of the quantity was said of the line before. */
  const chooseLine = (no: number | undefined) => {
    setLine(no);
    clear('lines.0.line', 'lines.0.qty');
  };

  const openOrder = useCallback(
    async (no: string): Promise<boolean> => {
      const o = await getPurchaseOrder(no).catch((e: unknown) => {
        if (e instanceof ApiError && (e.status === 404 || e.status === 400)) return undefined;
        throw e;
      });
      if (!o) return false;
      if (o.status !== 'open') {
        setScanError(`采购订单 ${o.no} ${poStatusLabel(o.status)}，不能收货`);
        return true;
      }
      if (openLines(o).length === 0) {
        setScanError(`采购订单 ${o.no} 已全部收货`);
        return true;
      }
      choose(o);
      return true;
    },
    [choose],
  );

  useEffect(() => {
    if (props.po) void openOrder(props.po).catch((e: Error) => setBanner([e.message]));
  }, [props.po, openOrder]);

  /** An item code or barcode: the line of the current order, else the open orders with it. */
  const scanItem = async (value: string) => {
    const found = (await listItems(value, 20).catch(() => ({ items: [] }))).items.find(
      (i) => norm(i.code) === norm(value) || (!!i.barcode && norm(i.barcode) === norm(value)),
    );
    const code = found?.code ?? value;
    const name = found ? `${found.code} ${found.name}` : value;
    if (order) {
      const l = openLines(order).find((x) => norm(x.item) === norm(code));
      if (l) {
        chooseLine(l.line);
        return;
      }
      setScanError(`${name} 不在采购订单 ${order.no} 的待收行中`);
      return;
    }
    if (!found) {
      setScanError(`条码 ${value} 不是采购订单号，也不是物料编码或条码`);
      return;
    }
    const page = await listPurchaseOrders({ item: found.code, status: 'open', limit: 20 });
    const withOpen = page.items.filter((o) =>
      openLines(o).some((l) => norm(l.item) === norm(found.code)),
    );
    if (withOpen.length === 0) setScanError(`没有待收货的采购订单包含物料 ${name}`);
    else if (withOpen.length === 1) choose(withOpen[0]!, found.code);
    else {
      setCandidates(withOpen);
      chooseLine(undefined);
      setOrder(undefined);
      pendingItem.current = found.code;
    }
  };
  const onScan = (raw: string): boolean => {
    const value = raw.trim();
    setScanError(undefined);
    if (!value) {
      setScanError('请扫描或输入采购订单号或物料条码');
      return false;
    }
    void (async () => {
      try {
        if (order && openLines(order).some((l) => norm(l.item) === norm(value))) {
          await scanItem(value);
          return;
        }
        if (!(await openOrder(value))) await scanItem(value);
      } catch (e) {
        setScanError((e as Error).message);
      }
    })();
    return true;
  };

  const searchWarehouses = useCallback(async (q: string) => {
    const text = q.trim().toLowerCase();
    return (await listWarehouses()).items
      .filter((w) => w.active && w.kind !== 'customerSupplied')
      .filter((w) => !text || `${w.code} ${w.name}`.toLowerCase().includes(text))
      .map((w) => ({ value: w.code, label: w.name, hint: w.code }));
  }, []);

  const selected: PurchaseOrderLine | undefined = order?.lines.find((l) => l.line === line);
  const unit = (code?: string) => unitLabel(code, units);

  const submit = async () => {
    if (!order) return;
    reset();
    setBanner([]);
    // The last scan's complaint is stale: the submit's own errors are what comes into view.
    setScanError(undefined);
    if (!selected) {
      show({ 'lines.0.line': '请选择收货的订单行' });
      return;
    }
    const body = {
      purchaseOrder: order.no,
      date: isoDate(new Date()),
      lines: [
        {
          line: selected.line,
          qty: qty.trim(),
          ...(warehouse ? { warehouse: warehouse.value } : {}),
        },
      ],
    };
    setBusy(true);
    try {
      const r = await submitWithKey(keys.current, `po-receipt:${order.no}`, body, (key) =>
        receivePurchase(body, key),
      );
      setResult(r);
      setQty('');
      toast('收货成功', 'success');
      const fresh = await getPurchaseOrder(order.no);
      setOrder(fresh);
      if (!openLines(fresh).some((l) => l.line === selected.line))
        setLine(openLines(fresh)[0]?.line);
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        const fe = toFieldErrors(err.issues);
        show(fe);
        const shown = (k: string) => SHOWN.includes(k);
        // The rest in the user's words: the order and the date are not typed here.
        setBanner([err.message, ...unplacedErrors(fe, shown)]);
      } else {
        setBanner([(err as Error).message || '操作失败']);
        show();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page" data-testid="po-receipt-page">
      <ScanBox
        testId="po-receipt"
        hint={
          order
            ? `采购订单 ${order.no} · ${order.supplierName ?? order.supplier}：可扫物料条码选择行`
            : '扫描采购订单号或物料条码'
        }
        error={scanError}
        onScan={onScan}
      />
      {candidates.length ? (
        <View className="card" data-testid="po-receipt-candidates">
          <View className="label">多张采购订单包含该物料，请选择</View>
          {candidates.map((o) => (
            <View
              key={o.no}
              className="list-item"
              data-testid={`po-receipt-candidate-${o.no}`}
              onClick={() => choose(o, pendingItem.current)}
            >
              {o.no} · {o.supplierName ?? o.supplier}
            </View>
          ))}
        </View>
      ) : null}
      {order ? (
        <View className="card" data-testid="po-receipt-order">
          <View className="title">
            {order.no} · {order.supplierName ?? order.supplier}
          </View>
          {openLines(order).map((l) => (
            <View
              key={l.line}
              className={`list-item${l.line === line ? ' list-item-active' : ''}`}
              data-testid={`po-receipt-line-${l.line}`}
              data-selected={l.line === line ? 'true' : 'false'}
              onClick={() => chooseLine(l.line)}
            >
              <View className="row">
                <Text>
                  {l.line === line ? '● ' : '○ '}
                  {l.itemName ?? l.item}
                </Text>
                <Text>
                  待收 {remainingDecimal(l.qty, l.received)} {unit(l.unit)}
                </Text>
              </View>
              <View className="muted">
                {l.item} · 订购 {l.qty} · 已收 {l.received} · 交货 {l.dueDate}
              </View>
            </View>
          ))}
          {errors['lines.0.line'] ? (
            <View className="field">
              <Text className="field-error" data-testid="po-receipt-line-error">
                {errors['lines.0.line']}
              </Text>
            </View>
          ) : null}
        </View>
      ) : null}
      {order ? (
        <View className="card">
          <Field
            label={`收货数量${selected ? `（${unit(selected.unit)}）` : ''}`}
            error={errors['lines.0.qty']}
            testId="po-receipt-qty"
          >
            <Input
              className={`input${errors['lines.0.qty'] ? ' input-error' : ''}`}
              data-testid="po-receipt-qty"
              type="digit"
              placeholder={selected ? remainingDecimal(selected.qty, selected.received) : '数量'}
              value={qty}
              onInput={(e) => {
                setQty(e.detail.value);
                clear('lines.0.qty');
              }}
            />
          </Field>
          <Field label="入库仓库" error={errors['lines.0.warehouse']} testId="po-receipt-warehouse">
            <SearchPicker
              testId="po-receipt-warehouse"
              placeholder="不选则入物料的默认仓库"
              selected={warehouse}
              search={searchWarehouses}
              onSelect={(w) => {
                setWarehouse(w);
                clear('lines.0.warehouse');
              }}
              invalid={!!errors['lines.0.warehouse']}
            />
          </Field>
        </View>
      ) : null}
      <ErrorBanner messages={banner} testId="po-receipt-banner" />
      {result ? (
        <View className="card" data-testid="po-receipt-done">
          <View className="title" data-testid="po-receipt-no">
            入库单 {result.document.no}
          </View>
          {result.document.moves.map((m) => {
            const l = order?.lines.find((x) => x.line === m.lineNo);
            return (
              <View key={`${m.lineNo}-${m.warehouse}`} className="muted">
                {l?.itemName ?? m.item} · {m.qty} {unit(l?.unit)} →{' '}
                {warehouseNames.get(m.warehouse) ?? m.warehouse}
                {m.status === 'inspection' ? '（待检）' : ''}
              </View>
            );
          })}
        </View>
      ) : null}
      {order ? (
        <Button
          className="btn btn-primary"
          data-testid="po-receipt-submit"
          disabled={busy}
          onClick={() => void submit()}
        >
          确认收货
        </Button>
      ) : null}
    </View>
  );
}
