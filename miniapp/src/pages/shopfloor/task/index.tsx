import type { WorkReportList } from '@factory/shared';
import { Button, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { taskOrderProgress } from '../../../api/shopfloor';
import { ErrorBanner } from '../../../components/Field';
import { remainingQty, rememberTaskOrder, taskStateLabel } from '../../../lib/taskOrders';
import { getSession } from '../../../platform/session';
import {
  goTo,
  stopPullDownRefresh,
  usePageParams,
  usePageShow,
  usePullDownRefresh,
} from '../../../platform/nav';

const CLERKS = ['warehouse', 'supervisor', 'admin'];
const REPORTERS = ['worker', 'supervisor', 'manager', 'admin'];

/** 任务单详情: quantities, what was issued, reported good / scrap, received; the next steps. */
export default function TaskOrderPage() {
  const no = usePageParams().no ?? '';
  const [data, setData] = useState<WorkReportList>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    try {
      const d = await taskOrderProgress(no);
      setData(d);
      rememberTaskOrder(d.taskOrder);
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [no]);

  usePageShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const roles: string[] = getSession()?.roles ?? [];
  const may = (allowed: string[]) => roles.some((r) => allowed.includes(r));
  const t = data?.taskOrder;
  return (
    <View className="page" data-testid="task-order-page">
      <ErrorBanner messages={error ? [error] : []} />
      {t ? (
        <>
          <View className="card">
            <View className="row">
              <Text className="title" data-testid="task-no">
                {t.no}
              </Text>
              <View className="tag" data-testid="task-status">
                {taskStateLabel(t.status)}
              </View>
            </View>
            <View className="muted" data-testid="task-item">
              {t.item} × {t.qty}
            </View>
          </View>
          <View className="card" data-testid="task-progress">
            <View className="title">进度</View>
            <View className="row">
              <Text>已报良品</Text>
              <Text data-testid="task-good">{t.reportedGood}</Text>
            </View>
            <View className="row">
              <Text>已报报废</Text>
              <Text data-testid="task-scrap">{t.reportedScrap}</Text>
            </View>
            <View className="row">
              <Text>已入库</Text>
              <Text data-testid="task-received">{t.received}</Text>
            </View>
            <View className="row">
              <Text>待入库</Text>
              <Text data-testid="task-remaining">{remainingQty(t)}</Text>
            </View>
          </View>
          <View className="card" data-testid="task-needs">
            <View className="title">用料（已发）</View>
            {t.issued.length === 0 ? <View className="muted">尚未发料</View> : null}
            {t.issued.map((n) => (
              <View key={n.item} className="list-item row" data-testid={`need-${n.item}`}>
                <Text>{n.item}</Text>
                <Text data-testid={`need-${n.item}-issued`}>{n.qty}</Text>
              </View>
            ))}
          </View>
          {data.reports.length ? (
            <View className="card" data-testid="task-reports">
              <View className="title">报工记录</View>
              {data.reports.map((r) => (
                <View key={r.no} className="list-item" data-testid={`report-${r.no}`}>
                  {r.date} · {r.worker} · 良品 {r.good} · 报废 {r.scrap} · 工时 {r.hours}
                  {r.reversedBy ? '（已冲销）' : ''}
                </View>
              ))}
            </View>
          ) : null}
          <View className="btn-row">
            {may(CLERKS) ? (
              <Button className="btn" data-testid="task-pick" onClick={() => goTo('pick', { no })}>
                领料
              </Button>
            ) : null}
            {may(CLERKS) ? (
              <Button
                className="btn"
                data-testid="task-return"
                onClick={() => goTo('taskReturn', { no })}
              >
                退料
              </Button>
            ) : null}
            {may(CLERKS) ? (
              <Button
                className="btn"
                data-testid="task-supplementary"
                onClick={() => goTo('supplementary', { no })}
              >
                补料
              </Button>
            ) : null}
            {may(REPORTERS) ? (
              <Button
                className="btn"
                data-testid="task-report"
                onClick={() => goTo('workReport', { no })}
              >
                报工
              </Button>
            ) : null}
            {may(CLERKS) ? (
              <Button
                className="btn btn-primary"
                data-testid="task-receipt"
                onClick={() => goTo('productionReceipt', { no })}
              >
                入库
              </Button>
            ) : null}
          </View>
        </>
      ) : null}
    </View>
  );
}
