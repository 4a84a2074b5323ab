import type { Item, PickResult, TaskOrderView, Warehouse } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import { scanLocations } from '../../../api/masterData';
import { itemsByCode, getTaskOrder, returnFromTaskOrder } from '../../../api/shopfloor';
import { OrderHeader } from '../../../components/OrderHeader';
import { ErrorBanner } from '../../../components/Field';
import { ScanBox } from '../../../components/ScanBox';
import { isoDate } from '../../../lib/dates';
import { qtyWithUnit } from '../../../lib/format';
import { warehouseOf } from '../../../lib/labels';
import {
  placeReturnIssues,
  returnLines,
  returnQtyError,
  returnRequestLines,
  type ReturnLine,
} from '../../../lib/returns';
import { matchesItem, scanPickLine } from '../../../lib/scanMatch';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { toast, usePageParams, usePageShow } from '../../../platform/nav';
import { ApiError } from '../../../platform/request';

/**
 * 退料: material of one task order back to stock. Lists what was issued per item and
 * warehouse (from the order's needs); the clerk types a return quantity per line (exact
 * decimals; above what was issued is refused here, and by the server: issue.overReturn).
 * Scanning is optional: a scanned item label opens its line and marks it 已扫码; the
 * warehouse's label confirms the location. The lines with a quantity post as one return
 * (one Idempotency-Key per submit); the order's issued figures after it are shown.
 */
export default function ReturnPage() {
  const no = usePageParams().no ?? '';
  const [order, setOrder] = useState<TaskOrderView>();
  const [lines, setLines] = useState<ReturnLine[]>([]);
  const [items, setItems] = useState<Record<string, Item>>({});
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [qtys, setQtys] = useState<Record<string, string>>({});
  const [scanned, setScanned] = useState<Record<string, 'item' | 'location'>>({});
  const [current, setCurrent] = useState<string>();
  const [scanError, setScanError] = useState<string>();
  /** A failed submit's word on each line, by the line's key. */
  const { errors, show, clear, reset } = useFieldErrors();
  const [banner, setBanner] = useState<string[]>([]);
  const [result, setResult] = useState<PickResult>();
  const [busy, setBusy] = useState(false);
  const keys = useRef(new SubmitKeys());

  const load = useCallback(async () => {
    try {
      const [o, locations] = await Promise.all([getTaskOrder(no), scanLocations()]);
      const list = returnLines(o);
      const known = await itemsByCode(list.map((l) => l.item));
      setOrder(o);
      setLines(list);
      setWarehouses(locations);
      setItems(known);
      setBanner([]);
    } catch (err) {
      setBanner([(err as Error).message]);
    }
  }, [no]);
  usePageShow(() => void load());

  /** A scan: the chosen line's item or location; without a chosen line, the line of that item. */
  const onScan = (value: string): boolean => {
    let line = lines.find((l) => l.key === current);
    if (!line) {
      line = lines.find((l) =>
        matchesItem(value, { item: l.item, barcode: items[l.item]?.barcode }),
      );
      if (!line) {
        setScanError(`条码 ${value.trim()} 不是本生产任务单已领的物料`);
        return false;
      }
      setCurrent(line.key);
    }
    const scan = scanPickLine(value, line, lines, items, warehouses);
    if (!scan.ok) {
      setScanError(scan.message.replace('领料', '退料'));
      return false;
    }
    setScanError(undefined);
    const key = line.key;
    setScanned((s) => ({ ...s, [key]: s[key] === 'item' ? 'item' : scan.confirms }));
    return true;
  };

  const setQty = (key: string, qty: string) => {
    setQtys((q) => ({ ...q, [key]: qty }));
    clear(key);
  };
  /** What a submit said of the line, else the check of what is typed, as it is typed. */
  const lineError = (l: ReturnLine) => errors[l.key] ?? returnQtyError(qtys[l.key] ?? '', l.issued);

  const submit = async () => {
    setResult(undefined);
    // The last scan's complaint is stale: the submit's own errors are what comes into view.
    setScanError(undefined);
    const check = returnRequestLines(lines, qtys);
    if (!check.ok) {
      const first = lines[0];
      if (Object.keys(check.errors).length || !first) {
        show(check.errors);
        setBanner([check.message]);
      } else {
        // Nothing typed: said where the first quantity goes, the cursor put there.
        show({ [first.key]: check.message });
        setBanner([]);
      }
      return;
    }
    const body = { date: isoDate(new Date()), note: `生产任务单 ${no} 退料`, lines: check.lines };
    setBusy(true);
    setBanner([]);
    reset();
    try {
      const r = await submitWithKey(keys.current, `return:${no}`, body, (key) =>
        returnFromTaskOrder(no, body, key),
      );
      setResult(r);
      setQtys({});
      setScanned({});
      setCurrent(undefined);
      toast('退料已过账', 'success');
      await load();
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        const placed = placeReturnIssues(body.lines, lines, err.issues);
        show(placed.errors);
        setBanner([err.message, ...placed.other.filter((m) => m !== err.message)]);
      } else {
        setBanner([(err as Error).message || '操作失败']);
        show();
      }
    } finally {
      setBusy(false);
    }
  };

  const after = result?.orders.find((o) => o.no === no);
  return (
    <View className="page" data-testid="return-page">
      <OrderHeader testId="return" order={order} />
      <ScanBox
        testId="return"
        hint={current ? `当前物料：${current}（可选：扫码核对）` : '可选：扫描物料标签核对'}
        error={scanError}
        onScan={onScan}
      />
      <View className="card" data-testid="return-lines">
        <View className="title">已领物料</View>
        {order && lines.length === 0 ? (
          <View className="muted" data-testid="return-empty">
            本生产任务单尚未领料，没有可退的物料
          </View>
        ) : null}
        {lines.map((l) => {
          const id = `return-line-${l.key}`;
          const error = lineError(l);
          return (
            <View
              key={l.key}
              className={`list-item${current === l.key ? ' tab-active' : ''}`}
              data-testid={id}
              onClick={() => {
                setCurrent(l.key);
                setScanError(undefined);
              }}
            >
              <View className="row">
                <Text>
                  {items[l.item]?.name ?? ''} <Text className="muted">{l.item}</Text>
                </Text>
                {scanned[l.key] === 'item' ? (
                  <View className="tag tag-confirmed" data-testid={`${id}-ok`}>
                    已扫码
                  </View>
                ) : scanned[l.key] === 'location' ? (
                  <View className="tag tag-confirmed" data-testid={`${id}-located`}>
                    库位已确认
                  </View>
                ) : null}
              </View>
              <View className="muted" data-testid={`${id}-issued`}>
                仓库 {l.warehouse ? warehouseOf(l.warehouse, warehouses) : '—'} · 已领{' '}
                {qtyWithUnit(l.issued, items[l.item]?.unit)}
                {l.substituteFor ? ` · 替代 ${l.substituteFor}` : ''}
              </View>
              <View className="field" style={{ marginBottom: 0 }}>
                <Input
                  className={`input${error ? ' input-error' : ''}`}
                  data-testid={`${id}-qty`}
                  type="digit"
                  placeholder="退料数量"
                  value={qtys[l.key] ?? ''}
                  onInput={(e) => setQty(l.key, e.detail.value)}
                />
                {error ? (
                  <Text className="field-error" data-testid={`${id}-error`}>
                    {error}
                  </Text>
                ) : null}
              </View>
            </View>
          );
        })}
      </View>
      <ErrorBanner messages={banner} />
      {result ? (
        <View className="card" data-testid="return-done">
          <View data-testid="return-done-doc">退料单 {result.documents.join('、')} 已过账</View>
          {after ? (
            <View className="muted">
              <View>退料后已领：</View>
              {after.issued.map((i) => (
                <View key={i.item} data-testid={`return-done-${i.item}`}>
                  {items[i.item]?.name ?? ''} {i.item} {qtyWithUnit(i.qty, items[i.item]?.unit)}
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
      <Button
        className="btn btn-primary"
        data-testid="return-submit"
        disabled={busy || lines.length === 0}
        onClick={() => void submit()}
      >
        确认退料
      </Button>
    </View>
  );
}
