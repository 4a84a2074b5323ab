import type { WorkReportList } from '@factory/shared';
import { Button, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { taskOrderProgress } from '../../../api/shopfloor';
import { AssigneesCard } from '../../../components/AssigneesCard';
import { ErrorBanner } from '../../../components/Field';
import { groupDigits } from '../../../lib/format';
import { itemName, itemQty, userName } from '../../../lib/labels';
import { unitLabel } from '../../../lib/units';
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
const ASSIGNERS = ['planner', 'supervisor', 'manager', 'admin'];

/**
 * 生产任务单详情: quantities, each component's required / issued / still to issue, reported good
 * and scrap, received; the next steps. Items by name with code, quantities with units.
 */
export default function TaskOrderPage() {
  const no = usePageParams().no ?? '';
  const [data, setData] = useState<WorkReportList>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    try {
      const d = await taskOrderProgress(no);
      setData(d);
      rememberTaskOrder(d.taskOrder, d.labels?.items[d.taskOrder.item]);
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
  const labels = data?.labels;
  const q = (qty: string) => (t ? itemQty(t.item, qty, labels) : qty);
  const unitOf = (item: string) => unitLabel(labels?.items[item]?.unit);
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
            <View data-testid="task-item">
              <Text>{itemName(t.item, labels)}</Text>
              <Text className="muted"> {t.item}</Text>
              <View>计划 {q(t.qty)}</View>
            </View>
          </View>
          <AssigneesCard no={t.no} mayAssign={may(ASSIGNERS)} />
          <View className="card" data-testid="task-progress">
            <View className="title">进度</View>
            <View className="row">
              <Text>已报良品</Text>
              <Text data-testid="task-good">{q(t.reportedGood)}</Text>
            </View>
            <View className="row">
              <Text>已报报废</Text>
              <Text data-testid="task-scrap">{q(t.reportedScrap)}</Text>
            </View>
            <View className="row">
              <Text>已入库</Text>
              <Text data-testid="task-received">{q(t.received)}</Text>
            </View>
            <View className="row">
              <Text>待入库</Text>
              <Text data-testid="task-remaining">{q(remainingQty(t))}</Text>
            </View>
          </View>
          <View className="card" data-testid="task-needs">
            <View className="title">用料</View>
            {data.needs ? (
              data.needs.map((n) => (
                <View key={n.item} className="list-item" data-testid={`need-${n.item}`}>
                  <View className="row">
                    <Text>{itemName(n.item, labels)}</Text>
                    <Text className="muted">{n.item}</Text>
                  </View>
                  <View className="row need-qty">
                    <Text>
                      应发{' '}
                      <Text data-testid={`need-${n.item}-required`}>{groupDigits(n.required)}</Text>{' '}
                      {unitOf(n.item)}
                    </Text>
                    <Text>
                      已发{' '}
                      <Text data-testid={`need-${n.item}-issued`}>{groupDigits(n.issued)}</Text>{' '}
                      {unitOf(n.item)}
                    </Text>
                    <Text className={n.open === '0' ? '' : 'need-open'}>
                      待发 <Text data-testid={`need-${n.item}-open`}>{groupDigits(n.open)}</Text>{' '}
                      {unitOf(n.item)}
                    </Text>
                  </View>
                </View>
              ))
            ) : (
              <>
                {t.issued.length === 0 ? <View className="muted">尚未领料</View> : null}
                {t.issued.map((n) => (
                  <View key={n.item} className="list-item row" data-testid={`need-${n.item}`}>
                    <Text>
                      {itemName(n.item, labels)} <Text className="muted">{n.item}</Text>
                    </Text>
                    <Text>
                      已发 <Text data-testid={`need-${n.item}-issued`}>{groupDigits(n.qty)}</Text>{' '}
                      {unitOf(n.item)}
                    </Text>
                  </View>
                ))}
              </>
            )}
          </View>
          {data.reports.length ? (
            <View className="card" data-testid="task-reports">
              <View className="title">报工记录</View>
              {data.reports.map((r) => (
                <View key={r.no} className="list-item" data-testid={`report-${r.no}`}>
                  {r.date} · {userName(r.worker, labels)} · 良品 {q(r.good)} · 报废 {q(r.scrap)} ·
                  工时 {r.hours} 小时
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
