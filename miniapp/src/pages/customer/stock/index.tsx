import type { Balance, Item, Partner, StockDocument, Warehouse } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { customerStock, itemBalances, returnToCustomer } from '../../../api/customerStock';
import { listWarehouses, searchCustomers } from '../../../api/masterData';
import { unitNames } from '../../../api/purchasing';
import { itemsByCode } from '../../../api/shopfloor';
import { ErrorBanner, Field } from '../../../components/Field';
import {
  hasOnHand,
  isRequested,
  ledgerRows,
  returnProblem,
  returnRequest,
  returnSources,
  sourceKey,
  type LedgerRow,
} from '../../../lib/customerStock';
import { isoDate } from '../../../lib/dates';
import { remainingDecimal } from '../../../lib/decimal';
import { toFieldErrors, unplacedErrors } from '../../../lib/fieldErrors';
import { qtyWithUnit } from '../../../lib/format';
import { nameCodes } from '../../../lib/outsourcing';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { unitLabel } from '../../../lib/units';
import {
  confirmAction,
  goTo,
  stopPullDownRefresh,
  toast,
  usePageParams,
  usePageShow,
  usePullDownRefresh,
} from '../../../platform/nav';
import { ApiError } from '../../../platform/request';
import { getSession } from '../../../platform/session';

/** Who posts stock documents (the API's STOCK_CLERKS): they receive and return. */
const CLERKS = ['warehouse', 'supervisor', 'admin'];

const rowKey = (r: Pick<LedgerRow, 'customer' | 'item'>) => `${r.customer}-${r.item}`;

/**
 * 客供料台账: per customer and item, what the customer sent (收货), what went to task orders
 * net of returns (领料), what was given back (退还) and what is on hand (结存), with what the
 * latest plan asks the customer to supply (待客户供料) and by when, highlighted. One customer or
 * all. The warehouse gives material back from a line (退还客户): the quantity is checked
 * against what is on hand here, and confirmed in a dialog before it is posted.
 */
export default function CustomerStockPage() {
  const params = usePageParams();
  const [customers, setCustomers] = useState<Partner[]>([]);
  const [customer, setCustomer] = useState<string | undefined>(params.customer);
  const [rows, setRows] = useState<LedgerRow[]>();
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [units, setUnits] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string>();
  /** The line being returned, its balances and item (precision). */
  const [returning, setReturning] = useState<{
    row: LedgerRow;
    sources: Balance[];
    item?: Item;
  }>();
  const [source, setSource] = useState<string>();
  const [qty, setQty] = useState('');
  const { errors, show, clear, reset } = useFieldErrors();
  const [banner, setBanner] = useState<string[]>([]);
  const [done, setDone] = useState<{ doc: StockDocument; row: LedgerRow }>();
  const [busy, setBusy] = useState(false);
  const keys = useRef(new SubmitKeys());
  const clerk = (getSession()?.roles ?? []).some((r) => CLERKS.includes(r));

  useEffect(() => {
    searchCustomers('')
      .then(setCustomers)
      .catch(() => undefined);
    listWarehouses()
      .then((p) => setWarehouses(p.items))
      .catch(() => undefined);
    unitNames()
      .then(setUnits)
      .catch(() => undefined);
  }, []);

  const load = useCallback(
    async (c: string | undefined) => {
      setError(undefined);
      try {
        const stock = await customerStock(c);
        setRows(
          ledgerRows(stock, {
            customer: (code) => customers.find((p) => p.code === code)?.name ?? code,
            item: (code) => code,
          }),
        );
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [customers],
  );
  usePageShow(() => void load(customer));
  usePullDownRefresh(() => void load(customer).finally(stopPullDownRefresh));

  const choose = (c: string | undefined) => {
    setCustomer(c);
    setReturning(undefined);
    setDone(undefined);
    void load(c);
  };

  const unit = (code: string) => unitLabel(code, units);
  const whName = (code: string) => warehouses.find((w) => w.code === code)?.name ?? code;

  const openReturn = async (row: LedgerRow) => {
    setDone(undefined);
    setBanner([]);
    setQty('');
    reset();
    try {
      const [page, items] = await Promise.all([itemBalances(row.item), itemsByCode([row.item])]);
      const sources = returnSources(page.items, warehouses, row.customer);
      setReturning({ row, sources, ...(items[row.item] ? { item: items[row.item] } : {}) });
      setSource(sources[0] ? sourceKey(sources[0]) : undefined);
    } catch (e) {
      setBanner([(e as Error).message]);
    }
  };

  const submitReturn = async () => {
    if (!returning) return;
    const { row, sources, item } = returning;
    const from = sources.find((b) => sourceKey(b) === source);
    setBanner([]);
    reset();
    if (!from) {
      setBanner(['没有可退还的库存']);
      show();
      return;
    }
    const u = unit(row.unit);
    const problem = returnProblem(qty, item?.precision, from.qty);
    if (problem) {
      show({ qty: problem });
      return;
    }
    const q = qty.trim();
    const sure = await confirmAction({
      title: '退还客户',
      content: `将 ${qtyWithUnit(q, u)} ${row.name} 从 ${whName(from.warehouse)} 退还给 ${row.customerName}？退还后结存 ${qtyWithUnit(
        remainingDecimal(row.onHand, q),
        u,
      )}。`,
      confirmText: '退还',
    });
    if (!sure) return;
    const body = returnRequest({
      date: isoDate(new Date()),
      customer: row.customer,
      item: row.item,
      from,
      qty: q,
    });
    setBusy(true);
    try {
      const doc = await submitWithKey(keys.current, `cs-return:${rowKey(row)}`, body, (key) =>
        returnToCustomer(body, key),
      );
      setDone({ doc, row });
      setReturning(undefined);
      setQty('');
      toast('已退还', 'success');
      await load(customer);
    } catch (err) {
      const names = new Map<string, string>([
        [row.item, row.name],
        [row.customer, row.customerName],
        ...warehouses.map((w) => [w.code, w.name] as [string, string]),
      ]);
      if (err instanceof ApiError && err.issues.length) {
        const fe = toFieldErrors(err.issues);
        const atQty = fe['lines.0.qty'];
        show(atQty ? { qty: nameCodes(atQty, names) } : {});
        const rest = unplacedErrors(fe, (k) => k === 'lines.0.qty').map((m) => nameCodes(m, names));
        setBanner(atQty === err.message ? rest : [nameCodes(err.message, names), ...rest]);
      } else {
        setBanner([nameCodes((err as Error).message || '操作失败', names)]);
        show();
      }
    } finally {
      setBusy(false);
    }
  };

  const shownCustomers = [undefined, ...customers];
  const all = !customer;

  return (
    <View className="page" data-testid="cs-stock-page">
      {clerk ? (
        <View className="btn-row" style={{ marginBottom: '20px' }}>
          <Button
            className="btn"
            data-testid="cs-stock-receipt"
            onClick={() => goTo('csReceipt', customer ? { customer } : undefined)}
          >
            客供料入库
          </Button>
        </View>
      ) : null}
      <View className="tiles" style={{ marginBottom: '20px' }}>
        {shownCustomers.map((p) => (
          <Text
            key={p?.code ?? 'all'}
            className={`tag chip${customer === p?.code ? '' : ' tag-draft'}`}
            data-testid={`cs-stock-customer-${p?.code ?? 'all'}`}
            onClick={() => choose(p?.code)}
          >
            {p ? p.name : '全部客户'}
          </Text>
        ))}
      </View>
      <ErrorBanner messages={error ? [error] : []} />
      {done ? (
        <View className="card" data-testid="cs-return-done">
          <View className="title" data-testid="cs-return-doc">
            出库单 {done.doc.no} 已过账
          </View>
          <View className="muted">
            {done.row.name}{' '}
            {qtyWithUnit(done.doc.moves[0]?.qty.replace(/^-/, '') ?? '', unit(done.row.unit))}{' '}
            已退还 {done.row.customerName}
          </View>
        </View>
      ) : null}
      {rows?.length === 0 ? (
        <View className="muted" data-testid="cs-stock-empty">
          暂无客供料
        </View>
      ) : null}
      {rows?.map((r, i) => {
        const k = rowKey(r);
        const u = unit(r.unit);
        const head = all && (i === 0 || rows[i - 1]!.customer !== r.customer);
        const open = returning && rowKey(returning.row) === k;
        return (
          <View key={k}>
            {head ? (
              <View className="label" data-testid={`cs-stock-head-${r.customer}`}>
                {r.customerName}
              </View>
            ) : null}
            <View className="card" data-testid={`cs-row-${k}`}>
              <View className="row">
                <Text className="title" data-testid={`cs-row-${k}-name`}>
                  {r.name}
                </Text>
                <Text className="muted">{r.item}</Text>
              </View>
              <View className="muted" data-testid={`cs-row-${k}-unit`}>
                单位 {u}
                {all ? '' : ` · ${r.customerName}`}
              </View>
              <View className="row" style={{ marginTop: '8px' }}>
                <Figure
                  label="收货"
                  testId={`cs-row-${k}-received`}
                  text={qtyWithUnit(r.received, u)}
                />
                <Figure
                  label="领料"
                  testId={`cs-row-${k}-issued`}
                  text={qtyWithUnit(r.issued, u)}
                />
                <Figure
                  label="退还"
                  testId={`cs-row-${k}-returned`}
                  text={qtyWithUnit(r.returned, u)}
                />
                <Figure
                  label="结存"
                  testId={`cs-row-${k}-onhand`}
                  text={qtyWithUnit(r.onHand, u)}
                  strong
                />
              </View>
              {r.adjusted !== '0' ? (
                <View className="muted" data-testid={`cs-row-${k}-adjusted`}>
                  盘点及其他调整 {qtyWithUnit(r.adjusted, u)}
                </View>
              ) : null}
              {isRequested(r) ? (
                <View className="banner-warn" data-testid={`cs-row-${k}-requested`}>
                  <View className="row">
                    <Text>待客户供料</Text>
                    <Text className="tile-title" data-testid={`cs-row-${k}-requested-qty`}>
                      {qtyWithUnit(r.requested, u)}
                    </Text>
                  </View>
                  {r.requests.map((q) => (
                    <View
                      key={`${q.dueDate}-${q.qty}`}
                      // Red like an error, but not one: a failed return must not scroll here.
                      style={q.late ? { color: '#f53f3f' } : undefined}
                      data-testid={`cs-row-${k}-due-${q.dueDate}`}
                    >
                      {r.requests.length > 1 ? `${qtyWithUnit(q.qty, u)} · ` : ''}需于 {q.dueDate}{' '}
                      前到料
                      {q.late ? '（已逾期）' : ''}
                    </View>
                  ))}
                </View>
              ) : null}
              {clerk && hasOnHand(r) && !open ? (
                <Button
                  className="btn"
                  data-testid={`cs-row-${k}-return`}
                  onClick={() => void openReturn(r)}
                >
                  退还客户
                </Button>
              ) : null}
              {open && returning ? (
                <View data-testid="cs-return-form">
                  {returning.sources.length === 0 ? (
                    <View className="muted" data-testid="cs-return-none">
                      客供料仓中没有 {r.customerName} 的可用库存
                    </View>
                  ) : null}
                  {returning.sources.length > 1 ? (
                    <View className="tiles">
                      {returning.sources.map((b) => (
                        <Text
                          key={sourceKey(b)}
                          className={`tag chip${source === sourceKey(b) ? '' : ' tag-draft'}`}
                          data-testid={`cs-return-src-${b.warehouse}${b.lot ? `-${b.lot}` : ''}`}
                          onClick={() => {
                            setSource(sourceKey(b));
                            // The quantity was checked against the other source's stock.
                            clear('qty');
                          }}
                        >
                          {whName(b.warehouse)}
                          {b.lot ? ` · 批次 ${b.lot}` : ''} · {qtyWithUnit(b.qty, u)}
                        </Text>
                      ))}
                    </View>
                  ) : null}
                  {returning.sources.length === 1 ? (
                    <View className="muted" data-testid="cs-return-from">
                      从 {whName(returning.sources[0]!.warehouse)} 退还（结存{' '}
                      {qtyWithUnit(returning.sources[0]!.qty, u)}）
                    </View>
                  ) : null}
                  <Field label={`退还数量（${u}）`} error={errors.qty} testId="cs-return-qty">
                    <Input
                      className={`input${errors.qty ? ' input-error' : ''}`}
                      data-testid="cs-return-qty"
                      type="digit"
                      placeholder={`最多 ${returning.sources.find((b) => sourceKey(b) === source)?.qty ?? '0'}`}
                      value={qty}
                      onInput={(e) => {
                        setQty(e.detail.value);
                        clear('qty');
                      }}
                    />
                  </Field>
                  <ErrorBanner messages={banner} testId="cs-return-banner" />
                  <View className="btn-row">
                    <Button
                      className="btn"
                      data-testid="cs-return-cancel"
                      onClick={() => setReturning(undefined)}
                    >
                      取消
                    </Button>
                    <Button
                      className="btn btn-danger"
                      data-testid="cs-return-submit"
                      disabled={busy || returning.sources.length === 0}
                      onClick={() => void submitReturn()}
                    >
                      确认退还
                    </Button>
                  </View>
                </View>
              ) : null}
            </View>
          </View>
        );
      })}
      {!returning && banner.length ? <ErrorBanner messages={banner} /> : null}
    </View>
  );
}

function Figure(props: { label: string; text: string; testId: string; strong?: boolean }) {
  return (
    <View style={{ textAlign: 'center', flex: 1 }}>
      <View className="muted">{props.label}</View>
      <View className={props.strong ? 'tile-title' : ''} data-testid={props.testId}>
        {props.text}
      </View>
    </View>
  );
}
