import type { Item, TaskOrderView, Warehouse } from '@factory/shared';
import { Button, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import { scanLocations } from '../../../api/masterData';
import { itemsByCode, getTaskOrder, issueToTaskOrder, pickList } from '../../../api/shopfloor';
import { OrderHeader } from '../../../components/OrderHeader';
import { PhantomScope } from '../../../components/PhantomScope';
import { ErrorBanner } from '../../../components/Field';
import { PickLineRow, pickRowId } from '../../../components/PickLineRow';
import { warehouseOf } from '../../../lib/labels';
import { PickModeTabs } from '../../../components/PickModeTabs';
import { ScanBox } from '../../../components/ScanBox';
import { isoDate } from '../../../lib/dates';
import { isPositiveDecimal } from '../../../lib/decimal';
import { phantomsOf } from '../../../lib/kit';
import {
  defaultPickQty,
  issueLines,
  pickLines,
  substituteQty,
  takenErrors,
  type PickLine,
} from '../../../lib/pickList';
import { lineOfScan, scanPickLine } from '../../../lib/scanMatch';
import { SubmitKeys } from '../../../lib/submitKey';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { submitWithKey } from '../../../lib/submitWithKey';
import { toast, usePageParams, usePageShow } from '../../../platform/nav';
import { scrollToId } from '../../../platform/scroll';

/**
 * 扫码领料: the task order's pick list from the server (its remaining hand-issued needs per
 * item and warehouse, phantoms expanded, backflushed parts left to the production receipt,
 * with stock). Tap a line, scan its label (WeCom: camera; H5: type the barcode into
 * 扫码/输入条码): the item's barcode or, for items without one, its item code. A scan of
 * another item is refused. Scanning the location label (the warehouse's barcode or code)
 * confirms the line's warehouse; another warehouse's label is refused. 领料范围 narrows the
 * list to one phantom's components (skip-level). A short component is followed by a row per
 * substitute its BOM allows (替代料, by priority): scanning it issues the substitute for what
 * the component's stock lacks (the quantity is the component's; × ratio of the substitute is
 * posted). Confirmed lines are posted as one issue to the task order. The other mode of one order, 齐套领料 (kit by N sets), is a tab away
 * (pages/shopfloor/kit).
 */
export default function PickPage() {
  const no = usePageParams().no ?? '';
  const [order, setOrder] = useState<TaskOrderView>();
  /** Skip-level: only the needs under this phantom (undefined: the whole order). */
  const [phantom, setPhantom] = useState<string>();
  const [lines, setLines] = useState<PickLine[]>([]);
  const [items, setItems] = useState<Record<string, Item>>({});
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [located, setLocated] = useState<Record<string, boolean>>({});
  const [current, setCurrent] = useState<string>();
  const [scanError, setScanError] = useState<string>();
  /** The line a scan of its label jumped to (said under the scan box). */
  const [jumped, setJumped] = useState<string>();
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  /** The scanned lines' quantity errors, by line key. */
  const qtyErrors = useFieldErrors();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const keys = useRef(new SubmitKeys());

  const load = useCallback(
    async (scope: string | undefined) => {
      try {
        const [progress, picks, locations] = await Promise.all([
          getTaskOrder(no),
          pickList(no, scope),
          scanLocations(),
        ]);
        const list = pickLines(picks, { substitutes: true });
        const known = await itemsByCode(list.map((l) => l.item));
        setOrder(progress);
        setLines(list);
        setWarehouses(locations);
        setItems(known);
        setError(undefined);
      } catch (err) {
        setError((err as Error).message);
      }
    },
    [no],
  );
  usePageShow(() => void load(phantom));

  const chooseScope = (p: string | undefined) => {
    setPhantom(p);
    setPicked({});
    qtyErrors.reset();
    setLocated({});
    setCurrent(undefined);
    setDone(undefined);
    void load(p);
  };

  /**
   * A scan for the chosen line: its location or its item. Another line's item label jumps to
   * that line (the clerk took that item first): it becomes the chosen line, confirmed, and is
   * scrolled into view. True when accepted.
   */
  const onScan = (value: string): boolean => {
    setDone(undefined);
    setJumped(undefined);
    const line = lines.find((l) => l.key === current);
    const scan = line ? scanPickLine(value, line, lines, items, warehouses) : undefined;
    if (line && scan?.ok) {
      setScanError(undefined);
      if (scan.confirms === 'location') setLocated((l) => ({ ...l, [line.key]: true }));
      else setPicked((p) => ({ ...p, [line.key]: p[line.key] ?? defaultPickQty(line) }));
      return true;
    }
    const other = lineOfScan(value, lines, items, current, new Set(Object.keys(picked)));
    if (other) {
      setScanError(undefined);
      setCurrent(other.key);
      setPicked((p) => ({ ...p, [other.key]: p[other.key] ?? defaultPickQty(other) }));
      setJumped(`已跳到 ${other.item} ${items[other.item]?.name ?? ''}`.trim());
      // After the render that marks it, so the row is where it will stay.
      setTimeout(() => scrollToId(pickRowId('pick', other.key)), 0);
      return true;
    }
    setScanError(scan && !scan.ok ? scan.message : '请先选择要领的物料');
    return false;
  };

  const submit = async () => {
    setError(undefined);
    const wrong = takenErrors(lines, picked, (item) => items[item]?.precision);
    if (Object.keys(wrong).length) return qtyErrors.show(wrong);
    const chosen = issueLines(lines, picked);
    if (!chosen.length) {
      setError('请先点选物料并扫码，确认要领的物料和数量');
      return qtyErrors.show();
    }
    const body = {
      date: isoDate(new Date()),
      note: `生产任务单 ${no} 扫码领料${phantom ? `（虚拟件 ${phantom}）` : ''}`,
      ...(phantom ? { phantom } : {}),
      lines: chosen,
    };
    setBusy(true);
    setError(undefined);
    try {
      const result = await submitWithKey(keys.current, `pick:${no}`, body, (key) =>
        issueToTaskOrder(no, body, key),
      );
      setDone(result.documents.join('、'));
      setPicked({});
      setLocated({});
      setCurrent(undefined);
      toast('领料已过账', 'success');
      await load(phantom);
    } catch (err) {
      setError((err as Error).message);
      qtyErrors.show();
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page" data-testid="pick-page">
      <PickModeTabs no={no} current="pick" />
      <OrderHeader testId="pick" order={order} />
      <PhantomScope
        testId="pick"
        phantoms={order ? phantomsOf(order.needs) : []}
        value={phantom}
        onChange={chooseScope}
      />
      <ScanBox
        testId="pick"
        hint={current ? `当前物料：${current}` : '请先点选要领的物料'}
        error={scanError}
        onScan={onScan}
      />
      {jumped ? (
        <View className="banner-warn" data-testid="pick-jumped">
          {jumped}
        </View>
      ) : null}
      <View className="card" data-testid="pick-lines">
        {lines.length === 0 ? (
          <View className="muted" data-testid="pick-empty">
            没有待领的物料
          </View>
        ) : null}
        {lines.map((l) => (
          <PickLineRow
            key={l.key}
            testId="pick"
            line={l}
            name={items[l.item]?.name}
            unit={items[l.item]?.unit}
            warehouse={warehouseOf(l.warehouse, warehouses)}
            openLabel={l.substituteFor ? '可替代' : '待领'}
            active={current === l.key}
            located={!!located[l.key]}
            taken={picked[l.key]}
            takenError={qtyErrors.errors[l.key]}
            {...(l.location ? { location: l.location } : {})}
            onTap={() => {
              setCurrent(l.key);
              setScanError(undefined);
              setJumped(undefined);
            }}
            onTaken={(qty) => {
              qtyErrors.clear(l.key);
              setPicked((p) => ({ ...p, [l.key]: qty }));
            }}
          >
            {l.substituteFor ? (
              <View className="muted" data-testid={`pick-line-${l.key}-substitute`}>
                替代料：代替 {l.substituteFor}（每 1 用 {l.ratio}）
                {isPositiveDecimal(picked[l.key] ?? '')
                  ? ` · 代替 ${picked[l.key]!.trim()}，发 ${l.item} ${substituteQty(
                      picked[l.key]!.trim(),
                      l.ratio ?? '1',
                      items[l.item]?.precision ?? 0,
                    )}`
                  : ''}
              </View>
            ) : null}
          </PickLineRow>
        ))}
      </View>
      <ErrorBanner messages={error ? [error] : []} />
      {done ? (
        <View className="card" data-testid="pick-done">
          领料单 {done} 已过账
        </View>
      ) : null}
      <Button
        className="btn btn-primary"
        data-testid="pick-submit"
        disabled={busy}
        onClick={() => void submit()}
      >
        确认领料
      </Button>
    </View>
  );
}
