import type { Item, StockDocument, Warehouse } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { receiveFromCustomer } from '../../../api/customerStock';
import { listItems, listWarehouses, searchCustomers } from '../../../api/masterData';
import { unitNames } from '../../../api/purchasing';
import { ErrorBanner, Field } from '../../../components/Field';
import { ScanBox } from '../../../components/ScanBox';
import { SearchPicker, type PickerOption } from '../../../components/SearchPicker';
import {
  customerItemsFirst,
  customerWarehouses,
  defaultCustomerWarehouse,
  receiptField,
  receiptRequest,
  type ReceiptLine,
} from '../../../lib/customerStock';
import { isoDate } from '../../../lib/dates';
import { toFieldErrors, type FieldErrors, unplacedErrors } from '../../../lib/fieldErrors';
import { qtyWithUnit } from '../../../lib/format';
import { qtyProblem } from '../../../lib/quantity';
import { nameCodes } from '../../../lib/outsourcing';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { unitLabel } from '../../../lib/units';
import { goTo, toast, usePageParams } from '../../../platform/nav';
import { ApiError } from '../../../platform/request';

const norm = (s: string) => s.trim().toUpperCase();

/**
 * 客供料入库: material the customer sends in for toll processing. Choose the customer and the
 * customer-supplied warehouse (the customer's own is offered), scan or pick the items (the
 * customer's own customer-supplied items first, any item allowed), enter each quantity
 * (checked against the item's unit precision here), 确认入库 once with an Idempotency-Key.
 * Zero value: there is no price on this page. The API's refusals show under their fields.
 */
export default function CustomerReceiptPage() {
  const params = usePageParams();
  const [customer, setCustomer] = useState<PickerOption>();
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [warehouse, setWarehouse] = useState<string>();
  const [lines, setLines] = useState<ReceiptLine[]>([]);
  const [ref, setRef] = useState('');
  const [ownItems, setOwnItems] = useState<Item[]>([]);
  const [units, setUnits] = useState<Map<string, string>>(new Map());
  const [scanError, setScanError] = useState<string>();
  const { errors, show, clear, reset } = useFieldErrors();
  const [banner, setBanner] = useState<string[]>([]);
  const [result, setResult] = useState<{ doc: StockDocument; lines: ReceiptLine[] }>();
  const [busy, setBusy] = useState(false);
  const keys = useRef(new SubmitKeys());

  useEffect(() => {
    unitNames()
      .then(setUnits)
      .catch(() => undefined);
    listWarehouses()
      .then((p) => setWarehouses(p.items))
      .catch((e: Error) => setBanner([e.message]));
  }, []);

  // Opened from the ledger with a customer: start with that customer.
  useEffect(() => {
    const code = params.customer;
    if (!code) return;
    searchCustomers(code)
      .then((found) => {
        const c = found.find((p) => p.code === code);
        if (c) setCustomer({ value: c.code, label: c.name, hint: c.code });
      })
      .catch(() => undefined);
  }, [params.customer]);

  // The customer's own customer-supplied items, offered for one tap.
  useEffect(() => {
    setOwnItems([]);
    const code = customer?.value;
    if (!code) return;
    listItems('', 200)
      .then((p) =>
        setOwnItems(
          p.items.filter((i) => i.active && i.source === 'customerSupplied' && i.customer === code),
        ),
      )
      .catch(() => undefined);
  }, [customer]);

  useEffect(() => {
    setWarehouse((current) => {
      const offered = customerWarehouses(warehouses, customer?.value);
      if (current && offered.some((w) => w.code === current)) return current;
      return defaultCustomerWarehouse(warehouses, customer?.value);
    });
  }, [customer, warehouses]);

  const unit = (code: string) => unitLabel(code, units);
  const whName = (code?: string) => warehouses.find((w) => w.code === code)?.name ?? code ?? '';

  const searchCustomerOptions = useCallback(
    async (q: string) =>
      (await searchCustomers(q)).map((p) => ({ value: p.code, label: p.name, hint: p.code })),
    [],
  );

  const addItem = useCallback(
    (i: Item) => {
      setResult(undefined);
      // Answers "请扫码或选择物料", said when there were no lines (so no line's error goes).
      clear('lines');
      setLines((ls) =>
        ls.some((l) => l.item === i.code)
          ? ls
          : [...ls, { item: i.code, name: i.name, unit: i.unit, precision: i.precision, qty: '' }],
      );
    },
    [clear],
  );

  /** The items the picker offered, to add the one tapped. */
  const offeredItems = useRef(new Map<string, Item>());
  const searchItemOptions = useCallback(
    async (q: string) => {
      const items = customerItemsFirst((await listItems(q, 200)).items, customer?.value);
      for (const i of items) offeredItems.current.set(i.code, i);
      return items.map((i) => ({
        value: i.code,
        label: `${i.code} ${i.name}`,
        hint:
          i.source === 'customerSupplied' && i.customer === customer?.value
            ? `本客户客供料 · ${unitLabel(i.unit, units)}`
            : unitLabel(i.unit, units),
      }));
    },
    [customer, units],
  );

  const pickItem = (o: PickerOption) => {
    const item = offeredItems.current.get(o.value);
    if (item) addItem(item);
  };

  const onScan = (raw: string): boolean => {
    const value = raw.trim();
    setScanError(undefined);
    if (!value) {
      setScanError('请扫描或输入物料编码或条码');
      return false;
    }
    void listItems(value, 20)
      .then((page) => {
        const item = page.items.find(
          (i) => norm(i.code) === norm(value) || (!!i.barcode && norm(i.barcode) === norm(value)),
        );
        if (!item) setScanError(`条码 ${value} 不是物料编码或条码`);
        else addItem(item);
      })
      .catch((e: Error) => setScanError(e.message));
    return true;
  };

  const setQty = (i: number, qty: string) => {
    setLines((ls) => ls.map((l, at) => (at === i ? { ...l, qty } : l)));
    clear(`lines.${i}`);
  };
  const removeLine = (i: number) => {
    setLines((ls) => ls.filter((_l, at) => at !== i));
    // The lines below move up a place: their errors no longer match.
    clear('lines');
  };

  /** Codes in the server's messages, by name (items, the warehouse, the customer). */
  const names = () => {
    const m = new Map<string, string>();
    for (const w of warehouses) m.set(w.code, w.name);
    for (const l of lines) m.set(l.item, l.name);
    if (customer) m.set(customer.value, customer.label);
    return m;
  };

  const submit = async () => {
    setBanner([]);
    reset();
    // The last scan's complaint is stale: the submit's own errors are what comes into view.
    setScanError(undefined);
    const check = receiptRequest({
      date: isoDate(new Date()),
      customer: customer?.value,
      warehouse,
      ref,
      lines,
    });
    if (!check.ok) {
      show(check.errors);
      return;
    }
    const body = check.body;
    setBusy(true);
    try {
      const doc = await submitWithKey(keys.current, 'cs-receipt', body, (key) =>
        receiveFromCustomer(body, key),
      );
      setResult({ doc, lines });
      setLines([]);
      setRef('');
      toast('入库成功', 'success');
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        const fe: FieldErrors = {};
        const n = names();
        for (const [k, m] of Object.entries(toFieldErrors(err.issues)))
          fe[receiptField(k)] ??= nameCodes(m, n);
        show(fe);
        const shown = (k: string) =>
          k === 'partner' || k === 'warehouse' || /^lines\.\d+\.(qty|item)$/.test(k);
        const placed = Object.values(fe).includes(err.message);
        const rest = unplacedErrors(fe, shown);
        setBanner([...(placed ? [] : [nameCodes(err.message, n)]), ...rest]);
      } else {
        setBanner([nameCodes((err as Error).message || '操作失败', names())]);
        show();
      }
    } finally {
      setBusy(false);
    }
  };

  const offered = customerWarehouses(warehouses, customer?.value);

  return (
    <View className="page" data-testid="cs-receipt-page">
      <View className="card">
        <Field label="客户" error={errors.partner} testId="cs-receipt-customer">
          <SearchPicker
            testId="cs-receipt-customer"
            placeholder="搜索客户名称或编码"
            selected={customer}
            search={searchCustomerOptions}
            onSelect={(o) => {
              setCustomer(o);
              // The customer's own warehouse is chosen for it: what was said of it goes too.
              clear('partner', 'warehouse');
              setResult(undefined);
            }}
            invalid={!!errors.partner}
          />
        </Field>
        <Field label="客供料仓" error={errors.warehouse} testId="cs-receipt-warehouse">
          <View className="tiles">
            {offered.map((w) => (
              <Text
                key={w.code}
                className={`tag chip${warehouse === w.code ? '' : ' tag-draft'}`}
                data-testid={`cs-receipt-wh-${w.code}`}
                data-selected={warehouse === w.code ? 'true' : 'false'}
                onClick={() => {
                  setWarehouse(w.code);
                  clear('warehouse');
                }}
              >
                {w.name}
              </Text>
            ))}
          </View>
          {warehouses.length && !offered.length ? (
            <View className="muted" data-testid="cs-receipt-no-warehouse">
              没有可用的客供料仓，请先在仓库资料中建立
            </View>
          ) : null}
        </Field>
        <Field label="客户送货单号（选填）" testId="cs-receipt-ref" error={errors.ref}>
          <Input
            className="input"
            data-testid="cs-receipt-ref"
            placeholder="如 DN-2026-001"
            value={ref}
            onInput={(e) => {
              setRef(e.detail.value);
              clear('ref');
            }}
          />
        </Field>
      </View>
      <ScanBox
        testId="cs-receipt"
        hint={
          customer
            ? `扫描 ${customer.label} 送来物料的条码或编码`
            : '扫描物料条码或编码（先选客户）'
        }
        error={scanError}
        onScan={onScan}
      />
      <View className="card">
        {ownItems.length ? (
          <View className="field">
            <View className="label">本客户的客供料（点选加入）</View>
            <View className="tiles">
              {ownItems.map((i) => (
                <Text
                  key={i.code}
                  className={`tag chip${lines.some((l) => l.item === i.code) ? '' : ' tag-draft'}`}
                  data-testid={`cs-receipt-own-${i.code}`}
                  onClick={() => addItem(i)}
                >
                  {i.name}
                </Text>
              ))}
            </View>
          </View>
        ) : null}
        <Field
          label="或搜索物料（本客户的客供料在前）"
          error={errors.lines}
          testId="cs-receipt-item"
        >
          <SearchPicker
            testId="cs-receipt-item"
            placeholder="搜索物料编码或名称"
            search={searchItemOptions}
            onSelect={pickItem}
          />
        </Field>
      </View>
      {lines.length ? (
        <View className="card" data-testid="cs-receipt-lines">
          <View className="label">入库物料（零价值，不填单价）</View>
          {lines.map((l, i) => {
            const live = l.qty.trim() ? qtyProblem(l.qty, l.precision) : undefined;
            const error = errors[`lines.${i}.qty`] ?? errors[`lines.${i}.item`] ?? live;
            return (
              <View key={l.item} className="list-item" data-testid={`cs-receipt-line-${l.item}`}>
                <View className="row">
                  <Text data-testid={`cs-receipt-line-${l.item}-name`}>{l.name}</Text>
                  <Text
                    className="muted"
                    data-testid={`cs-receipt-line-${l.item}-remove`}
                    onClick={() => removeLine(i)}
                  >
                    删除
                  </Text>
                </View>
                <View className="muted" data-testid={`cs-receipt-line-${l.item}-unit`}>
                  {l.item} · 单位 {unit(l.unit)}
                  {l.precision ? `（最多 ${l.precision} 位小数）` : '（整数）'}
                </View>
                <Field
                  label={`数量（${unit(l.unit)}）`}
                  error={error}
                  testId={`cs-receipt-qty-${l.item}`}
                >
                  <Input
                    className={`input${error ? ' input-error' : ''}`}
                    data-testid={`cs-receipt-qty-${l.item}`}
                    type="digit"
                    placeholder="数量"
                    value={l.qty}
                    onInput={(e) => setQty(i, e.detail.value)}
                  />
                </Field>
              </View>
            );
          })}
        </View>
      ) : null}
      <ErrorBanner messages={banner} testId="cs-receipt-banner" />
      {result ? (
        <View className="card" data-testid="cs-receipt-done">
          <View className="title" data-testid="cs-receipt-doc">
            入库单 {result.doc.no} 已过账
          </View>
          {result.doc.moves.map((m) => {
            const l = result.lines.find((x) => x.item === m.item);
            return (
              <View key={`${m.lineNo}`} className="muted" data-testid={`cs-receipt-done-${m.item}`}>
                {l?.name ?? m.item} {qtyWithUnit(m.qty, unit(l?.unit ?? ''))} →{' '}
                {whName(m.warehouse)}
                {m.status === 'inspection' ? '（待检）' : ''}
              </View>
            );
          })}
          <Button
            className="btn"
            data-testid="cs-receipt-to-ledger"
            onClick={() => goTo('csStock', customer ? { customer: customer.value } : undefined)}
          >
            查看客供料台账
          </Button>
        </View>
      ) : null}
      <Button
        className="btn btn-primary"
        data-testid="cs-receipt-submit"
        disabled={busy}
        onClick={() => void submit()}
      >
        确认入库
      </Button>
    </View>
  );
}
