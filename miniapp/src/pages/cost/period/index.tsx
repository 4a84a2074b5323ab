import type { CostingPeriodRecord, CostReport } from '@factory/shared';
import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  closePeriod,
  getPeriod,
  getReport,
  itemInfo,
  listPeriods,
  reopenPeriod,
  startCosting,
  type ItemInfo,
} from '../../../api/costing';
import { StackedBar } from '../../../components/StackedBar';
import {
  composition,
  defaultMonth,
  formatRate,
  latestClosed,
  marginNote,
  monthLabel,
  nameWithCode,
  ORDER_KIND_LABELS,
  PERIOD_STATUS_LABELS,
  periodStatusTone,
  pickerMonths,
  RECONCILIATION_IN,
  RECONCILIATION_OUT,
  refusalText,
  reportPools,
  RUN_STATUS_LABELS,
  runProgress,
  shareOf,
  productElements,
} from '../../../lib/costing';
import { formatYuan, qtyWithUnit } from '../../../lib/format';
import {
  confirmAction,
  goTo,
  stopPullDownRefresh,
  usePageParams,
  usePageShow,
  usePullDownRefresh,
} from '../../../platform/nav';
import { openFile } from '../../../platform/download';
import { getSession } from '../../../platform/session';
import '../cost.css';

type Tab = 'products' | 'orders' | 'items';
const TABS: { id: Tab; label: string }[] = [
  { id: 'products', label: '产品成本' },
  { id: 'orders', label: '订单成本' },
  { id: 'items', label: '存货与费用' },
];
type Action = 'start' | 'close' | 'reopen';
const POLL_MS = 1000;

/**
 * 成本计算单: a month, its status and latest run (progress while it runs), the actions the
 * person's role allows (开始核算 / 重新核算, 关账, 反关账), and the costed report: products
 * (composition, unit cost against the sales price), orders, items and pools, reconciliation.
 */
export default function CostPeriodPage() {
  const params = usePageParams();
  const roles = getSession()?.roles ?? [];
  const mayEdit = roles.some((r) => r === 'cost' || r === 'manager' || r === 'admin');
  const mayReopen = roles.includes('manager');

  const [periods, setPeriods] = useState<CostingPeriodRecord[]>([]);
  const [month, setMonth] = useState<string | undefined>(params.period);
  const [record, setRecord] = useState<CostingPeriodRecord>();
  const [report, setReport] = useState<CostReport>();
  const [units, setUnits] = useState<Map<string, ItemInfo>>(new Map());
  const [tab, setTab] = useState<Tab>('products');
  const [refusal, setRefusal] = useState<{ action: Action; text: string }>();
  const [loadError, setLoadError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string>();
  const [earlier, setEarlier] = useState(0);
  const shown = useRef<string | undefined>(month);

  const loadMonth = useCallback(async (m: string) => {
    shown.current = m;
    setLoadError(undefined);
    try {
      const [list, rec] = await Promise.all([listPeriods(), getPeriod(m)]);
      if (shown.current !== m) return;
      setPeriods(list);
      setRecord(rec);
      if (rec.costedRunId && rec.status !== 'open') {
        const rep = await getReport(m);
        if (shown.current !== m) return;
        setReport(rep);
        const codes = [
          ...rep.products.map((p) => p.item),
          ...rep.orders.map((o) => o.item),
          ...rep.items.map((i) => i.item),
        ];
        setUnits(await itemInfo(codes));
      } else {
        setReport(undefined);
      }
    } catch (e) {
      setLoadError(refusalText(e));
    }
  }, []);

  const load = useCallback(async () => {
    if (shown.current) return loadMonth(shown.current);
    try {
      const list = await listPeriods();
      const m = defaultMonth(list, new Date());
      setMonth(m);
      await loadMonth(m);
    } catch (e) {
      setLoadError(refusalText(e));
    }
  }, [loadMonth]);

  usePageShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  // While a run goes on, read the period again every second; once it ends, the report.
  const running = record?.run?.status === 'running';
  useEffect(() => {
    if (!running || !record) return undefined;
    const timer = setTimeout(() => void loadMonth(record.period), POLL_MS);
    return () => clearTimeout(timer);
  }, [running, record, loadMonth]);

  const choose = (m: string) => {
    setMonth(m);
    setRefusal(undefined);
    setRecord(undefined);
    setReport(undefined);
    void loadMonth(m);
  };

  const act = async (action: Action) => {
    // No `disabled` on the buttons (Taro H5 greys a button out whatever its value): ignored here.
    if (!month || busy || running) return;
    setRefusal(undefined);
    if (action === 'close') {
      const ok = await confirmAction({
        title: `关账 ${monthLabel(month)}`,
        content: `关账后，日期在 ${monthLabel(month)} 内的单据将不能再过账。确定关账吗？`,
        confirmText: '关账',
      });
      if (!ok) return;
    }
    if (action === 'reopen') {
      const ok = await confirmAction({
        title: `反关账 ${monthLabel(month)}`,
        content: `反关账后，${monthLabel(month)} 的单据可以再过账，成本需要重新核算后再关账。确定反关账吗？`,
        confirmText: '反关账',
      });
      if (!ok) return;
    }
    setBusy(true);
    try {
      const run = { start: startCosting, close: closePeriod, reopen: reopenPeriod }[action];
      setRecord(await run(month));
      await loadMonth(month);
    } catch (e) {
      setRefusal({ action, text: refusalText(e) });
    } finally {
      setBusy(false);
    }
  };

  const months = pickerMonths(periods, new Date(), earlier, month);
  const status = record?.status ?? 'open';
  const canReopen = mayReopen && status === 'closed' && latestClosed(periods) === month;
  const pools = report ? reportPools(report) : [];
  const versusWidth = (
    v: string | null,
    p: { unitCost: string | null; salesUnitPrice: string | null },
  ) => shareOf(v, Math.max(Number(p.unitCost ?? 0), Number(p.salesUnitPrice ?? 0)));
  const productName = (code: string) =>
    report?.products.find((p) => p.item === code)?.name ??
    report?.items.find((i) => i.item === code)?.name ??
    units.get(code)?.name;

  /** The month's report as a workbook (成本计算单-YYYY-MM.xlsx). */
  async function exportReport(): Promise<void> {
    if (!report || exporting) return;
    setExporting(true);
    setExportError(undefined);
    try {
      await openFile(
        `/api/costing/periods/${report.period}/report.xlsx`,
        `成本计算单-${report.period}.xlsx`,
      );
    } catch (e) {
      setExportError(refusalText(e));
    } finally {
      setExporting(false);
    }
  }
  return (
    <View className="page cost" data-testid="cost-period-page">
      <View className="card">
        <View className="cost-label">期间</View>
        <View className="cost-months">
          {months.map((m) => (
            <View
              key={m}
              className={`cost-chip${m === month ? ' cost-chip-active' : ''}`}
              data-testid={`cost-month-${m}`}
              onClick={() => choose(m)}
            >
              {monthLabel(m)}
            </View>
          ))}
          <View
            className="cost-chip"
            data-testid="cost-month-earlier"
            onClick={() => setEarlier((n) => n + 1)}
          >
            更早
          </View>
        </View>
      </View>

      {loadError ? (
        <View className="cost-error" data-testid="cost-load-error">
          {loadError}
        </View>
      ) : null}

      {record ? (
        <View className="card" data-testid="cost-period">
          <View className="row">
            <Text className="cost-title">{monthLabel(record.period)}</Text>
            <Text
              className={`cost-tag tag-${periodStatusTone(status)}`}
              data-testid="cost-status"
              data-status={status}
            >
              {PERIOD_STATUS_LABELS[status]}
            </Text>
          </View>
          <View className="cost-note">
            {record.from} 至 {record.to}
            {record.costedAt ? ` · 核算于 ${record.costedAt.slice(0, 10)}` : ''}
            {status === 'closed' && record.closedAt
              ? ` · 关账于 ${record.closedAt.slice(0, 10)}`
              : ''}
            {status !== 'closed' && record.reopenedAt
              ? ` · 反关账于 ${record.reopenedAt.slice(0, 10)}`
              : ''}
          </View>
          {record.run ? (
            <View
              className="cost-run"
              data-testid="cost-run"
              data-run-status={record.run.status}
              data-run-id={record.run.runId}
            >
              <View className="cost-text">
                最近一次核算：
                <Text data-testid="cost-run-status">{RUN_STATUS_LABELS[record.run.status]}</Text>
              </View>
              <View className="cost-steps">
                {runProgress(record.run).map((s) => (
                  <Text
                    key={s.name}
                    className={`cost-step cost-step-${s.state}`}
                    data-testid={`cost-step-${s.name}`}
                    data-state={s.state}
                  >
                    {s.state === 'done' ? '✓ ' : s.state === 'current' ? '… ' : ''}
                    {s.label}
                  </Text>
                ))}
              </View>
              {record.run.status === 'failed' ? (
                <View className="cost-error" data-testid="cost-run-error">
                  核算失败：{refusalText({ message: record.run.error })}
                </View>
              ) : null}
            </View>
          ) : null}
          {status === 'open' && !record.run ? (
            <View className="cost-text" data-testid="cost-not-costed">
              本期间尚未核算，没有成本计算单。
            </View>
          ) : null}

          {mayEdit ? (
            <View className="cost-actions">
              {status !== 'closed' ? (
                <Button
                  className={`cost-btn cost-btn-primary${busy || running ? ' cost-btn-off' : ''}`}
                  data-testid="cost-start"
                  onClick={() => void act('start')}
                >
                  {record.costedRunId ? '重新核算' : '开始核算'}
                </Button>
              ) : null}
              {status === 'costed' ? (
                <Button
                  className={`cost-btn${busy || running ? ' cost-btn-off' : ''}`}
                  data-testid="cost-close"
                  onClick={() => void act('close')}
                >
                  关账
                </Button>
              ) : null}
              {canReopen ? (
                <Button
                  className={`cost-btn cost-btn-danger${busy ? ' cost-btn-off' : ''}`}
                  data-testid="cost-reopen"
                  onClick={() => void act('reopen')}
                >
                  反关账
                </Button>
              ) : null}
            </View>
          ) : null}
          {refusal ? (
            <View className="cost-error" data-testid={`cost-${refusal.action}-refused`}>
              {refusal.text}
            </View>
          ) : null}
        </View>
      ) : null}

      {report ? (
        <View>
          <View className="cost-actions">
            <Button
              className={`cost-btn${exporting ? ' cost-btn-off' : ''}`}
              data-testid="cost-export"
              onClick={() => void exportReport()}
            >
              {exporting ? '正在导出…' : '导出 Excel'}
            </Button>
          </View>
          {exportError ? (
            <View className="cost-error" data-testid="cost-export-error">
              {exportError}
            </View>
          ) : null}
          <View className="cost-tabs">
            {TABS.map((t) => (
              <View
                key={t.id}
                className={`cost-tab${tab === t.id ? ' cost-tab-active' : ''}`}
                data-testid={`cost-tab-${t.id}`}
                onClick={() => setTab(t.id)}
              >
                {t.label}
              </View>
            ))}
          </View>

          {tab === 'products' ? (
            <View data-testid="cost-products">
              {report.products.length === 0 ? (
                <View className="card cost-text">本期没有完工产品</View>
              ) : null}
              {report.products.map((p) => {
                const note = marginNote(p);
                return (
                  <View
                    key={p.item}
                    className="card cost-tappable"
                    data-testid={`cost-product-${p.item}`}
                    onClick={() => goTo('costProduct', { item: p.item, period: report.period })}
                  >
                    <View className="cost-name">{nameWithCode(p.item, p.name)}</View>
                    <View className="cost-figures">
                      <Text data-testid={`cost-product-${p.item}-received`}>
                        完工 {qtyWithUnit(p.received, units.get(p.item)?.unit)}
                      </Text>
                      <Text>
                        总成本{' '}
                        <Text data-testid={`cost-product-${p.item}-completed`}>
                          {formatYuan(p.completed)}
                        </Text>
                      </Text>
                    </View>
                    <View className="cost-big">
                      单位成本{' '}
                      <Text data-testid={`cost-product-${p.item}-unit-cost`}>
                        {formatYuan(p.unitCost)}
                      </Text>
                    </View>
                    <StackedBar
                      testId={`cost-product-${p.item}-bar`}
                      segments={composition(productElements(p), pools)}
                    />
                    {note ? null : (
                      <View data-testid={`cost-product-${p.item}-versus`}>
                        {[
                          { key: 'cost', label: '单位成本', value: p.unitCost },
                          { key: 'price', label: '销售单价', value: p.salesUnitPrice },
                        ].map((b) => (
                          <View key={b.key} className="trend-row">
                            <Text className="trend-label">{b.label}</Text>
                            <View className="trend-track">
                              <View
                                className={`trend-fill trend-${b.key}`}
                                style={{ width: versusWidth(b.value, p) }}
                              />
                            </View>
                            <Text
                              className="trend-value"
                              data-testid={`cost-product-${p.item}-${b.key}`}
                            >
                              {formatYuan(b.value)}
                            </Text>
                          </View>
                        ))}
                      </View>
                    )}
                    <View className="cost-margin" data-testid={`cost-product-${p.item}-margin`}>
                      {note ? (
                        <View className="cost-margin-row">
                          <Text>销售单价</Text>
                          <Text data-testid={`cost-product-${p.item}-price`}>—</Text>
                        </View>
                      ) : null}
                      <View className="cost-margin-row">
                        <Text>毛利</Text>
                        <Text data-testid={`cost-product-${p.item}-gross`}>
                          {note ? '—' : formatYuan(p.grossMargin)}
                        </Text>
                      </View>
                      <View className="cost-margin-row">
                        <Text>毛利率</Text>
                        <Text data-testid={`cost-product-${p.item}-rate`}>
                          {formatRate(p.marginRate)}
                        </Text>
                      </View>
                      {note ? (
                        <View className="cost-note" data-testid={`cost-product-${p.item}-no-sales`}>
                          {note}
                        </View>
                      ) : (
                        <View className="cost-note">
                          本期发货 {qtyWithUnit(p.deliveredQty, units.get(p.item)?.unit)}，销售额{' '}
                          {formatYuan(p.salesAmount)}，发货成本 {formatYuan(p.deliveredCost)}
                        </View>
                      )}
                    </View>
                    <View className="cost-more">查看近 6 个月趋势 ›</View>
                  </View>
                );
              })}
            </View>
          ) : null}

          {tab === 'orders' ? (
            <View data-testid="cost-orders">
              {report.orders.length === 0 ? (
                <View className="card cost-text">本期没有生产任务单或委外订单</View>
              ) : null}
              {report.orders.map((o) => (
                <View
                  key={o.no}
                  className="card cost-tappable"
                  data-testid={`cost-order-${o.no}`}
                  onClick={() => goTo('costOrder', { period: report.period, order: o.no })}
                >
                  <View className="row">
                    <Text className="cost-name">{o.no}</Text>
                    <Text className="cost-note">{ORDER_KIND_LABELS[o.kind]}</Text>
                  </View>
                  <View className="cost-text">{nameWithCode(o.item, productName(o.item))}</View>
                  <View className="cost-figures">
                    <Text>入库 {qtyWithUnit(o.received, units.get(o.item)?.unit)}</Text>
                    <Text>
                      单位成本{' '}
                      <Text data-testid={`cost-order-${o.no}-unit-cost`}>
                        {formatYuan(o.unitCost)}
                      </Text>
                    </Text>
                  </View>
                  <StackedBar testId={`cost-order-${o.no}-bar`} segments={composition(o, pools)} />
                  <View className="cost-margin">
                    <View className="cost-margin-row">
                      <Text>完工成本</Text>
                      <Text data-testid={`cost-order-${o.no}-completed`}>
                        {formatYuan(o.completed)}
                      </Text>
                    </View>
                    <View className="cost-margin-row">
                      <Text>期末在产品</Text>
                      <Text data-testid={`cost-order-${o.no}-wip`}>
                        {formatYuan(o.closingWip)}
                        {Number(o.wipQty)
                          ? `（${qtyWithUnit(o.wipQty, units.get(o.item)?.unit)}）`
                          : ''}
                      </Text>
                    </View>
                    <View className="cost-margin-row">
                      <Text>生产损失</Text>
                      <Text data-testid={`cost-order-${o.no}-loss`}>{formatYuan(o.loss)}</Text>
                    </View>
                  </View>
                  <View className="cost-more">材料明细 ›</View>
                </View>
              ))}
            </View>
          ) : null}

          {tab === 'items' ? (
            <View data-testid="cost-items">
              <View className="card">
                <View className="cost-title">存货收发存</View>
                {report.items.map((i) => (
                  <View key={i.item} className="cost-line" data-testid={`cost-item-${i.item}`}>
                    <View className="cost-name">{nameWithCode(i.item, i.name)}</View>
                    <View className="cost-grid">
                      <Text className="cost-cell">
                        期初 {qtyWithUnit(i.openingQty, units.get(i.item)?.unit)}
                      </Text>
                      <Text className="cost-cell cost-cell-value">
                        {formatYuan(i.openingValue)}
                      </Text>
                      <Text className="cost-cell">
                        收入 {qtyWithUnit(i.receiptQty, units.get(i.item)?.unit)}
                      </Text>
                      <Text className="cost-cell cost-cell-value">
                        {formatYuan(i.receiptValue)}
                      </Text>
                      <Text className="cost-cell">
                        发出 {qtyWithUnit(i.outQty, units.get(i.item)?.unit)}
                      </Text>
                      <Text className="cost-cell cost-cell-value">{formatYuan(i.outValue)}</Text>
                      <Text className="cost-cell">
                        期末 {qtyWithUnit(i.closingQty, units.get(i.item)?.unit)}
                      </Text>
                      <Text
                        className="cost-cell cost-cell-value"
                        data-testid={`cost-item-${i.item}-closing`}
                      >
                        {formatYuan(i.closingValue)}
                      </Text>
                    </View>
                    <View className="cost-note">单位成本 {formatYuan(i.unitCost)}</View>
                  </View>
                ))}
              </View>
              <View className="card">
                <View className="cost-title">费用分配</View>
                {report.pools.length === 0 ? <View className="cost-text">本期没有费用</View> : null}
                {report.pools.map((p) => (
                  <View key={p.code} className="cost-line" data-testid={`cost-pool-${p.code}`}>
                    <View className="cost-name">{p.name ?? p.code}</View>
                    <View className="cost-grid">
                      <Text className="cost-cell">归集</Text>
                      <Text className="cost-cell cost-cell-value">{formatYuan(p.amount)}</Text>
                      <Text className="cost-cell">已分配</Text>
                      <Text
                        className="cost-cell cost-cell-value"
                        data-testid={`cost-pool-${p.code}-allocated`}
                      >
                        {formatYuan(p.allocated)}
                      </Text>
                      <Text className="cost-cell">未分配</Text>
                      <Text className="cost-cell cost-cell-value">{formatYuan(p.unallocated)}</Text>
                    </View>
                  </View>
                ))}
              </View>
            </View>
          ) : null}

          <View className="card" data-testid="cost-reconciliation">
            <View className="cost-title">勾稽</View>
            <View className="cost-margin-row">
              <Text>投入</Text>
              <Text data-testid="cost-recon-in">{formatYuan(report.reconciliation.in)}</Text>
            </View>
            <View className="cost-margin-row">
              <Text>产出</Text>
              <Text data-testid="cost-recon-out">{formatYuan(report.reconciliation.out)}</Text>
            </View>
            <View className="cost-margin-row">
              <Text>差额</Text>
              <Text data-testid="cost-recon-difference">
                {formatYuan(report.reconciliation.difference)}
              </Text>
            </View>
            {[RECONCILIATION_IN, RECONCILIATION_OUT].map((labels, i) => (
              <View key={i} className="cost-parts">
                <View className="cost-note">{i === 0 ? '投入构成' : '产出构成'}</View>
                {Object.entries(labels)
                  .filter(([k]) => Number(report.reconciliation.parts[k] ?? '0') !== 0)
                  .map(([k, label]) => (
                    <View key={k} className="cost-margin-row cost-part">
                      <Text>{label}</Text>
                      <Text>{formatYuan(report.reconciliation.parts[k])}</Text>
                    </View>
                  ))}
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}
