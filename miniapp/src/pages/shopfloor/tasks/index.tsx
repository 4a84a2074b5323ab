import type { TaskOrderView } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { assignableWorkers, listTaskOrders, taskOrderProgress } from '../../../api/shopfloor';
import { ErrorBanner } from '../../../components/Field';
import { qtyWithUnit } from '../../../lib/format';
import { itemName, itemQty, userName } from '../../../lib/labels';
import {
  canMerge,
  recentTaskOrders,
  taskStateLabel,
  toggleMerge,
  type RecentTaskOrder,
} from '../../../lib/taskOrders';
import { goTo, usePageParams, usePageShow, type PageName } from '../../../platform/nav';
import { canScan, scanBarcode } from '../../../platform/scan';
import { getSession } from '../../../platform/session';

const NEXT: Record<string, PageName> = { pick: 'pick', workReport: 'workReport' };

const OPEN_STATES = new Set(['planned', 'released', 'inProgress']);
const PICKERS = ['warehouse', 'supervisor', 'admin'];
/** Who may assign task orders, and so filter the list by worker (the API's TASK_ORDER_EDITORS). */
const ASSIGNERS = ['planner', 'supervisor', 'manager', 'admin'];

/**
 * 生产任务单: the open task orders by priority and due date (as the server orders them), a
 * task order opened by its number (typed, or scanned from the order's sheet), and the ones
 * opened on this phone lately. Clerks can choose several orders for 合并拣货 (merged picking;
 * opened with mode=merge from the home tile).
 */
export default function TaskOrdersPage() {
  const params = usePageParams();
  const next = NEXT[params.next ?? ''] ?? 'taskOrder';
  const [no, setNo] = useState('');
  const [recent, setRecent] = useState<RecentTaskOrder[]>([]);
  const [orders, setOrders] = useState<TaskOrderView[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const mayPick = (getSession()?.roles ?? []).some((r: string) => PICKERS.includes(r));
  const [merging, setMerging] = useState(params.mode === 'merge');
  const [chosen, setChosen] = useState<string[]>([]);
  const roles: string[] = getSession()?.roles ?? [];
  const mayAssign = roles.some((r) => ASSIGNERS.includes(r));
  /** A worker's own list: the server sends only theirs and the unassigned ones. */
  const ownList = roles.includes('worker') && !roles.some((r) => r !== 'worker');
  const [workers, setWorkers] = useState<{ userid: string; name: string }[]>([]);
  const [assignee, setAssignee] = useState<string>();

  const reload = (who: string | undefined) =>
    listTaskOrders(50, who)
      .then((page) => setOrders(page.items.filter((o) => OPEN_STATES.has(o.status))))
      .catch((err: Error) => setError(err.message));

  usePageShow(() => {
    setRecent(recentTaskOrders());
    void reload(assignee);
    if (mayAssign) {
      assignableWorkers()
        .then((w) => setWorkers(w.items))
        .catch(() => setWorkers([]));
    }
  });

  const filterBy = (who: string | undefined) => {
    setAssignee(who);
    setOrders(undefined);
    void reload(who);
  };

  const open = async (value: string) => {
    const code = value.trim();
    if (!code) return setError('请输入生产任务单号');
    setBusy(true);
    setError(undefined);
    try {
      await taskOrderProgress(code);
      goTo(next, { no: code });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page" data-testid="task-orders-page">
      <View className="card">
        <View className="label">生产任务单号</View>
        <View className="row">
          <Input
            className="input"
            data-testid="task-order-no"
            placeholder="输入或扫描生产任务单号"
            value={no}
            onInput={(e) => setNo(e.detail.value)}
            onConfirm={() => void open(no)}
          />
        </View>
        <View className="btn-row">
          {canScan() ? (
            <Button
              className="btn"
              data-testid="task-order-scan"
              onClick={() => void scanBarcode().then((v) => (v ? open(v) : undefined))}
            >
              扫码
            </Button>
          ) : null}
          <Button
            className="btn btn-primary"
            data-testid="task-order-open"
            disabled={busy}
            onClick={() => void open(no)}
          >
            打开
          </Button>
        </View>
      </View>
      <ErrorBanner messages={error ? [error] : []} />
      <View className="card" data-testid="task-orders-open">
        <View className="row">
          <View className="title">
            {ownList ? '我的生产任务单' : '待办生产任务单'}（按优先级、交期）
          </View>
          {mayPick ? (
            <View
              className="tag chip"
              data-testid="merge-toggle"
              onClick={() => {
                setMerging(!merging);
                setChosen([]);
              }}
            >
              {merging ? '取消合并' : '合并拣货'}
            </View>
          ) : null}
        </View>
        {ownList ? (
          <View className="muted" data-testid="task-orders-mine">
            指派给我的，以及尚未指派的生产任务单
          </View>
        ) : null}
        {mayAssign && workers.length ? (
          <View className="row" data-testid="assignee-filter">
            <View
              className={`tag chip${assignee ? '' : ' tab-active'}`}
              data-testid="assignee-filter-all"
              onClick={() => filterBy(undefined)}
            >
              全部
            </View>
            {workers.map((w) => (
              <View
                key={w.userid}
                className={`tag chip${assignee === w.userid ? ' tab-active' : ''}`}
                data-testid={`assignee-filter-${w.userid}`}
                onClick={() => filterBy(w.userid)}
              >
                {w.name}
              </View>
            ))}
          </View>
        ) : null}
        {merging ? (
          <View className="muted" data-testid="merge-hint">
            点选要一起拣货的生产任务单（已下达或生产中，至少 2 张）
          </View>
        ) : null}
        {orders === undefined ? <View className="muted">加载中…</View> : null}
        {orders?.length === 0 ? <View className="muted">暂无未完工的生产任务单</View> : null}
        {(orders ?? []).map((o) => (
          <View
            key={o.no}
            className={`list-item row${chosen.includes(o.no) ? ' tab-active' : ''}`}
            data-testid={`task-list-${o.no}`}
            onClick={() =>
              merging
                ? canMerge(o.status) && setChosen((c) => toggleMerge(c, o.no))
                : goTo(next, { no: o.no })
            }
          >
            <View>
              <View>
                {merging ? (canMerge(o.status) ? (chosen.includes(o.no) ? '☑ ' : '☐ ') : '— ') : ''}
                {o.no} · 优先级 {o.priority}
              </View>
              <View>
                {itemName(o.item, o.labels)} <Text className="muted">{o.item}</Text>
              </View>
              <View className="muted">
                {itemQty(o.item, o.qty, o.labels)} · 交期 {o.dueDate}
              </View>
              <View className="muted" data-testid={`task-list-${o.no}-assignees`}>
                负责人：
                {o.assignees?.length
                  ? o.assignees.map((u) => userName(u, o.labels)).join('、')
                  : '未指派'}
              </View>
            </View>
            <View className="tag">{taskStateLabel(o.status)}</View>
          </View>
        ))}
        {merging ? (
          <View>
            {chosen.length < 2 ? (
              <View className="banner-warn" data-testid="merge-reason">
                {chosen.length === 0
                  ? '还没有选择生产任务单：请点选至少 2 张再开始合并拣货'
                  : '再选 1 张生产任务单才能合并拣货（至少 2 张）'}
              </View>
            ) : null}
            <Button
              className="btn btn-primary"
              data-testid="merge-start"
              disabled={chosen.length < 2}
              onClick={() => chosen.length >= 2 && goTo('mergedPick', { orders: chosen.join(',') })}
            >
              合并拣货（已选 {chosen.length} 张）
            </Button>
          </View>
        ) : null}
      </View>
      <View className="card" data-testid="task-orders-recent">
        <View className="title">最近打开</View>
        {recent.length === 0 ? <View className="muted">暂无</View> : null}
        {recent.map((r) => (
          <View
            key={r.no}
            className="list-item row"
            data-testid={`task-row-${r.no}`}
            onClick={() => goTo(next, { no: r.no })}
          >
            <View>
              <View>{r.no}</View>
              <View>
                {r.itemName ?? r.item} <Text className="muted">{r.item}</Text>
              </View>
              <View className="muted">{qtyWithUnit(r.qty, r.unit)}</View>
            </View>
            <View className="tag">{taskStateLabel(r.status)}</View>
          </View>
        ))}
      </View>
    </View>
  );
}
