import type { DefectPareto, InspectionAgeReport, PassRateReport } from '@factory/shared';
import { Button, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { defectPareto, inspectionAges, passRates } from '../../../api/quality';
import { BarChart } from '../../../components/BarChart';
import { DateField } from '../../../components/DateField';
import { ErrorBanner, Field } from '../../../components/Field';
import { groupDigits, qtyWithUnit } from '../../../lib/format';
import { toFieldErrors } from '../../../lib/fieldErrors';
import {
  barWidth,
  defaultReportRange,
  formatPercent,
  monthLabel,
  shareOfMax,
} from '../../../lib/quality';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { ApiError } from '../../../platform/request';
import { stopPullDownRefresh, usePageShow, usePullDownRefresh } from '../../../platform/nav';

type By = PassRateReport['by'];
const BY_LABELS: Record<By, string> = { month: '按月', supplier: '按供应商', item: '按物料' };

/**
 * 质量报表 (the quality manager's): pass rate by month, supplier or item over a date range
 * (default the last six months) as bars and a table; defects by code (Pareto: bars and running
 * share); pending inspections by how long they have waited.
 */
export default function QualityReportPage() {
  const [range, setRange] = useState(() => defaultReportRange(new Date()));
  const [by, setBy] = useState<By>('month');
  const [rates, setRates] = useState<PassRateReport>();
  const [pareto, setPareto] = useState<DefectPareto>();
  const [ages, setAges] = useState<InspectionAgeReport>();
  const { errors, show, clear, reset } = useFieldErrors();
  const [banner, setBanner] = useState<string>();

  const load = useCallback(
    async (r: { from: string; to: string }, b: By) => {
      reset();
      setBanner(undefined);
      try {
        const [pr, pa, ag] = await Promise.all([
          passRates({ by: b, ...r }),
          defectPareto(r),
          inspectionAges(),
        ]);
        setRates(pr);
        setPareto(pa);
        setAges(ag);
      } catch (e) {
        const fields = e instanceof ApiError ? toFieldErrors(e.issues, 'query') : {};
        // A date left empty is asked for, not described by its format.
        if (fields.from && !r.from) fields.from = '请选择开始日期';
        if (fields.to && !r.to) fields.to = '请选择结束日期';
        setBanner((e as Error).message);
        show(fields);
      }
    },
    [reset, show],
  );

  usePageShow(() => void load(range, by));
  usePullDownRefresh(() => void load(range, by).finally(stopPullDownRefresh));

  const rowName = (key: string, name?: string) =>
    by === 'month' ? monthLabel(key) : (name ?? key);
  const maxDefect = pareto?.rows[0]?.qty ?? '0';
  const maxBucket = String(Math.max(0, ...(ages?.buckets.map((b) => b.count) ?? [0])));

  return (
    <View className="page" data-testid="quality-report-page">
      <View className="card">
        <View className="row" style={{ gap: '16px' }}>
          <View style={{ flex: 1 }}>
            <Field label="开始日期" error={errors.from} testId="report-from">
              <DateField
                testId="report-from"
                value={range.from}
                onChange={(from) => {
                  setRange((r) => ({ ...r, from }));
                  clear('from');
                }}
                invalid={!!errors.from}
              />
            </Field>
          </View>
          <View style={{ flex: 1 }}>
            <Field label="结束日期" error={errors.to} testId="report-to">
              <DateField
                testId="report-to"
                value={range.to}
                onChange={(to) => {
                  setRange((r) => ({ ...r, to }));
                  clear('to');
                }}
                invalid={!!errors.to}
              />
            </Field>
          </View>
        </View>
        <Button className="btn" data-testid="report-apply" onClick={() => void load(range, by)}>
          查询
        </Button>
      </View>
      <ErrorBanner messages={banner ? [banner] : []} testId="report-banner" />

      <View className="card" data-testid="report-pass-rates">
        <View className="title">合格率</View>
        <View className="tabs">
          {(Object.keys(BY_LABELS) as By[]).map((b) => (
            <View
              key={b}
              className={`tab${by === b ? ' tab-active' : ''}`}
              data-testid={`report-by-${b}`}
              onClick={() => {
                setBy(b);
                void load(range, b);
              }}
            >
              {BY_LABELS[b]}
            </View>
          ))}
        </View>
        {rates ? (
          <View>
            <View className="row">
              <Text className="muted">
                合计 检验 {rates.total.inspected} · 合格 {rates.total.accepted}
                {rates.total.conceded !== '0' ? ` · 让步 ${rates.total.conceded}` : ''}
              </Text>
              <Text className="total" data-testid="report-total-rate">
                {formatPercent(rates.total.passRate)}
              </Text>
            </View>
            {rates.rows.length === 0 ? (
              <View className="muted" data-testid="report-rates-empty">
                所选期间没有检验结果
              </View>
            ) : (
              <BarChart
                testId="report-rate-chart"
                bars={rates.rows.map((r) => ({
                  key: r.key,
                  label: rowName(r.key, r.name),
                  width: barWidth(r.passRate),
                  value: formatPercent(r.passRate),
                }))}
              />
            )}
            <View className="table-row table-head">
              <Text className="cell-name">{BY_LABELS[by].slice(1)}</Text>
              <Text className="cell">检验</Text>
              <Text className="cell">合格</Text>
              <Text className="cell">让步</Text>
              <Text className="cell">合格率</Text>
            </View>
            {rates.rows.map((r) => (
              <View key={r.key} className="table-row" data-testid={`report-rate-row-${r.key}`}>
                <Text className="cell-name">{rowName(r.key, r.name)}</Text>
                <Text className="cell">{r.inspected}</Text>
                <Text className="cell">{r.accepted}</Text>
                <Text className="cell">{r.conceded}</Text>
                <Text className="cell" data-testid={`report-rate-row-${r.key}-rate`}>
                  {formatPercent(r.passRate)}
                </Text>
              </View>
            ))}
          </View>
        ) : null}
      </View>

      <View className="card" data-testid="report-pareto">
        <View className="title">缺陷排列（柏拉图）</View>
        <View className="muted">条形：缺陷数量；竖线：累计占比</View>
        {pareto && pareto.rows.length === 0 ? (
          <View className="muted" data-testid="report-pareto-empty">
            所选期间没有登记缺陷
          </View>
        ) : null}
        {pareto ? (
          <BarChart
            testId="report-pareto-chart"
            tone="red"
            bars={pareto.rows.map((r) => ({
              key: r.code,
              label: r.name ?? r.code,
              width: shareOfMax(r.qty, maxDefect),
              marker: barWidth(r.cumulative),
              value: groupDigits(r.qty),
            }))}
          />
        ) : null}
        {pareto?.rows.length ? (
          <View className="table-row table-head">
            <Text className="cell-name">缺陷</Text>
            <Text className="cell">数量</Text>
            <Text className="cell">占比</Text>
            <Text className="cell">累计</Text>
          </View>
        ) : null}
        {pareto?.rows.map((r) => (
          <View key={r.code} className="table-row" data-testid={`report-pareto-row-${r.code}`}>
            <Text className="cell-name">
              {r.name ?? r.code}
              {r.category ? `（${r.category}）` : ''}
            </Text>
            <Text className="cell">{groupDigits(r.qty)}</Text>
            <Text className="cell">{formatPercent(r.share, 1)}</Text>
            <Text className="cell">{formatPercent(r.cumulative, 1)}</Text>
          </View>
        ))}
      </View>

      <View className="card" data-testid="report-ages">
        <View className="title">待检时长</View>
        {ages ? (
          <BarChart
            testId="report-age-chart"
            tone="orange"
            bars={ages.buckets.map((b) => ({
              key: String(b.minDays),
              label: b.label,
              width: shareOfMax(String(b.count), maxBucket),
              value: `${b.count} 单`,
            }))}
          />
        ) : null}
        {ages?.oldest.slice(0, 5).map((o) => (
          <View key={o.no} className="table-row" data-testid={`report-oldest-${o.no}`}>
            <Text className="cell-name">{o.itemName ?? o.item}</Text>
            <Text className="cell">{qtyWithUnit(o.qty, o.unit)}</Text>
            <Text className="cell">已等待 {o.ageDays} 天</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
