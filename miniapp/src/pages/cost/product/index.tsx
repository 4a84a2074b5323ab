import type { CostPoolDefinition, ProductCostLine, ProductTrend } from '@factory/shared';
import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { itemInfo, listPools, productTrend } from '../../../api/costing';
import { StackedBar } from '../../../components/StackedBar';
import {
  addMonths,
  composition,
  formatRate,
  marginNote,
  monthLabel,
  monthOf,
  nameWithCode,
  PERIOD_STATUS_LABELS,
  refusalText,
  shareOf,
  trendRange,
  productElements,
} from '../../../lib/costing';
import { formatYuan, qtyWithUnit } from '../../../lib/format';
import { goTo, setTitle, usePageParams, usePageShow } from '../../../platform/nav';
import '../cost.css';

/**
 * A product month over month (the last six months up to the period opened from): unit cost per
 * month as bars with the sales unit price beside it, each month's composition; a month opens
 * its 成本计算单.
 */
export default function CostProductPage() {
  const params = usePageParams();
  const item = params.item ?? '';
  const to = params.period ?? monthOf(new Date());
  const [trend, setTrend] = useState<ProductTrend>();
  const [pools, setPools] = useState<CostPoolDefinition[]>([]);
  const [unit, setUnit] = useState<string>();
  const [itemTitle, setItemTitle] = useState<string>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      const [t, p, u] = await Promise.all([
        productTrend({ ...trendRange(to), item }),
        listPools().catch(() => []),
        itemInfo([item]),
      ]);
      setTrend(t);
      setPools(p);
      setUnit(u.get(item)?.unit);
      setItemTitle(u.get(item)?.name);
      const name =
        t.periods.flatMap((x) => x.products).find((x) => x.item === item)?.name ??
        u.get(item)?.name;
      if (name) setTitle(name);
    } catch (e) {
      setError(refusalText(e));
    }
  }, [item, to]);
  usePageShow(() => void load());

  const months = (trend?.periods ?? [])
    .map((p) => ({
      period: p.period,
      status: p.status,
      line: p.products.find((x) => x.item === item),
    }))
    .sort((a, b) => (a.period < b.period ? 1 : -1));
  const lines = months.map((m) => m.line).filter((l): l is ProductCostLine => !!l);
  const max = Math.max(
    0,
    ...lines.flatMap((l) => [Number(l.unitCost ?? 0), Number(l.salesUnitPrice ?? 0)]),
  );
  // A product not costed in these months still has its name from the master data.
  const name = lines[0]?.name ?? itemTitle;
  const range = trendRange(to);
  const notCosted: string[] = [];
  for (let m = range.from; m <= range.to; m = addMonths(m, 1)) {
    if (trend && !trend.periods.some((p) => p.period === m)) notCosted.push(m);
  }
  const poolRefs = pools.map((p) => ({ code: p.code, name: p.name }));

  return (
    <View className="page cost" data-testid="cost-product-page">
      <View className="card">
        <View className="cost-title" data-testid="cost-trend-item">
          {nameWithCode(item, name)}
        </View>
        <View className="cost-note">
          {monthLabel(range.from)} 至 {monthLabel(to)}：单位成本（蓝）与销售单价（绿）
        </View>
        {notCosted.length ? (
          <View className="cost-note" data-testid="cost-trend-not-costed">
            未核算：{notCosted.map(monthLabel).join('、')}
          </View>
        ) : null}
      </View>
      {error ? (
        <View className="cost-error" data-testid="cost-trend-error">
          {error}
        </View>
      ) : null}
      {trend && lines.length === 0 ? (
        <View className="card cost-text" data-testid="cost-trend-empty">
          这 6 个月没有核算过该产品
        </View>
      ) : null}
      {months.map(({ period, status, line }) => (
        <View
          key={period}
          className="card cost-tappable"
          data-testid={`cost-trend-${period}`}
          onClick={() => goTo('costPeriod', { period })}
        >
          <View className="row">
            <Text className="cost-name">{monthLabel(period)}</Text>
            <Text className="cost-note">{PERIOD_STATUS_LABELS[status]}</Text>
          </View>
          {line ? (
            <View>
              <View className="trend-row">
                <Text className="trend-label">单位成本</Text>
                <View className="trend-track">
                  <View
                    className="trend-fill trend-cost"
                    data-testid={`cost-trend-${period}-cost-bar`}
                    data-width={shareOf(line.unitCost, max)}
                    style={{ width: shareOf(line.unitCost, max) }}
                  />
                </View>
                <Text className="trend-value" data-testid={`cost-trend-${period}-unit-cost`}>
                  {formatYuan(line.unitCost)}
                </Text>
              </View>
              <View className="trend-row">
                <Text className="trend-label">销售单价</Text>
                <View className="trend-track">
                  <View
                    className="trend-fill trend-price"
                    data-testid={`cost-trend-${period}-price-bar`}
                    style={{ width: shareOf(line.salesUnitPrice, max) }}
                  />
                </View>
                <Text className="trend-value" data-testid={`cost-trend-${period}-price`}>
                  {formatYuan(line.salesUnitPrice)}
                </Text>
              </View>
              <View className="cost-note">
                完工 {qtyWithUnit(line.received, unit)} · 总成本 {formatYuan(line.completed)} ·
                毛利率{' '}
                {line.salesUnitPrice === null
                  ? `—（${marginNote(line)}）`
                  : formatRate(line.marginRate)}
              </View>
              <StackedBar
                testId={`cost-trend-${period}-bar`}
                segments={composition(productElements(line), poolRefs)}
              />
            </View>
          ) : (
            <View className="cost-note" data-testid={`cost-trend-${period}-none`}>
              {status === 'open' ? '未核算' : '本月没有完工'}
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
