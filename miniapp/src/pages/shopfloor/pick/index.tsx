import type { Item, TaskOrderProgress } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import { getItem, issueToTaskOrder, pickList, taskOrderProgress } from '../../../api/shopfloor';
import { ErrorBanner } from '../../../components/Field';
import { PickModeTabs } from '../../../components/PickModeTabs';
import { isoDate } from '../../../lib/dates';
import { isPositiveDecimal } from '../../../lib/decimal';
import { defaultPickQty, pickLines, type PickLine } from '../../../lib/pickList';
import { checkScan } from '../../../lib/scanMatch';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import { toast, usePageParams, usePageShow } from '../../../platform/nav';
import { canScan, scanBarcode } from '../../../platform/scan';

/**
 * 扫码领料: the task order's pick list from the server (its remaining hand-issued needs per
 * item and warehouse, phantoms expanded, backflushed parts left to the production receipt,
 * with stock). Tap a line, scan its label (WeCom: camera; H5: type the barcode into
 * 扫码/输入条码): the item's barcode or, for items without one, its item code. A scan of
 * another item is refused. Confirmed lines are posted as one issue to the task order. The
 * other mode of one order, 按套发料 (kit by N sets), is a tab away (pages/shopfloor/kit).
 */
export default function PickPage() {
  const no = usePageParams().no ?? '';
  const [order, setOrder] = useState<TaskOrderProgress>();
  const [lines, setLines] = useState<PickLine[]>([]);
  const [items, setItems] = useState<Record<string, Item>>({});
  const [current, setCurrent] = useState<string>();
  const [code, setCode] = useState('');
  const [scanError, setScanError] = useState<string>();
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const keys = useRef(new SubmitKeys());

  const load = useCallback(async () => {
    try {
      const [progress, picks] = await Promise.all([
        taskOrderProgress(no).then((p) => p.taskOrder),
        pickList(no),
      ]);
      const list = pickLines(picks);
      const found = await Promise.all(list.map((l) => getItem(l.item).catch(() => undefined)));
      setOrder(progress);
      setLines(list);
      setItems(Object.fromEntries(found.filter((i) => !!i).map((i) => [i.code, i])));
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [no]);
  usePageShow(() => void load());

  const target = (code: string) => ({
    item: code,
    ...(items[code]?.name ? { name: items[code].name } : {}),
    ...(items[code]?.barcode ? { barcode: items[code].barcode } : {}),
  });

  const confirmScan = (value: string) => {
    setDone(undefined);
    const line = lines.find((l) => l.key === current);
    if (!line) return setScanError('请先选择要领的物料');
    const result = checkScan(
      value,
      target(line.item),
      lines.map((l) => target(l.item)),
    );
    if (!result.ok) return setScanError(result.message);
    setScanError(undefined);
    setCode('');
    setPicked((p) => ({ ...p, [line.key]: p[line.key] ?? defaultPickQty(line) }));
  };

  const scanWithCamera = async () => {
    const value = await scanBarcode();
    if (value) confirmScan(value);
  };

  const submit = async () => {
    const chosen = lines.filter((l) => isPositiveDecimal(picked[l.key] ?? ''));
    if (!chosen.length) return setError('请先扫码确认要领的物料和数量');
    const body = {
      date: isoDate(new Date()),
      note: `任务单 ${no} 扫码领料`,
      lines: chosen.map((l) => ({
        item: l.item,
        warehouse: l.warehouse,
        qty: picked[l.key]!.trim(),
      })),
    };
    setBusy(true);
    setError(undefined);
    try {
      const result = await submitWithKey(keys.current, `pick:${no}`, body, (key) =>
        issueToTaskOrder(no, body, key),
      );
      setDone(result.documents.join('、'));
      setPicked({});
      setCurrent(undefined);
      toast('领料已过账', 'success');
      await load();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page" data-testid="pick-page">
      <PickModeTabs no={no} current="pick" />
      {order ? (
        <View className="card">
          <View className="title" data-testid="pick-order">
            {order.no}
          </View>
          <View className="muted">
            {order.item} × {order.qty}
          </View>
        </View>
      ) : null}
      <View className="card">
        <View className="label">扫码/输入条码</View>
        <View className="muted" data-testid="pick-current">
          {current ? `当前物料：${current}` : '请先点选要领的物料'}
        </View>
        <Input
          className={`input${scanError ? ' input-error' : ''}`}
          data-testid="pick-scan-input"
          placeholder="扫码/输入条码"
          value={code}
          onInput={(e) => setCode(e.detail.value)}
          onConfirm={() => confirmScan(code)}
        />
        {scanError ? (
          <Text className="field-error" data-testid="pick-scan-error">
            {scanError}
          </Text>
        ) : null}
        <View className="btn-row">
          {canScan() ? (
            <Button className="btn" data-testid="pick-scan-camera" onClick={scanWithCamera}>
              扫码
            </Button>
          ) : null}
          <Button className="btn" data-testid="pick-scan-confirm" onClick={() => confirmScan(code)}>
            确认条码
          </Button>
        </View>
      </View>
      <View className="card" data-testid="pick-lines">
        {lines.length === 0 ? (
          <View className="muted" data-testid="pick-empty">
            没有待领的物料
          </View>
        ) : null}
        {lines.map((l) => (
          <View
            key={l.key}
            className={`list-item${current === l.key ? ' tab-active' : ''}`}
            data-testid={`pick-line-${l.key}`}
            onClick={() => {
              setCurrent(l.key);
              setScanError(undefined);
            }}
          >
            <View className="row">
              <Text>
                {l.item} {items[l.item]?.name ?? ''}
              </Text>
              {picked[l.key] !== undefined ? (
                <View className="tag tag-confirmed" data-testid={`pick-line-${l.key}-ok`}>
                  已扫码
                </View>
              ) : null}
            </View>
            <View className="muted" data-testid={`pick-line-${l.key}-qty`}>
              仓库 {l.warehouse}
              {l.source ? ` · ${l.source}` : ''} · 待领 {l.open} · 库存 {l.available}
            </View>
            {picked[l.key] !== undefined ? (
              <Input
                className="input"
                data-testid={`pick-line-${l.key}-pick`}
                type="digit"
                value={picked[l.key]}
                onInput={(e) => setPicked((p) => ({ ...p, [l.key]: e.detail.value }))}
              />
            ) : null}
          </View>
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
