import type { DashboardDoc } from '@factory/shared';
import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import {
  ordersChart,
  productionSummary,
  qualityChart,
  shortageSummary,
} from '../../../api/dashboard';
import {
  bucketLabel,
  DRILL_TITLES,
  TASK_STATE_LABELS,
  type By,
  type DrillKind,
} from '../../../lib/dashboard';
import { formatSnapshot } from '../../../lib/money';
import { goTo, setTitle, usePageParams, usePageShow, type PageName } from '../../../platform/nav';
import '../dashboard.css';

type Row = {
  no: string;
  main: string;
  note: string;
  page?: PageName;
};
type Section = { title: string; testId: string; rows: Row[] };

const docRows = (docs: DashboardDoc[], page?: PageName): Row[] =>
  docs.map((d) => ({
    no: d.no,
    main: formatSnapshot(d.amount),
    note: d.date,
    ...(page ? { page } : {}),
  }));

/**
 * The documents behind one number of the dashboard (its drill-down): a week's or month's
 * orders and deliveries, the open, late or completed task orders, the orders short of an item,
 * a bucket's inspections. A row opens its document.
 */
export default function DashboardListPage() {
  const params = usePageParams();
  const kind = (params.kind ?? 'booked') as DrillKind;
  const [heading, setHeading] = useState('');
  const [sections, setSections] = useState<Section[]>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      const by = (params.by ?? 'week') as By;
      const range = {
        ...(params.from ? { from: params.from } : {}),
        ...(params.to ? { to: params.to } : {}),
      };
      if (kind === 'booked' || kind === 'delivered') {
        const chart = await ordersChart({ by, ...range });
        const b = chart.buckets.find((x) => x.key === params.key) ?? chart.buckets[0];
        setHeading(b ? bucketLabel(b) : '');
        setSections(
          b
            ? [
                {
                  title: `接单 ${b.booked.count} 单 ${formatSnapshot(b.booked.amount)}`,
                  testId: 'drill-booked',
                  rows: docRows(b.booked.docs, 'orderDetail'),
                },
                {
                  title: `发货 ${b.delivered.count} 单 ${formatSnapshot(b.delivered.amount)}`,
                  testId: 'drill-delivered',
                  rows: docRows(b.delivered.docs),
                },
              ]
            : [],
        );
      } else if (kind === 'open' || kind === 'late' || kind === 'completed') {
        const p = await productionSummary(range);
        setHeading(kind === 'completed' ? `${p.from} 至 ${p.to}` : `截至 ${p.today}`);
        setSections([
          {
            title: `${DRILL_TITLES[kind]} ${p[kind].count} 单`,
            testId: `drill-${kind}`,
            rows: p[kind].orders.map((o) => ({
              no: o.no,
              main: `${o.item} × ${o.qty}`,
              note: `交期 ${o.dueDate} · ${TASK_STATE_LABELS[o.status] ?? o.status}${o.completedOn ? ` · 完工 ${o.completedOn}` : ''}`,
              page: 'taskOrder',
            })),
          },
        ]);
      } else if (kind === 'shortage') {
        const s = await shortageSummary();
        const item = s.items.find((i) => i.item === params.item);
        setHeading(item ? `${item.name ?? ''} ${item.item} 缺 ${item.short}` : (params.item ?? ''));
        setSections([
          {
            title: `${DRILL_TITLES.shortage} ${item?.orders.length ?? 0} 单`,
            testId: 'drill-shortage',
            rows: (item?.orders ?? []).map((no) => ({
              no,
              main: '',
              note: '',
              page: 'taskOrder',
            })),
          },
        ]);
      } else {
        const q = await qualityChart({ by, ...range });
        const b = q.buckets.find((x) => x.key === params.key) ?? q.buckets[0];
        setHeading(b ? bucketLabel(b) : '');
        setSections([
          {
            title: `${DRILL_TITLES.inspections} ${b?.inspections.length ?? 0} 张`,
            testId: 'drill-inspections',
            rows: (b?.inspections ?? []).map((no) => ({
              no,
              main: '',
              note: '',
              page: 'inspection',
            })),
          },
        ]);
      }
      setTitle(DRILL_TITLES[kind] ?? '明细');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [kind, params.by, params.from, params.to, params.key, params.item]);
  usePageShow(() => void load());

  return (
    <View className="page dash" data-testid="dashboard-list-page">
      <View className="card">
        <View className="dash-title" data-testid="drill-heading">
          {heading}
        </View>
      </View>
      {error ? (
        <View className="dash-error" data-testid="drill-error">
          {error}
        </View>
      ) : null}
      {(sections ?? []).map((s) => (
        <View key={s.testId} className="card" data-testid={s.testId}>
          <View className="dash-section" data-testid={`${s.testId}-title`}>
            {s.title}
          </View>
          {s.rows.length === 0 ? <View className="dash-note">没有单据</View> : null}
          {s.rows.map((r) => (
            <View
              key={r.no}
              className={`dash-row${r.page ? ' dash-tappable' : ''}`}
              data-testid={`drill-row-${r.no}`}
              onClick={() => (r.page ? goTo(r.page, { no: r.no }) : undefined)}
            >
              <Text className="dash-cell-label">{r.no}</Text>
              <Text className="dash-note">{r.note}</Text>
              <Text className="dash-value">{r.main}</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
