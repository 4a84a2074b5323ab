import type {
  CostSummary,
  DigestSubscription,
  OrdersChart,
  ProductionSummary,
  QualityChart,
  ShortageSummary,
} from '@factory/shared';
import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import {
  costSummary,
  ordersChart,
  productionSummary,
  qualityChart,
  shortageSummary,
} from '../../../api/dashboard';
import { getDigestSubscription } from '../../../api/digest';
import { formatRate } from '../../../lib/costing';
import {
  bucketAxis,
  bucketLabel,
  countAxisMax,
  countText,
  fenToYuanNumber,
  ratioToPercentNumber,
  type By,
} from '../../../lib/dashboard';
import { formatYuan } from '../../../lib/format';
import { formatSnapshot } from '../../../lib/money';
import { formatPercent } from '../../../lib/quality';
import { ApiError } from '../../../platform/request';
import { goTo, stopPullDownRefresh, usePageShow, usePullDownRefresh } from '../../../platform/nav';
import { DigestCard } from '../components/DigestCard';
import { UChart } from '../components/UChart';
import '../dashboard.css';

const BLUE = '#1f6feb';
const GREEN = '#2ba471';
const RED = '#cb2634';
const ORANGE = '#e37318';

type Data = {
  orders?: OrdersChart;
  production?: ProductionSummary;
  shortages?: ShortageSummary;
  quality?: QualityChart;
  cost?: CostSummary;
  digest?: DigestSubscription;
};

/** A chart a role may not read answers 403: its section is left out, the rest still shows. */
const allowed = <T,>(p: Promise<T>): Promise<T | undefined> =>
  p.catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 403) return undefined;
    throw e;
  });

/**
 * 经营看板 (issue 16; docs/dashboard.md): orders booked and delivered, production progress,
 * shortages, quality pass rate, cost and gross margin. Each chart has its exact figures beside
 * it as text; tapping a row opens the documents behind it.
 */
export default function DashboardPage() {
  const [by, setBy] = useState<By>('week');
  const [data, setData] = useState<Data>({});
  const [error, setError] = useState<string>();
  const [loaded, setLoaded] = useState(false);

  const load = useCallback(async (b: By) => {
    setError(undefined);
    try {
      const [orders, production, shortages, quality, cost, digest] = await Promise.all([
        allowed(ordersChart({ by: b })),
        allowed(productionSummary()),
        allowed(shortageSummary()),
        allowed(qualityChart({ by: b })),
        allowed(costSummary()),
        allowed(getDigestSubscription()),
      ]);
      setData({ orders, production, shortages, quality, cost, digest });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoaded(true);
      stopPullDownRefresh();
    }
  }, []);
  usePageShow(() => void load(by));
  usePullDownRefresh(() => void load(by));

  const { orders, production, shortages, quality, cost, digest } = data;
  return (
    <View className="page dash" data-testid="dashboard-page">
      <View className="card">
        <View className="dash-title">经营看板</View>
        <View className="dash-tabs">
          {(['week', 'month'] as const).map((b) => (
            <View
              key={b}
              className={`dash-tab${by === b ? ' dash-tab-active' : ''}`}
              data-testid={`dash-by-${b}`}
              onClick={() => {
                setBy(b);
                void load(b);
              }}
            >
              {b === 'week' ? '按周' : '按月'}
            </View>
          ))}
        </View>
      </View>
      {error ? (
        <View className="dash-error" data-testid="dash-error">
          {error}
        </View>
      ) : null}
      {loaded ? <View data-testid="dash-loaded" /> : null}

      {orders ? (
        <View className="card" data-testid="dash-orders">
          <View className="dash-section">接单与发货（金额，不含税）</View>
          <UChart
            id="dash-orders-chart"
            testId="dash-orders-chart"
            type="column"
            categories={orders.buckets.map(bucketAxis)}
            series={[
              {
                name: '接单',
                color: BLUE,
                data: orders.buckets.map((b) => fenToYuanNumber(b.booked.amount.amount)),
              },
              {
                name: '发货',
                color: GREEN,
                data: orders.buckets.map((b) => fenToYuanNumber(b.delivered.amount.amount)),
              },
            ]}
          />
          <View className="dash-row dash-head">
            <Text className="dash-cell-label">{by === 'week' ? '周' : '月'}</Text>
            <Text className="dash-cell">接单</Text>
            <Text className="dash-cell">发货</Text>
          </View>
          {[...orders.buckets]
            .reverse()
            .filter((b) => b.booked.count + b.delivered.count > 0)
            .map((b) => (
              <View
                key={b.key}
                className="dash-row dash-tappable"
                data-testid={`dash-orders-${b.key}`}
                onClick={() =>
                  goTo('dashboardList', { kind: 'booked', by, from: b.from, to: b.to, key: b.key })
                }
              >
                <Text className="dash-cell-label">{bucketLabel(b)}</Text>
                <View className="dash-cell">
                  <View data-testid={`dash-orders-${b.key}-booked-count`}>
                    {countText(b.booked.count)}
                  </View>
                  <View data-testid={`dash-orders-${b.key}-booked-amount`}>
                    {formatSnapshot(b.booked.amount)}
                  </View>
                </View>
                <View className="dash-cell">
                  <View data-testid={`dash-orders-${b.key}-delivered-count`}>
                    {countText(b.delivered.count)}
                  </View>
                  <View data-testid={`dash-orders-${b.key}-delivered-amount`}>
                    {formatSnapshot(b.delivered.amount)}
                  </View>
                </View>
              </View>
            ))}
          {orders.buckets.some((b) => b.booked.count + b.delivered.count === 0) ? (
            <View className="dash-note" data-testid="dash-orders-empty">
              其余{by === 'week' ? '各周' : '各月'}没有接单和发货
            </View>
          ) : null}
          <View className="dash-row dash-total">
            <Text className="dash-cell-label">合计</Text>
            <Text className="dash-cell" data-testid="dash-orders-total-booked">
              {countText(orders.total.booked.count)} {formatSnapshot(orders.total.booked.amount)}
            </Text>
            <Text className="dash-cell" data-testid="dash-orders-total-delivered">
              {countText(orders.total.delivered.count)}{' '}
              {formatSnapshot(orders.total.delivered.amount)}
            </Text>
          </View>
        </View>
      ) : null}

      {production ? (
        <View className="card" data-testid="dash-production">
          <View className="dash-section">生产进度（{production.today}）</View>
          <UChart
            id="dash-production-chart"
            testId="dash-production-chart"
            type="column"
            height={160}
            max={countAxisMax([
              production.open.count,
              production.late.count,
              production.completed.count,
            ])}
            categories={['在制', '逾期', '本月完工']}
            series={[
              {
                name: '工单',
                color: BLUE,
                data: [production.open.count, production.late.count, production.completed.count],
              },
            ]}
          />
          {(
            [
              ['open', '在制工单', production.open.count, BLUE],
              ['late', '逾期工单（已过交期未完工）', production.late.count, RED],
              [
                'completed',
                `完工（${production.from} 至 ${production.to}）`,
                production.completed.count,
                GREEN,
              ],
            ] as const
          ).map(([kind, label, count, color]) => (
            <View
              key={kind}
              className="dash-row dash-tappable"
              data-testid={`dash-production-${kind}`}
              onClick={() =>
                goTo('dashboardList', { kind, from: production.from, to: production.to })
              }
            >
              <Text className="dash-cell-label" style={{ color }}>
                {label}
              </Text>
              <Text className="dash-value" data-testid={`dash-production-${kind}-count`}>
                {countText(count)}
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      {shortages ? (
        <View className="card" data-testid="dash-shortages">
          <View className="dash-section">缺料（{shortages.date}）</View>
          <View className="dash-row">
            <Text className="dash-cell-label">缺料工单</Text>
            <Text className="dash-value" data-testid="dash-shortages-orders">
              {countText(shortages.orderCount)}
            </Text>
          </View>
          <View className="dash-row">
            <Text className="dash-cell-label">缺料物料</Text>
            <Text className="dash-value" data-testid="dash-shortages-items">
              {countText(shortages.itemCount, '种')}
            </Text>
          </View>
          {shortages.items.length ? (
            <UChart
              id="dash-shortages-chart"
              testId="dash-shortages-chart"
              type="column"
              height={200}
              rotateLabels
              categories={shortages.items.slice(0, 5).map((i) => i.item)}
              series={[
                {
                  name: '缺料数量',
                  color: ORANGE,
                  data: shortages.items.slice(0, 5).map((i) => Number(i.short)),
                },
              ]}
            />
          ) : (
            <View className="dash-note" data-testid="dash-shortages-none">
              在制工单不缺料
            </View>
          )}
          {shortages.items.slice(0, 10).map((i) => (
            <View
              key={i.item}
              className="dash-row dash-tappable"
              data-testid={`dash-shortage-${i.item}`}
              onClick={() => goTo('dashboardList', { kind: 'shortage', item: i.item })}
            >
              <Text className="dash-cell-label">{i.name ? `${i.name} ${i.item}` : i.item}</Text>
              <Text className="dash-value" data-testid={`dash-shortage-${i.item}-short`}>
                缺 {i.short}
              </Text>
              <Text className="dash-note" data-testid={`dash-shortage-${i.item}-orders`}>
                {countText(i.orders.length)}
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      {quality ? (
        <View className="card" data-testid="dash-quality">
          <View className="dash-section">检验合格率</View>
          <UChart
            id="dash-quality-chart"
            testId="dash-quality-chart"
            type="line"
            height={170}
            max={100}
            categories={quality.buckets.map(bucketAxis)}
            series={[
              {
                name: '合格率 %',
                color: GREEN,
                data: quality.buckets.map((b) =>
                  b.passRate === null ? null : ratioToPercentNumber(b.passRate),
                ),
              },
            ]}
          />
          {[...quality.buckets]
            .reverse()
            .filter((b) => b.inspected !== '0')
            .map((b) => (
              <View
                key={b.key}
                className="dash-row dash-tappable"
                data-testid={`dash-quality-${b.key}`}
                onClick={() =>
                  goTo('dashboardList', {
                    kind: 'inspections',
                    by,
                    from: b.from,
                    to: b.to,
                    key: b.key,
                  })
                }
              >
                <Text className="dash-cell-label">{bucketLabel(b)}</Text>
                <Text className="dash-note" data-testid={`dash-quality-${b.key}-counts`}>
                  检验 {b.inspected} · 合格 {b.accepted} · 不合格 {b.rejected}
                </Text>
                <Text className="dash-value" data-testid={`dash-quality-${b.key}-rate`}>
                  {formatPercent(b.passRate)}
                </Text>
              </View>
            ))}
          <View className="dash-row dash-total">
            <Text className="dash-cell-label">合计</Text>
            <Text className="dash-note">
              检验 {quality.total.inspected} · 不合格 {quality.total.rejected}
            </Text>
            <Text className="dash-value" data-testid="dash-quality-total-rate">
              {formatPercent(quality.total.passRate)}
            </Text>
          </View>
        </View>
      ) : null}

      {cost ? (
        <View className="card" data-testid="dash-cost">
          <View className="dash-section">
            产品成本与毛利{cost.period ? `（${cost.period}）` : ''}
          </View>
          {cost.period === null ? (
            <View className="dash-note" data-testid="dash-cost-none">
              尚无已核算的期间：成本核算后这里显示各产品的成本和毛利
            </View>
          ) : (
            <View>
              <UChart
                id="dash-cost-chart"
                testId="dash-cost-chart"
                type="column"
                height={170}
                categories={cost.products.map((p) => p.item)}
                series={[
                  {
                    name: '销售额',
                    color: BLUE,
                    data: cost.products.map((p) => Number(p.salesAmount)),
                  },
                  {
                    name: '毛利',
                    color: GREEN,
                    data: cost.products.map((p) => Number(p.grossMargin)),
                  },
                ]}
              />
              {cost.products.map((p) => (
                <View
                  key={p.item}
                  className="dash-row dash-tappable"
                  data-testid={`dash-cost-${p.item}`}
                  onClick={() => goTo('costProduct', { item: p.item, period: cost.period! })}
                >
                  <Text className="dash-cell-label">{p.name ? `${p.name} ${p.item}` : p.item}</Text>
                  <View className="dash-cell">
                    <View data-testid={`dash-cost-${p.item}-unit-cost`}>
                      单位成本 {formatYuan(p.unitCost)}
                    </View>
                    <View data-testid={`dash-cost-${p.item}-margin`}>
                      毛利 {formatYuan(p.grossMargin)}（{formatRate(p.marginRate)}）
                    </View>
                  </View>
                </View>
              ))}
            </View>
          )}
        </View>
      ) : null}
      {digest ? <DigestCard key={digest.user} subscription={digest} /> : null}
    </View>
  );
}
