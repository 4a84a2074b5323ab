import type { Item, PickList, TaskOrderView } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import { itemsByCode, getTaskOrder, issueToTaskOrder, pickList } from '../../../api/shopfloor';
import { OrderHeader } from '../../../components/OrderHeader';
import { PhantomScope } from '../../../components/PhantomScope';
import { ErrorBanner } from '../../../components/Field';
import { PickModeTabs } from '../../../components/PickModeTabs';
import { isoDate } from '../../../lib/dates';
import { qtyWithUnit } from '../../../lib/format';
import { warehouseName } from '../../../lib/labels';
import {
  checkSets,
  kitRefusal,
  kitRows,
  phantomsOf,
  zeroSetReasons,
  type KitRefusal,
} from '../../../lib/kit';
import { SubmitKeys } from '../../../lib/submitKey';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { submitWithKey } from '../../../lib/submitWithKey';
import { toast, usePageParams, usePageShow } from '../../../platform/nav';
import type { ApiError } from '../../../platform/request';

/**
 * 齐套领料: issue N whole sets to one task order. The server's pick list says per component
 * what one set needs and how many sets stock allows (最多 X 套); the page shows what N sets
 * issue per component (N × per set, rounded up to the unit, at most what remains) and posts
 * `sets`. Optionally skip-level (跨级): only the components under one phantom. Above what
 * stock allows the server refuses (409 issue.kitExceedsStock); the page says how many sets
 * stock allows and offers that number.
 */
export default function KitIssuePage() {
  const no = usePageParams().no ?? '';
  const [order, setOrder] = useState<TaskOrderView>();
  const [list, setList] = useState<PickList>();
  const [items, setItems] = useState<Record<string, Item>>({});
  const [phantom, setPhantom] = useState<string>();
  const [sets, setSets] = useState('');
  const [refusal, setRefusal] = useState<KitRefusal>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  /** A submit was pressed: the field's check is shown even while it is blank. */
  const [tried, setTried] = useState(false);
  /** Brings the sets' error or the refusal into view after a failed submit. */
  const errors = useFieldErrors();
  const keys = useRef(new SubmitKeys());

  const load = useCallback(
    async (scope: string | undefined) => {
      try {
        const [o, picks] = await Promise.all([getTaskOrder(no), pickList(no, scope)]);
        const found = await itemsByCode((picks.kit?.components ?? []).map((c) => c.item));
        setOrder(o);
        setList(picks);
        setItems((known) => ({ ...known, ...found }));
        setError(undefined);
      } catch (err) {
        setError((err as Error).message);
      }
    },
    [no],
  );
  usePageShow(() => void load(phantom));

  const choosePhantom = (p: string | undefined) => {
    setPhantom(p);
    setRefusal(undefined);
    setDone(undefined);
    void load(p);
  };

  const kit = list?.kit;
  const rows = list ? kitRows(list, sets, (item) => items[item]?.precision) : [];
  const check = checkSets(sets, kit);
  const zeroSets = zeroSetReasons(
    kit,
    (item) => (items[item]?.name ? `${items[item].name} ${item}` : item),
    (item, q) => qtyWithUnit(q, items[item]?.unit),
  );
  const phantoms = order ? phantomsOf(order.needs) : [];

  const submit = async () => {
    setDone(undefined);
    setTried(true);
    if (check.error) {
      setRefusal(undefined);
      return errors.show();
    }
    const body = {
      date: isoDate(new Date()),
      sets: sets.trim(),
      ...(phantom ? { phantom } : {}),
      note: `生产任务单 ${no} 齐套领料 ${sets.trim()} 套${phantom ? `（虚拟件 ${phantom}）` : ''}`,
    };
    setBusy(true);
    setError(undefined);
    setRefusal(undefined);
    try {
      const result = await submitWithKey(keys.current, `kit:${no}`, body, (key) =>
        issueToTaskOrder(no, body, key),
      );
      setDone(`领料单 ${result.documents.join('、')} 已过账（${body.sets} 套）`);
      setSets('');
      setTried(false);
      toast('齐套领料已过账', 'success');
      await load(phantom);
    } catch (err) {
      const refused = kitRefusal(err as ApiError);
      if (refused) {
        setRefusal(refused);
        // Stock moved since the page loaded: show the sets it allows now.
        await load(phantom);
      } else setError((err as Error).message);
      // The refusal stands above the rows, out of sight of the button pressed.
      errors.show();
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page" data-testid="kit-page">
      <PickModeTabs no={no} current="kitIssue" />
      <OrderHeader testId="kit" order={order} />
      <PhantomScope testId="kit" phantoms={phantoms} value={phantom} onChange={choosePhantom} />
      <View className="card field">
        <View className="label">套数</View>
        <View className="muted" data-testid="kit-limits">
          {kit?.components.length
            ? `库存最多可配 ${kit.maxSets} 套 · 剩余需求 ${kit.remainingSets} 套`
            : list
              ? '没有可齐套领料的物料'
              : '加载中…'}
        </View>
        <Input
          className={`input${check.error && sets ? ' input-error' : ''}`}
          data-testid="kit-sets"
          type="digit"
          placeholder="输入套数"
          value={sets}
          onInput={(e) => {
            setSets(e.detail.value);
            setDone(undefined);
          }}
        />
        {(sets || tried) && (check.error || check.warning) ? (
          <Text className={check.error ? 'field-error' : 'field-warn'} data-testid="kit-sets-check">
            {check.error ?? check.warning}
          </Text>
        ) : null}
        {kit && zeroSets.length === 0 ? (
          <Button className="btn" data-testid="kit-max" onClick={() => setSets(kit.maxSets)}>
            最多 {kit.maxSets} 套
          </Button>
        ) : null}
        {zeroSets.length ? (
          <View className="banner-warn" data-testid="kit-zero">
            <View>库存不足一套，暂不能齐套领料。缺料：</View>
            {zeroSets.map((z) => (
              <View key={z.item} data-testid={`kit-zero-${z.item}`}>
                {z.text}
              </View>
            ))}
          </View>
        ) : null}
      </View>
      {refusal ? (
        <View className="banner-error" data-testid="kit-refusal">
          <View data-testid="kit-refusal-message">{refusal.message}</View>
          {refusal.limiting.map((l) => (
            <View key={l} className="muted">
              {l}
            </View>
          ))}
          {refusal.sets ? (
            <Button
              className="btn"
              data-testid="kit-refusal-use"
              onClick={() => {
                setSets(refusal.sets!);
                setRefusal(undefined);
              }}
            >
              改为 {refusal.sets} 套
            </Button>
          ) : null}
        </View>
      ) : null}
      <View className="card" data-testid="kit-rows">
        <View className="title">每套用量与本次领料</View>
        {rows.map((r) => (
          <View key={r.key} className="list-item" data-testid={`kit-row-${r.key}`}>
            <View className="row">
              <Text>
                {items[r.item]?.name ?? r.item} <Text className="muted">{r.item}</Text>
              </Text>
              {r.short ? <View className="tag tag-rejected">库存不足</View> : null}
            </View>
            <View className="muted">
              仓库 {warehouseName(r.warehouse, order?.labels)}
              {r.source ? ` · ${r.source}` : ''} · 每套 {qtyWithUnit(r.perSet, items[r.item]?.unit)}{' '}
              · 库存 {qtyWithUnit(r.available, items[r.item]?.unit)}（够 {r.sets} 套）· 待领{' '}
              {qtyWithUnit(r.open, items[r.item]?.unit)}
            </View>
            <View data-testid={`kit-row-${r.key}-issue`}>
              本次领料 {r.issue === undefined ? '—' : qtyWithUnit(r.issue, items[r.item]?.unit)}
            </View>
          </View>
        ))}
      </View>
      <ErrorBanner messages={error ? [error] : []} />
      {done ? (
        <View className="card" data-testid="kit-done">
          {done}
        </View>
      ) : null}
      <Button
        className="btn btn-primary"
        data-testid="kit-submit"
        disabled={busy || !kit}
        onClick={() => void submit()}
      >
        确认齐套领料
      </Button>
    </View>
  );
}
