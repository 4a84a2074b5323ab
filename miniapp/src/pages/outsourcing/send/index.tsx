import type {
  Item,
  OutsourcingComponent,
  OutsourcingSendCreate,
  OutsourcingTransfer,
  Warehouse,
} from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { listWarehouses } from '../../../api/masterData';
import { sendToSubcontractor } from '../../../api/outsourcing';
import { itemsByCode } from '../../../api/shopfloor';
import { ErrorBanner, Field } from '../../../components/Field';
import { ScanBox } from '../../../components/ScanBox';
import { qtyWithUnit } from '../../../lib/format';
import { isoDate } from '../../../lib/dates';
import { compareDecimal, isPositiveDecimal } from '../../../lib/decimal';
import { toFieldErrors, unplacedErrors } from '../../../lib/fieldErrors';
import { kitSendQty, needKey, openNeeds, toSend } from '../../../lib/outsourcing';
import { checkLocationScan, matchesItem } from '../../../lib/scanMatch';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { toast, usePageParams } from '../../../platform/nav';
import { ApiError } from '../../../platform/request';
import { codeNames, namedErrors, OrderSummary, useNames, useScannedOrder } from '../shared';
import { nameCodes } from '../../../lib/outsourcing';

type Mode = OutsourcingSendCreate['mode'];
const MODES: { mode: Mode; label: string }[] = [
  { mode: 'standard', label: '标准发料' },
  { mode: 'kit', label: '配套发料' },
  { mode: 'supplementary', label: '补料' },
];

/**
 * 委外发料 by scan: scan (or open) the order, choose the mode (the rest of every need; N whole
 * sets; a supplementary send with its reason), scan each component's label (its warehouse's
 * label confirms the location), post once with an Idempotency-Key. The transfer document shows
 * after it; what the API refuses shows under its field (the subcontractor's warehouse, sets,
 * reason, a line's quantity) or in the banner.
 */
export default function OutsourcingSendPage() {
  const params = usePageParams();
  const { order, setOrder, open } = useScannedOrder(params.no);
  const names = useNames();
  const [mode, setMode] = useState<Mode>('standard');
  const [sets, setSets] = useState('');
  const [reason, setReason] = useState('');
  const [extra, setExtra] = useState<Record<string, string>>({});
  const [scanned, setScanned] = useState<Set<string>>(new Set());
  const [located, setLocated] = useState<Set<string>>(new Set());
  const [items, setItems] = useState<Record<string, Item>>({});
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [to, setTo] = useState<string>();
  const [scanError, setScanError] = useState<string>();
  const { errors, show, clear, reset } = useFieldErrors();
  const [banner, setBanner] = useState<string[]>([]);
  const [result, setResult] = useState<OutsourcingTransfer>();
  const [busy, setBusy] = useState(false);
  const keys = useRef(new SubmitKeys());

  useEffect(() => {
    listWarehouses()
      .then((p) => setWarehouses(p.items.filter((w) => w.active)))
      .catch(() => undefined);
  }, []);
  const orderNo = order?.no;
  useEffect(() => {
    if (!order) return;
    void itemsByCode(order.components.map((c) => c.item)).then((found) =>
      setItems((known) => ({ ...known, ...found })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [orderNo]);
  const subWarehouses = warehouses.filter((w) => w.kind === 'subcontractor');
  useEffect(() => {
    if (!order || to) return;
    const own =
      order.subcontractorWarehouse ??
      subWarehouses.find((w) => w.partner === order.subcontractor)?.code;
    if (own) setTo(own);
  }, [order, to, subWarehouses]);

  /** The rows this mode sends, with what each sends (undefined while unknown). */
  const rows: { c: OutsourcingComponent; qty?: string }[] = !order
    ? []
    : mode === 'standard'
      ? openNeeds(order).map((c) => ({ c, qty: toSend(c) }))
      : mode === 'kit'
        ? openNeeds(order).map((c) => ({ c, qty: kitSendQty(c, sets, items[c.item]?.precision) }))
        : order.components.map((c) => ({ c, qty: extra[needKey(c)]?.trim() || undefined }));
  const sending = rows.filter((r) => r.qty !== undefined && compareDecimal(r.qty, '0') > 0);
  // Supplementary: only the lines given a quantity are scanned.
  const current = (mode === 'supplementary' ? sending : rows).find(
    (r) => !scanned.has(needKey(r.c)),
  );

  /** Another order or mode: nothing scanned, nothing said yet. */
  const restart = () => {
    setScanned(new Set());
    setLocated(new Set());
    reset();
    setBanner([]);
  };

  const onScan = (raw: string): boolean => {
    const value = raw.trim();
    setScanError(undefined);
    if (!order) {
      void open(value).then((message) => {
        setScanError(message);
        if (!message) {
          setResult(undefined);
          restart();
        }
      });
      return true;
    }
    if (!value) {
      setScanError('请扫描物料或库位条码');
      return false;
    }
    const row = rows.find((r) =>
      matchesItem(value, {
        item: r.c.item,
        ...(items[r.c.item]?.barcode ? { barcode: items[r.c.item]!.barcode } : {}),
      }),
    );
    if (row) {
      setScanned((s) => new Set(s).add(needKey(row.c)));
      return true;
    }
    if (current) {
      const loc = checkLocationScan(value, current.c.warehouse, warehouses);
      if (loc?.ok) {
        setLocated((s) => new Set(s).add(needKey(current.c)));
        return true;
      }
      if (loc) {
        setScanError(loc.message.replace('领料', '发料'));
        return false;
      }
    }
    setScanError(`条码 ${value} 不是本委外订单的用料`);
    return false;
  };

  const submit = async () => {
    if (!order) return;
    reset();
    setBanner([]);
    // The last scan's complaint is stale: the submit's own errors are what comes into view.
    setScanError(undefined);
    const unscanned = sending.filter((r) => !scanned.has(needKey(r.c)));
    if (mode === 'kit' && !isPositiveDecimal(sets.trim()))
      return show({ sets: '请填写大于 0 的套数' });
    // No single field to point at (the rows to send, the labels to scan): said in the banner.
    const refusal = !sending.length
      ? '没有要发的物料'
      : unscanned.length
        ? `请先扫码确认：${unscanned.map((r) => r.c.itemName ?? r.c.item).join('、')}`
        : undefined;
    if (refusal) {
      setBanner([refusal]);
      return show();
    }
    const body: OutsourcingSendCreate = {
      mode,
      date: isoDate(new Date()),
      ...(to ? { toWarehouse: to } : {}),
      ...(mode === 'kit' ? { sets: sets.trim() } : {}),
      ...(mode === 'supplementary'
        ? {
            lines: sending.map((r) => ({ item: r.c.item, qty: r.qty!, warehouse: r.c.warehouse })),
            reason: reason.trim(),
          }
        : {}),
    };
    setBusy(true);
    try {
      const r = await submitWithKey(keys.current, `os-send:${order.no}`, body, (key) =>
        sendToSubcontractor(order.no, body, key),
      );
      setResult(r);
      setOrder(r.outsourcingOrder.status === 'open' ? r.outsourcingOrder : undefined);
      setSets('');
      setExtra({});
      setReason('');
      restart();
      toast('发料已过账', 'success');
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        const named = codeNames(order, names.warehouses);
        const fe = namedErrors(toFieldErrors(err.issues), named);
        show(fe);
        const shown = (k: string) =>
          k === 'toWarehouse' || k === 'sets' || k === 'reason' || /^lines\.\d+\.qty$/.test(k);
        // The rest in the user's words (the mode, the date, a line's item).
        setBanner([err.message, ...unplacedErrors(fe, shown)]);
      } else {
        setBanner([
          nameCodes((err as Error).message, codeNames(order, names.warehouses)) || '操作失败',
        ]);
        show();
      }
    } finally {
      setBusy(false);
    }
  };

  /**
   * A supplementary quantity typed: the errors are by the line's place among those sent, so a
   * line joining or leaving them moves the others and all the lines' errors go.
   */
  const setExtraQty = (c: OutsourcingComponent, value: string) => {
    const i = sending.findIndex((r) => r.c === c);
    const stays = i >= 0 && isPositiveDecimal(value.trim());
    setExtra((x) => ({ ...x, [needKey(c)]: value }));
    clear(stays ? `lines.${i}.qty` : 'lines');
  };

  const lineError = (c: OutsourcingComponent) => {
    const i = sending.findIndex((r) => r.c === c);
    return i >= 0 && mode === 'supplementary' ? errors[`lines.${i}.qty`] : undefined;
  };

  return (
    <View className="page" data-testid="os-send-page">
      <ScanBox
        testId="os-send"
        hint={
          !order
            ? '扫描委外订单号'
            : current
              ? `请扫 ${current.c.itemName ?? current.c.item}（${names.warehouse(current.c.warehouse)}）`
              : '已全部扫码，可确认发料'
        }
        error={scanError}
        onScan={onScan}
      />
      {order ? (
        <>
          <OrderSummary order={order} testId="os-send" unit={names.unit} />
          <View className="tabs" data-testid="os-send-modes">
            {MODES.map((m) => (
              <View
                key={m.mode}
                className={`tab${mode === m.mode ? ' tab-active' : ''}`}
                data-testid={`os-send-mode-${m.mode}`}
                onClick={() => {
                  setMode(m.mode);
                  restart();
                }}
              >
                {m.label}
              </View>
            ))}
          </View>
          <View className="card">
            <Field label="发往外协仓" error={errors.toWarehouse} testId="os-send-to">
              <View className="tiles">
                {subWarehouses.map((w) => (
                  <Text
                    key={w.code}
                    className={`tag chip${to === w.code ? '' : ' tag-draft'}`}
                    data-testid={`os-send-to-${w.code}`}
                    onClick={() => {
                      setTo(w.code);
                      clear('toWarehouse');
                    }}
                  >
                    {w.name}
                  </Text>
                ))}
              </View>
            </Field>
            {mode === 'kit' ? (
              <Field label="套数" error={errors.sets} testId="os-send-sets">
                <Input
                  className={`input${errors.sets ? ' input-error' : ''}`}
                  data-testid="os-send-sets"
                  type="digit"
                  placeholder="输入套数"
                  value={sets}
                  onInput={(e) => {
                    setSets(e.detail.value);
                    clear('sets');
                  }}
                />
              </Field>
            ) : null}
            {mode === 'supplementary' ? (
              <Field label="补料原因" error={errors.reason} testId="os-send-reason">
                <Input
                  className={`input${errors.reason ? ' input-error' : ''}`}
                  data-testid="os-send-reason"
                  placeholder="如：外协厂加工报废"
                  value={reason}
                  onInput={(e) => {
                    setReason(e.detail.value);
                    clear('reason');
                  }}
                />
              </Field>
            ) : null}
          </View>
          <View className="card" data-testid="os-send-rows">
            <View className="title">
              本次发料（已扫码 {sending.filter((r) => scanned.has(needKey(r.c))).length} /{' '}
              {sending.length}）
            </View>
            {rows.length === 0 ? <View className="muted">用料已全部发出</View> : null}
            {rows.map(({ c, qty }) => {
              const key = needKey(c);
              const u = names.unit(c.unit);
              return (
                <View
                  key={key}
                  className={`list-item${current?.c === c ? ' list-item-active' : ''}`}
                  data-testid={`os-send-row-${key}`}
                >
                  <View className="row">
                    <Text>{c.itemName ?? c.item}</Text>
                    {scanned.has(key) ? (
                      <Text className="tag tag-confirmed" data-testid={`os-send-row-${key}-ok`}>
                        已扫码
                      </Text>
                    ) : null}
                  </View>
                  <View className="muted">
                    {c.item} · 从 {names.warehouse(c.warehouse)}
                    {located.has(key) ? '（库位已确认）' : ''} · 应发 {qtyWithUnit(c.required, u)} ·
                    已发 {qtyWithUnit(c.sent, u)}
                  </View>
                  {mode === 'supplementary' ? (
                    <Field
                      label={`补料数量（${u}）`}
                      error={lineError(c)}
                      testId={`os-send-row-${key}-qty`}
                    >
                      <Input
                        className={`input${lineError(c) ? ' input-error' : ''}`}
                        data-testid={`os-send-row-${key}-qty`}
                        type="digit"
                        placeholder="数量"
                        value={extra[key] ?? ''}
                        onInput={(e) => setExtraQty(c, e.detail.value)}
                      />
                    </Field>
                  ) : (
                    <View data-testid={`os-send-row-${key}-qty`}>
                      本次发料 {qty ? qtyWithUnit(qty, u) : '—'}
                    </View>
                  )}
                </View>
              );
            })}
          </View>
        </>
      ) : null}
      <ErrorBanner messages={banner} testId="os-send-banner" />
      {result ? (
        <View className="card" data-testid="os-send-done">
          <View className="title" data-testid="os-send-doc">
            调拨单 {result.document.no} 已过账
          </View>
          {result.document.moves
            .filter((m) => compareDecimal(m.qty, '0') > 0)
            .map((m) => {
              const c = result.outsourcingOrder.components.find((x) => x.item === m.item);
              return (
                <View
                  key={`${m.lineNo}-${m.item}`}
                  className="muted"
                  data-testid={`os-send-done-${m.item}`}
                >
                  {c?.itemName ?? m.item} {qtyWithUnit(m.qty, names.unit(c?.unit))} →{' '}
                  {names.warehouse(m.warehouse)}
                </View>
              );
            })}
        </View>
      ) : null}
      {order ? (
        <Button
          className="btn btn-primary"
          data-testid="os-send-submit"
          disabled={busy}
          onClick={() => void submit()}
        >
          确认发料
        </Button>
      ) : null}
    </View>
  );
}
