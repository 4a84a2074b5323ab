import type { Item, PickList, Warehouse } from '@factory/shared';
import { Button, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import { scanLocations } from '../../../api/masterData';
import { itemsByCode, mergedPick, pickList } from '../../../api/shopfloor';
import { ErrorBanner } from '../../../components/Field';
import { PickLineRow, pickRowId } from '../../../components/PickLineRow';
import { ScanBox } from '../../../components/ScanBox';
import { isoDate } from '../../../lib/dates';
import { qtyWithUnit } from '../../../lib/format';
import { warehouseOf } from '../../../lib/labels';
import {
  defaultPickQty,
  postedByOrder,
  mergedOrders,
  nextLine,
  pickLines,
  takenErrors,
  takenLines,
  type PickLine,
} from '../../../lib/pickList';
import { lineOfScan, scanPickLine } from '../../../lib/scanMatch';
import { SubmitKeys } from '../../../lib/submitKey';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { submitWithKey } from '../../../lib/submitWithKey';
import { replaceWith, toast, usePageParams, usePageShow } from '../../../platform/nav';
import { scrollToId } from '../../../platform/scroll';

type Posted = { documents: string[]; issued: ReturnType<typeof postedByOrder> };

/**
 * 合并拣货: several task orders picked in one walk. The server's pick list sums each item per
 * warehouse over the orders and keeps each order's share. The clerk goes down the list and
 * scans each item's label (a wrong item is refused; a location label confirms the line's
 * warehouse, another warehouse's is refused). Each scanned line offers what is open, at most
 * what is in stock, and can be lowered; the scanned lines are posted once (one stock
 * document; the server shares each line out over the orders by priority) with one
 * Idempotency-Key, so a retry after a timeout cannot post twice. Lines not scanned stay on
 * the list.
 */
export default function MergedPickPage() {
  const orders = mergedOrders(usePageParams().orders);
  const ordersKey = orders.join(',');
  const [lines, setLines] = useState<PickLine[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [items, setItems] = useState<Record<string, Item>>({});
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [located, setLocated] = useState<Set<string>>(new Set());
  /** Confirmed lines (scanned) and the quantity taken of each. */
  const [taken, setTaken] = useState<Record<string, string>>({});
  const [chosen, setChosen] = useState<string>();
  const [scanError, setScanError] = useState<string>();
  /** The line a scan of another line's label jumped to (said under the scan box). */
  const [jumped, setJumped] = useState<{ key: string; text: string }>();
  const [error, setError] = useState<string>();
  /** The scanned lines' quantity errors, by line key. */
  const qtyErrors = useFieldErrors();
  const [posted, setPosted] = useState<Posted>();
  const [busy, setBusy] = useState(false);
  const keys = useRef(new SubmitKeys());

  const load = useCallback(async () => {
    // Opened without orders (a bookmark, a back step): the page says so and leads to the list.
    if (!ordersKey) return;
    try {
      const list: PickList = await pickList(ordersKey);
      const next = pickLines(list);
      const [known, locations] = await Promise.all([
        itemsByCode(next.map((l) => l.item)),
        scanLocations(),
      ]);
      setLines(next);
      setWarehouses(locations);
      // Kept across reloads: the result of a pick names items no longer on the list.
      setItems((had) => ({ ...had, ...known }));
      setLoaded(true);
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [ordersKey]);
  usePageShow(() => void load());

  const confirmed = new Set(Object.keys(taken));
  const current = nextLine(lines, confirmed, chosen);
  const left = lines.filter((l) => !confirmed.has(l.key)).length;
  /**
   * A scan for the current line: its location or its item. Another line's item label jumps
   * to that line (the clerk took that item first): it is confirmed, marked and scrolled into
   * view. True when accepted.
   */
  const onScan = (value: string): boolean => {
    setJumped(undefined);
    const scan = current ? scanPickLine(value, current, lines, items, warehouses) : undefined;
    if (current && scan?.ok) {
      setScanError(undefined);
      if (scan.confirms === 'location') setLocated((l) => new Set(l).add(current.key));
      else {
        setChosen(undefined);
        setTaken((t) => ({ ...t, [current.key]: defaultPickQty(current) }));
      }
      return true;
    }
    const other = lineOfScan(value, lines, items, current?.key, confirmed);
    if (other) {
      setScanError(undefined);
      setChosen(undefined);
      setTaken((t) => ({ ...t, [other.key]: t[other.key] ?? defaultPickQty(other) }));
      setJumped({
        key: other.key,
        text: `已跳到 ${other.item} ${items[other.item]?.name ?? ''}`.trim(),
      });
      setTimeout(() => scrollToId(pickRowId('merged', other.key)), 0);
      return true;
    }
    setScanError(scan && !scan.ok ? scan.message : '所有物料都已扫码确认');
    return false;
  };

  const submit = async () => {
    setError(undefined);
    if (!lines.length) {
      setError('没有待领的物料');
      return qtyErrors.show();
    }
    const wrong = takenErrors(lines, taken, (item) => items[item]?.precision);
    if (Object.keys(wrong).length) return qtyErrors.show(wrong);
    const picked = takenLines(lines, taken);
    if (!picked.length) {
      setError('请先扫码确认要领的物料和数量');
      return qtyErrors.show();
    }
    const body = {
      orders,
      date: isoDate(new Date()),
      note: `合并拣货：${orders.join('、')}`,
      lines: picked,
    };
    setBusy(true);
    setError(undefined);
    try {
      const result = await submitWithKey(keys.current, `merged:${ordersKey}`, body, (key) =>
        mergedPick(body, key),
      );
      setPosted({ documents: result.documents, issued: postedByOrder(orders, result.posted) });
      setJumped(undefined);
      setTaken({});
      setLocated(new Set());
      toast('合并拣货已过账', 'success');
      await load();
    } catch (err) {
      setError((err as Error).message);
      qtyErrors.show();
    } finally {
      setBusy(false);
    }
  };

  if (!orders.length) {
    return (
      <View className="page" data-testid="merged-page">
        <View className="card" data-testid="merged-no-orders">
          <View className="title">合并拣货</View>
          <View>还没有选择生产任务单。请在生产任务单列表中点选至少 2 张，再开始合并拣货。</View>
          <Button
            className="btn btn-primary"
            data-testid="merged-choose"
            onClick={() => replaceWith('taskOrders', { mode: 'merge' })}
          >
            去选择生产任务单
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className="page" data-testid="merged-page">
      <View className="card">
        <View className="title">合并拣货（{orders.length} 张生产任务单）</View>
        <View className="muted" data-testid="merged-orders">
          {orders.join('、')}
        </View>
      </View>
      <ScanBox
        testId="merged"
        hint={
          current
            ? `当前物料：${items[current.item]?.name ?? ''} ${current.item}（仓库 ${warehouseOf(current.warehouse, warehouses)}${current.location ? ` · 库位 ${current.location}` : ''}）`
            : lines.length
              ? '全部物料已扫码确认，请确认合并拣货'
              : '没有待领的物料'
        }
        error={scanError}
        onScan={onScan}
      />
      {jumped ? (
        <View className="banner-warn" data-testid="merged-jumped">
          {jumped.text}
        </View>
      ) : null}
      <View className="card" data-testid="merged-lines">
        {lines.length ? (
          <View className="muted" data-testid="merged-progress">
            已扫码 {lines.length - left} / {lines.length} 种物料
          </View>
        ) : null}
        {loaded && lines.length === 0 ? (
          <View className="muted" data-testid="merged-empty">
            没有待领的物料
          </View>
        ) : null}
        {lines.map((l) => (
          <PickLineRow
            key={l.key}
            testId="merged"
            line={l}
            name={items[l.item]?.name}
            unit={items[l.item]?.unit}
            warehouse={warehouseOf(l.warehouse, warehouses)}
            openLabel="合计"
            active={jumped ? jumped.key === l.key : current?.key === l.key}
            located={located.has(l.key)}
            taken={taken[l.key]}
            takenError={qtyErrors.errors[l.key]}
            {...(l.location ? { location: l.location } : {})}
            onTap={() => {
              if (confirmed.has(l.key)) return;
              setJumped(undefined);
              setChosen(l.key);
              setScanError(undefined);
            }}
            onTaken={(qty) => {
              qtyErrors.clear(l.key);
              setTaken((t) => ({ ...t, [l.key]: qty }));
            }}
          >
            <View className="muted" data-testid={`merged-line-${l.key}-shares`}>
              {l.shares
                .map((s) => `${s.order} ${qtyWithUnit(s.qty, items[l.item]?.unit)}`)
                .join(' · ')}
            </View>
          </PickLineRow>
        ))}
      </View>
      <ErrorBanner messages={error ? [error] : []} />
      {posted ? (
        <View className="card" data-testid="merged-done">
          <View className="title">领料单 {posted.documents.join('、')} 已过账</View>
          {posted.issued.map((o) => (
            <View key={o.order} className="list-item" data-testid={`merged-done-${o.order}`}>
              <View>{o.order} 本次领料</View>
              {o.lines.length === 0 ? <View className="muted">本次未领</View> : null}
              {o.lines.map((i) => (
                <View
                  key={`${i.item}@${i.warehouse}`}
                  className="muted"
                  data-testid={`merged-done-${o.order}-${i.item}`}
                >
                  {items[i.item]?.name ?? ''} {i.item} {qtyWithUnit(i.qty, items[i.item]?.unit)}
                </View>
              ))}
            </View>
          ))}
        </View>
      ) : null}
      <Button
        className="btn btn-primary"
        data-testid="merged-submit"
        disabled={busy || !lines.length}
        onClick={() => void submit()}
      >
        确认合并拣货
      </Button>
    </View>
  );
}
